/* demo_lead.c - what each timed step of `baton demo` does to one lead until its handoff, always
 * through the use cases (service_intake, service_act, service_restore): it reads the lead's state
 * from the store (the timers may have moved it: a reassignment, a recycle), acts as the rep who
 * would, and queues the lead's next steps. The steps from the handoff on are in demo_deal.c. */
#include <stdio.h>
#include <string.h>

#include "demo/demo_step.h"
#include "service/intake.h"
#include "service/act.h"

/* ---------------------------------------------------------------- helpers */

static int sync_tick(struct demo *d)
{
	return d->last_tick == d->svc->now ? 0 : demo_tick(d);
}

/* The next rep of `role` in the driver's own rotation (claims of unassigned leads). */
static int next_of_role(struct demo *d, enum role role)
{
	size_t n = d->nrole[role];

	return n ? d->by_role[role][d->rr[role]++ % n] : -1;
}

/* ---------------------------------------------------------------- first touch */

/* Plans the first touch of lead i by rep `owner` (-1: unassigned, someone claims it) from
 * `from`. An inbound lead is looked at again just after its speed-to-lead deadline, so that a
 * reassignment by the timers gives the new owner its turn. */
static void plan_first(struct demo *d, uint32_t i, int owner, int64_t from)
{
	struct dlead *dl = &d->leads[i];
	double delay;
	int64_t check;

	dl->touches = 0;
	if (owner < 0) {
		dl->planned = 0;
		demo_push(d, demo_biz(d, from, drng_lognormal(&d->rng, 20, 0.8)), i, ST_TOUCH, 0);
		return;
	}
	if (!(dl->flags & DF_INBOUND))
		delay = drng_lognormal(&d->rng, 0.7 * DEMO_DAY_MIN, 0.9); /* target lists are worked in batches */
	else if (dl->hops >= 3)
		delay = 1 + 3 * drng_unit(&d->rng);
	else if (dl->hops)
		delay = drng_lognormal(&d->rng, 3, 0.6); /* the manager was told: the next rep hurries */
	else
		delay = drng_lognormal(&d->rng, d->reps[owner].speed, 0.9);
	dl->planned = (uint16_t)(owner + 1);
	dl->touch_at = demo_biz(d, from, delay);
	check = demo_biz(d, from, 5) + 90;
	if ((dl->flags & DF_INBOUND) && delay > 5 && check < dl->touch_at)
		demo_push(d, check, i, ST_TOUCH, 0);
	else
		demo_push(d, dl->touch_at, i, ST_TOUCH, 0);
}

/* ---------------------------------------------------------------- arrival */

static double quality(const struct demo_company *c, const struct lead *in, int seniority, int src, int freemail,
		      struct demo_rng *r)
{
	static const double by_src[DEMO_NSOURCES] = {0, -0.08, 0.04, 0.18, 0.08, -0.04};
	static const double by_seniority[] = {-0.12, 0, 0.1, 0.12};
	const char *s = c->segment;
	double q = 0.45 + by_src[src] + by_seniority[seniority] - (freemail ? 0.1 : 0);

	if (!strcmp(s, "saas") || !strcmp(s, "fintech"))
		q += 0.15;
	else if (!strcmp(s, "healthcare") || !strcmp(s, "logistics") || !strcmp(s, "manufacturing"))
		q += 0.05;
	else if (!strcmp(s, "ecommerce") || !strcmp(s, "destination"))
		q -= 0.2;
	else
		q -= 0.05;
	q += c->employees < 10 ? -0.25 : c->employees < 50 ? -0.08 : c->employees <= 2000 ? 0.08 : 0.02;
	q += (drng_unit(r) - 0.5) * 0.3;
	(void)in;
	return q < 0.02 ? 0.02 : q > 0.98 ? 0.98 : q;
}

/* Makes the email unique among the demo's leads (a second inquiry reuses one on purpose). */
static void unique_email(struct demo *d, struct demo_person *p)
{
	size_t mask = d->emails_cap - 1, k;
	char base[128];
	uint64_t h;
	int n = 1;

	snprintf(base, sizeof(base), "%s", p->email);
	for (;;) {
		h = demo_hash(p->email) | 1;
		for (k = h & mask; d->emails[k] && d->emails[k] != h; k = (k + 1) & mask)
			;
		if (!d->emails[k]) {
			d->emails[k] = h;
			return;
		}
		snprintf(p->email, sizeof(p->email), "%s", base);
		demo_email_suffix(p, ++n);
	}
}

int dstep_arrive(struct demo *d, uint32_t i, int64_t aux)
{
	static const double inbound_mix[DEMO_NSOURCES - 1] = {0.45, 0.18, 0.12, 0.10, 0.10};
	struct dlead *dl = &d->leads[i];
	struct demo_company c = {0};
	struct demo_person p = {0};
	struct intake_outcome out;
	struct lead in, l;
	int inbound, src, freemail = 0, again = 0, rc, acct = -1;

	d->rep->arrivals++;
	inbound = !(bizclock_open(&d->bc, d->svc->now) && drng_chance(&d->rng, 0.33));
	if (!inbound) {
		src = DEMO_SRC_TARGET;
		if (d->ntargets && drng_chance(&d->rng, 0.65))
			acct = d->targets[drng_below(&d->rng, d->ntargets)];
	} else {
		src = (int)drng_weighted(&d->rng, inbound_mix, DEMO_NSOURCES - 1);
		again = d->nrecent && drng_chance(&d->rng, 0.03);
		if (d->ncustomers && drng_chance(&d->rng, 0.05))
			acct = d->customers[drng_below(&d->rng, d->ncustomers)];
		freemail = acct < 0 && drng_chance(&d->rng, 0.07);
	}
	if (acct >= 0)
		c = d->accts[acct].c;
	else
		demo_company_draw(&d->rng, drng_chance(&d->rng, 0.55) ? REGION_EMEA : REGION_NA, &c);
	demo_person_draw(&d->rng, &c, freemail, &p);
	if (again) /* the same person fills in another form */
		snprintf(p.email, sizeof(p.email), "%s",
			 d->recent[drng_below(&d->rng, d->nrecent < 256 ? d->nrecent : 256)]);
	else
		unique_email(d, &p);
	lead_init(&in);
	in.email = p.email;
	in.name = p.name;
	in.title = p.title;
	in.company = c.name;
	in.phone = drng_chance(&d->rng, inbound ? 0.6 : 0.9) ? p.phone : NULL;
	in.mobile = drng_chance(&d->rng, inbound ? 0.3 : 0.5) ? p.mobile : NULL;
	in.source = demo_sources[src];
	in.channel = inbound ? CHANNEL_INBOUND : CHANNEL_OUTBOUND;
	in.segment = drng_chance(&d->rng, 0.8) ? c.segment : NULL;
	in.employees = drng_chance(&d->rng, 0.75) ? c.employees : -1;
	in.country = c.country;
	dl->q = (float)quality(&c, &in, p.seniority, src, freemail, &d->rng);
	dl->src = (uint8_t)src;
	dl->seniority = (uint8_t)p.seniority;
	dl->flags = inbound ? DF_INBOUND : 0;
	rc = demo_outcome(d, service_intake(d->svc, d->a, &in, "import", &out, d->err), NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	if (out.duplicate) {
		d->rep->duplicates++;
		return 0;
	}
	dl->id = out.lead;
	if (inbound && !again)
		snprintf(d->recent[d->nrecent++ % 256], sizeof(d->recent[0]), "%s", p.email);
	if (out.filtered) {
		d->rep->filtered++;
		if (drng_chance(&d->rng, 0.05)) /* an MRR disagrees with the filter */
			demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, 300, 0.8)), i, ST_RESTORE, 0);
		return 0;
	}
	if (out.unassigned) {
		d->rep->unassigned++;
		plan_first(d, i, -1, d->svc->now);
		return 0;
	}
	if ((rc = demo_get(d, dl, &l)))
		return rc;
	plan_first(d, i, demo_owner(d, &l), d->svc->now);
	return 0;
}

/* ---------------------------------------------------------------- working the lead */

int dstep_touch(struct demo *d, uint32_t i, int64_t aux)
{
	static const char *const cadence[] = {"email", "call", "social", "call", "email", "call", "email"};
	struct dlead *dl = &d->leads[i];
	struct action_req req = {.action = ACT_TOUCH};
	struct lead l, out;
	const char *kind;
	double p;
	int by, rc, first, inbound = dl->flags & DF_INBOUND, respond, maxt;

	if (dl->touches == 0 && (rc = sync_tick(d)))
		return rc;
	if ((rc = demo_get(d, dl, &l)))
		return rc;
	first = l.stage == STAGE_MQL || l.stage == STAGE_TARGET;
	if (first && !l.owner) {
		by = next_of_role(d, inbound ? ROLE_MRR : ROLE_SDR); /* claimed from the unassigned queue */
	} else if (first) {
		by = demo_owner(d, &l);
		if (by < 0)
			return 0;
		if (dl->planned != by + 1) { /* reassigned by the timers, or back from nurture */
			if (dl->planned)
				dl->hops++;
			plan_first(d, i, by, d->svc->now);
			return 0;
		}
		if (d->svc->now < dl->touch_at) { /* the deadline check found it still ours */
			demo_push(d, dl->touch_at, i, ST_TOUCH, 0);
			return 0;
		}
	} else if (l.stage == STAGE_WORKING) {
		by = demo_owner(d, &l);
	} else {
		return 0; /* it moved on */
	}
	if (by < 0)
		return 0;
	if (dl->touches == 0)
		kind = inbound ? (drng_chance(&d->rng, 0.75) ? "call" : "email")
			       : (drng_chance(&d->rng, 0.55)   ? "email"
				  : drng_chance(&d->rng, 0.55) ? "social"
							       : "call");
	else
		kind = cadence[dl->touches % 7];
	if (!strcmp(kind, "email") && (d->reps[by].role == ROLE_MRR || d->reps[by].role == ROLE_SDR))
		req.variant = drng_chance(&d->rng, 0.5) ? "A" : "B";
	p = inbound ? 0.05 + 0.3 * dl->q : 0.04 + 0.24 * dl->q;
	if (dl->touches == 0 && inbound)
		p *= 1.5;
	p *= !strcmp(kind, "call")     ? 1.0
	     : !strcmp(kind, "social") ? 0.6
	     : !req.variant            ? 0.8
	     : req.variant[0] == 'B'   ? 1.0
				       : 0.6;
	respond = drng_chance(&d->rng, p);
	req.kind = kind;
	if (!strcmp(kind, "call"))
		req.outcome = respond ? "connected" : drng_chance(&d->rng, 0.7) ? "no_answer" : "voicemail";
	else if (respond)
		req.outcome = !strcmp(kind, "email") && drng_chance(&d->rng, 0.25) ? "meeting" : "replied";
	else
		req.outcome = "sent";
	rc = demo_act(d, dl, by, NULL, &req, &out, NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	d->rep->touches++;
	dl->touches++;
	maxt = dl->flags & DF_REWORKED ? 2 : d->reps[by].max_touches;
	if (respond)
		demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, 25, 0.8)), i, ST_QUALIFY, 0);
	else if (dl->touches < maxt)
		demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, d->reps[by].cadence * DEMO_DAY_MIN, 0.5)),
			  i, ST_TOUCH, 0);
	else
		demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, 60, 0.8)), i, ST_GIVEUP, 0);
	return 0;
}

/* aux 1: complete the answers of a lead qualified too thinly, then hand it off. */
int dstep_qualify(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct action_req req = {.action = ACT_QUALIFY};
	struct lead l, out;
	double q = dl->q, pgood = 0.06 + 0.6 * q * q;
	int by, rc, good, thin = 0;

	if ((rc = demo_get_owner(d, dl, 1u << STAGE_WORKING, &l, &by)) || by < 0)
		return rc;
	if (!(dl->flags & DF_INBOUND))
		pgood += 0.1; /* a prospect who answers an SDR's sequence is usually curious */
	if (dl->flags & DF_REWORKED)
		pgood *= 0.5;
	good = aux == 1 || drng_chance(&d->rng, pgood);
	kv_set(&req.set, d->a, "need", demo_text(&d->rng, TEXT_NEED));
	if (good && !(dl->flags & DF_DROPPED_Q) && drng_chance(&d->rng, 0.04)) {
		thin = 1; /* the rep hands off before asking enough: the playbook will refuse */
		dl->flags |= DF_DROPPED_Q;
		kv_set(&req.set, d->a, "budget", "unknown");
	} else if (good) {
		kv_set(&req.set, d->a, "budget", drng_chance(&d->rng, 0.7) ? "yes" : "unknown");
		kv_set(&req.set, d->a, "authority",
		       dl->seniority >= 2                                ? "decision_maker"
		       : dl->seniority == 1 || drng_chance(&d->rng, 0.5) ? "influencer"
									 : "none");
		kv_set(&req.set, d->a, "timeline", drng_chance(&d->rng, 0.55) ? "this_quarter" : "next_quarter");
	} else {
		kv_set(&req.set, d->a, "budget", drng_chance(&d->rng, 0.5) ? "no" : "unknown");
		kv_set(&req.set, d->a, "authority", dl->seniority >= 2 ? "decision_maker" : "none");
		kv_set(&req.set, d->a, "timeline", drng_chance(&d->rng, 0.6) ? "later" : "next_quarter");
	}
	rc = demo_act(d, dl, by, NULL, &req, &out, NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	d->rep->qualifications++;
	if (good || thin)
		demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, thin ? 15 : 40, 0.7)), i, ST_HANDOFF, 0);
	else
		demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, 90, 0.8)), i, ST_GIVEUP,
			  !strcmp(kv_get(&req.set, "timeline"), "later") ? 1
			  : drng_chance(&d->rng, 0.5)                    ? 2
									 : 1);
	return 0;
}

/* ---------------------------------------------------------------- the lead leaves the work */

/* aux 1: nurture, 2: disqualify, 0: the rep chooses. */
int dstep_giveup(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct action_req req = {0};
	struct lead l, out;
	int rc, by;

	if ((rc = demo_get_owner(d, dl, 1u << STAGE_WORKING, &l, &by)) || by < 0)
		return rc;
	if (!aux)
		aux = drng_chance(&d->rng, 0.65) ? 1 : 2;
	if (aux == 1) {
		double days = drng_lognormal(&d->rng, 60, 0.5);

		req.action = ACT_NURTURE;
		req.until = d->svc->now + (int64_t)((days < 14 ? 14 : days > 200 ? 200 : days) * DEMO_DAY_SEC);
		req.reason = dl->touches >= 2 ? "no response" : "not now";
	} else {
		req.action = ACT_DISQUALIFY;
		req.reason = demo_text(&d->rng, TEXT_DISQUALIFY_REASON);
	}
	rc = demo_act(d, dl, by, NULL, &req, &out, NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	if (aux == 1) {
		d->rep->nurtured++;
		demo_push(d, req.until + 600, i, ST_RECYCLED, 0);
	} else {
		d->rep->disqualified++;
	}
	return 0;
}

/* The recycle date passed: the timers made it an mql again; its owner starts over. */
int dstep_recycled(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct lead l;
	int rc;

	if ((rc = sync_tick(d)) || (rc = demo_get(d, dl, &l)))
		return rc;
	if (l.stage != STAGE_MQL)
		return 0;
	d->rep->recycled++;
	dl->flags &= DF_INBOUND;
	dl->hops = 0;
	dl->planned = 0;
	plan_first(d, i, demo_owner(d, &l), d->svc->now);
	return 0;
}

/* An MRR brings a filtered lead back and routing gives it an owner. */
int dstep_restore(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct lead out;
	int by = next_of_role(d, ROLE_MRR), rc;

	if (by < 0)
		return 0;
	rc = demo_outcome(d, service_restore(d->svc, d->a, dl->id, d->reps[by].name, &out, d->err), NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	d->rep->restored++;
	plan_first(d, i, demo_owner(d, &out), d->svc->now);
	return 0;
}

/* ---------------------------------------------------------------- a manager's hand */

/* The manager of a team moves one of its MRRs' recent leads (in mql or working) to another MRR of
 * the team, with a reason: a lead in German to the rep who speaks it (SPEC 8.3). Once. */
int dstep_assign(struct demo *d, uint32_t i, int64_t aux)
{
	size_t k, lo = d->nleads > 300 ? d->nleads - 300 : 0;

	(void)i;
	(void)aux;
	for (k = d->nleads; k-- > lo;) {
		struct dlead *dl = &d->leads[k];
		struct action_req req = {.action = ACT_ASSIGN, .reason = "speaks the prospect's language"};
		const struct dteam *tm;
		struct lead l, out;
		int by, to = -1, j, rc;

		if (!dl->id)
			continue;
		rc = demo_get_owner(d, dl, (1u << STAGE_MQL) | (1u << STAGE_WORKING), &l, &by);
		if (rc)
			return rc;
		if (by < 0 || d->reps[by].role != ROLE_MRR || d->reps[by].team < 0)
			continue;
		tm = &d->teams[d->reps[by].team];
		for (j = tm->first_rep; j < tm->first_rep + tm->nreps && to < 0; j++)
			if (j != by && d->reps[j].role == ROLE_MRR)
				to = j;
		if (to < 0)
			continue;
		rc = demo_act(d, dl, tm->manager, d->reps[to].name, &req, &out, NULL);
		return rc < 0 ? rc : 0;
	}
	return 0;
}
