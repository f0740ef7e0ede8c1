/* test_intake.c - a new lead's intake (intake_decide, src/core/intake.c) as SPEC section 4 says:
 * the fit filter (first rule that matches, with its reason; the account's size and segment
 * fill in), the score and its grade, the routing outcome (the owner of an existing account,
 * an outbound lead to its account's SDR, an inbound lead by round robin, or nobody), a second
 * inquiry of a known email, and the obligations the intake opens (sla_after on its events:
 * speed to lead in business time, follow-up by grade). One table of cases, one runner: the
 * lead, its account, the pool and cursor, the playbook and the clock -> the events, the lead
 * they make, the routing and the obligations. The clock is Europe/Paris, mon-fri
 * 09:00-18:00, 2026-12-25 off; instants are in UTC with their Paris time in a comment. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/intake.h"
#include "core/sla.h"
#include "util/arena.h"

#include "unit.h"

#define MAX_REPS 4
#define MAX_OBS 3

#define MON_1000 "2026-11-23T09:00:00Z" /* monday 10:00 */
#define MON_1005 "2026-11-23T09:05:00Z" /* monday 10:05 */
#define FRI_1758 "2026-11-27T16:58:00Z" /* friday 17:58 */
#define SAT_1000 "2026-11-28T09:00:00Z" /* saturday 10:00 */
#define MON2_0903 "2026-11-30T08:03:00Z" /* the next monday 09:03 */
#define MON2_0905 "2026-11-30T08:05:00Z" /* the next monday 09:05 */
#define XMAS_EVE_1758 "2026-12-24T16:58:00Z" /* thursday 17:58, christmas eve */
#define MON_AFTER_XMAS_0903 "2026-12-28T08:03:00Z" /* monday 09:03 after christmas and the weekend */

/* ---------------------------------------------------------------- the playbooks */

enum pb_variant { PB_DEFAULT, PB_NO_SLA, PB_TERRITORY, PB_NO_ROUTING, PB_NO_FIT, PB_VARIANT_COUNT };

#define ORG "org: {name: Test Co, timezone: Europe/Paris, holidays: [2026-12-25]}\n"
#define FIT "fit:\n  filter:\n    - {segment: [ecommerce], reason: not a fit}\n  grades: {A: 0.30, B: 0.10, C: 0.0}\n"
static const char *const pb_texts[PB_VARIANT_COUNT] = {
	[PB_DEFAULT] = NULL, /* the built-in playbook */
	[PB_NO_SLA] = ORG FIT "routing:\n  inbound: {role: mrr, strategy: round_robin, respect_hours: true}\n",
	[PB_TERRITORY] = ORG FIT "routing:\n  inbound: {role: mrr, strategy: territory_round_robin}\n",
	[PB_NO_ROUTING] = ORG FIT,
	[PB_NO_FIT] = ORG "routing:\n  inbound: {role: mrr}\n",
};

static struct playbook *pbs[PB_VARIANT_COUNT];

/* ---------------------------------------------------------------- accounts and a known lead */

static const struct account acme = {.id = 5, .name = "Acme", .domain = "acme.example", .segment = "saas",
				    .employees = 500, .territory = "FR", .owner = "erin", .owner_active = 1,
				    .sdr = "sam", .sdr_active = 1, .target = 1};
static const struct account acme_owner_gone = {.id = 6, .name = "Acme", .domain = "acme.example", .employees = 500,
					       .owner = "erin", .owner_active = 0};
static const struct account globex = {.id = 7, .name = "Globex", .domain = "globex.example", .employees = 300,
				      .sdr = "sue", .sdr_active = 1, .target = 1};
static const struct account globex_sdr_gone = {.id = 8, .name = "Globex", .domain = "globex.example",
					       .employees = 300, .sdr = "sue", .sdr_active = 0, .target = 1};
static const struct account acme_owner_away = {.id = 6, .name = "Acme", .domain = "acme.example", .employees = 500,
					       .owner = "erin", .owner_active = 1, .owner_away = 1};
static const struct account globex_sdr_away = {.id = 8, .name = "Globex", .domain = "globex.example",
					       .employees = 300, .sdr = "sue", .sdr_active = 1, .sdr_away = 1, .target = 1};
static const struct account tiny = {.id = 9, .name = "Tiny", .domain = "tiny.example", .employees = 5};
static const struct account shop = {.id = 10, .name = "Shop", .domain = "shop.example", .segment = "ECommerce",
				    .employees = -1};

static struct lead known; /* the lead a duplicate email finds, id 42 */

/* ---------------------------------------------------------------- how a case is written */

struct lead_in {
	const char *email;
	const char *title;
	int64_t employees; /* 0: not given */
	const char *source;
	const char *segment;
	const char *country;
	int outbound;
};

struct rep_spec {
	int64_t id; /* 0 ends the list */
	const char *name;
	const char *territories;
	int off_hours; /* works 14:00-22:00 only */
};

struct ob_want {
	enum ob_rule rule;
	const char *owner;
	const char *due; /* NULL ends the list; opened at the intake's time */
	int need;
};
#define OPEN(rule_, owner_, due_, ...) {.rule = (rule_), .owner = (owner_), .due = (due_), __VA_ARGS__}

struct intake_case {
	const char *name;
	enum pb_variant pb;
	struct lead_in lead;
	const struct account *account; /* the account its email domain matched */
	int duplicate;                 /* the email is already known */
	struct rep_spec pool[MAX_REPS];
	int64_t cursor;
	const char *now;
	/* what must come out */
	const char *events;  /* the event types, in order */
	const char *stage;   /* the new lead's stage */
	const char *owner;
	const char *grade;
	int filtered, unassigned;
	int64_t new_cursor;  /* 0: the rotation did not move */
	const char *why;     /* a part of the routing reason, or of the filter's reason */
	struct ob_want opens[MAX_OBS];
	const char *disagrees; /* SPEC DISAGREES: what the code does instead; the case is skipped */
};

#define MRRS {{1, "alice", NULL, 0}, {2, "bob", NULL, 0}, {3, "carol", NULL, 0}}
#define SDRS {{11, "sam", NULL, 0}, {12, "sue", NULL, 0}}

/* ---------------------------------------------------------------- the cases */

static const struct intake_case cases[] = {
	/* ---- inbound: fit, grade, round robin, obligations ---- */
	{.name = "test_inbound_lead_that_fits_becomes_an_mql_of_the_first_mrr",
	 /* rules score 0.05: grade C */
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .source = "web_form"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "alice", .grade = "C", .new_cursor = 1,
	 .why = "round robin over mrr reps: next in rotation",
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", "2026-12-14T09:00:00Z", .need = 2),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_1005)}},
	{.name = "test_inbound_lead_goes_to_the_mrr_after_the_last_one_given_a_lead",
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .source = "web_form"},
	 .pool = MRRS, .cursor = 3, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "alice", .grade = "C", .new_cursor = 1,
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", "2026-12-14T09:00:00Z", .need = 2),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_1005)}},
	{.name = "test_inbound_round_robin_skips_an_mrr_outside_its_hours",
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .source = "web_form"},
	 .pool = {{1, "alice", NULL, 1}, {2, "bob", NULL, 0}}, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "bob", .grade = "C", .new_cursor = 2,
	 .why = "off-hours",
	 .opens = {OPEN(OB_FOLLOW_UP, "bob", "2026-12-14T09:00:00Z", .need = 2), OPEN(OB_SPEED_TO_LEAD, "bob", MON_1005)}},
	{.name = "test_speed_to_lead_of_a_friday_1758_lead_is_due_monday_0903",
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .source = "web_form"},
	 .pool = MRRS, .now = FRI_1758,
	 .events = "created mql assigned", .stage = "mql", .owner = "alice", .grade = "C", .new_cursor = 1,
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", "2026-12-18T16:58:00Z", .need = 2),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON2_0903)}},
	{.name = "test_speed_to_lead_of_a_christmas_eve_lead_skips_the_holiday",
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .source = "web_form"},
	 .pool = MRRS, .now = XMAS_EVE_1758,
	 .events = "created mql assigned", .stage = "mql", .owner = "alice", .grade = "C", .new_cursor = 1,
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", "2027-01-14T16:58:00Z", .need = 2),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_AFTER_XMAS_0903)}},
	{.name = "test_grade_a_lead_owes_six_touches_within_ten_days",
	 /* 0.05 + c-level 0.15 + 1001-5000 employees 0.08 + referral 0.05 = 0.33 */
	 .lead = {.email = "cat@one.example", .title = "CEO", .employees = 2000, .source = "referral"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "alice", .grade = "A", .new_cursor = 1,
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", "2026-12-03T09:00:00Z", .need = 6),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_1005)}},
	{.name = "test_grade_b_lead_owes_four_touches_within_fourteen_days",
	 /* 0.05 + vp 0.12 = 0.17 */
	 .lead = {.email = "vic@one.example", .title = "VP Sales", .employees = 40, .source = "web_form"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "alice", .grade = "B", .new_cursor = 1,
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", "2026-12-07T09:00:00Z", .need = 4),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_1005)}},

	/* ---- the fit filter ---- */
	{.name = "test_segment_filter_keeps_a_lead_out_with_its_reason",
	 .lead = {.email = "sal@shop.example", .employees = 40, .segment = "Ecommerce", .source = "web_form"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created filtered", .stage = "filtered", .filtered = 1, .why = "not a fit for the product"},
	{.name = "test_size_filter_keeps_a_small_company_out",
	 .lead = {.email = "sal@one.example", .employees = 5, .source = "web_form"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created filtered", .stage = "filtered", .filtered = 1, .why = "too small"},
	{.name = "test_first_filter_rule_that_matches_gives_the_reason",
	 .lead = {.email = "sal@one.example", .employees = 5, .segment = "destination", .source = "web_form"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created filtered", .stage = "filtered", .filtered = 1, .why = "not a fit for the product"},
	{.name = "test_unknown_size_passes_the_size_filter",
	 .lead = {.email = "ann@one.example", .title = "Analyst", .source = "web_form"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "alice", .grade = "C", .new_cursor = 1,
	 .opens = {OPEN(OB_FOLLOW_UP, "alice", "2026-12-14T09:00:00Z", .need = 2),
		   OPEN(OB_SPEED_TO_LEAD, "alice", MON_1005)}},
	{.name = "test_account_size_fills_in_and_filters",
	 .lead = {.email = "tom@tiny.example", .source = "web_form"}, .account = &tiny,
	 .pool = MRRS, .now = MON_1000,
	 .events = "created filtered", .stage = "filtered", .filtered = 1, .why = "too small"},
	{.name = "test_account_segment_fills_in_and_filters",
	 .lead = {.email = "sid@shop.example", .employees = 40, .source = "web_form"}, .account = &shop,
	 .pool = MRRS, .now = MON_1000,
	 .events = "created filtered", .stage = "filtered", .filtered = 1, .why = "not a fit for the product"},
	{.name = "test_playbook_without_fit_makes_every_inquiry_an_ungraded_mql",
	 .pb = PB_NO_FIT,
	 .lead = {.email = "sal@shop.example", .employees = 5, .segment = "ecommerce", .source = "web_form"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "alice", .new_cursor = 1},

	/* ---- routing: account owner, account SDR, round robin, nobody ---- */
	{.name = "test_lead_at_an_account_with_an_owner_goes_to_that_owner",
	 /* 0.05 + director 0.08 + 201-1000 employees (the account's) 0.05 = 0.18 */
	 .lead = {.email = "dan@acme.example", .title = "Director of IT", .source = "web_form"}, .account = &acme,
	 .pool = MRRS, .cursor = 1, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "erin", .grade = "B", .why = "owner of account Acme",
	 .opens = {OPEN(OB_FOLLOW_UP, "erin", "2026-12-07T09:00:00Z", .need = 4),
		   OPEN(OB_SPEED_TO_LEAD, "erin", MON_1005)}},
	{.name = "test_inactive_account_owner_falls_back_to_the_round_robin",
	 .lead = {.email = "dan@acme.example", .title = "Director of IT", .source = "web_form"},
	 .account = &acme_owner_gone, .pool = MRRS, .cursor = 1, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "bob", .grade = "B", .new_cursor = 2,
	 .why = "round robin",
	 .opens = {OPEN(OB_FOLLOW_UP, "bob", "2026-12-07T09:00:00Z", .need = 4), OPEN(OB_SPEED_TO_LEAD, "bob", MON_1005)}},
	{.name = "test_an_account_owner_away_gets_no_lead_the_round_robin_does",
	 /* SPEC 8.3: while away a rep gets no leads */
	 .lead = {.email = "dan@acme.example", .title = "Director of IT", .source = "web_form"},
	 .account = &acme_owner_away, .pool = MRRS, .cursor = 1, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "bob", .grade = "B", .new_cursor = 2,
	 .why = "round robin",
	 .opens = {OPEN(OB_FOLLOW_UP, "bob", "2026-12-07T09:00:00Z", .need = 4), OPEN(OB_SPEED_TO_LEAD, "bob", MON_1005)}},
	{.name = "test_outbound_lead_goes_to_its_accounts_sdr_unfiltered_and_untimed",
	 /* a target is not an MQL: no fit filter, no speed to lead, no follow-up */
	 .lead = {.email = "gil@globex.example", .segment = "ecommerce", .source = "target_list", .outbound = 1},
	 .account = &globex, .pool = SDRS, .now = MON_1000,
	 .events = "created assigned", .stage = "target", .owner = "sue", .why = "assigned SDR of account Globex"},
	{.name = "test_outbound_lead_without_an_active_account_sdr_goes_to_the_sdr_rotation",
	 .lead = {.email = "gil@globex.example", .source = "target_list", .outbound = 1},
	 .account = &globex_sdr_gone, .pool = SDRS, .now = MON_1000,
	 .events = "created assigned", .stage = "target", .owner = "sam", .new_cursor = 11,
	 .why = "round robin over sdr reps"},
	{.name = "test_an_outbound_lead_of_an_away_sdrs_account_goes_to_the_sdr_rotation",
	 .lead = {.email = "gil@globex.example", .source = "target_list", .outbound = 1},
	 .account = &globex_sdr_away, .pool = SDRS, .now = MON_1000,
	 .events = "created assigned", .stage = "target", .owner = "sam", .new_cursor = 11,
	 .why = "round robin over sdr reps"},
	{.name = "test_territory_round_robin_takes_only_reps_of_the_leads_territory",
	 .pb = PB_TERRITORY,
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .country = "FR"},
	 .pool = {{1, "alice", "FR", 0}, {2, "bob", "DE", 0}, {3, "carol", "FR,BE", 0}}, .cursor = 1, .now = MON_1000,
	 .events = "created mql assigned", .stage = "mql", .owner = "carol", .grade = "C", .new_cursor = 3,
	 .why = "mrr reps of territory FR"},
	{.name = "test_inbound_lead_nobody_can_take_is_left_unassigned",
	 .pb = PB_NO_SLA,
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .source = "web_form"},
	 .pool = MRRS, .cursor = 2, .now = SAT_1000,
	 .events = "created mql unassigned", .stage = "mql", .grade = "C", .unassigned = 1,
	 .why = "nobody eligible in mrr reps: 3 reps, 0 inactive, 3 outside working hours"},
	{.name = "test_inbound_lead_nobody_can_take_still_gets_its_speed_to_lead_clock",
	 /* SPEC 8.1: every inbound lead that passes the filter gets its speed_to_lead obligation
	  * at intake even when nobody can take it, owned by its pool: Saturday 10:00 with 5m ->
	  * Monday 09:05 */
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .source = "web_form"},
	 .pool = MRRS, .cursor = 2, .now = SAT_1000,
	 .events = "created mql unassigned", .stage = "mql", .grade = "C", .unassigned = 1,
	 .opens = {OPEN(OB_FOLLOW_UP, NULL, "2026-12-19T09:00:00Z", .need = 2),
		   OPEN(OB_SPEED_TO_LEAD, NULL, MON2_0905)}},
	{.name = "test_playbook_without_routing_leaves_every_lead_unassigned",
	 .pb = PB_NO_ROUTING,
	 .lead = {.email = "ann@one.example", .title = "Analyst", .employees = 40, .source = "web_form"},
	 .pool = MRRS, .now = MON_1000,
	 .events = "created mql unassigned", .stage = "mql", .grade = "C", .unassigned = 1,
	 .why = "the playbook routes no leads of this channel"},

	/* ---- a known email ---- */
	{.name = "test_known_email_is_a_reinquiry_of_the_existing_lead",
	 .lead = {.email = "old@one.example", .title = "CEO", .employees = 2000, .source = "webinar"},
	 .duplicate = 1, .pool = MRRS, .now = MON_1000,
	 .events = "reinquiry"},
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* ---------------------------------------------------------------- the runner */

static void assert_instant(int64_t got, const char *want)
{
	char buf[CLOCK_RFC3339_LEN];

	assert_string_equal(clock_format_rfc3339(got, buf), want);
}

static void assert_same_str(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got ? got : "(null)", want);
}

static size_t build_pool(const struct rep_spec *spec, enum role role, struct rep *reps)
{
	size_t n;

	for (n = 0; n < MAX_REPS && spec[n].id; n++) {
		struct rep *r = &reps[n];

		memset(r, 0, sizeof(*r));
		r->id = spec[n].id;
		r->name = spec[n].name;
		r->role = role;
		r->territories = spec[n].territories;
		r->capacity = -1;
		r->hours_start = spec[n].off_hours ? 14 * 60 : -1;
		r->hours_end = spec[n].off_hours ? 22 * 60 : -1;
		r->active = 1;
	}
	return n;
}

/* The event types of d, space separated, in buf. */
static const char *event_types(const struct decision *d, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < d->n; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "", event_type_name(d->events[i]->type));
	assert_true(len < size);
	return buf;
}

static void run_case(void **state)
{
	const struct intake_case *c = *state;
	const struct playbook *pb = pbs[c->pb];
	struct arena *a;
	struct rep pool[MAX_REPS];
	struct intake_req req;
	struct route_wrr rotation = {c->cursor, NULL, 0};
	struct intake_result res;
	struct lead in, after;
	struct sla_plan plan;
	struct bt_error err;
	const char *named, *why;
	char types[256];
	int64_t now = unit_at(c->now);
	size_t i, nwant = 0;
	int role;

	if (c->disagrees) {
		print_message("SPEC DISAGREES: %s\n", c->disagrees);
		skip();
	}
	a = arena_new();
	assert_non_null(a);
	lead_init(&in);
	in.email = c->lead.email;
	in.title = c->lead.title;
	in.employees = c->lead.employees ? c->lead.employees : -1;
	in.source = c->lead.source;
	in.segment = c->lead.segment;
	in.country = c->lead.country;
	in.channel = c->lead.outbound ? CHANNEL_OUTBOUND : CHANNEL_INBOUND;

	/* what the service loads: the account, a known lead, the pool intake_pool() names */
	memset(&req, 0, sizeof(req));
	req.lead = &in;
	req.account = c->account;
	req.existing = c->duplicate ? &known : NULL;
	req.actor = "import";
	role = intake_pool(pb, &in, c->account, &named);
	if (role >= 0) {
		req.pool = pool;
		req.npool = build_pool(c->pool, (enum role)role, pool);
		req.rotation = &rotation;
	}
	memset(&res, 0, sizeof(res));
	bt_error_clear(&err);
	assert_int_equal(intake_decide(pb, &req, now, a, &res, &err), 0);

	assert_string_equal(event_types(&res.d, types, sizeof(types)), c->events);
	for (i = 0; i < res.d.n; i++)
		assert_int_equal(res.d.events[i]->at, now);
	assert_int_equal(res.duplicate, c->duplicate);
	assert_int_equal(res.filtered, c->filtered);
	assert_int_equal(res.unassigned, c->unassigned);
	assert_same_str(res.owner, c->owner);
	assert_int_equal(res.moved_cursor, c->new_cursor != 0);
	if (c->new_cursor)
		assert_int_equal(res.rotation.last, c->new_cursor);
	why = c->filtered ? event_get_str(res.d.events[res.d.n - 1], "reason") : res.why;
	if (c->why && (!why || !strstr(why, c->why)))
		fail_msg("reason \"%s\" does not say \"%s\"", why ? why : "(none)", c->why);
	if (c->duplicate) {
		/* one lead per person: the event lands on the known lead, nothing new opens */
		assert_int_equal(res.d.events[0]->lead, known.id);
		assert_string_equal(event_get_str(res.d.events[0], "source"), c->lead.source);
		arena_free(&a);
		return;
	}

	/* the new lead is the projection of its events; the SLA rules read them */
	lead_init(&after);
	for (i = 0; i < res.d.n; i++)
		assert_int_equal(lead_apply(&after, res.d.events[i], a), 0);
	assert_string_equal(stage_name(after.stage), c->stage);
	assert_same_str(after.owner, c->owner);
	assert_same_str(after.grade, c->grade);
	if (c->account)
		assert_int_equal(after.account, c->account->id);
	sla_after(pb, NULL, &after, res.d.events, res.d.n, NULL, 0, NULL, a, &plan);
	while (nwant < MAX_OBS && c->opens[nwant].due)
		nwant++;
	for (i = 0; i < plan.nopen && i < nwant; i++) {
		const struct obligation *got = &plan.open[i];
		const struct ob_want *w = &c->opens[i];

		assert_string_equal(ob_rule_name(got->rule), ob_rule_name(w->rule));
		assert_same_str(got->owner, w->owner);
		assert_int_equal(got->opened_at, now);
		assert_instant(got->due, w->due);
		assert_int_equal(got->need, w->need);
		assert_int_equal(got->status, OB_OPEN);
	}
	assert_int_equal(plan.nopen, nwant);
	assert_int_equal(plan.nchange, 0);
	arena_free(&a);
}

/* ---------------------------------------------------------------- main */

static int group_setup(void **state)
{
	if (unit_playbooks_load(pbs, pb_texts, PB_VARIANT_COUNT))
		return -1;
	lead_init(&known);
	known.id = 42;
	known.email = "old@one.example";
	known.stage = STAGE_WORKING;
	known.owner = "bob";
	return 0;
}

static int group_teardown(void **state)
{
	unit_playbooks_free(pbs, PB_VARIANT_COUNT);
	return 0;
}

UNIT_TABLE_MAIN("intake", cases, run_case, group_setup, group_teardown)
