/* report_handoff.c - `report handoff` (SPEC section 6, docs/reports.md) over the handoff events
 * in id order: per SDR and per AE the handoffs, acceptances and rejections, per AE the meetings
 * held and won after them; the rejection reasons with where each sends the lead; the tune-out
 * alerts. */
#include <string.h>

#include "core/clock.h"
#include "core/playbook.h"
#include "core/report_priv.h"
#include "util/arena.h"

static void lead_slots(struct report_run *r, int64_t lead)
{
	int64_t n;

	if (lead < r->nlead_slots)
		return;
	n = r->nlead_slots ? r->nlead_slots : 1024;
	while (n <= lead)
		n *= 2;
	const char **s = arena_alloc(r->a, (size_t)n * sizeof(*s)), **h = arena_alloc(r->a, (size_t)n * sizeof(*h));
	memset(s, 0, (size_t)n * sizeof(*s));
	memset(h, 0, (size_t)n * sizeof(*h));
	if (r->nlead_slots) {
		memcpy(s, r->sdr_of, (size_t)r->nlead_slots * sizeof(*s));
		memcpy(h, r->held_ae, (size_t)r->nlead_slots * sizeof(*h));
	}
	r->sdr_of = s;
	r->held_ae = h;
	r->nlead_slots = n;
}

/* A rep name kept for the whole run (interned through the group table). */
static const char *keep(struct report_run *r, const char *name)
{
	return name ? report_group_get(r, name, "~name")->key : NULL;
}

void report_handoff_event(struct report_run *r, const struct report_event *ev)
{
	int in = in_period(r, ev->at);
	const char *sdr;

	if (ev->lead <= 0)
		return;
	lead_slots(r, ev->lead);
	sdr = r->sdr_of[ev->lead];
	if (ev->type == EV_HANDOFF) {
		r->sdr_of[ev->lead] = keep(r, ev->actor);
		if (in) {
			report_group_get(r, ev->actor, "sdr")->handoffs++;
			if (ev->ae)
				report_group_get(r, ev->ae, "ae")->handoffs++;
		}
	} else if (ev->type == EV_ACCEPT || ev->type == EV_REJECT) {
		int acc = ev->type == EV_ACCEPT;

		if (!in)
			return;
		if (sdr) {
			struct group *g = report_group_get(r, sdr, "sdr");

			acc ? g->accepted++ : g->rejected++;
		}
		struct group *g = report_group_get(r, ev->actor, "ae");
		acc ? g->accepted++ : g->rejected++;
		if (!acc)
			report_group_get(r, ev->reason ? ev->reason : "(none)", "~reason")->leads++;
	} else if (ev->type == EV_MEETING_HELD) {
		if (in && ev->ae && !r->held_ae[ev->lead]) {
			r->held_ae[ev->lead] = keep(r, ev->ae);
			report_group_get(r, ev->ae, "ae")->held++;
		}
	} else if (ev->type == EV_WON) {
		if (r->held_ae[ev->lead])
			report_group_get(r, r->held_ae[ev->lead], "ae")->won_after_held++;
	} else if (ev->type == EV_TUNE_OUT && in) {
		struct cell *row = report_table_add(r->a, &r->alerts);
		char buf[CLOCK_RFC3339_LEN];

		row[0] = c_str(arena_strdup(r->a, clock_format_rfc3339(ev->at, buf)));
		row[1] = c_str(arena_strdup(r->a, ev->ae ? ev->ae : ev->actor));
		row[2] = c_str(arena_strdup(r->a, ev->source));
		row[3] = c_int(ev->count);
		row[4] = c_int(ev->lead);
	}
}

int report_handoff_finish(struct report_run *r, struct report *out, struct bt_error *err)
{
	static const char *cols[] = {"side",          "rep",
				     "role",          "handoffs",
				     "accepted",      "rejected",
				     "pending",       "acceptance_rate",
				     "meetings_held", "won_after_meeting",
				     "meeting_to_won"};
	static const char *rcols[] = {"reason", "rejections", "share", "goes_to"};
	int64_t total_rej = 0;
	size_t k;

	report_table_init(&out->tables[0], "rows", cols, 11);
	report_table_init(&out->tables[1], "reasons", rcols, 4);
	out->tables[2] = r->alerts;
	out->ntables = 3;
	report_groups_sort(r);
	for (k = 0; k < r->ngroups; k++)
		if (strcmp(r->groups[k]->sub, "~reason") == 0)
			total_rej += r->groups[k]->leads;
	for (k = 0; k < r->ngroups; k++) {
		struct group *g = r->groups[k];
		const struct report_rep *p;
		struct cell *row;

		if (strcmp(g->sub, "~reason") == 0) {
			const struct pb_rejection *rj = playbook_rejection(r->o.pb, g->key);

			row = report_table_add(r->a, &out->tables[1]);
			row[0] = c_str(g->key);
			row[1] = c_int(g->leads);
			row[2] = c_rate(g->leads, total_rej);
			row[3] = rj ? c_str(stage_name(rj->to)) : c_null();
			continue;
		}
		if (strcmp(g->sub, "sdr") != 0 && strcmp(g->sub, "ae") != 0)
			continue;
		if (!g->handoffs && !g->accepted && !g->rejected && !g->held)
			continue;
		p = report_rep_find(r, g->key);
		row = report_table_add(r->a, &out->tables[0]);
		row[0] = c_str(g->sub);
		row[1] = c_str(g->key);
		row[2] = p ? c_str(role_name(p->role)) : c_null();
		row[3] = c_int(g->handoffs);
		row[4] = c_int(g->accepted);
		row[5] = c_int(g->rejected);
		row[6] = c_int(g->handoffs - g->accepted - g->rejected > 0 ? g->handoffs - g->accepted - g->rejected
									   : 0);
		row[7] = c_rate(g->accepted, g->accepted + g->rejected);
		if (g->sub[0] == 'a') {
			row[8] = c_int(g->held);
			row[9] = c_int(g->won_after_held);
			row[10] = c_rate(g->won_after_held, g->held);
		}
	}
	report_extra(out, "tune_out_alerts", c_int((int64_t)r->alerts.nrows));
	return 0;
}
