/* demo_expand.c - the expansions of `baton demo` (SPEC 8.12): every other customer taken live is
 * expanded by its CSM a few weeks later, an upsell handed to the AE who won it with a note
 * (service_act's expand), then the AE accepts it and closes it won (its amount added to the
 * customer's value) or lost, or rejects it. Their draws come from a source of their own, so
 * that the leads', deals' and contracts' draws stay the same as without expansions. */
#include "demo/demo_step.h"
#include "service/act.h"

/* What becomes of an expansion, decided when the CSM hands it off. */
enum expansion_fate { FATE_WON, FATE_LOST, FATE_REJECTED };

/* The expansions' fates in turn (so that a small demo shows all three). */
static const enum expansion_fate expansion_fates[5] = {FATE_WON, FATE_REJECTED, FATE_WON, FATE_LOST, FATE_WON};

/* What the CSM writes in the expansion's summary note. */
static const char *const upsells[] = {"More seats for a second team", "The analytics add-on",
				      "A second region going live", "Premium support",
				      "Seats for the new hires of the quarter"};

void demo_plan_expansion(struct demo *d, uint32_t i)
{
	if (d->expansion_plans++ % 2 == 0)
		demo_push(d, demo_biz(d, d->svc->now, (double)(5 + drng_below(&d->xrng, 11)) * DEMO_DAY_MIN), i,
			  ST_EXPAND, 0);
}

/* The CSM of live customer i hands an upsell of 10 to 40% of its annual value to the AE who won
 * it; the expansion becomes a lead of the driver's own, whose decision is queued. */
int dstep_expand(struct demo *d, uint32_t i, int64_t aux)
{
	struct action_req req = {.action = ACT_EXPAND};
	struct lead l, out;
	struct dlead *x;
	int rc, csm, ae = d->leads[i].ae - 1;
	double f = 0.1 + 0.3 * drng_unit(&d->xrng);

	(void)aux;
	/* the arrivals keep their room: an expansion takes one of the slots past o->leads */
	if (ae < 0 || (size_t)d->expansions >= d->cap_leads - (size_t)d->o->leads)
		return 0;
	if ((rc = demo_get_owner(d, &d->leads[i], 1u << STAGE_LIVE, &l, &csm)) || csm < 0)
		return rc;
	req.amount_cents = (int64_t)((double)l.amount * f) / 10000 * 10000;
	if (req.amount_cents < 100000)
		req.amount_cents = 100000;
	kv_set(&req.notes, d->a, "summary", upsells[drng_below(&d->xrng, sizeof(upsells) / sizeof(upsells[0]))]);
	rc = demo_act(d, &d->leads[i], csm, d->reps[ae].name, &req, &out, NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	d->rep->handoffs++;
	x = &d->leads[d->nleads];
	x->id = out.id;
	x->ae = (uint16_t)(ae + 1);
	x->estimate = (uint32_t)(req.amount_cents / 100);
	x->q = d->leads[i].q;
	x->src = d->leads[i].src;
	demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->xrng, d->reps[ae].respond, 0.9)),
		  (uint32_t)d->nleads++, ST_EXP_DECIDE, expansion_fates[d->expansions++ % 5]);
	return 0;
}

/* Runs req on expansion i by the AE who owns it if it is in `stage`: 0 done, 1 refused or the
 * step no longer applies, or a negative code. */
static int ae_acts(struct demo *d, uint32_t i, enum stage stage, struct action_req *req)
{
	struct lead l, out;
	int rc, ae;

	if ((rc = demo_get_owner(d, &d->leads[i], 1u << stage, &l, &ae)) || ae < 0)
		return rc ? rc : 1;
	return demo_act(d, &d->leads[i], ae, NULL, req, &out, NULL);
}

/* The AE accepts expansion i (at its own estimate, 90 to 120% of the CSM's) and plans its close,
 * or rejects it for bad timing; aux: its fate. */
int dstep_exp_decide(struct demo *d, uint32_t i, int64_t aux)
{
	struct action_req req = {.action = ACT_REJECT, .reason = "bad_timing"};
	uint32_t estimate = d->leads[i].estimate;
	int rc;

	if (aux != FATE_REJECTED) {
		estimate = (uint32_t)((double)estimate * (0.9 + 0.3 * drng_unit(&d->xrng))) / 100 * 100;
		req = (struct action_req){.action = ACT_ACCEPT, .amount_cents = (int64_t)estimate * 100};
	}
	if ((rc = ae_acts(d, i, STAGE_HANDOFF, &req)))
		return rc < 0 ? rc : 0;
	if (req.action == ACT_REJECT) {
		d->rep->rejected++;
		return 0;
	}
	d->rep->accepted++;
	d->leads[i].estimate = estimate;
	d->leads[i].flags |= DF_ACCEPTED | DF_OPEN_OPP;
	demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->xrng, 5 * DEMO_DAY_MIN, 0.5)), i, ST_EXP_CLOSE, aux);
	return 0;
}

/* The AE closes expansion i won (85 to 115% of its estimate) or lost; aux: its fate. */
int dstep_exp_close(struct demo *d, uint32_t i, int64_t aux)
{
	struct action_req req = {.action = ACT_LOSE};
	int rc;

	if (aux == FATE_WON) {
		req.action = ACT_WIN;
		req.amount_cents = (int64_t)((double)d->leads[i].estimate * (0.85 + 0.3 * drng_unit(&d->xrng))) / 100 *
				   10000;
	} else {
		req.reason = demo_text(&d->xrng, TEXT_LOST_REASON);
	}
	if ((rc = ae_acts(d, i, STAGE_SQL, &req)))
		return rc < 0 ? rc : 0;
	d->leads[i].flags &= (uint16_t)~DF_OPEN_OPP;
	if (req.action == ACT_LOSE) {
		d->rep->lost++;
		return 0;
	}
	d->rep->won++;
	d->rep->won_cents += req.amount_cents;
	return 0;
}
