/* test_route_inflight.c - the leads other servers have in flight (route_inflight_add,
 * src/core/route.c): on PostgreSQL a batch routes its leads inside a short claim of the rotation
 * and stores them after it, so another server's claim meanwhile counts them from the batch's
 * in-flight row ("id:count,...") on top of the open leads it reads, and capacity stays exact.
 * One table of cases, one runner: three reps (ids 1, 2, 3; rep 3 has no capacity), each with
 * 2 open leads, a row, and the open leads after it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit.h"
#include "core/route.h"

struct inflight_case {
	const char *name;
	const char *text;  /* the in-flight row, NULL for none */
	int rc;            /* what route_inflight_add returns */
	int64_t after[3];  /* the open leads of reps 1, 2, 3 after it */
};

static const struct inflight_case cases[] = {
	{"test_no_row_adds_nothing", NULL, 0, {2, 2, 0}},
	{"test_an_empty_row_adds_nothing", "", 0, {2, 2, 0}},
	{"test_each_rep_gets_its_own_count", "1:3,2:1", 0, {5, 3, 0}},
	{"test_the_order_of_the_row_does_not_matter", "2:1,1:3", 0, {5, 3, 0}},
	{"test_a_rep_without_capacity_counts_nothing", "3:7", 0, {2, 2, 0}},
	{"test_a_rep_not_in_the_pool_is_ignored", "9:4,1:1", 0, {3, 2, 0}},
	{"test_counts_below_one_add_nothing", "1:0,2:-3", 0, {2, 2, 0}},
	{"test_an_unreadable_entry_stops_what_follows", "1:1,x:2,2:5", -1, {3, 2, 0}},
	{"test_a_missing_count_is_unreadable", "1:", -1, {2, 2, 0}},
	{"test_trailing_text_is_unreadable", "1:2;2:1", -1, {2, 2, 0}},
};

static void run_case(void **state)
{
	const struct inflight_case *c = *state;
	struct rep reps[3];
	int i;

	for (i = 0; i < 3; i++) {
		reps[i] = unit_rep(i + 1, i == 0 ? "ana" : i == 1 ? "ben" : "cy", ROLE_MRR);
		reps[i].capacity = i == 2 ? -1 : 10;
		reps[i].open_leads = i == 2 ? 0 : 2;
	}
	assert_int_equal(route_inflight_add(reps, 3, c->text), c->rc);
	for (i = 0; i < 3; i++)
		assert_int_equal(reps[i].open_leads, c->after[i]);
}

UNIT_TABLE_MAIN("route_inflight", cases, run_case, NULL, NULL)
