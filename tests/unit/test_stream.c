/* test_stream.c - which facts the live dashboard tells which rep (stream_fact_of,
 * stream_fact_due, stream_concerns; src/core/stream.c, SPEC 8.7): an event as the store holds
 * it (its type, actor and the reps its payload names), the lead's holders now, and for each
 * viewer whether the line reaches it, and as what: one table of cases, one runner. The team is
 * Maria's: sam (SDR) and erin (AE) report to her; olga's team holds omar (AE) and ana (MRR);
 * ivy has no manager. Then how long before its due time an obligation is due soon under a
 * playbook (stream_due_window): a table of playbooks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/stream.h"
#include "util/arena.h"

#include "unit.h"

/* The viewers every case answers for, in this order. */
enum viewer { V_INTAKE, V_SAM, V_ERIN, V_OMAR, V_ANA, V_IVY, V_MARIA, V_OLGA, V_COUNT };

struct stream_case {
	const char *name;
	enum event_type ev;     /* EV_COUNT: an obligation due soon, owed by `owner` */
	const char *actor;      /* the event's actor ("system", a rep) */
	const char *owner;      /* its payload's "owner" */
	const char *previous;   /* ... "previous_owner" */
	const char *ae;         /* ... "ae" */
	const char *recipient;  /* ... "recipient" */
	int64_t lead;           /* 0: an org-level event */
	const char *holder;     /* the lead's owner now */
	const char *handed_by;  /* the rep who handed it off, now */
	int line;               /* stream_fact_of / stream_fact_due: 1 a line, 0 none */
	enum stream_type type;  /* the line's type */
	/* who hears it: one character per viewer, in enum viewer order, 'x' yes, '.' no */
	const char *hears;
};

static const struct stream_case cases[] = {
	/*                                                                          I S E O A I M O */
	/* ---- a lead routed to its owner: the owner and its manager ---- */
	{"test_an_assigned_lead_reaches_its_owner_and_its_manager", EV_ASSIGNED, "system", "sam", NULL, NULL, NULL, 7,
	 "sam", NULL, 1, STREAM_ASSIGNED, ".x....x."},
	{"test_another_teams_rep_and_manager_hear_nothing_of_it", EV_ASSIGNED, "system", "ana", NULL, NULL, NULL, 7,
	 "ana", NULL, 1, STREAM_ASSIGNED, "....x..x"},
	{"test_a_rep_of_no_team_hears_its_own_lead_alone", EV_ASSIGNED, "system", "ivy", NULL, NULL, NULL, 7, "ivy",
	 NULL, 1, STREAM_ASSIGNED, ".....x.."},
	{"test_the_owner_named_by_the_event_hears_it_after_the_lead_moved_on", EV_ASSIGNED, "system", "sam", NULL, NULL,
	 NULL, 7, "omar", NULL, 1, STREAM_ASSIGNED, ".x.x..xx"},
	/* ---- reassigned: the new owner, the previous one, both managers ---- */
	{"test_a_breach_reassignment_reaches_the_new_and_the_previous_owner", EV_REASSIGNED, "system", "ana", "sam",
	 NULL, NULL, 7, "ana", NULL, 1, STREAM_REASSIGNED, ".x..x.xx"},
	{"test_a_managers_hand_on_an_owned_lead_is_a_reassignment", EV_ASSIGNED, "maria", "erin", "sam", NULL, NULL, 7,
	 "erin", NULL, 1, STREAM_REASSIGNED, ".xx...x."},
	{"test_a_managers_hand_on_an_unowned_lead_is_an_assignment", EV_ASSIGNED, "olga", "omar", NULL, NULL, NULL, 7,
	 "omar", NULL, 1, STREAM_ASSIGNED, "...x...x"},
	{"test_a_lead_back_to_the_pool_reaches_its_previous_owner_and_every_manager", EV_UNASSIGNED, "system", NULL,
	 "sam", NULL, NULL, 7, NULL, NULL, 1, STREAM_UNASSIGNED, ".x....xx"},
	/* ---- a handoff: the AE, the SDR who handed it, their managers ---- */
	{"test_a_handoff_reaches_the_ae_and_the_sdr_and_their_managers", EV_HANDOFF, "sam", NULL, NULL, "omar", NULL, 7,
	 "omar", "sam", 1, STREAM_HANDOFF, ".x.x..xx"},
	/* ---- a breach: the owner who owed it and its manager ---- */
	{"test_a_breach_reaches_the_rep_who_owed_it", EV_BREACH, "system", "sam", NULL, NULL, NULL, 7, "sam", NULL, 1,
	 STREAM_BREACH, ".x....x."},
	{"test_a_managers_notification_reaches_the_manager_told", EV_NOTIFY, "system", NULL, NULL, NULL, "olga", 7,
	 "ana", NULL, 1, STREAM_LEAD_CHANGED, "....x..x"},
	/* ---- any other event: whoever may see the lead now ---- */
	{"test_a_touch_reaches_the_owner_and_its_manager", EV_TOUCH, "erin", NULL, NULL, NULL, NULL, 7, "erin", NULL, 1,
	 STREAM_LEAD_CHANGED, "..x...x."},
	{"test_an_ae_accepting_reaches_the_sdr_who_handed_it_off", EV_ACCEPT, "omar", NULL, NULL, NULL, NULL, 7, "omar",
	 "sam", 1, STREAM_LEAD_CHANGED, ".x.x..xx"},
	{"test_a_filtered_lead_reaches_every_manager_and_no_rep", EV_FILTERED, "system", NULL, NULL, NULL, NULL, 7, NULL,
	 NULL, 1, STREAM_LEAD_CHANGED, "......xx"},
	{"test_a_manager_acting_on_its_teams_lead_hears_it", EV_DISQUALIFY, "maria", NULL, NULL, NULL, NULL, 7, "sam",
	 NULL, 1, STREAM_LEAD_CHANGED, ".x....x."},
	/* ---- what is no line ---- */
	{"test_an_org_level_event_is_no_line", EV_REP_ADDED, "admin", NULL, NULL, NULL, NULL, 0, NULL, NULL, 0,
	 STREAM_LEAD_CHANGED, "........"},
	{"test_a_playbook_applied_is_no_line", EV_PLAYBOOK_APPLIED, "maria", NULL, NULL, NULL, NULL, 0, NULL, NULL, 0,
	 STREAM_LEAD_CHANGED, "........"},
	/* a sign-out ends its session's streams (http/stream.c), and says nothing to anyone */
	{"test_a_rep_signing_out_is_no_line", EV_SIGNED_OUT, "sam", NULL, NULL, NULL, NULL, 0, NULL, NULL, 0,
	 STREAM_LEAD_CHANGED, "........"},
	/* ---- an obligation due soon: who owes it, and its manager ---- */
	{"test_an_obligation_due_soon_reaches_who_owes_it_and_its_manager", EV_COUNT, NULL, "erin", NULL, NULL, NULL, 7,
	 NULL, NULL, 1, STREAM_DUE_SOON, "..x...x."},
	{"test_an_obligation_nobody_owes_is_no_line", EV_COUNT, NULL, NULL, NULL, NULL, NULL, 7, NULL, NULL, 0,
	 STREAM_DUE_SOON, "........"},
};

/* The manager of each rep the cases name (the store's answer), NULL for none. */
static const char *manager_of(const char *rep)
{
	static const struct {
		const char *rep, *manager;
	} team[] = {{"sam", "maria"}, {"erin", "maria"}, {"omar", "olga"}, {"ana", "olga"}};
	size_t i;

	for (i = 0; rep && i < sizeof(team) / sizeof(team[0]); i++)
		if (strcmp(team[i].rep, rep) == 0)
			return team[i].manager;
	return NULL;
}

/* Fills f from case c as the hub does: the fact, then the managers and the lead it loads. */
static int fact_of(const struct stream_case *c, struct arena *a, struct lead *l, struct stream_fact *f)
{
	int rc, k, h;

	lead_init(l);
	l->id = c->lead;
	l->owner = c->holder;
	l->handed_by = c->handed_by;
	if (c->ev == EV_COUNT) {
		struct obligation ob;

		memset(&ob, 0, sizeof(ob));
		ob.rule = OB_SPEED_TO_LEAD;
		ob.lead = c->lead;
		ob.owner = c->owner;
		rc = stream_fact_due(&ob, f);
	} else {
		struct event *ev = event_new(a, c->ev, 1000, c->lead, c->actor);

		event_put_str(ev, a, "owner", c->owner);
		event_put_str(ev, a, "previous_owner", c->previous);
		event_put_str(ev, a, "ae", c->ae);
		event_put_str(ev, a, "recipient", c->recipient);
		rc = stream_fact_of(ev, f);
		if (rc == 0)
			f->l = l;
	}
	for (k = 0; rc == 0 && k < NAMED_COUNT; k++)
		f->named_boss[k] = manager_of(f->named[k]);
	for (h = 0; rc == 0 && f->l && h < HOLDER_COUNT; h++)
		f->boss[h] = manager_of(lead_holder(l, (enum lead_holder)h));
	return rc;
}

static void run_case(void **state)
{
	const struct stream_case *c = *state;
	static const struct {
		const char *name;
		enum role role;
	} viewers[V_COUNT] = {
		[V_INTAKE] = {NULL, ROLE_MRR},     [V_SAM] = {"sam", ROLE_SDR},         [V_ERIN] = {"erin", ROLE_AE},
		[V_OMAR] = {"omar", ROLE_AE},      [V_ANA] = {"ana", ROLE_MRR},         [V_IVY] = {"ivy", ROLE_MRR},
		[V_MARIA] = {"maria", ROLE_MANAGER}, [V_OLGA] = {"olga", ROLE_MANAGER},
	};
	struct arena *a = arena_new();
	struct stream_fact f;
	struct lead l;
	char heard[V_COUNT + 1];
	int v;

	assert_int_equal(fact_of(c, a, &l, &f) == 0, c->line);
	for (v = 0; v < V_COUNT; v++) {
		struct rep r = unit_rep(v, viewers[v].name, viewers[v].role);

		heard[v] = c->line && stream_concerns(&f, v == V_INTAKE ? NULL : &r) ? 'x' : '.';
	}
	heard[V_COUNT] = '\0';
	assert_string_equal(heard, c->hears);
	if (c->line) {
		assert_int_equal(f.type, c->type);
		assert_int_equal(f.lead, c->lead);
		assert_string_equal(stream_type_name(f.type), stream_type_name(c->type));
	}
	arena_free(&a);
}

/* ---------------------------------------------------------------- how soon is due soon */

#define ORG "org: {name: Example Co, timezone: Europe/Paris}\n"
#define EMAIL                                                                                                          \
	"notify:\n"                                                                                                    \
	"  channels:\n"                                                                                                \
	"    email: {smtp_url: \"smtp://127.0.0.1:25\", from: baton@example.com}\n"

struct window_case {
	const char *name;
	const char *playbook; /* its text, NULL: the built-in default */
	int64_t window;       /* stream_due_window, seconds */
};

static const struct window_case windows[] = {
	{"test_due_soon_is_15_minutes_ahead_without_a_notify_section", NULL, 15 * 60},
	{"test_due_soon_is_15_minutes_ahead_when_reminders_are_not_on", ORG EMAIL "  on: {assigned: [email]}\n", 15 * 60},
	{"test_due_soon_is_the_reminders_before_due_ahead", ORG EMAIL "  on: {reminder: {before_due: 2m, via: [email]}}\n",
	 2 * 60},
	{"test_due_soon_follows_a_reminder_an_hour_ahead", ORG EMAIL "  on: {reminder: {before_due: 1h, via: [email]}}\n",
	 60 * 60},
	{"test_due_soon_follows_a_reminder_sent_by_no_channel", ORG EMAIL "  on: {reminder: {before_due: 30m, via: []}}\n",
	 30 * 60},
};

static void run_window(void **state)
{
	const struct window_case *c = *state;
	struct playbook *pb = NULL;

	assert_int_equal(unit_playbooks_load(&pb, &c->playbook, 1), 0);
	assert_int_equal(stream_due_window(pb), c->window);
	unit_playbooks_free(&pb, 1);
}

static void test_due_soon_without_a_playbook_is_15_minutes_ahead(void **state)
{
	assert_int_equal(stream_due_window(NULL), STREAM_DUE_WINDOW);
}

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + sizeof(windows) / sizeof(windows[0]) + 1];
	size_t i, n = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct CMUnitTest t = {cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};

		tests[n++] = t;
	}
	for (i = 0; i < sizeof(windows) / sizeof(windows[0]); i++) {
		struct CMUnitTest t = {windows[i].name, run_window, NULL, NULL, (void *)&windows[i]};

		tests[n++] = t;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_due_soon_without_a_playbook_is_15_minutes_ahead);
	return _cmocka_run_group_tests("stream", tests, n, NULL, NULL);
}
