/* test_notify.c - who is told what (src/core/notify.c, SPEC 8.6): one table of routes (a row
 * kind, its recipient, a playbook -> written or not, by which channels), then who hears of an
 * assignment, when a reminder is due, which reps a kind reaches, and the words of a message:
 * the lead's name and company, what is owed, by when in the rep's own zone, the link. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/notify.h"
#include "util/arena.h"

#include "unit.h"

#define ORG "org: {name: Example Co, timezone: Europe/Paris}\n"
#define CHANNELS                                                                                                       \
	"notify:\n"                                                                                                    \
	"  link_base: \"https://baton.example.com\"\n"                                                                 \
	"  channels:\n"                                                                                                \
	"    email: {smtp_url: \"smtp://127.0.0.1:25\", from: baton@example.com}\n"                                    \
	"    slack: {webhook_url_env: SLACK}\n"                                                                        \
	"    webhook: {url: \"https://hooks.example.com/b\", secret_env: S}\n"

enum pb_variant { PB_BUILTIN, PB_ON, PB_NONE, PB_COUNT };

static const char *const texts[PB_COUNT] = {
	[PB_BUILTIN] = NULL, /* escalation.webhook: the old kinds, by webhook */
	[PB_ON] = ORG CHANNELS "  on:\n"
			       "    assigned: [email, slack]\n"
			       "    reminder: {before_due: 10m, via: [slack]}\n"
			       "    breach: [email, webhook]\n"
			       "    unassigned_lead: []\n",
	[PB_NONE] = ORG, /* no notify:, no webhook: nothing */
};
static struct playbook *pbs[PB_COUNT];

#define E (1u << PB_CHANNEL_EMAIL)
#define S (1u << PB_CHANNEL_SLACK)
#define W (1u << PB_CHANNEL_WEBHOOK)

struct route_case {
	const char *name;
	enum pb_variant pb;
	const char *kind; /* the outbox row's kind */
	const char *to;   /* its recipient, NULL: nobody */
	int on;           /* written */
	unsigned via;     /* by these channels */
};

static const struct route_case routes[] = {
	{"test_the_builtin_webhook_carries_a_breach", PB_BUILTIN, "breach", "alice", 1, W},
	{"test_the_builtin_webhook_carries_a_managers_notice", PB_BUILTIN, "notify", "maria", 1, W},
	{"test_the_builtin_webhook_carries_a_breach_of_nobody", PB_BUILTIN, "breach", NULL, 1, W},
	{"test_the_builtin_webhook_carries_a_handoff_and_an_absence", PB_BUILTIN, "absence", "maria", 1, W},
	{"test_the_builtin_webhook_carries_no_assignment", PB_BUILTIN, "assigned", "alice", 0, 0},
	{"test_the_builtin_webhook_carries_no_reminder", PB_BUILTIN, "reminder", "alice", 0, 0},
	{"test_a_sign_in_without_an_email_channel_is_undeliverable", PB_BUILTIN, "sign_in", "alice", 1, 0},
	{"test_an_assignment_goes_by_email_and_slack", PB_ON, "assigned", "alice", 1, E | S},
	{"test_a_reminder_goes_by_slack", PB_ON, "reminder", "alice", 1, S},
	{"test_a_breach_goes_by_email_and_webhook", PB_ON, "breach", "alice", 1, E | W},
	{"test_a_managers_breach_notice_goes_as_the_breach", PB_ON, "escalate", "maria", 1, E | W},
	{"test_a_flag_goes_to_systems_only", PB_ON, "flag", "alice", 1, W},
	{"test_a_breach_of_nobody_goes_to_systems_only", PB_ON, "breach", NULL, 1, W},
	{"test_a_kind_left_out_of_on_writes_nothing", PB_ON, "handoff", "erin", 0, 0},
	{"test_a_kind_left_out_of_on_writes_nothing_even_with_a_webhook", PB_ON, "absence", "maria", 0, 0},
	{"test_a_kind_on_with_no_channel_is_undeliverable", PB_ON, "unassigned_lead", "maria", 1, 0},
	{"test_a_sign_in_goes_by_email", PB_ON, "sign_in", "alice", 1, E},
	{"test_an_assignment_of_nobody_writes_nothing", PB_ON, "assigned", NULL, 0, 0},
	{"test_without_notify_nothing_is_written", PB_NONE, "breach", "alice", 0, 0},
	{"test_an_unknown_row_kind_writes_nothing", PB_ON, "gossip", "alice", 0, 0},
};

static void run_route(void **state)
{
	const struct route_case *c = *state;
	struct notify_route r;

	assert_int_equal(notify_route(pbs[c->pb], c->kind, c->to, &r), c->on);
	assert_int_equal(r.on, c->on);
	if (c->on)
		assert_int_equal(r.via, c->via);
}

static int setup(void **state)
{
	return unit_playbooks_load(pbs, texts, PB_COUNT);
}

static int teardown(void **state)
{
	unit_playbooks_free(pbs, PB_COUNT);
	return 0;
}

/* ---------------------------------------------------------------- who, when */

static void test_only_email_needs_an_address_of_the_rep(void **state)
{
	struct rep r = unit_rep(1, "alice", ROLE_MRR);

	assert_null(notify_address(PB_CHANNEL_EMAIL, &r));
	r.email = "alice@example.com";
	assert_string_equal(notify_address(PB_CHANNEL_EMAIL, &r), "alice@example.com");
	assert_string_equal(notify_address(PB_CHANNEL_SLACK, &r), "");
	assert_string_equal(notify_address(PB_CHANNEL_WEBHOOK, NULL), "");
}

static void test_an_assignment_tells_the_new_owner_unless_it_claimed_the_lead(void **state)
{
	struct arena *a = arena_new();
	struct event *routed = event_new(a, EV_ASSIGNED, 0, 1, "system");
	struct event *moved = event_new(a, EV_REASSIGNED, 0, 1, "system");
	struct event *manual = event_new(a, EV_ASSIGNED, 0, 1, "maria");
	struct event *claim = event_new(a, EV_ASSIGNED, 0, 1, "bob");
	struct event *touch = event_new(a, EV_TOUCH, 0, 1, "bob");

	event_put_str(routed, a, "owner", "alice");
	event_put_str(moved, a, "owner", "bob");
	event_put_str(manual, a, "owner", "bob");
	event_put_str(claim, a, "owner", "bob");
	assert_string_equal(notify_assigned_to(routed), "alice");
	assert_string_equal(notify_assigned_to(moved), "bob");
	assert_string_equal(notify_assigned_to(manual), "bob");
	assert_null(notify_assigned_to(claim));
	assert_null(notify_assigned_to(touch));
	arena_free(&a);
}

static void test_a_reminder_is_due_before_due_ahead_of_an_open_owned_obligation_given_before_then(void **state)
{
	struct obligation ob = {0};

	ob.rule = OB_SPEED_TO_LEAD;
	ob.owner = "alice";
	ob.status = OB_OPEN;
	ob.due = unit_at("2026-11-23T09:05:00Z");
	ob.opened_at = unit_at("2026-11-23T08:00:00Z");
	assert_true(notify_reminds(pbs[PB_ON], &ob, ob.opened_at));
	assert_int_equal(notify_reminder_at(pbs[PB_ON], &ob), unit_at("2026-11-23T08:55:00Z"));
	/* given at 08:55 or later (10 minutes before due): the message that gives it says by when */
	assert_true(notify_reminds(pbs[PB_ON], &ob, unit_at("2026-11-23T08:54:59Z")));
	assert_false(notify_reminds(pbs[PB_ON], &ob, unit_at("2026-11-23T08:55:00Z")));
	assert_false(notify_reminds(pbs[PB_BUILTIN], &ob, ob.opened_at)); /* reminder is not on */
	ob.owner = NULL;
	assert_false(notify_reminds(pbs[PB_ON], &ob, ob.opened_at)); /* nobody owes it yet */
	ob.owner = "alice";
	ob.status = OB_MET;
	assert_false(notify_reminds(pbs[PB_ON], &ob, ob.opened_at));
	ob.status = OB_OPEN;
	ob.rule = OB_RECYCLE; /* baton's own timer */
	assert_false(notify_reminds(pbs[PB_ON], &ob, ob.opened_at));
}

static void test_each_kind_names_the_roles_it_reaches(void **state)
{
	assert_int_equal(notify_roles(PB_NOTICE_HANDOFF), 1u << ROLE_AE);
	assert_int_equal(notify_roles(PB_NOTICE_UNASSIGNED_LEAD), 1u << ROLE_MANAGER);
	assert_false(notify_roles(PB_NOTICE_ASSIGNED) & (1u << ROLE_MANAGER));
	assert_true(notify_roles(PB_NOTICE_ASSIGNED) & (1u << ROLE_MRR));
	assert_true(notify_roles(PB_NOTICE_BREACH) & (1u << ROLE_MANAGER));
	assert_int_equal(notify_roles(PB_NOTICE_COUNT), 0);
}

/* ---------------------------------------------------------------- the words */

static struct lead ada(void)
{
	struct lead l;

	lead_init(&l);
	l.id = 42;
	l.email = "ada@acme.example";
	l.name = "Ada Lovelace";
	l.company = "Acme & Sons";
	return l;
}

static void test_an_assignment_says_who_what_is_owed_by_when_in_the_reps_zone_and_the_link(void **state)
{
	struct arena *a = arena_new();
	struct lead l = ada();
	struct notify_msg m = {0};
	struct notify_text t;

	m.kind = "assigned";
	m.to = "alice";
	m.zone = "America/New_York";
	m.link_base = "https://baton.example.com";
	m.lead = &l;
	m.owed = "first touch";
	m.due = unit_at("2026-11-23T14:05:00Z"); /* 09:05 in New York, a Monday */
	notify_compose(&m, "U012AB3CD", a, &t);
	assert_string_equal(t.subject, "New lead: Ada Lovelace (Acme & Sons)");
	assert_non_null(strstr(t.body, "Hello alice,"));
	assert_non_null(strstr(t.body, "A new lead is yours: Ada Lovelace (Acme & Sons)."));
	assert_non_null(strstr(t.body, "Owed: first touch, by Mon 2026-11-23 09:05 America/New_York."));
	assert_non_null(strstr(t.body, "Open it: https://baton.example.com/#/leads/42\n"));
	assert_string_equal(t.slack, "<@U012AB3CD> A new lead is yours: Ada Lovelace (Acme &amp; Sons). Owed: first "
				     "touch, by Mon 2026-11-23 09:05 America/New_York. "
				     "<https://baton.example.com/#/leads/42|Open in baton>");
	arena_free(&a);
}

static void test_a_lead_without_a_name_or_a_link_base_is_said_by_its_email_without_a_link(void **state)
{
	struct arena *a = arena_new();
	struct lead l = ada();
	struct notify_msg m = {0};
	struct notify_text t;

	l.name = NULL;
	l.company = NULL;
	m.kind = "reminder";
	m.to = "alice";
	m.zone = "Europe/Paris";
	m.lead = &l;
	m.owed = "follow-up touch 2 of 6";
	m.due = unit_at("2026-11-23T09:05:00Z");
	notify_compose(&m, NULL, a, &t);
	assert_string_equal(t.subject, "Due soon: follow-up touch 2 of 6 for ada@acme.example");
	assert_non_null(strstr(t.body, "by Mon 2026-11-23 10:05 Europe/Paris."));
	assert_null(strstr(t.body, "Open it"));
	assert_null(strstr(t.slack, "<@"));
	assert_null(notify_link(NULL, &l, a));
	assert_null(notify_link("https://b.example.com", NULL, a));
	arena_free(&a);
}

static void test_a_managers_notice_names_the_rep_who_missed_it(void **state)
{
	struct arena *a = arena_new();
	struct lead l = ada();
	struct notify_msg m = {0};
	struct notify_text t;

	m.kind = "escalate";
	m.to = "maria";
	m.zone = "Europe/Paris";
	m.lead = &l;
	m.owner = "alice";
	m.owed = "first touch";
	m.due = unit_at("2026-11-23T09:05:00Z");
	notify_compose(&m, NULL, a, &t);
	assert_string_equal(t.subject, "Escalation: alice missed the deadline for Ada Lovelace (Acme & Sons)");
	arena_free(&a);
}

static void test_a_sign_in_link_says_until_when(void **state)
{
	struct arena *a = arena_new();
	struct notify_msg m = {0};
	struct notify_text t;

	m.kind = "sign_in";
	m.to = "alice";
	m.zone = "Europe/Paris";
	m.url = "https://baton.example.com/session/abc";
	m.until = unit_at("2026-11-23T09:15:00Z");
	notify_compose(&m, NULL, a, &t);
	assert_string_equal(t.subject, "Your sign-in link");
	assert_non_null(strstr(t.body, "until 2026-11-23 10:15 (Europe/Paris)"));
	assert_non_null(strstr(t.body, "  https://baton.example.com/session/abc\n"));
	arena_free(&a);
}

int main(void)
{
	static const struct CMUnitTest named[] = {
		cmocka_unit_test(test_only_email_needs_an_address_of_the_rep),
		cmocka_unit_test(test_an_assignment_tells_the_new_owner_unless_it_claimed_the_lead),
		cmocka_unit_test(test_a_reminder_is_due_before_due_ahead_of_an_open_owned_obligation_given_before_then),
		cmocka_unit_test(test_each_kind_names_the_roles_it_reaches),
		cmocka_unit_test(test_an_assignment_says_who_what_is_owed_by_when_in_the_reps_zone_and_the_link),
		cmocka_unit_test(test_a_lead_without_a_name_or_a_link_base_is_said_by_its_email_without_a_link),
		cmocka_unit_test(test_a_managers_notice_names_the_rep_who_missed_it),
		cmocka_unit_test(test_a_sign_in_link_says_until_when),
	};
	struct CMUnitTest tests[sizeof(routes) / sizeof(routes[0]) + sizeof(named) / sizeof(named[0])];
	size_t i, n = 0;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		struct CMUnitTest t = {routes[i].name, run_route, NULL, NULL, (void *)&routes[i]};

		tests[n++] = t;
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		tests[n++] = named[i];
	return cmocka_run_group_tests_name("notify", tests, setup, teardown);
}
