/* report_ab.c - `report ab` (SPEC section 6, docs/reports.md): per touch variant the reply,
 * meeting and SQL rates, each against the first variant (the baseline) by the two-proportion
 * z-test when the sample is large enough, and a verdict in words. */
#include <stdio.h>

#include "core/report_priv.h"
#include "util/arena.h"

void report_ab_fact(struct report_run *r, const struct report_fact *f)
{
	struct group *g;

	if (!f->variant || !in_period(r, f->created_at))
		return;
	g = report_group_get(r, f->variant, NULL);
	g->leads++;
	g->replied += f->replied != 0;
	g->meetings += (f->reached & (1u << STAGE_HANDOFF)) != 0;
	g->met_sql += (f->reached & (1u << STAGE_SQL)) != 0;
}

int report_ab_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"variant",      "leads",     "replied", "reply_rate", "reply_p", "meetings",
				     "meeting_rate", "meeting_p", "sql",     "sql_rate",   "sql_p",   "verdict"};
	struct group *base;

	report_table_init(&out->tables[0], "rows", cols, 12);
	report_groups_sort(r);
	if (!r->ngroups) {
		report_extra(out, "baseline", c_null());
		return 0;
	}
	base = r->groups[0];
	report_extra(out, "baseline", c_str(base->key));
	report_extra(out, "alpha", c_real(0.05, 2));
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row = report_table_add(r->a, &out->tables[0]);
		const int64_t x[3] = {g->replied, g->meetings, g->met_sql},
			      bx[3] = {base->replied, base->meetings, base->met_sql};
		static const char *const what[3] = {"reply", "meeting", "sql"};
		char verdict[256] = "";
		size_t vn = 0;
		int small = 0;

		row[0] = c_str(g->key);
		row[1] = c_int(g->leads);
		for (int m = 0; m < 3; m++) {
			row[2 + m * 3] = c_int(x[m]);
			row[3 + m * 3] = c_rate(x[m], g->leads);
			if (k == 0)
				continue;
			if (!report_sample_ok(x[m], g->leads, bx[m], base->leads)) {
				small = 1;
				continue;
			}
			double p = report_two_proportion_p(x[m], g->leads, bx[m], base->leads);

			row[4 + m * 3] = c_real(p, 4);
			if (p < 0.05 && vn < sizeof(verdict) - 80) {
				int better = (double)x[m] / (double)g->leads > (double)bx[m] / (double)base->leads;

				vn += (size_t)snprintf(verdict + vn, sizeof(verdict) - vn,
						       "%s%s rate %s than %.40s (p=%.4f)", vn ? "; " : "", what[m],
						       better ? "higher" : "lower", base->key, p);
			}
		}
		if (k == 0)
			row[11] = c_str("baseline");
		else if (vn)
			row[11] = c_str(arena_strdup(r->a, verdict));
		else if (small)
			row[11] = c_str("sample too small to tell");
		else
			row[11] = c_str("no significant difference");
	}
	return 0;
}
