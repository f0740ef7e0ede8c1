/* advise.c - the 80/20 advisor; see advise.h and docs/advise.md. Time is summed per role (the
 * group of reps) and function; the thresholds are the rules of thumb of the field's articles:
 * more than 20% of a group's time off its own function, a couple of hundred inbound leads a
 * month per MRR, three or four AEs before the first SDR. */
#include "core/advise.h"

#include <stdio.h>
#include <string.h>

#include "core/lifecycle.h"
#include "util/arena.h"

static const char *const fn_names[FN_COUNT] = {"inbound_qualification", "prospecting", "closing",
					       "account_management"};
static const char *const fn_words[FN_COUNT] = {"qualifying inbound leads", "prospecting", "closing",
					       "managing customers"};
/* each role's own function, and the role whose function each is */
static const int own_fn[ROLE_COUNT] = {FN_INBOUND, FN_PROSPECTING, FN_CLOSING, FN_ACCOUNT, -1};
static const enum role fn_role[FN_COUNT] = {ROLE_MRR, ROLE_SDR, ROLE_AE, ROLE_CSM};
static const char *const role_plural[ROLE_COUNT] = {"MRRs", "SDRs", "AEs", "CSMs", "managers"};

struct advise {
	struct arena *a;
	const struct report_rep *reps;
	size_t nreps;
	int64_t now;
	int heads[ROLE_COUNT];               /* active reps per role */
	int64_t minutes[ROLE_COUNT][FN_COUNT];
	int64_t touches[ROLE_COUNT][FN_COUNT];
	int64_t inbound_90d;
	int64_t first_lead;                  /* the oldest lead's creation: how much history there is */
};

const char *advise_function_name(enum advise_function fn)
{
	return (unsigned)fn < FN_COUNT ? fn_names[fn] : "?";
}

enum advise_function advise_function_of(const struct report_fact *lead, int64_t at)
{
	if (lead->at[STAGE_WON] && at >= lead->at[STAGE_WON])
		return FN_ACCOUNT;
	if (lead->at[STAGE_HANDOFF] && at >= lead->at[STAGE_HANDOFF])
		return FN_CLOSING;
	return lead->channel == CHANNEL_OUTBOUND ? FN_PROSPECTING : FN_INBOUND;
}

int64_t advise_touch_minutes(const char *kind, int64_t logged)
{
	static const int64_t minutes[TOUCH_KIND_COUNT] = {[TOUCH_CALL] = 15, [TOUCH_EMAIL] = 5, [TOUCH_SOCIAL] = 3};
	enum touch_kind k;

	if (logged > 0)
		return logged;
	/* a touch of a kind no longer known counts as the lightest, a social one */
	return minutes[touch_kind_parse(kind, &k) == 0 ? k : TOUCH_SOCIAL];
}

struct advise *advise_start(const struct report_rep *reps, const int *active, size_t nreps, int64_t now,
			    struct arena *a)
{
	struct advise *ad = arena_alloc(a, sizeof(*ad));

	memset(ad, 0, sizeof(*ad));
	ad->a = a;
	ad->reps = reps;
	ad->nreps = nreps;
	ad->now = now;
	ad->first_lead = now;
	for (size_t i = 0; i < nreps; i++)
		if (active[i] && (unsigned)reps[i].role < ROLE_COUNT)
			ad->heads[reps[i].role]++;
	return ad;
}

void advise_touch(struct advise *ad, const char *by, const char *kind, int64_t minutes, int64_t at,
		  const struct report_fact *lead)
{
	enum advise_function fn = advise_function_of(lead, at);

	for (size_t i = 0; by && i < ad->nreps; i++)
		if (strcmp(ad->reps[i].name, by) == 0) {
			ad->minutes[ad->reps[i].role][fn] += advise_touch_minutes(kind, minutes);
			ad->touches[ad->reps[i].role][fn]++;
			return;
		}
}

void advise_lead(struct advise *ad, const struct report_fact *lead)
{
	if (lead->created_at < ad->first_lead)
		ad->first_lead = lead->created_at;
	if (lead->channel == CHANNEL_INBOUND && lead->created_at >= ad->now - 90 * 86400 && lead->created_at <= ad->now)
		ad->inbound_90d++;
}

static struct cell s_cell(const char *s)
{
	return (struct cell){.kind = CELL_STR, .s = s};
}

static void recommend(struct advise *ad, struct report_table *t, const char *rule, const char *group, char *text,
		      char *evidence)
{
	struct cell *row;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		struct cell *c = arena_alloc(ad->a, cap * t->ncols * sizeof(*c));

		if (t->nrows)
			memcpy(c, t->cells, t->nrows * t->ncols * sizeof(*c));
		t->cells = c;
		t->cap = cap;
	}
	row = t->cells + t->nrows++ * t->ncols;
	row[0] = s_cell(rule);
	row[1] = s_cell(group);
	row[2] = s_cell(text);
	row[3] = s_cell(evidence);
}

void advise_finish(struct advise *ad, struct report *out)
{
	static const char *const cols[] = {"group", "reps", "logged_minutes", "touches", "own_function", "own_share",
					   "inbound_qualification", "prospecting", "closing", "account_management"};
	static const char *const rcols[] = {"rule", "group", "recommendation", "evidence"};
	struct report_table *t = &out->tables[0], *rt = &out->tables[1];
	double months;
	int64_t per_month;

	memset(out, 0, sizeof(*out));
	out->name = "advise";
	out->ntables = 2;
	t->name = "rows";
	t->cols = cols;
	t->ncols = 10;
	rt->name = "recommendations";
	rt->cols = rcols;
	rt->ncols = 4;
	t->cap = ROLE_COUNT;
	t->cells = arena_alloc(ad->a, ROLE_COUNT * t->ncols * sizeof(struct cell));
	for (int r = 0; r < ROLE_MANAGER; r++) {
		int64_t total = 0, n = 0;
		struct cell *row;

		for (int f = 0; f < FN_COUNT; f++) {
			total += ad->minutes[r][f];
			n += ad->touches[r][f];
		}
		if (!ad->heads[r] && !total)
			continue;
		row = t->cells + t->nrows++ * t->ncols;
		row[0] = s_cell(role_name((enum role)r));
		row[1] = (struct cell){.kind = CELL_INT, .i = ad->heads[r]};
		row[2] = (struct cell){.kind = CELL_INT, .i = total};
		row[3] = (struct cell){.kind = CELL_INT, .i = n};
		row[4] = s_cell(fn_names[own_fn[r]]);
		for (int f = -1; f < FN_COUNT; f++) {
			int64_t m = ad->minutes[r][f < 0 ? own_fn[r] : f];

			row[f < 0 ? 5 : 6 + f] = total ? (struct cell){.kind = CELL_RATE, .r = (double)(m * 10000 / total) / 10000}
						       : (struct cell){.kind = CELL_NULL};
		}
		if (total < ADVISE_MIN_MINUTES)
			continue;
		for (int f = 0; f < FN_COUNT; f++) {
			double share = (double)ad->minutes[r][f] / (double)total;

			if (f == own_fn[r] || share <= ADVISE_SHARE_MAX)
				continue;
			recommend(ad, rt, "time_off_function", role_name((enum role)r),
				  arena_printf(ad->a, "%s spend %.0f%% of their time %s: give %s to %s%s", role_plural[r],
					       share * 100, fn_words[f], fn_names[f], role_plural[fn_role[f]],
					       ad->heads[fn_role[f]] ? "" : " (the team has none: hire one)"),
				  arena_printf(ad->a, "%lld of %lld logged minutes (%lld touches) are %s; the limit is %.0f%%",
					       (long long)ad->minutes[r][f], (long long)total, (long long)ad->touches[r][f],
					       fn_names[f], ADVISE_SHARE_MAX * 100));
		}
	}
	/* the inbound volume over the last 90 days (or the history there is, if shorter) */
	months = (double)(ad->now - (ad->first_lead > ad->now - 90 * 86400 ? ad->first_lead : ad->now - 90 * 86400)) /
		 (30.0 * 86400);
	if (months < 1)
		months = 1;
	per_month = (int64_t)((double)ad->inbound_90d / months + 0.5);
	if (per_month >= ADVISE_INBOUND_PER_MRR && per_month > (int64_t)ad->heads[ROLE_MRR] * ADVISE_INBOUND_PER_MRR) {
		int want = (int)(per_month / ADVISE_INBOUND_PER_MRR);

		recommend(ad, rt, "inbound_volume", "mrr",
			  arena_printf(ad->a, "%s: %lld inbound leads a month call for %d MRR%s, the team has %d",
				       ad->heads[ROLE_MRR] ? "add MRRs" : "hire an MRR to qualify inbound leads",
				       (long long)per_month, want, want > 1 ? "s" : "", ad->heads[ROLE_MRR]),
			  arena_printf(ad->a, "%lld inbound leads over the last %.1f months; one MRR per %d a month",
				       (long long)ad->inbound_90d, months, ADVISE_INBOUND_PER_MRR));
	}
	if (ad->heads[ROLE_AE] >= ADVISE_AES_FOR_SDR && ad->heads[ROLE_SDR] == 0)
		recommend(ad, rt, "team_size", "sdr",
			  arena_printf(ad->a, "the next hire is an SDR: %d AEs and no SDR to prospect for them",
				       ad->heads[ROLE_AE]),
			  arena_printf(ad->a, "%d active AEs, 0 SDRs; from %d AEs on, prospecting is a job of its own",
				       ad->heads[ROLE_AE], ADVISE_AES_FOR_SDR));
	out->extra_keys[0] = "inbound_leads_per_month";
	out->extras[0] = (struct cell){.kind = CELL_INT, .i = per_month};
	out->extra_keys[1] = "recommendations_count";
	out->extras[1] = (struct cell){.kind = CELL_INT, .i = (int64_t)rt->nrows};
	out->nextras = 2;
}
