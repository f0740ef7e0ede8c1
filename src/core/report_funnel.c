/* report_funnel.c - `report funnel` (SPEC section 6, docs/reports.md): per group, the leads
 * created in the period, how many ever reached each stage, and the conversion of each step of
 * the funnel (inquiry to MQL ... SQL to won). */
#include "core/report_priv.h"
#include "util/arena.h"

static const enum stage funnel_stages[] = {STAGE_INQUIRY, STAGE_TARGET,   STAGE_MQL,     STAGE_WORKING,
					   STAGE_HANDOFF, STAGE_SQL,      STAGE_WON,     STAGE_LIVE,
					   STAGE_LOST,    STAGE_FILTERED, STAGE_NURTURE, STAGE_DISQUALIFIED};
/* the conversions shown: (from, to) */
static const enum stage funnel_steps[][2] = {{STAGE_INQUIRY, STAGE_MQL},
					     {STAGE_MQL, STAGE_WORKING},
					     {STAGE_WORKING, STAGE_HANDOFF},
					     {STAGE_HANDOFF, STAGE_SQL},
					     {STAGE_SQL, STAGE_WON}};
#define NSTEPS (sizeof(funnel_steps) / sizeof(funnel_steps[0]))
#define NFUNNEL (sizeof(funnel_stages) / sizeof(funnel_stages[0]))

void report_funnel_fact(struct report_run *r, const struct report_fact *f)
{
	struct group *g;
	int64_t n = f->count > 0 ? f->count : 1;

	if (!in_period(r, f->created_at))
		return;
	g = report_group_get(r, report_key_of(r, f, f->worked_by), NULL);
	g->leads += n;
	for (int s = 0; s < STAGE_COUNT; s++)
		if (f->reached & (1u << s))
			g->reached[s] += n;
	for (size_t i = 0; i < NSTEPS; i++)
		if ((f->reached & (1u << funnel_steps[i][0])) && (f->reached & (1u << funnel_steps[i][1])))
			g->pairs[i] += n;
}

int report_funnel_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	const size_t ncols = 2 + NFUNNEL + NSTEPS;
	const char **cols = arena_alloc(r->a, ncols * sizeof(*cols));
	size_t i, c = 0;

	cols[c++] = "key";
	cols[c++] = "leads";
	for (i = 0; i < NFUNNEL; i++)
		cols[c++] = stage_name(funnel_stages[i]);
	for (i = 0; i < NSTEPS; i++)
		cols[c++] = arena_printf(r->a, "%s_to_%s", stage_name(funnel_steps[i][0]),
					 stage_name(funnel_steps[i][1]));
	report_table_init(&out->tables[0], "rows", cols, ncols);
	if (r->o.by == BY_NONE)
		report_group_get(r, "all", NULL); /* the one row, even over no leads */
	report_groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row = report_table_add(r->a, &out->tables[0]);

		c = 0;
		row[c++] = c_str(g->key);
		row[c++] = c_int(g->leads);
		for (i = 0; i < NFUNNEL; i++)
			row[c++] = c_int(g->reached[funnel_stages[i]]);
		for (i = 0; i < NSTEPS; i++)
			row[c++] = c_rate(g->pairs[i], g->reached[funnel_steps[i][0]]);
	}
	return 0;
}
