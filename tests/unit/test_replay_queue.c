/* test_replay_queue.c - the actions a replay holds (src/core/replay_queue.c): each lead's line
 * keeps its order, only a line's first is scheduled, the firsts come up earliest first with
 * ties to the older source event, a first scheduled again is taken at its new time only, and
 * what is left is handed back on free. One table of cases, one runner: a script of steps
 * "+LEAD:ID" (push; the first of a line is scheduled at once, at its id, unless told "@T"),
 * "@LEAD:T" (schedule lead's first at T), "-" (take the next: its "LEAD:ID" is noted, its line
 * popped and the new first scheduled at its id), then the ids taken, in order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/replay_queue.h"

#include "unit.h"

struct queue_case {
	const char *name;
	const char *script;
	const char *taken; /* "LEAD:ID" of each "-", space-separated */
	int left;          /* actions still held at the end */
};

static const struct queue_case cases[] = {
	{"test_firsts_come_up_earliest_first", "+1:30 +2:10 +3:20 - - -", "2:10 3:20 1:30", 0},
	{"test_a_line_keeps_its_order", "+1:10 +1:5 +2:7 - - -", "2:7 1:10 1:5", 0},
	{"test_only_a_lines_first_is_scheduled", "+1:10 +1:1 +2:5 -", "2:5", 2},
	{"test_ties_go_to_the_older_event", "+1:30 +2:20 @1:5 @2:5 - -", "2:20 1:30", 0},
	{"test_a_first_scheduled_again_comes_at_its_new_time_only", "+1:10 +2:20 @1:30 - - -", "2:20 1:10", 0},
	{"test_nothing_scheduled_nothing_taken", "-", "", 0},
	{"test_what_is_left_is_handed_back", "+1:10 +1:11 +2:12", "", 3},
};

static int dropped;

static void drop(void *data)
{
	free(data);
	dropped++;
}

static void run_case(void **state)
{
	const struct queue_case *c = *state;
	struct replay_queue *q = replay_queue_new();
	char *script = strdup(c->script), *tok, *save = NULL, taken[256] = "";
	size_t len = 0;

	assert_non_null(q);
	dropped = 0;
	for (tok = strtok_r(script, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		int64_t lead = 0, at = 0, id;
		void *data;

		if (tok[0] == '+') {
			int64_t *p = malloc(sizeof(*p));

			id = strtoll(strchr(tok, ':') + 1, NULL, 10);
			*p = id;
			lead = strtoll(tok + 1, NULL, 10);
			if (replay_queue_push(q, lead, id, p) == 1)
				assert_int_equal(replay_queue_schedule(q, lead, id), 0);
		} else if (tok[0] == '@') {
			lead = strtoll(tok + 1, NULL, 10);
			assert_int_equal(replay_queue_schedule(q, lead, strtoll(strchr(tok, ':') + 1, NULL, 10)), 0);
		} else if (replay_queue_next(q, &lead, &at, &data)) {
			assert_ptr_equal(replay_queue_first(q, lead), data);
			len += (size_t)snprintf(taken + len, sizeof(taken) - len, "%s%lld:%lld", len ? " " : "",
						(long long)lead, (long long)*(int64_t *)data);
			free(data);
			if (replay_queue_pop(q, lead))
				assert_int_equal(
					replay_queue_schedule(q, lead, *(int64_t *)replay_queue_first(q, lead)), 0);
		}
	}
	assert_string_equal(taken, c->taken);
	replay_queue_free(&q, drop);
	assert_null(q);
	assert_int_equal(dropped, c->left);
	free(script);
}

UNIT_TABLE_MAIN("replay_queue", cases, run_case, NULL, NULL)
