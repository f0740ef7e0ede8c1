/* test_playbook_text.c - the playbook's text as a manager reads and writes it over the API
 * (io/playbook_text.h): every URL's password masked, and put back from the text in force when
 * an edit returns it masked; a masked password with no URL to take it from is refused at its
 * line. One table of cases: the text in force, the manager's text, what is stored. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "io/playbook_text.h"

#include "unit.h"

struct text_case {
	const char *name;
	const char *current; /* the text in force */
	const char *shown;   /* what playbook_text_mask shows of it */
	const char *sent;    /* the manager's text */
	const char *stored;  /* what playbook_text_unmask makes of it; NULL: refused */
	int line;            /* the refusal's line */
};

#define HOOK "escalation:\n  webhook: {url: \"https://ops:hunter2@hooks.example/b?x=1\", secret_env: S}\n"
#define HOOK_MASKED "escalation:\n  webhook: {url: \"https://ops:***@hooks.example/b?x=1\", secret_env: S}\n"

static const struct text_case cases[] = {
	{"test_a_text_without_a_password_is_shown_and_stored_as_it_is", "org: {name: X}\nurl: https://h.example/a\n",
	 "org: {name: X}\nurl: https://h.example/a\n", "org: {name: Y}\nurl: https://h.example/a\n",
	 "org: {name: Y}\nurl: https://h.example/a\n", 0},
	{"test_a_password_is_masked_and_an_edit_keeps_it", "org: {name: X}\n" HOOK, "org: {name: X}\n" HOOK_MASKED,
	 "org: {name: Y}\n" HOOK_MASKED, "org: {name: Y}\n" HOOK, 0},
	{"test_a_new_password_typed_by_the_manager_is_stored", "org: {name: X}\n" HOOK, "org: {name: X}\n" HOOK_MASKED,
	 "org: {name: X}\n" "escalation:\n  webhook: {url: \"https://ops:new@hooks.example/b?x=1\"}\n",
	 "org: {name: X}\n" "escalation:\n  webhook: {url: \"https://ops:new@hooks.example/b?x=1\"}\n", 0},
	{"test_a_user_without_a_password_is_not_masked", "smtp_url: smtp://baton@mail.example:25\n",
	 "smtp_url: smtp://baton@mail.example:25\n", "smtp_url: smtp://baton@mail.example:25\n",
	 "smtp_url: smtp://baton@mail.example:25\n", 0},
	{"test_an_at_sign_in_the_path_is_not_a_password", "u: https://h.example/a:b@c\n", "u: https://h.example/a:b@c\n",
	 "u: https://h.example/a:b@c\n", "u: https://h.example/a:b@c\n", 0},
	{"test_two_urls_each_get_their_own_password",
	 "a: smtp://u:one@mail.example\nb: 'https://v:two@hooks.example/x'\n",
	 "a: smtp://u:***@mail.example\nb: 'https://v:***@hooks.example/x'\n",
	 "b: 'https://v:***@hooks.example/x'\na: smtp://u:***@mail.example\n",
	 "b: 'https://v:two@hooks.example/x'\na: smtp://u:one@mail.example\n", 0},
	{"test_a_masked_password_of_another_url_is_refused_at_its_line", "org: {name: X}\n" HOOK,
	 "org: {name: X}\n" HOOK_MASKED,
	 "org: {name: X}\n" "escalation:\n  webhook: {url: \"https://ops:***@elsewhere.example/b?x=1\"}\n", NULL, 3},
};

static void run_case(void **state)
{
	const struct text_case *c = *state;
	struct bt_error err;
	char *shown = playbook_text_mask(c->current), *stored = (char *)"untouched";

	assert_string_equal(shown, c->shown);
	bt_error_clear(&err);
	if (c->stored) {
		assert_int_equal(playbook_text_unmask(c->sent, c->current, &stored, &err), 0);
		assert_string_equal(stored, c->stored);
		free(stored);
	} else {
		assert_int_equal(playbook_text_unmask(c->sent, c->current, &stored, &err), -BT_BAD_INPUT);
		assert_null(stored);
		assert_int_equal(err.line, c->line);
		assert_non_null(strstr(err.message, "masked"));
	}
	free(shown);
}

UNIT_TABLE_MAIN("playbook_text", cases, run_case, NULL, NULL)
