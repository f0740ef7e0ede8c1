/* test_open_load.c - the peak of open leads per rep over a window (src/core/open_load.c,
 * replay's "load", SPEC 8.10). One table of cases, one runner: the reps named first, then a
 * script of events "HOUR:LEAD:TYPE:NAME:STAGE" (NAME the new owner of an assign, the AE of a
 * handoff, the owner left by an unassign, "-" none; STAGE the stage the event moves the lead
 * to, "-" none), fed in order; then each rep's peak within the window [from, to) in hours. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/open_load.h"
#include "util/arena.h"

#include "unit.h"

struct load_case {
	const char *name;
	const char *reps;   /* named before any event, space-separated */
	int64_t from, to;   /* the window, in hours from the script's start */
	const char *script; /* the events, space-separated */
	const char *peaks;  /* "rep=peak" of every row, in order */
	const char *owner1; /* lead 1's owner and the hour it got it, "rep@hour", "-" none; NULL: unchecked */
};

#define NOLIMIT 1000

static const struct load_case cases[] = {
	{"test_two_leads_assigned_to_one_rep_peak_at_two", "a", 0, NOLIMIT,
	 "0:1:created:-:mql 0:1:assigned:a:- 1:2:created:-:mql 1:2:assigned:a:-", "a=2", NULL},
	{"test_a_closed_lead_leaves_the_load", "a", 0, NOLIMIT,
	 "0:1:created:-:mql 0:1:assigned:a:- 1:1:qualify:-:working 2:1:disqualify:-:disqualified 3:2:created:-:mql "
	 "3:2:assigned:a:-",
	 "a=1", "a@0"},
	{"test_a_reassignment_moves_the_lead", "a b", 0, NOLIMIT,
	 "0:1:created:-:mql 0:1:assigned:a:- 1:1:reassigned:b:- 2:2:created:-:mql 2:2:assigned:b:-", "a=1 b=2", "b@1"},
	{"test_a_handoff_moves_the_lead_to_the_ae", "a e", 0, NOLIMIT,
	 "0:1:created:-:mql 0:1:assigned:a:- 1:1:handoff:e:handoff 2:2:created:-:mql 2:2:assigned:a:-", "a=1 e=1",
	 "e@1"},
	{"test_a_lead_back_in_its_pool_leaves_the_load", "a", 0, NOLIMIT,
	 "0:1:created:-:mql 0:1:assigned:a:- 1:1:unassigned:a:- 2:2:created:-:mql 2:2:assigned:a:-", "a=1", "-"},
	{"test_leads_held_when_the_window_opens_count", "a", 5, NOLIMIT,
	 "0:1:created:-:mql 0:1:assigned:a:- 1:2:created:-:mql 1:2:assigned:a:- 6:2:disqualify:-:disqualified", "a=2",
	 NULL},
	{"test_leads_taken_after_the_window_do_not_count", "a", 0, 2,
	 "0:1:created:-:mql 0:1:assigned:a:- 3:2:created:-:mql 3:2:assigned:a:-", "a=1", NULL},
	{"test_a_lead_that_is_not_open_is_no_load", "a", 0, NOLIMIT, "0:1:created:-:filtered 0:1:assigned:a:-", "a=0",
	 NULL},
	{"test_a_rep_named_by_an_event_only_gets_a_row", "a", 0, NOLIMIT, "0:1:created:-:mql 0:1:assigned:z:-",
	 "a=0 z=1", "z@0"},
};

/* Applies step tok ("HOUR:LEAD:TYPE:NAME:STAGE") to l. */
static void step(struct open_load *l, struct arena *a, char *tok)
{
	char *hour = strtok(tok, ":"), *lead = strtok(NULL, ":"), *type = strtok(NULL, ":");
	char *name = strtok(NULL, ":"), *stage = strtok(NULL, ":");
	enum event_type t;
	enum stage s;
	struct event *ev;

	assert_non_null(stage);
	assert_int_equal(event_type_parse(type, &t), 0);
	ev = event_new(a, t, unit_at("2026-11-30T08:00:00Z") + strtoll(hour, NULL, 10) * 3600, strtoll(lead, NULL, 10),
		       "system");
	if (strcmp(stage, "-") != 0) {
		assert_int_equal(stage_parse(stage, &s), 0);
		event_set_stage(ev, -1, s);
	}
	if (t == EV_CREATED) { /* what lead_apply asks of a creation */
		event_put_str(ev, a, "email", "x@example.com");
		event_put_str(ev, a, "channel", "inbound");
	}
	if (strcmp(name, "-") != 0)
		event_put_str(ev, a, t == EV_HANDOFF ? "ae" : t == EV_UNASSIGNED ? "previous_owner" : "owner", name);
	assert_int_equal(open_load_event(l, ev), 0);
}

static void run_case(void **state)
{
	const struct load_case *c = *state;
	int64_t base = unit_at("2026-11-30T08:00:00Z");
	struct open_load *l = open_load_new(base + c->from * 3600, base + c->to * 3600);
	struct arena *a = arena_new();
	char *reps = strdup(c->reps), *script = strdup(c->script), *tok, *save = NULL, got[256];
	size_t i, len = 0;
	const char *rep;
	int64_t peak;

	assert_non_null(l);
	for (tok = strtok_r(reps, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		assert_int_equal(open_load_rep(l, tok), 0);
	for (tok = strtok_r(script, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		step(l, a, tok);
	got[0] = '\0';
	for (i = 0; (rep = open_load_row(l, i, &peak)) != NULL; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s=%lld", i ? " " : "", rep, (long long)peak);
	assert_int_equal(open_load_rows(l), i);
	assert_string_equal(got, c->peaks);
	if (c->owner1) {
		int64_t since = 0;
		const char *owner = open_load_owner(l, 1, &since);

		if (owner)
			snprintf(got, sizeof(got), "%s@%lld", owner, (long long)((since - base) / 3600));
		assert_string_equal(owner ? got : "-", c->owner1);
	}
	open_load_free(&l);
	assert_null(l);
	arena_free(&a);
	free(reps);
	free(script);
}

UNIT_TABLE_MAIN("open_load", cases, run_case, NULL, NULL)
