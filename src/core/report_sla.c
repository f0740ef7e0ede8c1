/* report_sla.c - `report sla` and `report followup` (SPEC section 6, docs/reports.md), both
 * over the obligations: per rule and group, how many are open, met, breached or cancelled and
 * the compliance (met over met and breached); per grade, the share of MQLs whose follow-up
 * cadence was met, with the cadence each grade owes. */
#include <string.h>

#include "core/playbook.h"
#include "core/report_priv.h"
#include "core/sla.h"

/* The index of an obligation's status in struct group's status[] (enum ob_status), or -1. */
static int status_index(const char *s)
{
	enum ob_status st;

	return ob_status_parse(s, &st) == 0 ? (int)st : -1;
}

void report_sla_obligation(struct report_run *r, const struct report_obligation *o)
{
	int st = status_index(o->status);
	int64_t n = o->count > 0 ? o->count : 1;

	if (st < 0 || !in_period(r, o->due))
		return;
	report_group_get(r, report_key_of(r, &o->lead, o->owner), o->rule)->status[st] += n;
	report_group_get(r, "all", "~all rules")->status[st] += n;
}

int report_sla_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"rule", "key",      "obligations", "open",
					   "met",  "breached", "cancelled",   "compliance"};
	int64_t met = 0, breached = 0;

	report_table_init(&out->tables[0], "rows", cols, 8);
	report_groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row;
		int all = strcmp(g->sub, "~all rules") == 0;

		row = report_table_add(r->a, &out->tables[0]);
		row[0] = c_str(all ? "all" : g->sub);
		row[1] = c_str(g->key);
		row[2] = c_int(g->status[0] + g->status[1] + g->status[2] + g->status[3]);
		for (int i = 0; i < 4; i++)
			row[3 + i] = c_int(g->status[i]);
		row[7] = c_rate(g->status[1], g->status[1] + g->status[2]);
		if (all) {
			met = g->status[1];
			breached = g->status[2];
		}
	}
	report_extra(out, "compliance", c_rate(met, met + breached));
	report_history_note(r, out);
	return 0;
}

void report_followup_obligation(struct report_run *r, const struct report_obligation *o)
{
	int st = status_index(o->status);

	if (st < 0 || strcmp(o->rule, "follow_up") != 0 || !in_period(r, o->opened_at))
		return;
	report_group_get(r, report_key_of(r, &o->lead, o->lead.worked_by), o->lead.grade ? o->lead.grade : "(none)")
		->status[st]++;
	report_group_get(r, report_key_of(r, &o->lead, o->lead.worked_by), "~all grades")->status[st]++;
}

int report_followup_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *const cols[] = {"grade",  "key",         "mqls",     "full_cadence",
					   "missed", "in_progress", "moved_on", "share_full"};
	const struct playbook *pb = r->o.pb;

	report_table_init(&out->tables[0], "rows", cols, 8);
	if (r->o.by == BY_NONE)
		report_group_get(r, "all", "~all grades");
	report_groups_sort(r);
	for (size_t k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		struct cell *row = report_table_add(r->a, &out->tables[0]);
		int all = strcmp(g->sub, "~all grades") == 0;

		row[0] = c_str(all ? "all" : g->sub);
		row[1] = c_str(g->key);
		row[2] = c_int(g->status[0] + g->status[1] + g->status[2] + g->status[3]);
		row[3] = c_int(g->status[1]);
		row[4] = c_int(g->status[2]);
		row[5] = c_int(g->status[0]);
		row[6] = c_int(g->status[3]);
		row[7] = c_rate(g->status[1], g->status[1] + g->status[2]);
	}
	/* the cadence each grade owes, from the playbook */
	{
		static const char *ccols[] = {"grade", "touches", "within_days"};
		struct report_table *t = &out->tables[out->ntables++];

		report_table_init(t, "cadence", ccols, 3);
		for (size_t i = 0; i < pb->sla.nfollow_up; i++) {
			struct cell *row = report_table_add(r->a, t);

			row[0] = c_str(pb->sla.follow_up[i].grade);
			row[1] = c_int(pb->sla.follow_up[i].touches);
			row[2] = c_real((double)pb->sla.follow_up[i].within / 1440.0, 2);
		}
	}
	return 0;
}
