/* test_playbook_view.c - what each reader of the playbook may see (issue 13.7): the operator's
 * rendering is verbatim, a manager's masks the password of a delivery URL, a rep's leaves the
 * delivery settings out; and the URL masking itself, over libcurl's URL parser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/playbook.h"
#include "io/playbook_json.h"

static const char *const secret_yaml =
	"org: {name: X, timezone: Europe/Paris}\n"
	"escalation:\n"
	"  webhook: {url: \"https://ops:hunter2@hooks.example.com/baton?x=1\", secret_env: HOOK_SECRET}\n";

static struct playbook *load(void)
{
	struct bt_error err;
	struct playbook *pb = playbook_parse(secret_yaml, strlen(secret_yaml), "t.yaml", &err, NULL);

	assert_non_null(pb);
	return pb;
}

static void test_the_operator_sees_the_delivery_settings_verbatim(void **state)
{
	struct playbook *pb = load();
	json_t *j = playbook_to_json(pb);
	json_t *w = json_object_get(json_object_get(j, "escalation"), "webhook");

	assert_string_equal(json_string_value(json_object_get(w, "url")), "https://ops:hunter2@hooks.example.com/baton?x=1");
	assert_string_equal(json_string_value(json_object_get(w, "secret_env")), "HOOK_SECRET");
	json_decref(j);
	playbook_free(&pb);
}

static void test_a_manager_sees_the_url_with_its_password_masked(void **state)
{
	struct playbook *pb = load();
	json_t *j = playbook_to_json_view(pb, PLAYBOOK_VIEW_MANAGER);
	char *text = json_dumps(j, 0);
	json_t *w = json_object_get(json_object_get(j, "escalation"), "webhook");

	assert_string_equal(json_string_value(json_object_get(w, "url")), "https://ops:***@hooks.example.com/baton?x=1");
	assert_null(strstr(text, "hunter2"));
	free(text);
	json_decref(j);
	playbook_free(&pb);
}

static void test_a_rep_sees_no_delivery_settings(void **state)
{
	struct playbook *pb = load();
	json_t *j = playbook_to_json_view(pb, PLAYBOOK_VIEW_REP);
	char *text = json_dumps(j, 0);

	assert_null(json_object_get(j, "escalation"));
	assert_null(strstr(text, "hooks.example.com"));
	assert_null(strstr(text, "HOOK_SECRET"));
	assert_non_null(json_object_get(j, "stages")); /* the shared vocabulary stays */
	free(text);
	json_decref(j);
	playbook_free(&pb);
}

/* SPEC 8.6: the notify: section is delivery settings too: a manager's view masks the SMTP
 * URL's password and the webhook's, a rep's has none of it. */
static void test_the_notify_section_is_masked_for_a_manager_and_left_out_for_a_rep(void **state)
{
	static const char yaml[] =
		"org: {name: X, timezone: Europe/Paris}\n"
		"notify:\n"
		"  channels:\n"
		"    email: {smtp_url: \"smtps://mailer:hunter2@mail.example.com:465\", from: b@example.com}\n"
		"    slack: {webhook_url_env: SLACK_URL}\n"
		"    webhook: {url: \"https://ops:hunter3@hooks.example.com/b\", secret_env: HOOK_SECRET}\n"
		"  on: {assigned: [email, slack]}\n";
	struct bt_error err;
	struct playbook *pb = playbook_parse(yaml, strlen(yaml), "t.yaml", &err, NULL);
	json_t *m, *r;
	char *mt, *rt;

	assert_non_null(pb);
	m = playbook_to_json_view(pb, PLAYBOOK_VIEW_MANAGER);
	r = playbook_to_json_view(pb, PLAYBOOK_VIEW_REP);
	mt = json_dumps(m, 0);
	rt = json_dumps(r, 0);
	assert_non_null(strstr(mt, "smtps://mailer:***@mail.example.com:465"));
	assert_non_null(strstr(mt, "https://ops:***@hooks.example.com/b"));
	assert_null(strstr(mt, "hunter"));
	assert_null(json_object_get(r, "notify"));
	assert_null(strstr(rt, "example.com:465"));
	assert_null(strstr(rt, "SLACK_URL"));
	free(mt);
	free(rt);
	json_decref(m);
	json_decref(r);
	playbook_free(&pb);
}

static void test_mask_url_hides_only_the_password(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"http://127.0.0.1:9000/hook", "http://127.0.0.1:9000/hook"},
		{"https://user:pa%40ss@h.example/p", "https://user:***@h.example/p"},
		{"https://user@h.example/p", "https://user@h.example/p"},
		{"not a url at all", "***"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *m = playbook_mask_url(cases[i].in);

		assert_string_equal(m, cases[i].out);
		free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_operator_sees_the_delivery_settings_verbatim),
		cmocka_unit_test(test_a_manager_sees_the_url_with_its_password_masked),
		cmocka_unit_test(test_a_rep_sees_no_delivery_settings),
		cmocka_unit_test(test_the_notify_section_is_masked_for_a_manager_and_left_out_for_a_rep),
		cmocka_unit_test(test_mask_url_hides_only_the_password),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
