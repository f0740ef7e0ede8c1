/* demo_year.c - the year before the demo's quarter (SPEC 8.12, issue 19): the customers won over
 * the 12 months before it, each taken through the real use cases at its own past time: the
 * inquiry, the first touch, the qualification, the handoff to an AE, the accept and the win with
 * its term. From the win on they are customers like the quarter's (demo_deal.c: live, the CSM's
 * health checks, renewals, churns and lapses; demo_expand.c: expansions). Only deals that were
 * won are simulated. Their draws come from a source of their own (d->yrng), so that the quarter's
 * leads draw what they drew without them. */
#include <string.h>

#include "core/tz.h"
#include "demo/demo_step.h"
#include "service/act.h"
#include "service/intake.h"

/* The phases of a past customer's deal, the aux of ST_PAST. */
enum past_phase { PAST_ARRIVE, PAST_TOUCH, PAST_QUALIFY, PAST_HANDOFF, PAST_ACCEPT, PAST_WIN };

/* The day (relative to the quarter's first) on which past customer j's inquiry comes: spread
 * evenly over the year, the last ones two months before the quarter so they are won before it. */
static int past_day(const struct demo *d, int64_t j)
{
	return -DEMO_YEAR_DAYS + (int)(j * (DEMO_YEAR_DAYS - 60) / d->npast);
}

void demo_year_day(struct demo *d, int k)
{
	int64_t noon, t;

	if (tz_utc(d->zone, d->day0 + k, 12 * 60, &noon) || !bizclock_open(&d->bc, noon))
		return; /* the weekend's customers come on Monday */
	while (d->past_next < d->npast && past_day(d, d->past_next) <= k && d->nleads < d->cap_leads) {
		if (tz_utc(d->zone, d->day0 + k, 9 * 60 + 30 + (int)drng_below(&d->yrng, 6 * 60), &t))
			return;
		d->leads[d->nleads].flags = DF_PAST;
		demo_push(d, t, (uint32_t)d->nleads++, ST_PAST, PAST_ARRIVE);
		d->past_next++;
	}
}

/* The inquiry: a person at a company the fit filter keeps, inbound or from the target list. */
static int past_arrive(struct demo *d, uint32_t i)
{
	static const char *const inbound[] = {"web_form", "referral", "webinar", "event"};
	struct dlead *dl = &d->leads[i];
	struct demo_company c = {0};
	struct demo_person p = {0};
	struct intake_outcome out;
	struct lead in;
	int rc, outbound = drng_chance(&d->yrng, 0.35), tries;

	for (tries = 0; tries < 20; tries++) {
		demo_company_draw(&d->yrng, drng_chance(&d->yrng, 0.55) ? REGION_EMEA : REGION_NA, &c);
		if (c.employees >= 10 && strcmp(c.segment, "ecommerce") && strcmp(c.segment, "destination"))
			break;
	}
	demo_person_draw(&d->yrng, &c, 0, &p);
	lead_init(&in);
	in.email = p.email;
	in.name = p.name;
	in.title = p.title;
	in.company = c.name;
	in.phone = p.phone;
	in.mobile = p.mobile;
	in.source = outbound ? demo_sources[DEMO_SRC_TARGET] : inbound[drng_below(&d->yrng, 4)];
	in.channel = outbound ? CHANNEL_OUTBOUND : CHANNEL_INBOUND;
	in.segment = c.segment;
	in.employees = c.employees;
	in.country = c.country;
	dl->q = 0.8f;
	dl->src = outbound ? DEMO_SRC_TARGET : 0;
	dl->seniority = (uint8_t)p.seniority;
	rc = demo_outcome(d, service_intake(d->svc, d->a, &in, "import", &out, d->err), NULL);
	if (rc || out.duplicate || out.filtered || out.unassigned)
		return rc < 0 ? rc : 0;
	dl->id = out.lead;
	/* within the five minutes of the speed to lead */
	demo_push(d, demo_biz(d, d->svc->now, 1 + (double)drng_below(&d->yrng, 4)), i, ST_PAST, PAST_TOUCH);
	return 0;
}

/* The AE a past customer's owner hands it to: its pod's AE for an SDR, else an AE of its team. */
static int past_ae(struct demo *d, int by)
{
	const struct drep *r = &d->reps[by];
	const struct dteam *tm;
	int j, n = 0, pick;

	if (r->team < 0)
		return d->nrole[ROLE_AE] ? d->by_role[ROLE_AE][0] : -1;
	tm = &d->teams[r->team];
	for (j = tm->first_rep; j < tm->first_rep + tm->nreps; j++)
		if (d->reps[j].role == ROLE_AE) {
			if (r->role == ROLE_SDR && d->reps[j].pod == r->pod)
				return j;
			n++;
		}
	pick = n ? (int)drng_below(&d->yrng, (uint64_t)n) : -1;
	for (j = tm->first_rep; j < tm->first_rep + tm->nreps && pick >= 0; j++)
		if (d->reps[j].role == ROLE_AE && pick-- == 0)
			return j;
	return -1;
}

/* The contract's term at the win: a year mostly, two years for some, a few monthly or quarterly
 * pilots (whose renewals fall in every month of the year). */
static int64_t past_term(struct demo *d)
{
	static const int64_t terms[] = {12, 24, 1, 3};
	static const double weights[] = {0.55, 0.15, 0.15, 0.15};

	return terms[drng_weighted(&d->yrng, weights, sizeof(terms) / sizeof(terms[0]))];
}

/* Fills req with what the owner of past customer i does in `phase`; returns the stages the lead
 * must be in, and *to the AE of a handoff. */
static unsigned past_req(struct demo *d, uint32_t i, enum past_phase phase, int by, struct action_req *req,
			 const char **to)
{
	struct dlead *dl = &d->leads[i];
	char phone[32], mobile[32];
	int ae;

	switch (phase) {
	case PAST_TOUCH:
		*req = (struct action_req){.action = ACT_TOUCH, .kind = "call", .outcome = "connected"};
		return (1u << STAGE_MQL) | (1u << STAGE_TARGET);
	case PAST_QUALIFY:
		*req = (struct action_req){.action = ACT_QUALIFY};
		kv_set(&req->set, d->a, "need", demo_text(&d->yrng, TEXT_NEED));
		kv_set(&req->set, d->a, "budget", "yes");
		kv_set(&req->set, d->a, "authority", dl->seniority >= 2 ? "decision_maker" : "influencer");
		kv_set(&req->set, d->a, "timeline", "this_quarter");
		return 1u << STAGE_WORKING;
	case PAST_HANDOFF:
		*req = (struct action_req){.action = ACT_HANDOFF};
		if ((ae = past_ae(d, by)) < 0)
			return 0;
		*to = d->reps[ae].name;
		demo_phone(&d->yrng, "US", 0, phone, sizeof(phone));
		demo_phone(&d->yrng, "US", 1, mobile, sizeof(mobile));
		kv_set(&req->notes, d->a, "direct_phone", phone);
		kv_set(&req->notes, d->a, "mobile_phone", mobile);
		kv_set(&req->notes, d->a, "summary", demo_text(&d->yrng, TEXT_SUMMARY));
		kv_set(&req->notes, d->a, "company_changes", demo_text(&d->yrng, TEXT_COMPANY_CHANGE));
		kv_set(&req->notes, d->a, "current_systems", demo_text(&d->yrng, TEXT_SYSTEMS));
		return 1u << STAGE_WORKING;
	case PAST_ACCEPT:
		dl->estimate = (uint32_t)drng_lognormal(&d->yrng, 20000, 0.6) / 100 * 100;
		if (dl->estimate < 5000)
			dl->estimate = 5000;
		*req = (struct action_req){.action = ACT_ACCEPT, .amount_cents = (int64_t)dl->estimate * 100};
		return 1u << STAGE_HANDOFF;
	case PAST_WIN:
		*req = (struct action_req){.action = ACT_WIN, .term_months = past_term(d)};
		req->amount_cents = (int64_t)((double)dl->estimate * (0.9 + 0.2 * drng_unit(&d->yrng))) / 100 * 10000;
		return 1u << STAGE_SQL;
	case PAST_ARRIVE: break;
	}
	return 0;
}

/* When the next phase comes, in business minutes after this one. */
static double past_wait(struct demo *d, enum past_phase next)
{
	switch (next) {
	case PAST_QUALIFY: return (1 + (double)drng_below(&d->yrng, 3)) * DEMO_DAY_MIN;
	case PAST_HANDOFF: return 30 + (double)drng_below(&d->yrng, 90);
	case PAST_ACCEPT: return 60 + (double)drng_below(&d->yrng, 300);
	default: return (10 + (double)drng_below(&d->yrng, 25)) * DEMO_DAY_MIN;
	}
}

/* One phase of past customer i (aux: enum past_phase); a refused phase ends its story. */
int dstep_past(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct action_req req;
	struct lead l, out;
	const char *to = NULL;
	unsigned stages;
	int rc, by;

	if (aux == PAST_ARRIVE)
		return past_arrive(d, i);
	if ((rc = demo_get(d, dl, &l)) || (by = demo_owner(d, &l)) < 0)
		return rc;
	stages = past_req(d, i, (enum past_phase)aux, by, &req, &to);
	if (!(stages & (1u << l.stage)))
		return 0;
	if ((rc = demo_act(d, dl, by, to, &req, &out, NULL)))
		return rc < 0 ? rc : 0;
	if (aux == PAST_HANDOFF && (by = demo_owner(d, &out)) >= 0)
		dl->ae = (uint16_t)(by + 1);
	if (aux != PAST_WIN) {
		demo_push(d, demo_biz(d, d->svc->now, past_wait(d, (enum past_phase)(aux + 1))), i, ST_PAST, aux + 1);
		return 0;
	}
	d->rep->year_won++;
	d->rep->year_won_cents += req.amount_cents;
	demo_push(
		d,
		demo_biz(d, d->svc->now, drng_lognormal(&d->yrng, (req.term_months < 12 ? 4 : 15) * DEMO_DAY_MIN, 0.5)),
		i, ST_LIVE, 0);
	demo_plan_renewal(d, i, &out);
	return 0;
}
