/* test_history.c - a team's history comes in as history (src/core/history.c, SPEC 8.8): the
 * stage a CRM's values map to (the playbook's import.stages, then HubSpot's Lifecycle Stage
 * with Lead Status "Unqualified", then Salesforce's Lead Status; an unknown value at inquiry
 * and named), CRM dates in the org's zone, owners matched by name, email or full name, and
 * the rule that an imported lead's speed-to-lead obligation opens only while its window still
 * runs at import time, in business time when the rule counts it. Tables of cases. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/history.h"
#include "core/sla.h"
#include "util/arena.h"

#include "unit.h"

enum pb_variant { PB_DEFAULT, PB_MAPPED, PB_CSM, PB_VARIANT_COUNT };

static const char *const pb_texts[PB_VARIANT_COUNT] = {
	[PB_DEFAULT] = NULL,
	[PB_MAPPED] = "org: {name: X, timezone: Europe/Paris}\n"
		      "sla:\n  speed_to_lead: {first_touch_within: 5m, business_time: false}\n"
		      "import:\n  stages: {\"Demo Booked\": sql, \"Closed - Lost\": lost, lead: mql}\n",
	[PB_CSM] = "org: {name: X, timezone: Europe/Paris}\n"
		   "sla:\n  renewal_review: {before: 90d}\n  health_check: {every: 30d}\n",
};
static struct playbook *pbs[PB_VARIANT_COUNT];

/* ---------------------------------------------------------------- stages */

struct stage_case {
	const char *name;
	enum pb_variant pb;
	const char *lifecycle, *lead_status, *status;
	enum stage want;
	const char *unmapped; /* the value named as unknown, NULL none */
};

static const struct stage_case stage_cases[] = {
	{"test_hubspot_subscriber_is_an_inquiry", PB_DEFAULT, "subscriber", NULL, NULL, STAGE_INQUIRY, NULL},
	{"test_hubspot_display_names_map_like_internal_ones", PB_DEFAULT, "Marketing Qualified Lead", NULL, NULL,
	 STAGE_MQL, NULL},
	{"test_hubspot_mql", PB_DEFAULT, "marketingqualifiedlead", NULL, NULL, STAGE_MQL, NULL},
	{"test_hubspot_sql_is_working", PB_DEFAULT, "salesqualifiedlead", NULL, NULL, STAGE_WORKING, NULL},
	{"test_hubspot_opportunity_is_sql", PB_DEFAULT, "opportunity", NULL, NULL, STAGE_SQL, NULL},
	{"test_hubspot_customer_is_live", PB_DEFAULT, "Customer", NULL, NULL, STAGE_LIVE, NULL},
	{"test_hubspot_evangelist_is_live", PB_DEFAULT, "evangelist", NULL, NULL, STAGE_LIVE, NULL},
	{"test_hubspot_other_is_an_inquiry", PB_DEFAULT, "other", NULL, NULL, STAGE_INQUIRY, NULL},
	{"test_hubspot_unqualified_lead_is_disqualified", PB_DEFAULT, "lead", "Unqualified", NULL, STAGE_DISQUALIFIED,
	 NULL},
	{"test_hubspot_unqualified_subscriber_is_disqualified", PB_DEFAULT, "subscriber", "UNQUALIFIED", NULL,
	 STAGE_DISQUALIFIED, NULL},
	{"test_hubspot_unqualified_customer_stays_live", PB_DEFAULT, "customer", "Unqualified", NULL, STAGE_LIVE, NULL},
	{"test_salesforce_open_not_contacted_is_mql", PB_DEFAULT, NULL, "Open - Not Contacted", NULL, STAGE_MQL, NULL},
	{"test_salesforce_working_contacted_is_working", PB_DEFAULT, NULL, "Working - Contacted", NULL, STAGE_WORKING,
	 NULL},
	{"test_salesforce_closed_converted_is_sql", PB_DEFAULT, NULL, "Closed - Converted", NULL, STAGE_SQL, NULL},
	{"test_salesforce_closed_not_converted_is_disqualified", PB_DEFAULT, NULL, "Closed - Not Converted", NULL,
	 STAGE_DISQUALIFIED, NULL},
	{"test_salesforce_report_status_column", PB_DEFAULT, NULL, NULL, "Working - Contacted", STAGE_WORKING, NULL},
	{"test_salesforce_opportunity_closed_won_is_won", PB_DEFAULT, NULL, NULL, "Closed Won", STAGE_WON, NULL},
	{"test_salesforce_opportunity_closed_lost_is_lost", PB_DEFAULT, NULL, NULL, "Closed Lost", STAGE_LOST, NULL},
	{"test_unknown_value_imports_at_inquiry_and_is_named", PB_DEFAULT, "Demo Booked", NULL, NULL, STAGE_INQUIRY,
	 "Demo Booked"},
	{"test_hubspot_lead_status_alone_is_not_salesforce", PB_DEFAULT, NULL, "Attempted to contact", NULL,
	 STAGE_INQUIRY, "Attempted to contact"},
	{"test_no_stage_value_is_an_inquiry", PB_DEFAULT, NULL, NULL, NULL, STAGE_INQUIRY, NULL},
	{"test_playbook_map_knows_a_custom_value", PB_MAPPED, "demo booked", NULL, NULL, STAGE_SQL, NULL},
	{"test_playbook_map_knows_a_salesforce_custom_status", PB_MAPPED, NULL, "Closed - Lost", NULL, STAGE_LOST,
	 NULL},
	{"test_playbook_map_comes_before_the_defaults", PB_MAPPED, "lead", NULL, NULL, STAGE_MQL, NULL},
};

static void run_stage_case(void **state)
{
	const struct stage_case *c = *state;
	struct history_row h = {0};
	const char *unmapped = "x";

	h.lifecycle = c->lifecycle;
	h.lead_status = c->lead_status;
	h.status = c->status;
	assert_string_equal(stage_name(history_stage(pbs[c->pb], &h, &unmapped)), stage_name(c->want));
	if (c->unmapped)
		assert_string_equal(unmapped, c->unmapped);
	else
		assert_null(unmapped);
}

/* ---------------------------------------------------------------- dates and owners */

struct time_case {
	const char *name;
	const char *text;
	const char *want; /* RFC 3339 UTC, NULL: refused */
};

static const struct time_case time_cases[] = {
	{"test_hubspot_date_is_in_the_org_zone", "2025-03-01 10:00", "2025-03-01T09:00:00Z"},
	{"test_summer_date_is_in_the_org_zone", "2025-07-01 10:00:30", "2025-07-01T08:00:30Z"},
	{"test_date_alone_is_midnight_in_the_org_zone", "2025-03-01", "2025-02-28T23:00:00Z"},
	{"test_an_offset_is_kept", "2025-03-01T10:00:00+02:00", "2025-03-01T08:00:00Z"},
	{"test_z_is_utc", "2025-03-01T10:00:00.123Z", "2025-03-01T10:00:00Z"},
	{"test_salesforce_us_date", "11/2/2025", "2025-11-01T23:00:00Z"},
	{"test_salesforce_us_date_time_pm", "11/2/2025 1:05 PM", "2025-11-02T12:05:00Z"},
	{"test_salesforce_twelve_am_is_midnight", "11/2/2025 12:00 AM", "2025-11-01T23:00:00Z"},
	{"test_word_is_refused", "yesterday", NULL},
	{"test_month_13_is_refused", "2025-13-01", NULL},
	{"test_february_30_is_refused", "2025-02-30", NULL},
	{"test_trailing_text_is_refused", "2025-03-01 10:00 soon", NULL},
};

static void run_time_case(void **state)
{
	const struct time_case *c = *state;
	int64_t got = 0;
	int rc = history_parse_time(c->text, "Europe/Paris", &got);

	if (!c->want) {
		assert_int_equal(rc, -1);
		return;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(got, unit_at(c->want));
}

struct owner_case {
	const char *name;
	const char *raw;
	const char *want; /* NULL: no rep */
};

static const struct owner_case owner_cases[] = {
	{"test_owner_by_name", "bob", "bob"},
	{"test_owner_by_name_any_case_and_spaces", "  BOB ", "bob"},
	{"test_owner_by_email", "Ada@Example.com", "ada"},
	{"test_owner_by_full_name", "ada lovelace", "ada"},
	{"test_unknown_owner", "Zed Unknown", NULL},
	{"test_blank_owner", "  ", NULL},
};

static void run_owner_case(void **state)
{
	const struct owner_case *c = *state;
	struct rep reps[2] = {unit_rep(1, "ada", ROLE_MRR), unit_rep(2, "bob", ROLE_MRR)};
	const char *got;

	reps[0].email = "ada@example.com";
	reps[0].full_name = "Ada Lovelace";
	got = history_owner(reps, 2, c->raw);
	if (c->want)
		assert_string_equal(got, c->want);
	else
		assert_null(got);
}

/* Fills in, a history row of a new lead l at `stage` by `owner` created at `created`, imported by
 * "import", its columns raw all empty. */
static void history_row_init(struct history_in *in, struct lead *l, struct history_row *raw, enum stage stage,
			     const char *owner, const char *created)
{
	lead_init(l);
	l->email = "x@corp.example";
	memset(in, 0, sizeof(*in));
	in->lead = l;
	in->raw = raw;
	in->stage = stage;
	in->owner = owner;
	in->created_at = unit_at(created);
	in->actor = "import";
}

/* ---------------------------------------------------------------- the window still running */

struct window_case {
	const char *name;
	enum pb_variant pb;
	enum stage stage;
	const char *owner;
	const char *created, *now;
	size_t obligations; /* opened */
	const char *due;    /* of the speed-to-lead one, when opened */
};

static const struct window_case window_cases[] = {
	{"test_last_years_mql_opens_nothing", PB_MAPPED, STAGE_MQL, "ada", "2025-03-01T09:00:00Z",
	 "2026-11-23T09:00:00Z", 0, NULL},
	{"test_mql_from_two_minutes_ago_opens_its_window", PB_MAPPED, STAGE_MQL, "ada", "2026-11-23T08:58:00Z",
	 "2026-11-23T09:00:00Z", 1, "2026-11-23T09:03:00Z"},
	{"test_mql_whose_window_just_ended_opens_nothing", PB_MAPPED, STAGE_MQL, "ada", "2026-11-23T08:55:00Z",
	 "2026-11-23T09:00:00Z", 0, NULL},
	{"test_unowned_recent_mql_waits_for_its_pool", PB_MAPPED, STAGE_MQL, NULL, "2026-11-23T08:58:00Z",
	 "2026-11-23T09:00:00Z", 1, "2026-11-23T09:03:00Z"},
	{"test_recent_working_lead_owes_no_first_touch", PB_MAPPED, STAGE_WORKING, "ada", "2026-11-23T08:58:00Z",
	 "2026-11-23T09:00:00Z", 0, NULL},
	{"test_recent_inquiry_owes_nothing", PB_MAPPED, STAGE_INQUIRY, "ada", "2026-11-23T08:58:00Z",
	 "2026-11-23T09:00:00Z", 0, NULL},
	/* business time: friday 17:58 Paris, imported monday 08:00 Paris: 2 business minutes
	 * used, 3 left from monday 09:00 */
	{"test_business_clock_keeps_a_friday_evening_window_running", PB_DEFAULT, STAGE_MQL, "ada",
	 "2026-11-27T16:58:00Z", "2026-11-30T07:00:00Z", 1, "2026-11-30T08:03:00Z"},
	{"test_business_clock_window_over_on_monday", PB_DEFAULT, STAGE_MQL, "ada", "2026-11-27T16:58:00Z",
	 "2026-11-30T08:10:00Z", 0, NULL},
};

/* history_decide() for in at now into *d, its events applied to *after; the obligations
 * opened. */
static size_t decide_applied(const struct playbook *pb, const struct history_in *in, int64_t now, struct arena *a,
			     struct decision *d, struct lead *after)
{
	size_t i, n = history_decide(pb, in, now, a, d);

	lead_init(after);
	for (i = 0; i < d->n; i++)
		assert_int_equal(lead_apply(after, d->events[i], a), 0);
	return n;
}

static void run_window_case(void **state)
{
	const struct window_case *c = *state;
	struct arena *a = arena_new();
	struct history_row raw = {0};
	struct history_in in = {0};
	struct decision d = {0};
	struct sla_plan plan;
	struct lead l, after;

	history_row_init(&in, &l, &raw, c->stage, c->owner, c->created);
	assert_int_equal(decide_applied(pbs[c->pb], &in, unit_at(c->now), a, &d, &after), c->obligations);
	assert_string_equal(stage_name(after.stage), stage_name(c->stage));
	assert_int_equal(after.created_at, in.created_at);
	/* measured only while its window runs (the reports leave the rest out) */
	assert_int_equal(after.speed_minutes, c->obligations ? -1 : LEAD_SPEED_HISTORY);
	if (c->due) {
		sla_after(pbs[c->pb], NULL, &after, d.events, d.n, NULL, 0, NULL, a, &plan);
		assert_int_equal(plan.nopen, 1);
		assert_int_equal(plan.open[0].due, unit_at(c->due));
		if (c->owner)
			assert_string_equal(plan.open[0].owner, c->owner);
		else
			assert_null(plan.open[0].owner);
	}
	arena_free(&a);
}

/* ---------------------------------------------------------------- a customer's contract */

struct contract_case {
	const char *name;
	enum stage stage;
	int64_t amount;             /* cents */
	const char *closed, *now;   /* NULL closed: no close date */
	const char *renews;         /* the contract's renewal date, NULL: no contract */
	size_t obligations;         /* opened (the lapse timer) */
};

/* PB_MAPPED's org is in Paris: a close date at midnight there renews at midnight there. */
static const struct contract_case contract_cases[] = {
	{"test_live_customer_with_amount_and_close_date_renews_a_year_later", STAGE_LIVE, 1800000,
	 "2025-10-30T23:00:00Z", "2026-09-01T08:00:00Z", "2026-10-30T23:00:00Z", 1},
	{"test_closed_won_from_long_ago_renews_at_the_next_anniversary", STAGE_WON, 960000, "2024-03-14T23:00:00Z",
	 "2026-09-01T08:00:00Z", "2027-03-14T23:00:00Z", 1},
	{"test_anniversary_at_the_import_instant_is_the_next_one", STAGE_LIVE, 100, "2025-09-01T08:00:00Z",
	 "2026-09-01T08:00:00Z", "2027-09-01T08:00:00Z", 1},
	{"test_no_amount_makes_no_contract", STAGE_LIVE, 0, "2025-10-30T23:00:00Z", "2026-09-01T08:00:00Z", NULL, 0},
	{"test_no_close_date_makes_no_contract", STAGE_LIVE, 1800000, NULL, "2026-09-01T08:00:00Z", NULL, 0},
	{"test_lost_deal_makes_no_contract", STAGE_LOST, 1800000, "2025-10-30T23:00:00Z", "2026-09-01T08:00:00Z", NULL,
	 0},
};

static void run_contract_case(void **state)
{
	const struct contract_case *c = *state;
	struct arena *a = arena_new();
	struct history_row raw = {0};
	struct history_in in = {0};
	struct decision d = {0};
	struct lead l, after;

	history_row_init(&in, &l, &raw, c->stage, "ada", "2024-01-01T09:00:00Z");
	in.closed_at = c->closed ? unit_at(c->closed) : 0;
	in.amount = c->amount;
	in.actor = "import";
	assert_int_equal(decide_applied(pbs[PB_MAPPED], &in, unit_at(c->now), a, &d, &after), c->obligations);
	assert_int_equal(after.renews_at, c->renews ? unit_at(c->renews) : 0);
	assert_int_equal(after.term_months, c->renews ? 12 : 0);
	assert_int_equal(after.amount, c->amount);
	arena_free(&a);
}

/* A live customer imported with its contract owes what a live one owes: the renewal review
 * due 90 days before the renewal date (at the import time when past) and the health check of
 * the 30-day period, counted from the close date, running at the import time (PB_CSM, Paris). */
struct customer_case {
	const char *name;
	enum stage stage;
	const char *closed, *now;
	/* the due times of the review and the health check, NULL: not opened */
	const char *review, *health;
};

static const struct customer_case customer_cases[] = {
	/* renews 2026-10-31 00:00 Paris; 2026-08-02 is past; 11 periods of 30 days end 2026-09-26 */
	{"test_imported_live_customer_review_past_is_due_at_the_import", STAGE_LIVE, "2025-10-30T23:00:00Z",
	 "2026-09-01T08:00:00Z", "2026-09-01T08:00:00Z", "2026-09-25T22:00:00Z"},
	/* renews 2027-03-15 00:00 Paris (CET): review 2026-12-15; 6 periods end 2026-09-11 */
	{"test_imported_live_customer_owes_review_and_current_health_check", STAGE_LIVE, "2026-03-14T23:00:00Z",
	 "2026-09-01T08:00:00Z", "2026-12-14T23:00:00Z", "2026-09-10T22:00:00Z"},
	/* a period ending at the import instant is over: the next one is owed */
	{"test_imported_health_period_ending_at_the_import_is_over", STAGE_LIVE, "2026-08-02T08:00:00Z",
	 "2026-09-01T08:00:00Z", "2027-05-04T08:00:00Z", "2026-10-01T08:00:00Z"},
	/* won, not live: only the lapse (the review and health check open at `live`) */
	{"test_imported_won_customer_owes_no_csm_work_until_live", STAGE_WON, "2026-03-14T23:00:00Z",
	 "2026-09-01T08:00:00Z", NULL, NULL},
};

static void run_customer_case(void **state)
{
	const struct customer_case *c = *state;
	struct arena *a = arena_new();
	struct history_row raw = {0};
	struct history_in in = {0};
	struct decision d = {0};
	struct sla_plan plan;
	struct lead l, after;
	int64_t review = 0, health = 0;
	size_t i;

	history_row_init(&in, &l, &raw, c->stage, "ada", "2024-01-01T09:00:00Z");
	in.closed_at = unit_at(c->closed);
	in.amount = 1800000;
	in.actor = "import";
	assert_int_equal(decide_applied(pbs[PB_CSM], &in, unit_at(c->now), a, &d, &after), c->review ? 3 : 1);
	sla_after(pbs[PB_CSM], NULL, &after, d.events, d.n, NULL, 0, NULL, a, &plan);
	for (i = 0; i < plan.nopen; i++) {
		if (plan.open[i].rule == OB_RENEWAL_REVIEW)
			review = plan.open[i].due;
		if (plan.open[i].rule == OB_HEALTH_CHECK)
			health = plan.open[i].due;
	}
	assert_int_equal(review, c->review ? unit_at(c->review) : 0);
	assert_int_equal(health, c->health ? unit_at(c->health) : 0);
	arena_free(&a);
}

/* ---------------------------------------------------------------- main */

static int group_setup(void **state)
{
	return unit_playbooks_load(pbs, pb_texts, PB_VARIANT_COUNT);
}

static int group_teardown(void **state)
{
	unit_playbooks_free(pbs, PB_VARIANT_COUNT);
	return 0;
}

#define COUNT(t) (sizeof(t) / sizeof(t[0]))

int main(void)
{
	struct CMUnitTest tests[COUNT(stage_cases) + COUNT(time_cases) + COUNT(owner_cases) + COUNT(window_cases) +
				COUNT(contract_cases) + COUNT(customer_cases)];
	size_t i, k = 0;

	for (i = 0; i < COUNT(stage_cases); i++)
		tests[k++] = (struct CMUnitTest){stage_cases[i].name, run_stage_case, NULL, NULL,
						 (void *)&stage_cases[i]};
	for (i = 0; i < COUNT(time_cases); i++)
		tests[k++] = (struct CMUnitTest){time_cases[i].name, run_time_case, NULL, NULL, (void *)&time_cases[i]};
	for (i = 0; i < COUNT(owner_cases); i++)
		tests[k++] = (struct CMUnitTest){owner_cases[i].name, run_owner_case, NULL, NULL,
						 (void *)&owner_cases[i]};
	for (i = 0; i < COUNT(window_cases); i++)
		tests[k++] = (struct CMUnitTest){window_cases[i].name, run_window_case, NULL, NULL,
						 (void *)&window_cases[i]};
	for (i = 0; i < COUNT(contract_cases); i++)
		tests[k++] = (struct CMUnitTest){contract_cases[i].name, run_contract_case, NULL, NULL,
						 (void *)&contract_cases[i]};
	for (i = 0; i < COUNT(customer_cases); i++)
		tests[k++] = (struct CMUnitTest){customer_cases[i].name, run_customer_case, NULL, NULL,
						 (void *)&customer_cases[i]};
	return cmocka_run_group_tests_name("history", tests, group_setup, group_teardown);
}
