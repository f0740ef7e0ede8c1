/* test_breach.c - what an obligation that comes due does (src/core/breach.c, issue 14.1): the
 * events, the obligation's status, the routing, the outbox rows, the task and the report lines
 * that breach_decide() returns, on plain structs with the built-in playbook (Europe/Paris,
 * mon-fri 09:00-18:00, on_breach of speed to lead: notify_manager and reassign; handoff
 * response: escalate_manager; no-show passes to the SDR). One table of cases, one runner. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/breach.h"
#include "core/clock.h"
#include "util/arena.h"

#include "unit.h"

#define MON_0904 "2026-11-23T08:04:00Z" /* monday 09:04 Paris */
#define FRI_1800 "2026-11-27T17:00:00Z" /* friday 18:00 Paris: closing */
#define MON_0900 "2026-11-30T08:00:00Z" /* the next monday 09:00 Paris */

struct breach_case {
	const char *name;
	enum ob_rule rule;
	const char *due;
	const char *owner;      /* the obligation's and the lead's owner */
	enum stage stage;       /* the lead's stage */
	const char *manager;    /* the owner's manager */
	int owner_active;
	int rotation;           /* breach_rotation() expected */
	enum ob_status status;
	const char *events;     /* the types, space-separated, in order */
	const char *new_owner;  /* route.owner expected, NULL if none */
	const char *routed_at;  /* the assigned/reassigned event's time, NULL: not checked */
	const char *notices;    /* "kind:to" space-separated */
	const char *lines;      /* the report lines' types */
	int pass_task;
	int reassigns;          /* the obligation's reassignments so far (max_reassign is 1) */
	int waiting;            /* 1: nobody owns it, it waits for the mrr pool (owner NULL) */
};

static const struct breach_case cases[] = {
	{"test_speed_to_lead_breach_reassigns_and_notifies_the_manager", OB_SPEED_TO_LEAD, MON_0904, "alice",
	 STAGE_MQL, "maria", 1, ROLE_MRR, OB_BREACHED, "breach reassigned notify", "bob", MON_0904,
	 "breach:alice notify:maria", "breach reassign notify", 0, 0, 0},
	{"test_a_breach_without_a_manager_tells_nobody_but_says_so", OB_SPEED_TO_LEAD, MON_0904, "alice", STAGE_MQL,
	 NULL, 1, ROLE_MRR, OB_BREACHED, "breach reassigned notify", "bob", MON_0904, "breach:alice",
	 "breach reassign notify", 0, 0, 0},
	/* SPEC 8.2: nobody else in hours at closing: the lead goes back to its pool and waits (the
	 * waiting engine routes it at the opening) */
	{"test_a_breach_due_at_closing_with_nobody_else_in_hours_goes_back_to_the_pool", OB_SPEED_TO_LEAD, FRI_1800,
	 "alice", STAGE_MQL, "maria", 1, ROLE_MRR, OB_BREACHED, "breach unassigned notify", NULL, NULL,
	 "breach:alice notify:maria", "breach unassigned notify", 0, 0, 0},
	{"test_after_max_reassign_a_breach_escalates_and_the_lead_stays", OB_SPEED_TO_LEAD, MON_0904, "alice",
	 STAGE_MQL, "maria", 1, ROLE_MRR, OB_BREACHED, "breach notify escalate", NULL, NULL,
	 "breach:alice notify:maria escalate:maria", "breach notify escalate", 0, 1, 0},
	{"test_a_waiting_lead_breaches_tells_every_active_manager_when_its_pool_names_none", OB_SPEED_TO_LEAD, MON_0904, NULL,
	 STAGE_MQL, NULL, 1, ROLE_MRR, OB_BREACHED, "breach notify notify", NULL, NULL,
	 "breach:- notify:maria notify:mark", "breach notify notify", 0, 0, 1},
	{"test_handoff_response_breach_escalates_and_reassigns_nobody", OB_HANDOFF_RESPONSE, MON_0904, "erin",
	 STAGE_HANDOFF, "maria", 1, -1, OB_BREACHED, "breach escalate", NULL, NULL, "breach:erin escalate:maria",
	 "breach escalate", 0, 0, 0},
	{"test_no_show_breach_passes_the_task", OB_NO_SHOW, MON_0904, "erin", STAGE_HANDOFF, "maria", 1, -1,
	 OB_BREACHED, "breach", NULL, NULL, "breach:erin", "breach", 1, 0, 0},
	{"test_recycle_returns_the_lead_to_its_active_owner", OB_RECYCLE, MON_0904, "alice", STAGE_NURTURE, "maria", 1,
	 -1, OB_MET, "recycled assigned", "alice", MON_0904, "", "recycle assign", 0, 0, 0},
	{"test_recycle_of_an_inactive_owner_goes_to_the_rotation", OB_RECYCLE, MON_0904, "alice", STAGE_NURTURE,
	 "maria", 0, ROLE_MRR, OB_MET, "recycled assigned", "bob", MON_0904, "", "recycle assign", 0, 0, 0},
	{"test_a_recycle_the_lead_no_longer_allows_is_cancelled_and_says_why", OB_RECYCLE, MON_0904, "alice",
	 STAGE_WORKING, "maria", 1, -1, OB_CANCELLED, "recycle_refused", NULL, NULL, "", "recycle_refused", 0, 0, 0},
	/* SPEC 8.12: a contract unrenewed at its renewal date churns then, reason lapsed; no breach */
	{"test_an_unrenewed_live_contract_lapses_at_its_renewal_date", OB_LAPSE, MON_0904, "chloe", STAGE_LIVE, "maria",
	 1, -1, OB_MET, "churned", NULL, NULL, "", "churn", 0, 0, 0},
	{"test_a_won_customer_never_live_lapses_too", OB_LAPSE, MON_0904, "erin", STAGE_WON, "maria", 1, -1, OB_MET,
	 "churned", NULL, NULL, "", "churn", 0, 0, 0},
	{"test_a_lapse_of_a_customer_already_churned_is_cancelled", OB_LAPSE, MON_0904, "chloe", STAGE_CHURNED,
	 "maria", 1, -1, OB_CANCELLED, "", NULL, NULL, "", "", 0, 0, 0},
};

/* The space-separated words of what a breach_out holds, for comparing with a case. */
static const char *joined(struct arena *a, size_t n, const char *(*get)(const struct breach_out *, size_t),
			  const struct breach_out *o)
{
	char buf[256] = "";
	size_t i, len = 0;

	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? " " : "", get(o, i));
	return arena_strdup(a, buf);
}

static struct arena *word_arena;

static const char *event_word(const struct breach_out *o, size_t i)
{
	return event_type_name(o->d.events[i]->type);
}

static const char *notice_word(const struct breach_out *o, size_t i)
{
	return arena_printf(word_arena, "%s:%s", event_type_name(o->notices[i].kind),
			    o->notices[i].to ? o->notices[i].to : "-");
}

static const char *line_word(const struct breach_out *o, size_t i)
{
	return o->lines[i].type;
}

static void run_case(void **state)
{
	const struct breach_case *c = *state;
	struct bt_error err;
	struct playbook *pb = playbook_default(&err);
	struct arena *a = arena_new();
	struct rep pool[2] = {unit_rep(1, "alice", ROLE_MRR), unit_rep(2, "bob", ROLE_MRR)};
	/* the org's managers: a waiting lead whose pool names none tells every active one */
	struct rep managers[3] = {unit_rep(9, "maria", ROLE_MANAGER), unit_rep(10, "mark", ROLE_MANAGER),
				  unit_rep(11, "gone", ROLE_MANAGER)};
	struct obligation ob;
	struct lead l;
	struct breach_in in = {0};
	struct route_wrr alice_last = {1, NULL, 0};
	struct breach_out out;
	size_t i;

	word_arena = a;
	assert_non_null(pb);
	memset(&ob, 0, sizeof(ob));
	ob.id = 3;
	ob.rule = c->rule;
	ob.lead = 7;
	ob.owner = c->owner;
	ob.due = unit_at(c->due);
	ob.status = OB_OPEN;
	ob.reassigns = c->reassigns;
	ob.has_pool = c->waiting;
	ob.pool = ROLE_MRR;
	lead_init(&l);
	l.id = 7;
	l.email = "ada@acme.com";
	l.channel = CHANNEL_INBOUND;
	l.stage = c->stage;
	l.owner = c->owner;
	l.nurture_until = c->rule == OB_RECYCLE ? ob.due : 0;
	in.lead = &l;
	in.ob = &ob;
	in.manager = c->manager;
	in.owner_active = c->owner_active;
	managers[2].active = 0;
	in.managers = managers;
	in.nmanagers = 3;
	assert_int_equal(breach_rotation(pb, &l, &ob, c->owner_active), c->rotation);
	if (c->rotation >= 0) {
		in.pool = pool;
		in.npool = 2;
		in.rotation = &alice_last; /* alice had the last lead: bob is next */
	}
	assert_int_equal(breach_decide(pb, &in, a, &out, &err), 0);
	assert_int_equal(out.status, c->status);
	assert_string_equal(joined(a, out.d.n, event_word, &out), c->events);
	assert_string_equal(joined(a, out.nnotices, notice_word, &out), c->notices);
	assert_string_equal(joined(a, out.nlines, line_word, &out), c->lines);
	assert_int_equal(out.pass_task, c->pass_task);
	if (c->pass_task)
		assert_int_equal(out.pass_to, ROLE_SDR);
	if (c->new_owner)
		assert_string_equal(out.route.owner, c->new_owner);
	else
		assert_null(out.route.owner);
	for (i = 0; c->routed_at && i < out.d.n; i++)
		if (out.d.events[i]->type == EV_ASSIGNED || out.d.events[i]->type == EV_REASSIGNED) {
			assert_int_equal(out.d.events[i]->at, unit_at(c->routed_at));
			if (out.d.events[i]->type == EV_REASSIGNED) {
				assert_string_equal(event_get_str(out.d.events[i], "previous_owner"), c->owner);
				assert_int_equal(event_get_int(out.d.events[i], "reassigns", 0), c->reassigns + 1);
			}
		}
	for (i = 0; i < out.d.n; i++)
		if (out.d.events[i]->type == EV_BREACH)
			assert_int_equal(out.d.events[i]->at, ob.due); /* the breach takes effect at the due time */
	arena_free(&a);
	playbook_free(&pb);
}

UNIT_TABLE_MAIN("breach", cases, run_case, NULL, NULL)
