/* test_playbook.c - the playbook reader (src/core/playbook*.c) and its JSON view: the built-in
 * playbook has SPEC section 4's values, sections left out are off, every file under
 * tests/data/playbooks/bad fails at the line and key its first line announces
 * ("# expect: LINE FIELD", "-" for no key), every file under good/ parses, and the JSON view
 * reads back as the same playbook. Data is found under $BATON_TEST_DATA (default tests/data). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/playbook.h"
#include "io/playbook_json.h"
#include "util/strbuf.h"

#include "unit.h"

/* ---------------------------------------------------------------- helpers */

static const char *data_dir(void)
{
	const char *d = getenv("BATON_TEST_DATA");

	return d && *d ? d : "tests/data";
}

/* Reads a whole file; the caller frees it. Fails the test if it cannot. */
static char *read_file(const char *path, size_t *len)
{
	struct strbuf sb;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	strbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of the *.yaml files in data_dir()/sub; returns the count, fills *out. */
static size_t yaml_files(const char *sub, char ***out)
{
	char dir[512];
	char **names = NULL;
	size_t n = 0, cap = 0, len;
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s", data_dir(), sub);
	d = opendir(dir);
	if (!d)
		fail_msg("cannot open %s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
			assert_non_null(names);
		}
		names[n] = malloc(strlen(dir) + len + 2);
		assert_non_null(names[n]);
		snprintf(names[n], strlen(dir) + len + 2, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	*out = names;
	return n;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static struct playbook *parse_str(const char *text, struct bt_error *err)
{
	return playbook_parse(text, strlen(text), "test.yaml", err, NULL);
}

static struct playbook *parse_file(const char *rel, struct bt_error *err)
{
	char path[512];
	size_t len;
	char *text;
	struct playbook *pb;

	snprintf(path, sizeof(path), "%s/%s", data_dir(), rel);
	text = read_file(path, &len);
	pb = playbook_parse(text, len, path, err, NULL);
	free(text);
	return pb;
}

/* The 1-based line of text where needle first appears, 0 if nowhere. */
static int line_of_text(const char *text, const char *needle)
{
	const char *p = strstr(text, needle), *q;
	int line = 1;

	if (!p)
		return 0;
	for (q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

static int64_t day(const char *ymd)
{
	int64_t d = 0;

	assert_int_equal(clock_parse_date(ymd, &d), 0);
	return d;
}

static void assert_list(const struct pb_list *l, const char *const *want)
{
	size_t i;

	for (i = 0; want[i]; i++) {
		assert_true(i < l->n);
		assert_string_equal(l->items[i], want[i]);
	}
	assert_int_equal(l->n, i);
}

/* cmocka 1.1 has no assert_double_equal */
#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

/* A NULL-terminated list of names, for assert_list(). */
#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

#define ORG "org: {name: Example Co, timezone: Europe/Paris}\n"

/* ---------------------------------------------------------------- the built-in playbook */

static void test_default_playbook_has_the_spec_values(void **state)
{
	struct bt_error err;
	struct playbook *pb = playbook_default(&err);
	const char *text = playbook_default_yaml();
	const struct pb_qfield *f;

	assert_non_null(pb);
	assert_int_equal(err.code, BT_OK);
	assert_string_equal(pb->text, text);
	/* org */
	assert_string_equal(pb->org.name, "Example Co");
	assert_string_equal(pb->org.timezone, "Europe/Paris");
	assert_int_equal(pb_hours_days(&pb->org.hours), 0x1f);
	assert_int_equal(pb->org.hours.start[0], 540);
	assert_int_equal(pb->org.hours.end[0], 1080);
	assert_int_equal(pb->org.nholidays, 1);
	assert_int_equal(pb->org.holidays[0], day("2026-12-25"));
	/* stages */
	assert_string_equal(pb->stages[STAGE_INQUIRY].label, "Inquiry");
	assert_string_equal(pb->stages[STAGE_HANDOFF].label, "Meeting Passed");
	assert_string_equal(pb->stages[STAGE_SQL].label, "Sales Qualified Opportunity");
	assert_string_equal(pb->stages[STAGE_SQL].definition, "A real and clear sales opportunity, accepted by an AE.");
	assert_string_equal(pb->stages[STAGE_TARGET].definition,
			    "A person at an outbound target account, not yet contacted.");
	for (int s = 0; s < STAGE_COUNT; s++) {
		assert_true(*pb->stages[s].label);
		assert_true(*pb->stages[s].definition);
		assert_int_equal(pb->stages[s].requires.n, 0);
	}
	/* qualification */
	assert_true(pb->qualification.on);
	assert_int_equal(pb->qualification.nfields, 4);
	f = playbook_qfield(pb, "budget");
	assert_non_null(f);
	assert_string_equal(f->question, "Is budget allocated?");
	assert_false(f->text);
	assert_list(&f->values, LIST("yes", "no", "unknown"));
	f = playbook_qfield(pb, "need");
	assert_non_null(f);
	assert_true(f->text);
	assert_int_equal(f->values.n, 0);
	assert_null(playbook_qfield(pb, "needs"));
	assert_list(&pb->qualification.all, LIST("need"));
	assert_int_equal(pb->qualification.at_least_count, 3);
	assert_list(&pb->qualification.at_least_of, LIST("budget", "authority", "need", "timeline"));
	assert_list(&pb->qualification.notes_require,
		    LIST("direct_phone", "mobile_phone", "summary", "company_changes", "current_systems"));
	/* fit */
	assert_true(pb->fit.on);
	assert_int_equal(pb->fit.nfilters, 2);
	assert_list(&pb->fit.filters[0].segments, LIST("ecommerce", "destination"));
	assert_int_equal(pb->fit.filters[0].employees_below, -1);
	assert_string_equal(pb->fit.filters[0].reason, "not a fit for the product");
	assert_int_equal(pb->fit.filters[0].line, line_of_text(text, "- {segment: [ecommerce"));
	assert_int_equal(pb->fit.filters[1].employees_below, 10);
	assert_int_equal(pb->fit.filters[1].segments.n, 0);
	assert_string_equal(pb->fit.filters[1].reason, "too small");
	assert_int_equal(pb->fit.filters[1].line, line_of_text(text, "- {employees_below: 10"));
	assert_int_equal(pb->fit.model_use, PB_MODEL_AUTO);
	assert_int_equal(pb->fit.min_history, 200);
	assert_near(pb->fit.filter_below, 0.02);
	assert_int_equal(pb->fit.ngrades, 3);
	assert_string_equal(pb->fit.grades[0].name, "A");
	assert_string_equal(pb->fit.grades[1].name, "B");
	assert_string_equal(pb->fit.grades[2].name, "C");
	assert_near(pb->fit.grades[0].min, 0.30);
	assert_near(pb->fit.grades[2].min, 0.0);
	/* routing */
	assert_true(pb->routing.inbound.on);
	assert_int_equal(pb->routing.inbound.role, ROLE_MRR);
	assert_int_equal(pb->routing.inbound.strategy, PB_STRATEGY_ROUND_ROBIN);
	assert_true(pb->routing.inbound.respect_hours);
	assert_true(pb->routing.inbound.respect_capacity);
	assert_true(pb->routing.outbound_on);
	assert_int_equal(pb->routing.outbound_by, PB_OUTBOUND_BY_ACCOUNT);
	assert_true(pb->routing.existing_accounts_owner);
	assert_true(pb->routing.handoff_on);
	assert_int_equal(pb->routing.handoff_to, PB_HANDOFF_POD_AE);
	assert_true(pb->routing.handoff_fallback_on);
	assert_int_equal(pb->routing.handoff_fallback, PB_HANDOFF_TERRITORY_ROUND_ROBIN);
	assert_true(pb->routing.customers.on);
	assert_int_equal(pb->routing.customers.role, ROLE_CSM);
	assert_int_equal(pb->routing.customers.after, STAGE_LIVE);
	assert_int_equal(pb->routing.absence, PB_ABSENCE_REASSIGN_UNTOUCHED); /* SPEC 8.3: the default */
	/* sla */
	assert_true(pb->sla.speed_to_lead.on);
	assert_int_equal(pb->sla.speed_to_lead.channel, CHANNEL_INBOUND);
	assert_int_equal(pb->sla.speed_to_lead.sources.n, 0);
	assert_int_equal(pb->sla.speed_to_lead.within, 5);
	assert_true(pb->sla.speed_to_lead.business_time);
	assert_int_equal(pb->sla.speed_to_lead.on_breach, PB_ACT_NOTIFY_MANAGER | PB_ACT_REASSIGN);
	assert_int_equal(pb->sla.nfollow_up, 3);
	assert_string_equal(pb->sla.follow_up[0].grade, "A");
	assert_int_equal(pb->sla.follow_up[0].touches, 6);
	assert_int_equal(pb->sla.follow_up[0].within, 14400);
	assert_string_equal(pb->sla.follow_up[1].grade, "B");
	assert_int_equal(pb->sla.follow_up[1].touches, 4);
	assert_int_equal(pb->sla.follow_up[1].within, 14 * 1440);
	assert_string_equal(pb->sla.follow_up[2].grade, "C");
	assert_int_equal(pb->sla.follow_up[2].touches, 2);
	assert_int_equal(pb->sla.follow_up[2].within, 21 * 1440);
	assert_true(pb->sla.handoff_response.on);
	assert_int_equal(pb->sla.handoff_response.within, 1440);
	assert_true(pb->sla.handoff_response.business_time);
	assert_int_equal(pb->sla.handoff_response.on_breach, PB_ACT_ESCALATE_MANAGER);
	assert_true(pb->sla.notes_review.on);
	assert_true(pb->sla.notes_review.before_meeting);
	assert_int_equal(pb->sla.notes_review.on_breach, PB_ACT_FLAG);
	assert_int_equal(pb->sla.reschedule_notice, 2 * 1440);
	assert_true(pb->sla.no_show.on);
	assert_int_equal(pb->sla.no_show.first, ROLE_AE);
	assert_int_equal(pb->sla.no_show.attempts, 2);
	assert_int_equal(pb->sla.no_show.within, 15);
	assert_int_equal(pb->sla.no_show.then, ROLE_SDR);
	assert_int_equal(pb->sla.tune_out, 3);
	assert_true(pb->sla.marketing.on);
	assert_string_equal(pb->sla.marketing.period, "month");
	assert_near(pb->sla.marketing.mql_to_sql_min, 0.15);
	assert_near(pb->sla.marketing.acceptance_min, 0.70);
	assert_near(pb->sla.marketing.inbound_pipeline_share_min, 0.50);
	/* rejections, tasks, credit, escalation */
	assert_int_equal(pb->nrejections, 5);
	assert_string_equal(pb->rejections[0].code, "not_qualified");
	assert_int_equal(pb->rejections[0].to, STAGE_WORKING);
	assert_int_equal(playbook_rejection(pb, "wrong_person")->to, STAGE_WORKING);
	assert_int_equal(playbook_rejection(pb, "bad_timing")->to, STAGE_NURTURE);
	assert_int_equal(playbook_rejection(pb, "no_budget")->to, STAGE_NURTURE);
	assert_int_equal(playbook_rejection(pb, "duplicate")->to, STAGE_DISQUALIFIED);
	assert_null(playbook_rejection(pb, "rude"));
	assert_true(pb->tasks_on);
	for (int t = 0; t < PB_TASK_COUNT; t++)
		assert_true(pb->task_set[t]);
	assert_int_equal(pb->tasks[PB_TASK_RESCHEDULE_PROSPECT_INITIATED], ROLE_AE);
	assert_int_equal(pb->tasks[PB_TASK_RESCHEDULE_SELLER_INITIATED], ROLE_AE);
	assert_int_equal(pb->tasks[PB_TASK_REENGAGE_STALLED_OPPORTUNITY], ROLE_AE);
	assert_int_equal(pb->tasks[PB_TASK_RESCHEDULE_NO_SHOW], ROLE_SDR);
	assert_int_equal(pb->credit_sdr,
			 PB_CREDIT_MEETING_HELD | PB_CREDIT_SELLER_LATE_CANCEL | PB_CREDIT_SQL_ACCEPTED);
	assert_int_equal(pb->credit_marketing, PB_CREDIT_MQL_TO_SQL);
	assert_int_equal(pb->credit_ae, PB_CREDIT_WON_AMOUNT);
	assert_true(pb->webhook.on);
	assert_string_equal(pb->webhook.url, "http://127.0.0.1:9000/hook");
	assert_string_equal(pb->webhook.secret_env, "BATON_WEBHOOK_SECRET");
	playbook_free(&pb);
	assert_null(pb);
}

static void test_default_yaml_is_the_embedded_text(void **state)
{
	const char *text = playbook_default_yaml();

	assert_non_null(text);
	assert_non_null(strstr(text, "\norg:\n"));
	assert_non_null(strstr(text, "timezone: Europe/Paris"));
	assert_ptr_equal(text, playbook_default_yaml());
}

/* ---------------------------------------------------------------- sections left out */

static void test_minimal_playbook_turns_every_section_off(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str(ORG, &err);

	assert_non_null(pb);
	assert_string_equal(pb->org.name, "Example Co");
	assert_int_equal(pb_hours_days(&pb->org.hours), 0x1f);
	assert_int_equal(pb->org.hours.start[0], 9 * 60);
	assert_int_equal(pb->org.hours.end[0], 18 * 60);
	assert_int_equal(pb->org.nholidays, 0);
	assert_string_equal(pb->stages[STAGE_MQL].label, "Marketing Qualified Lead");
	assert_string_equal(pb->stages[STAGE_DISQUALIFIED].definition, "Will never buy; no further work.");
	assert_false(pb->qualification.on);
	assert_int_equal(pb->qualification.nfields, 0);
	assert_false(pb->fit.on);
	assert_int_equal(pb->fit.model_use, PB_MODEL_OFF);
	assert_int_equal(pb->fit.ngrades, 0);
	assert_null(playbook_grade(pb, 0.9));
	assert_false(pb->routing.inbound.on);
	assert_false(pb->routing.outbound_on);
	assert_false(pb->routing.existing_accounts_owner);
	assert_false(pb->routing.handoff_on);
	assert_false(pb->routing.customers.on);
	assert_false(pb->sla.speed_to_lead.on);
	assert_int_equal(pb->sla.nfollow_up, 0);
	assert_false(pb->sla.handoff_response.on);
	assert_false(pb->sla.notes_review.on);
	assert_int_equal(pb->sla.reschedule_notice, 0);
	assert_false(pb->sla.no_show.on);
	assert_int_equal(pb->sla.tune_out, 0);
	assert_false(pb->sla.marketing.on);
	assert_int_equal(pb->nrejections, 0);
	assert_false(pb->tasks_on);
	assert_int_equal(pb->credit_sdr | pb->credit_marketing | pb->credit_ae, 0);
	assert_false(pb->webhook.on);
	playbook_free(&pb);
}

static void test_stage_left_out_keeps_its_default_label(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str(ORG "stages:\n"
					    "  sql: {label: Opportunity}\n"
					    "  mql: {definition: Scored 50+.}\n",
					&err);

	assert_non_null(pb);
	assert_string_equal(pb->stages[STAGE_SQL].label, "Opportunity");
	assert_string_equal(pb->stages[STAGE_SQL].definition, "A real and clear sales opportunity, accepted by an AE.");
	assert_string_equal(pb->stages[STAGE_MQL].label, "Marketing Qualified Lead");
	assert_string_equal(pb->stages[STAGE_MQL].definition, "Scored 50+.");
	assert_string_equal(pb->stages[STAGE_WON].label, "Closed Won");
	playbook_free(&pb);
}

static void test_section_present_fills_its_defaults(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str(ORG "fit: {model: {}}\n"
					    "sla:\n"
					    "  notes_review: {on_breach: [flag]}\n"
					    "  no_show: {attempts: 1, within: 1h}\n"
					    "  marketing: {acceptance_min: 0.5}\n"
					    "routing: {inbound: {}, customers: {}}\n",
					&err);

	assert_non_null(pb);
	assert_int_equal(pb->fit.model_use, PB_MODEL_AUTO);
	assert_int_equal(pb->fit.min_history, 200);
	assert_true(pb->sla.notes_review.before_meeting);
	assert_int_equal(pb->sla.no_show.first, ROLE_AE);
	assert_int_equal(pb->sla.no_show.then, ROLE_SDR);
	assert_string_equal(pb->sla.marketing.period, "month");
	assert_true(pb->routing.inbound.on);
	assert_int_equal(pb->routing.inbound.role, ROLE_MRR);
	assert_false(pb->routing.inbound.respect_hours);
	assert_int_equal(pb->routing.customers.role, ROLE_CSM);
	assert_int_equal(pb->routing.customers.after, STAGE_LIVE);
	playbook_free(&pb);
}

/* ---------------------------------------------------------------- the good files */

static void test_every_good_playbook_parses(void **state)
{
	char **names;
	size_t n = yaml_files("playbooks/good", &names), i, len;
	struct bt_error err;
	struct playbook *pb;
	char *text;

	assert_true(n >= 3);
	for (i = 0; i < n; i++) {
		text = read_file(names[i], &len);
		pb = playbook_parse(text, len, names[i], &err, NULL);
		if (!pb)
			fail_msg("%s:%d: %s: %s", names[i], err.line, err.field, err.message);
		playbook_free(&pb);
		free(text);
	}
	free_names(names, n);
}

static void test_four_day_week_in_new_york(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_file("playbooks/good/new_york_four_day_week.yaml", &err);

	assert_non_null(pb);
	assert_string_equal(pb->org.timezone, "America/New_York");
	assert_int_equal(pb_hours_days(&pb->org.hours), 0x0f);
	assert_int_equal(pb->org.hours.start[0], 8 * 60);
	assert_int_equal(pb->org.hours.end[0], 18 * 60 + 30);
	assert_int_equal(pb->org.nholidays, 3); /* sorted, the repeated one kept once */
	assert_int_equal(pb->org.holidays[0], day("2026-07-03"));
	assert_int_equal(pb->org.holidays[1], day("2026-11-26"));
	assert_int_equal(pb->org.holidays[2], day("2026-12-25"));
	assert_string_equal(pb->stages[STAGE_SQL].label, "Opportunity");
	assert_string_equal(pb->stages[STAGE_MQL].label, "Marketing Qualified Lead");
	assert_int_equal(pb->routing.inbound.role, ROLE_SDR);
	assert_int_equal(pb->routing.inbound.strategy, PB_STRATEGY_TERRITORY_ROUND_ROBIN);
	assert_true(pb->routing.inbound.respect_hours);
	assert_false(pb->routing.inbound.respect_capacity);
	assert_true(pb->routing.existing_accounts_owner);
	assert_int_equal(pb->routing.handoff_to, PB_HANDOFF_ROUND_ROBIN);
	assert_false(pb->routing.handoff_fallback_on);
	assert_list(&pb->sla.speed_to_lead.sources, LIST("web_form", "phone"));
	assert_int_equal(pb->sla.speed_to_lead.within, 10);
	assert_int_equal(pb->sla.reschedule_notice, 1440);
	assert_int_equal(pb->sla.no_show.attempts, 3);
	assert_int_equal(pb->sla.no_show.within, 120);
	assert_string_equal(pb->sla.marketing.period, "quarter");
	assert_int_equal(playbook_rejection(pb, "not_now")->to, STAGE_NURTURE);
	playbook_free(&pb);
}

static const char *jstr(json_t *j, const char *path);

#define BIT(ch) (1u << PB_CHANNEL_##ch)

/* SPEC 8.6: notify: with every channel; each kind of on: with its channels, a kind left out
 * off, a kind listed with none on (counted as undeliverable), sign_in always on by email. */
static void test_notify_every_channel_and_kind(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_file("playbooks/good/notify_every_channel.yaml", &err);
	const struct pb_notify *n;
	json_t *j;

	assert_non_null(pb);
	n = &pb->notify;
	assert_true(n->on);
	assert_string_equal(n->link_base, "https://baton.example.com"); /* the trailing slash dropped */
	assert_string_equal(n->email.smtp_url, "smtp://127.0.0.1:25");
	assert_string_equal(n->email.from, "baton@example.com");
	assert_string_equal(n->email.password_env, "BATON_SMTP_PASSWORD");
	assert_string_equal(n->slack.webhook_url_env, "BATON_SLACK_WEBHOOK");
	assert_true(pb->webhook.on && n->webhook_here);
	assert_string_equal(pb->webhook.url, "https://hooks.example.com/baton");
	assert_int_equal(n->via[PB_NOTICE_ASSIGNED], BIT(EMAIL) | BIT(SLACK));
	assert_int_equal(n->via[PB_NOTICE_REMINDER], BIT(SLACK));
	assert_int_equal(n->before_due, 2);
	assert_int_equal(n->via[PB_NOTICE_BREACH], BIT(EMAIL) | BIT(SLACK) | BIT(WEBHOOK));
	assert_int_equal(n->via[PB_NOTICE_HANDOFF], BIT(EMAIL));
	assert_int_equal(n->via[PB_NOTICE_UNASSIGNED_LEAD], BIT(EMAIL));
	assert_true(n->kind_on[PB_NOTICE_ABSENCE]);
	assert_int_equal(n->via[PB_NOTICE_ABSENCE], 0);
	assert_false(n->kind_on[PB_NOTICE_TUNE_OUT]);
	assert_true(n->kind_on[PB_NOTICE_SIGN_IN]);
	assert_int_equal(n->via[PB_NOTICE_SIGN_IN], BIT(EMAIL));
	j = playbook_to_json(pb);
	assert_string_equal(jstr(j, "notify.channels.webhook.url"), "https://hooks.example.com/baton");
	assert_string_equal(jstr(j, "notify.on.reminder.before_due"), "2m");
	assert_null(json_object_get(j, "escalation"));
	json_decref(j);
	playbook_free(&pb);
}

/* The old escalation.webhook (the built-in playbook's), or notify.channels.webhook without
 * on:, carries what it carried before and nothing more; with on:, only what on: lists. */
static void test_the_old_webhook_carries_the_kinds_it_carried(void **state)
{
	static const char *const texts[] = {
		NULL,
		ORG "notify: {channels: {webhook: {url: \"https://h.example.com/x\", secret_env: S}}}\n",
		ORG "escalation: {webhook: {url: \"https://h.example.com/x\", secret_env: S}}\n"
		    "notify: {on: {assigned: [webhook]}}\n",
		ORG,
	};
	struct playbook *pbs[4];
	int i, k;

	assert_int_equal(unit_playbooks_load(pbs, texts, 4), 0);
	for (i = 0; i < 2; i++) {
		for (k = 0; k < PB_NOTICE_SIGN_IN; k++) {
			int old = k != PB_NOTICE_ASSIGNED && k != PB_NOTICE_REMINDER;

			assert_int_equal(pbs[i]->notify.kind_on[k], old);
			assert_int_equal(pbs[i]->notify.via[k], old ? BIT(WEBHOOK) : 0);
		}
		assert_true(pbs[i]->notify.kind_on[PB_NOTICE_SIGN_IN]);
		assert_int_equal(pbs[i]->notify.via[PB_NOTICE_SIGN_IN], 0); /* no email channel */
	}
	for (k = 0; k < PB_NOTICE_SIGN_IN; k++) {
		assert_int_equal(pbs[2]->notify.kind_on[k], k == PB_NOTICE_ASSIGNED);
		assert_int_equal(pbs[3]->notify.kind_on[k], 0);
	}
	assert_int_equal(pbs[2]->notify.via[PB_NOTICE_ASSIGNED], BIT(WEBHOOK));
	unit_playbooks_free(pbs, 4);
}

/* SPEC 8.4: hours per weekday, and teams with their own zone, hours and holidays; what a team
 * leaves out is the org's. */
static void test_teams_in_two_zones(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_file("playbooks/good/teams_in_two_zones.yaml", &err);
	const struct pb_team *amer, *apac, *emea;
	json_t *j;
	int start, end;

	assert_non_null(pb);
	/* the org's short friday */
	assert_int_equal(pb_hours_days(&pb->org.hours), 0x1f);
	assert_false(pb_hours_uniform(&pb->org.hours, &start, &end));
	assert_int_equal(pb->org.hours.start[0], 8 * 60);
	assert_int_equal(pb->org.hours.end[3], 17 * 60);
	assert_int_equal(pb->org.hours.end[4], 13 * 60);
	assert_int_equal(pb->org.hours.end[5], 0);
	assert_int_equal(pb->nteams, 3);
	amer = playbook_team(pb, "amer");
	apac = playbook_team(pb, "apac");
	emea = playbook_team(pb, "emea");
	assert_non_null(amer);
	assert_null(playbook_team(pb, "AMER"));
	assert_null(playbook_team(pb, NULL));
	assert_string_equal(amer->cal.timezone, "America/New_York");
	assert_true(amer->has_hours);
	assert_true(pb_hours_uniform(&amer->cal.hours, &start, &end));
	assert_int_equal(start, 9 * 60);
	assert_int_equal(end, 17 * 60);
	assert_true(amer->has_holidays);
	assert_int_equal(amer->cal.nholidays, 2);
	assert_int_equal(amer->cal.holidays[0], day("2026-07-03"));
	assert_string_equal(apac->cal.timezone, "Asia/Singapore");
	assert_false(apac->has_hours);
	assert_false(apac->has_holidays);
	assert_null(emea->cal.timezone);
	assert_true(emea->has_holidays); /* holidays: [] is none, not the org's */
	assert_int_equal(emea->cal.nholidays, 0);
	/* the JSON view writes each form as the playbook may */
	j = playbook_to_json(pb);
	assert_string_equal(jstr(j, "org.business_hours.fri"), "08:00-13:00");
	assert_null(jstr(j, "org.business_hours.sat"));
	assert_string_equal(jstr(j, "teams.amer.timezone"), "America/New_York");
	assert_string_equal(jstr(j, "teams.amer.business_hours.start"), "09:00");
	assert_null(json_object_get(json_object_get(json_object_get(j, "teams"), "apac"), "business_hours"));
	json_decref(j);
	playbook_free(&pb);
}

/* Errors in hours per weekday say which form to use. */
static void test_hours_per_weekday_errors(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str("org:\n  name: X\n  timezone: UTC\n  business_hours: {mon: \"9-17\"}\n", &err);

	assert_null(pb);
	assert_int_equal(err.line, 4);
	assert_string_equal(err.field, "org.business_hours.mon");
	assert_non_null(strstr(err.message, "HH:MM-HH:MM"));
	pb = parse_str("org:\n  name: X\n  timezone: UTC\n  business_hours: {monday: \"09:00-17:00\", fri: "
		       "\"09:00-12:00\"}\n",
		       &err);
	assert_null(pb);
	assert_string_equal(err.field, "org.business_hours.monday");
	assert_non_null(strstr(err.message, "mon, tue, wed, thu, fri, sat, sun"));
	pb = parse_str(ORG "teams: [amer]\n", &err);
	assert_null(pb);
	assert_string_equal(err.field, "teams");
	pb = parse_str(ORG "teams: {amer: {timezone: America/New_York}}\n", &err);
	assert_non_null(pb);
	assert_false(playbook_team(pb, "amer")->has_hours);
	playbook_free(&pb);
}

static void test_title_and_country_filters_and_grades_sorted(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_file("playbooks/good/title_and_country_filters.yaml", &err);

	assert_non_null(pb);
	assert_int_equal(pb->fit.nfilters, 3);
	assert_list(&pb->fit.filters[0].titles, LIST("*student*", "*intern*"));
	assert_int_equal(pb->fit.filters[0].line, 9);
	assert_list(&pb->fit.filters[1].countries, LIST("ru", "by"));
	assert_string_equal(pb->fit.filters[1].reason, "we do not sell there");
	assert_int_equal(pb->fit.filters[1].line, 11);
	assert_int_equal(pb->fit.filters[2].employees_below, 50);
	assert_int_equal(pb->fit.filters[2].line, 13);
	assert_int_equal(pb->fit.model_use, PB_MODEL_ON);
	assert_int_equal(pb->fit.min_history, 0);
	assert_string_equal(pb->fit.grades[0].name, "A");
	assert_string_equal(pb->fit.grades[1].name, "B");
	assert_string_equal(pb->fit.grades[2].name, "C");
	assert_int_equal(pb->credit_sdr, PB_CREDIT_MEETING_HELD);
	assert_int_equal(pb->credit_marketing, 0);
	playbook_free(&pb);
}

static void test_anchor_and_alias_share_one_list(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_file("playbooks/good/anchors_and_aliases.yaml", &err);

	assert_non_null(pb);
	assert_int_equal(pb->sla.speed_to_lead.on_breach, PB_ACT_NOTIFY_MANAGER | PB_ACT_ESCALATE_MANAGER);
	assert_int_equal(pb->sla.handoff_response.on_breach, pb->sla.speed_to_lead.on_breach);
	assert_int_equal(pb->sla.speed_to_lead.channel, -1);
	assert_int_equal(pb->org.hours.end[0], 24 * 60);
	assert_true(pb->tasks_on);
	assert_true(pb->task_set[PB_TASK_RESCHEDULE_NO_SHOW]);
	assert_false(pb->task_set[PB_TASK_RESCHEDULE_SELLER_INITIATED]);
	assert_null(pb->webhook.secret_env);
	playbook_free(&pb);
}

/* Appends to b (size bytes, NUL-terminated) as printf does; fails the test when it is full. */
static void addf(char *b, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void addf(char *b, size_t size, const char *fmt, ...)
{
	size_t n = strlen(b);
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(b + n, size - n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= size - n)
		fail_msg("addf: the buffer is too small");
}

/* A billion laughs in small: each list holds the one before it 10 times, so the values aliases
 * copy grow tenfold a line (11 values, 110, 1,110, 11,110...); libfyaml would copy them all while
 * resolving the document. Refused where the copies pass 10,000 (line 5, the aliases of *c), by
 * the event scan, before any copy (fuzz/regressions/playbook/billion-laughs.yaml is the big one). */
static void test_nested_aliases_are_refused_at_the_line_where_copies_pass_the_budget(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str("org: {name: Acme, timezone: UTC}\n"
					"a: &a [l, l, l, l, l, l, l, l, l, l]\n"
					"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
					"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
					"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
					"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
					&err);

	assert_null(pb);
	assert_int_equal(err.code, BT_BAD_INPUT);
	assert_int_equal(err.line, 5);
	assert_non_null(strstr(err.message, "the alias *c"));
	assert_non_null(strstr(err.message, "more than 10000 values"));
}

/* The budget is on what aliases copy: 99 copies of a 101-value list (9,999) pass the alias
 * check (the playbook is then refused for its unknown keys), 100 (10,100) do not. */
static void test_aliases_may_copy_up_to_10000_values(void **state)
{
	static char text[8192];
	struct bt_error err;
	struct playbook *pb;
	int n, i;

	for (n = 99; n <= 100; n++) {
		text[0] = '\0';
		addf(text, sizeof(text), "org: {name: Acme, timezone: UTC}\nx: &x [");
		for (i = 0; i < 100; i++)
			addf(text, sizeof(text), "%sv", i ? ", " : "");
		addf(text, sizeof(text), "]\ny: [");
		for (i = 0; i < n; i++)
			addf(text, sizeof(text), "%s*x", i ? ", " : "");
		addf(text, sizeof(text), "]\n");
		pb = parse_str(text, &err);
		assert_null(pb);
		if (n == 99) {
			assert_int_equal(err.line, 2);
			assert_non_null(strstr(err.message, "unknown key \"x\""));
		} else {
			assert_int_equal(err.line, 3);
			assert_non_null(strstr(err.message, "the alias *x"));
		}
	}
}

/* At most 100 anchors: the 101st is refused with its line (libfyaml looks every alias up among
 * all the anchors, so their number bounds that work too). */
static void test_more_than_100_anchors_are_refused_with_the_line(void **state)
{
	static char text[8192];
	struct bt_error err;
	struct playbook *pb;
	int i;

	text[0] = '\0';
	addf(text, sizeof(text), "org: {name: Acme, timezone: UTC}\n");
	for (i = 0; i < 101; i++)
		addf(text, sizeof(text), "k%d: &a%d v\n", i, i);
	pb = parse_str(text, &err);
	assert_null(pb);
	assert_int_equal(err.line, 102);
	assert_non_null(strstr(err.message, "more than 100 anchors"));
}

/* ---------------------------------------------------------------- the bad files */

/* Reads "# expect: LINE FIELD" from the first line of text. */
static void expectation(const char *path, const char *text, int *line, char *field, size_t size)
{
	char *end;
	long l;
	const char *p, *nl;

	if (strncmp(text, "# expect: ", 10) != 0)
		fail_msg("%s: the first line must be \"# expect: LINE FIELD\"", path);
	errno = 0;
	l = strtol(text + 10, &end, 10);
	if (end == text + 10 || *end != ' ' || errno || l < 1 || l > 100000)
		fail_msg("%s: bad line number in the expect comment", path);
	*line = (int)l;
	p = end + 1;
	nl = strchr(p, '\n');
	if (!nl || (size_t)(nl - p) >= size)
		fail_msg("%s: bad field in the expect comment", path);
	snprintf(field, size, "%.*s", (int)(nl - p), p);
	if (strcmp(field, "-") == 0)
		field[0] = '\0';
}

static void test_every_bad_playbook_fails_at_the_expected_line_and_key(void **state)
{
	char **names;
	size_t n = yaml_files("playbooks/bad", &names), i, len;
	struct pb_errors all;
	struct bt_error err;
	struct playbook *pb;
	char field[128], *text;
	int line;

	assert_true(n >= 25);
	for (i = 0; i < n; i++) {
		text = read_file(names[i], &len);
		expectation(names[i], text, &line, field, sizeof(field));
		all.n = 0;
		pb = playbook_parse(text, len, names[i], &err, &all);
		if (pb)
			fail_msg("%s: parsed, but should fail at line %d (%s)", names[i], line, field);
		if (err.line != line || strcmp(err.field, field) != 0)
			fail_msg("%s: expected line %d key \"%s\", got line %d key \"%s\": %s", names[i], line, field,
				 err.line, err.field, err.message);
		assert_int_equal(err.code, BT_BAD_INPUT);
		assert_true(strlen(err.message) > 10);
		assert_true(all.n >= 1);
		assert_int_equal(all.items[0].line, err.line);
		assert_string_equal(all.items[0].field, err.field);
		assert_string_equal(all.items[0].message, err.message);
		free(text);
	}
	free_names(names, n);
}

/* ---------------------------------------------------------------- error details */

static void test_unknown_key_is_an_error_with_line(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str(ORG "sla:\n  tune_out: {consecutive_rejections: 3}\n  tuneout: {}\n", &err);

	assert_null(pb);
	assert_int_equal(err.code, BT_BAD_INPUT);
	assert_int_equal(err.line, 4);
	assert_string_equal(err.field, "sla.tuneout");
}

/* fuzz/regressions/playbook: libfyaml 0.7 never returned on "%" and a byte that is not UTF-8 */
static void test_text_that_is_not_utf8_is_refused_with_its_line(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str("%\xff", &err);

	assert_null(pb);
	assert_int_equal(err.code, BT_BAD_INPUT);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "not UTF-8"));
	pb = parse_str(ORG "sla:\n  tune_out: {consecutive_rejections: 3}\n# caf\xe9\n", &err);
	assert_null(pb);
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.message, "not UTF-8"));
}

/* fuzz/regressions/playbook/quote-run-libfyaml-leak.yaml: libfyaml 0.7 reads two '' escapes in
 * a row wrongly and leaks a buffer on four; a run of 4 ' is refused with its line, separate
 * escapes read as YAML says, and \x27 in double quotes still gives the apostrophes */
static void test_a_run_of_four_apostrophes_is_refused_with_its_line(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str("org:\n  name: 'a''''b'\n  timezone: UTC\n", &err);

	assert_null(pb);
	assert_int_equal(err.code, BT_BAD_INPUT);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "4 or more '"));
	pb = parse_str("org: {name: 'it''s ''quoted'' text''', timezone: UTC}\n", &err);
	assert_non_null(pb);
	assert_string_equal(pb->org.name, "it's 'quoted' text'");
	playbook_free(&pb);
	pb = parse_str("org: {name: \"a\\x27\\x27\\x27\\x27b\", timezone: UTC}\n", &err);
	assert_non_null(pb);
	assert_string_equal(pb->org.name, "a''''b");
	playbook_free(&pb);
}

/* fuzz/regressions/playbook/follow-up-null-grade-key.yaml: an empty key under follow_up was
 * compared with the grades as a NULL string */
static void test_follow_up_with_an_empty_key_is_an_error(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str(ORG "fit:\n  grades: {A: 0.3}\nsla:\n  follow_up:\n"
					"    : {touches: 4, within: 14d}\n",
					&err);

	assert_null(pb);
	assert_int_equal(err.code, BT_BAD_INPUT);
	assert_int_equal(err.line, 5);
	assert_string_equal(err.field, "sla.follow_up");
	assert_non_null(strstr(err.message, "a key must be a name"));
}

static void test_unknown_key_message_lists_the_known_keys_and_the_likely_one(void **state)
{
	struct bt_error err;
	struct pb_errors all = {.n = 0};
	const char *text = "org: {name: X, timezon: UTC}\n";
	struct playbook *pb = playbook_parse(text, strlen(text), "x.yaml", &err, &all);

	assert_null(pb);
	assert_string_equal(err.field, "org.timezon");
	assert_non_null(strstr(err.message, "did you mean \"timezone\""));
	assert_non_null(strstr(err.message, "name, timezone, business_hours, holidays"));
	assert_int_equal(all.n, 1); /* the typo is not also reported as a missing timezone */
}

static void test_closed_sets_are_listed_in_the_message(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str(ORG "routing: {inbound: {role: bdr}}\n", &err);

	assert_null(pb);
	assert_string_equal(err.field, "routing.inbound.role");
	assert_non_null(strstr(err.message, "mrr, sdr, ae, csm, manager"));
	pb = parse_str(ORG "sla: {marketing: {period: year}}\n", &err);
	assert_null(pb);
	assert_non_null(strstr(err.message, "week, month, quarter"));
}

static void test_every_error_is_collected_sorted_by_line(void **state)
{
	const char *text = "org:\n"
			   "  name: X\n"
			   "  timezone: Mars/Olympus\n"
			   "sla:\n"
			   "  reschedule_notice: 5x\n"
			   "  tune_out: {consecutive_rejections: 0}\n"
			   "credit: {ae: [meeting_held]}\n";
	struct pb_errors all = {.n = 0};
	struct bt_error err;
	struct playbook *pb = playbook_parse(text, strlen(text), "x.yaml", &err, &all);

	assert_null(pb);
	assert_int_equal(all.n, 4);
	assert_int_equal(all.items[0].line, 3);
	assert_string_equal(all.items[0].field, "org.timezone");
	assert_int_equal(all.items[1].line, 5);
	assert_string_equal(all.items[1].field, "sla.reschedule_notice");
	assert_int_equal(all.items[2].line, 6);
	assert_string_equal(all.items[2].field, "sla.tune_out.consecutive_rejections");
	assert_int_equal(all.items[3].line, 7);
	assert_string_equal(all.items[3].field, "credit.ae[0]");
	assert_int_equal(err.line, 3);
	assert_string_equal(err.field, "org.timezone");
}

static void test_errors_stop_at_the_cap(void **state)
{
	struct strbuf sb;
	struct pb_errors all = {.n = 0};
	struct bt_error err;
	struct playbook *pb;
	int i;

	strbuf_init(&sb);
	strbuf_addstr(&sb, ORG);
	for (i = 0; i < 100; i++)
		strbuf_addf(&sb, "extra_%d: 1\n", i);
	pb = playbook_parse(sb.buf, sb.len, "x.yaml", &err, &all);
	assert_null(pb);
	assert_int_equal(all.n, PB_MAX_ERRORS);
	assert_int_equal(err.line, 2);
	strbuf_release(&sb);
}

static void test_yaml_errors_are_not_printed(void **state)
{
	const char *texts[] = {ORG "sla: {follow_up: *nope}\n", ORG "org: {name: Y}\n", "a: [1, 2\n", "a: \"x\n",
			       "a:\n\tb: 1\n", ""};
	struct bt_error err;
	struct playbook *pb;
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t i;

	assert_non_null(tmp);
	assert_true(saved >= 0);
	fflush(stderr);
	assert_true(dup2(fileno(tmp), 2) >= 0);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		pb = parse_str(texts[i], &err);
		assert_null(pb);
		assert_int_equal(err.code, BT_BAD_INPUT);
		assert_true(err.line >= 1);
		assert_true(*err.message);
	}
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(fseek(tmp, 0, SEEK_END), 0);
	assert_int_equal(ftell(tmp), 0); /* nothing reached stderr */
	fclose(tmp);
}

static void test_duplicate_key_error_names_the_key(void **state)
{
	struct bt_error err;
	struct playbook *pb = parse_str(ORG "sla:\n  tune_out: {consecutive_rejections: 3}\n  tune_out: {}\n", &err);

	assert_null(pb);
	assert_int_equal(err.line, 4);
	assert_string_equal(err.field, "");
	assert_non_null(strstr(err.message, "\"tune_out\" appears twice"));
}

static void test_null_or_empty_text_is_an_error(void **state)
{
	struct bt_error err;

	assert_null(playbook_parse(NULL, 0, "none.yaml", &err, NULL));
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "empty"));
	assert_null(playbook_parse("# just a comment\n", 17, "c.yaml", &err, NULL));
	assert_non_null(strstr(err.message, "empty"));
}

/* ---------------------------------------------------------------- lookups */

static void test_grade_is_the_highest_threshold_reached(void **state)
{
	struct playbook *pb = playbook_default(NULL);

	assert_non_null(pb);
	assert_string_equal(playbook_grade(pb, 0.95), "A");
	assert_string_equal(playbook_grade(pb, 0.30), "A");
	assert_string_equal(playbook_grade(pb, 0.2999), "B");
	assert_string_equal(playbook_grade(pb, 0.10), "B");
	assert_string_equal(playbook_grade(pb, 0.0), "C");
	playbook_free(&pb);
	pb = parse_str(ORG "fit: {grades: {hot: 0.5, warm: 0.2}}\n", NULL);
	assert_non_null(pb);
	assert_string_equal(playbook_grade(pb, 0.3), "warm");
	assert_null(playbook_grade(pb, 0.1)); /* below every threshold: no grade */
	playbook_free(&pb);
}

static void test_task_names_match_the_schema(void **state)
{
	assert_string_equal(pb_task_name(PB_TASK_RESCHEDULE_PROSPECT_INITIATED), "reschedule_prospect_initiated");
	assert_string_equal(pb_task_name(PB_TASK_RESCHEDULE_SELLER_INITIATED), "reschedule_seller_initiated");
	assert_string_equal(pb_task_name(PB_TASK_REENGAGE_STALLED_OPPORTUNITY), "reengage_stalled_opportunity");
	assert_string_equal(pb_task_name(PB_TASK_RESCHEDULE_NO_SHOW), "reschedule_no_show");
	assert_string_equal(pb_task_name(PB_TASK_COUNT), "?");
}

static void test_free_clears_the_pointer_and_accepts_null(void **state)
{
	struct playbook *pb = NULL;

	playbook_free(NULL);
	playbook_free(&pb);
	pb = playbook_default(NULL);
	assert_non_null(pb);
	playbook_free(&pb);
	assert_null(pb);
	assert_null(playbook_qfield(NULL, "x"));
	assert_null(playbook_rejection(NULL, "x"));
	assert_null(playbook_grade(NULL, 0.5));
}

/* ---------------------------------------------------------------- JSON */

/* The string at a dotted path of objects ("sla.follow_up.A.within"), or NULL. */
static const char *jstr(json_t *j, const char *path)
{
	char key[64];
	const char *dot;

	while (j && (dot = strchr(path, '.'))) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		j = json_object_get(j, key);
		path = dot + 1;
	}
	return j ? json_string_value(json_object_get(j, path)) : NULL;
}

static void test_json_writes_units_as_the_yaml_does(void **state)
{
	struct playbook *pb = playbook_default(NULL);
	json_t *j = playbook_to_json(pb), *sql, *hol;

	assert_non_null(j);
	assert_string_equal(jstr(j, "org.timezone"), "Europe/Paris");
	hol = json_object_get(json_object_get(j, "org"), "holidays");
	assert_int_equal(json_array_size(hol), 1);
	assert_string_equal(json_string_value(json_array_get(hol, 0)), "2026-12-25");
	assert_string_equal(jstr(j, "org.business_hours.start"), "09:00");
	assert_string_equal(jstr(j, "org.business_hours.end"), "18:00");
	assert_string_equal(jstr(j, "sla.speed_to_lead.first_touch_within"), "5m");
	assert_string_equal(jstr(j, "sla.follow_up.A.within"), "10d");
	assert_string_equal(jstr(j, "sla.handoff_response.within"), "1d"); /* 24h: the largest exact unit */
	assert_string_equal(jstr(j, "sla.no_show.within"), "15m");
	assert_string_equal(jstr(j, "sla.marketing.period"), "month");
	assert_string_equal(jstr(j, "routing.handoff.fallback"), "territory_round_robin");
	assert_string_equal(jstr(j, "rejections.duplicate"), "disqualified");
	assert_string_equal(jstr(j, "tasks.reschedule_no_show"), "sdr");
	assert_string_equal(jstr(j, "escalation.webhook.url"), "http://127.0.0.1:9000/hook");
	sql = json_object_get(json_object_get(j, "stages"), "sql");
	assert_string_equal(jstr(sql, "label"), "Sales Qualified Opportunity");
	assert_true(json_is_array(json_object_get(sql, "requires")));
	assert_int_equal(json_object_size(json_object_get(j, "stages")), STAGE_COUNT);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "credit"), "sdr")), 3);
	assert_true(json_is_real(json_object_get(json_object_get(json_object_get(j, "fit"), "grades"), "A")));
	json_decref(j);
	playbook_free(&pb);
}

static void test_json_leaves_out_sections_that_are_off(void **state)
{
	struct playbook *pb = parse_str(ORG, NULL);
	json_t *j = playbook_to_json(pb);

	assert_non_null(j);
	assert_int_equal(json_object_size(j), 2); /* org and stages */
	assert_null(json_object_get(j, "sla"));
	assert_null(json_object_get(j, "fit"));
	json_decref(j);
	playbook_free(&pb);
	assert_null(playbook_to_json(NULL));
}

/* The JSON of a playbook, parsed again as a playbook, gives the same JSON. */
static void round_trip(const char *what, struct playbook *pb)
{
	struct bt_error err;
	json_t *j1 = playbook_to_json(pb), *j2;
	char *s = json_dumps(j1, JSON_COMPACT);
	struct playbook *again;

	assert_non_null(s);
	again = playbook_parse(s, strlen(s), "json", &err, NULL);
	if (!again)
		fail_msg("%s: its JSON does not read back: %d: %s: %s\n%s", what, err.line, err.field, err.message, s);
	j2 = playbook_to_json(again);
	if (!json_equal(j1, j2))
		fail_msg("%s: its JSON changed on the round trip\n%s", what, s);
	json_decref(j1);
	json_decref(j2);
	free(s);
	playbook_free(&again);
}

static void test_json_reads_back_as_the_same_playbook(void **state)
{
	char **names;
	size_t n = yaml_files("playbooks/good", &names), i, len;
	struct playbook *pb = playbook_default(NULL);
	char *text;

	round_trip("the built-in playbook", pb);
	playbook_free(&pb);
	for (i = 0; i < n; i++) {
		text = read_file(names[i], &len);
		pb = playbook_parse(text, len, names[i], NULL, NULL);
		assert_non_null(pb);
		round_trip(names[i], pb);
		playbook_free(&pb);
		free(text);
	}
	free_names(names, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_playbook_has_the_spec_values),
		cmocka_unit_test(test_default_yaml_is_the_embedded_text),
		cmocka_unit_test(test_minimal_playbook_turns_every_section_off),
		cmocka_unit_test(test_stage_left_out_keeps_its_default_label),
		cmocka_unit_test(test_section_present_fills_its_defaults),
		cmocka_unit_test(test_every_good_playbook_parses),
		cmocka_unit_test(test_four_day_week_in_new_york),
		cmocka_unit_test(test_teams_in_two_zones),
		cmocka_unit_test(test_notify_every_channel_and_kind),
		cmocka_unit_test(test_the_old_webhook_carries_the_kinds_it_carried),
		cmocka_unit_test(test_hours_per_weekday_errors),
		cmocka_unit_test(test_title_and_country_filters_and_grades_sorted),
		cmocka_unit_test(test_anchor_and_alias_share_one_list),
		cmocka_unit_test(test_nested_aliases_are_refused_at_the_line_where_copies_pass_the_budget),
		cmocka_unit_test(test_aliases_may_copy_up_to_10000_values),
		cmocka_unit_test(test_more_than_100_anchors_are_refused_with_the_line),
		cmocka_unit_test(test_every_bad_playbook_fails_at_the_expected_line_and_key),
		cmocka_unit_test(test_unknown_key_is_an_error_with_line),
		cmocka_unit_test(test_text_that_is_not_utf8_is_refused_with_its_line),
		cmocka_unit_test(test_a_run_of_four_apostrophes_is_refused_with_its_line),
		cmocka_unit_test(test_follow_up_with_an_empty_key_is_an_error),
		cmocka_unit_test(test_unknown_key_message_lists_the_known_keys_and_the_likely_one),
		cmocka_unit_test(test_closed_sets_are_listed_in_the_message),
		cmocka_unit_test(test_every_error_is_collected_sorted_by_line),
		cmocka_unit_test(test_errors_stop_at_the_cap),
		cmocka_unit_test(test_yaml_errors_are_not_printed),
		cmocka_unit_test(test_duplicate_key_error_names_the_key),
		cmocka_unit_test(test_null_or_empty_text_is_an_error),
		cmocka_unit_test(test_grade_is_the_highest_threshold_reached),
		cmocka_unit_test(test_task_names_match_the_schema),
		cmocka_unit_test(test_free_clears_the_pointer_and_accepts_null),
		cmocka_unit_test(test_json_writes_units_as_the_yaml_does),
		cmocka_unit_test(test_json_leaves_out_sections_that_are_off),
		cmocka_unit_test(test_json_reads_back_as_the_same_playbook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
