/* test_idgaps.c - the ids a follower of an append-only table has not seen yet
 * (src/util/idgaps.c), the live dashboard's feed on PostgreSQL where ids commit out of order:
 * each id is delivered once, the late ones when they appear, and a run that never fills is
 * forgotten when it expires. One table of cases, one runner: a script of steps, then the runs
 * left. A step is "N+" (id N seen: new), "N-" (seen: not new), "@T" (the clock is now T) or
 * "xT" (expire the runs skipped before T). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/idgaps.h"

#include "unit.h"

struct gaps_case {
	const char *name;
	int64_t start;      /* idgaps_init's last */
	const char *steps;
	const char *runs;   /* the runs left, "lo-hi" space-separated, "" none */
	int64_t last;
};

static const struct gaps_case cases[] = {
	{"test_ids_in_order_leave_no_gap", 10, "11+ 12+ 13+", "", 13},
	{"test_an_id_at_or_below_the_start_was_seen", 10, "10- 3-", "", 10},
	{"test_an_id_seen_twice_is_new_once", 10, "11+ 11- 12+ 12-", "", 12},
	{"test_a_skipped_id_is_a_gap_until_it_appears", 10, "12+ 11+ 11-", "", 12},
	{"test_a_run_of_skipped_ids_fills_from_both_ends", 10, "15+ 11+ 14+", "12-13", 15},
	{"test_an_id_inside_a_run_splits_it", 10, "20+ 15+", "11-14 16-19", 20},
	{"test_runs_from_several_skips_stay_in_order", 0, "3+ 6+ 10+ 4+ 8+", "1-2 5-5 7-7 9-9", 10},
	{"test_a_run_that_never_fills_expires", 10, "@1 13+ @5 16+ x3 12- 15+", "14-14", 16},
	{"test_an_expired_run_forgets_its_late_ids", 10, "@1 15+ x2 12- 16+", "", 16},
	{"test_the_halves_of_a_split_keep_their_age", 10, "@1 20+ @9 15+ x5 16-", "", 20},
};

static void runs_text(const struct idgaps *g, char *buf, size_t cap)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < g->n && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%lld-%lld", i ? " " : "", (long long)g->runs[i].lo,
					(long long)g->runs[i].hi);
}

static void run_case(void **state)
{
	const struct gaps_case *c = *state;
	struct idgaps g;
	char *steps = strdup(c->steps), *tok, *save = NULL, runs[256];
	double now = 0;

	idgaps_init(&g, c->start);
	for (tok = strtok_r(steps, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (tok[0] == '@') {
			now = strtod(tok + 1, NULL);
		} else if (tok[0] == 'x') {
			idgaps_expire(&g, strtod(tok + 1, NULL));
		} else {
			size_t len = strlen(tok);
			int64_t id = strtoll(tok, NULL, 10);

			if (idgaps_see(&g, id, now) != (tok[len - 1] == '+'))
				fail_msg("step %s: idgaps_see answered the other way", tok);
		}
	}
	runs_text(&g, runs, sizeof(runs));
	assert_string_equal(runs, c->runs);
	assert_int_equal(g.last, c->last);
	idgaps_release(&g);
	free(steps);
}

UNIT_TABLE_MAIN("idgaps", cases, run_case, NULL, NULL)
