/* demo_deal.c - the steps of `baton demo` from the handoff on: the AE's calendar as the driver
 * knows it (to propose free slots), the handoff with its notes and meeting, the notes review, the
 * meeting held, missed, moved or cancelled (service_meeting), the AE's accept or reject, and the
 * opportunity to its close and the live customer. Each reads the lead first, like demo_lead.c. */
#include <stdio.h>
#include <string.h>

#include "core/tz.h"
#include "demo/demo_step.h"
#include "service/meeting.h"
#include "service/act.h"

/* ---------------------------------------------------------------- who gets the handoff */

static enum demo_region region_of(const char *country)
{
	return country && (strcmp(country, "US") == 0 || strcmp(country, "CA") == 0) ? REGION_NA : REGION_EMEA;
}

/* The AE an MRR or CSM hands a lead of `country` to: the next AE of that region, in a rotation
 * of the region's own. */
static int region_ae(struct demo *d, const char *country)
{
	enum demo_region region = region_of(country);
	size_t n = d->nregion_ae[region];

	if (!n)
		return d->nrole[ROLE_AE] ? d->by_role[ROLE_AE][0] : -1;
	return d->region_ae[region][d->rr_region[region]++ % n];
}

/* The AE of an SDR's pod, or -1. */
static int pod_ae(const struct demo *d, int sdr)
{
	const struct drep *s = &d->reps[sdr];
	const struct dteam *t;
	int i;

	if (s->team < 0 || s->pod < 0)
		return -1;
	t = &d->teams[s->team];
	for (i = t->first_rep; i < t->first_rep + t->nreps; i++)
		if (d->reps[i].role == ROLE_AE && d->reps[i].pod == s->pod)
			return i;
	return -1;
}

/* ---------------------------------------------------------------- the AEs' calendars */

static void cal_set(struct demo *d, int ae, int64_t start, int minutes, int on)
{
	int64_t k, first = (start - d->cal_base) / 1800, last = (start + minutes * 60 - 1 - d->cal_base) / 1800;
	uint8_t *cal = ae >= 0 ? d->reps[ae].cal : NULL;

	for (k = first; cal && k <= last; k++) {
		if (k < 0 || (size_t)k >= d->cal_slots)
			continue;
		if (on)
			cal[k / 8] |= (uint8_t)(1u << (k % 8));
		else
			cal[k / 8] &= (uint8_t)~(1u << (k % 8));
	}
}

static int cal_free(const struct demo *d, int ae, int64_t start, int minutes)
{
	int64_t k, first = (start - d->cal_base) / 1800, last = (start + minutes * 60 - 1 - d->cal_base) / 1800;
	const uint8_t *cal = d->reps[ae].cal;

	for (k = first; cal && k <= last; k++)
		if (k >= 0 && (size_t)k < d->cal_slots && (cal[k / 8] & (1u << (k % 8))))
			return 0;
	return 1;
}

/* A meeting start on the AE's business days one to three days ahead, on the half hour, free in
 * what the driver knows of its calendar (or, with `guess`, the time the prospect asked for
 * without looking); 0 if nothing is free in three weeks. */
static int64_t pick_slot(struct demo *d, int ae, int minutes, int guess)
{
	const char *team = d->reps[ae].team >= 0 ? d->teams[d->reps[ae].team].name : NULL;
	struct local_time lt;
	struct bizclock bc;
	int64_t day, t, noon;
	int n, k, nslots, first;

	/* a day and a half hour of the AE's own calendar (its team's zone, SPEC 8.4) */
	bizclock_init(&bc, d->svc->pb, team, NULL);
	if (tz_local(bc.zone, d->svc->now, &lt))
		return 0;
	nslots = (18 * 60 - minutes - 9 * 60) / 30 + 1;
	day = lt.day + 1 + (int64_t)drng_below(&d->rng, 3);
	for (n = 0; n < 21; n++, day++) {
		if (tz_utc(bc.zone, day, 12 * 60, &noon) || !bizclock_open(&bc, noon))
			continue;
		first = (int)drng_below(&d->rng, (uint64_t)nslots);
		for (k = 0; k < nslots; k++) {
			if (tz_utc(bc.zone, day, 9 * 60 + ((first + k) % nslots) * 30, &t) || t <= d->svc->now)
				continue;
			if (guess || cal_free(d, ae, t, minutes))
				return t;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- the owner acts */

/* Runs req on lead i by its owner if the lead is in one of `stages` (demo_get_owner, demo_act): 0
 * done, 1 refused or the step no longer applies, or a negative code. */
static int owner_acts(struct demo *d, uint32_t i, unsigned stages, struct action_req *req)
{
	struct lead l, out;
	int rc, by;

	if ((rc = demo_get_owner(d, &d->leads[i], stages, &l, &by)) || by < 0)
		return rc ? rc : 1;
	return demo_act(d, &d->leads[i], by, NULL, req, &out, NULL);
}

/* ---------------------------------------------------------------- handoff and meetings */

static void plan_meeting(struct demo *d, uint32_t i);
static void schedule_close(struct demo *d, uint32_t i);

/* After a handoff to AE ae: the notes review, the decision, the meeting. */
static void after_handoff(struct demo *d, uint32_t i, int ae)
{
	struct dlead *dl = &d->leads[i];
	const struct drep *A = &d->reps[ae];
	int64_t t;

	if (drng_chance(&d->rng, A->review)) {
		t = demo_biz(d, d->svc->now, drng_lognormal(&d->rng, 120, 1.0));
		if (dl->meeting && t >= dl->mstart)
			t = dl->mstart - 1800 > d->svc->now ? dl->mstart - 1800 : d->svc->now + 60;
		demo_push(d, t, i, ST_REVIEW, 0);
	} else if (drng_chance(&d->rng, 0.6)) { /* reviewed late, after the meeting */
		demo_push(d,
			  demo_biz(d, dl->meeting ? dl->mstart + dl->minutes * 60 : d->svc->now,
				   dl->meeting ? 60 : 2 * DEMO_DAY_MIN),
			  i, ST_REVIEW, 0);
	}
	demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, A->respond, 0.9)), i, ST_DECIDE, 0);
	if (dl->meeting)
		plan_meeting(d, i);
}

static int last_meeting(void *ctx, const struct event *ev)
{
	int64_t *id = ctx;

	if (ev->type == EV_HANDOFF)
		*id = event_get_int(ev, "meeting", 0);
	return 0;
}

/* Finds the meeting the handoff of lead dl just booked (from its events, by the lead's index);
 * 0 or a negative code. */
static int booked_meeting(struct demo *d, struct dlead *dl)
{
	return store_event_each(d->svc->store, dl->id, last_meeting, &dl->meeting, d->err);
}

int dstep_handoff(struct demo *d, uint32_t i, int64_t aux)
{
	static const int lengths[] = {30, 30, 30, 45, 60};
	struct dlead *dl = &d->leads[i];
	struct action_req req = {.action = ACT_HANDOFF};
	struct lead l, out;
	const char *to = NULL;
	char phone[32], mobile[32];
	int by, ae, rc, tries, minutes = lengths[drng_below(&d->rng, 5)], meeting = 1, thin = 0;
	int64_t start;

	if ((rc = demo_get_owner(d, dl, 1u << STAGE_WORKING, &l, &by)) || by < 0)
		return rc;
	if (d->reps[by].role == ROLE_AE) {
		ae = by; /* a named account's AE books its own meeting */
		to = d->reps[by].name;
	} else if (d->reps[by].role == ROLE_SDR && (ae = pod_ae(d, by)) >= 0) {
		to = NULL; /* routing.handoff: the pod's AE */
	} else {
		ae = region_ae(d, l.country);
		to = d->reps[ae].name;
		if (d->reps[by].role == ROLE_MRR && drng_chance(&d->rng, 0.25)) {
			to = NULL; /* the playbook's routing picks the AE, who calls the prospect back */
			meeting = 0;
		}
	}
	if (ae < 0)
		return 0;
	if (!(dl->flags & DF_THIN) && drng_chance(&d->rng, 0.05)) {
		thin = 1; /* forgets the mobile number the first time */
		dl->flags |= DF_THIN;
	}
	snprintf(phone, sizeof(phone), "%s", l.phone ? l.phone : "");
	snprintf(mobile, sizeof(mobile), "%s", l.mobile ? l.mobile : "");
	if (!phone[0])
		demo_phone(&d->rng, l.country ? l.country : "US", 0, phone, sizeof(phone));
	if (!mobile[0])
		demo_phone(&d->rng, l.country ? l.country : "US", 1, mobile, sizeof(mobile));
	kv_set(&req.notes, d->a, "direct_phone", phone);
	if (!thin)
		kv_set(&req.notes, d->a, "mobile_phone", mobile);
	kv_set(&req.notes, d->a, "summary", demo_text(&d->rng, TEXT_SUMMARY));
	kv_set(&req.notes, d->a, "company_changes", demo_text(&d->rng, TEXT_COMPANY_CHANGE));
	kv_set(&req.notes, d->a, "current_systems", demo_text(&d->rng, TEXT_SYSTEMS));
	start = meeting ? pick_slot(d, ae, minutes, drng_chance(&d->rng, 0.15)) : 0;
	for (tries = 0; tries < 6; tries++) {
		int64_t *kind = &d->rep->refused_other;

		req.meeting_start = start;
		req.meeting_minutes = minutes;
		rc = service_act(d->svc, d->a, dl->id, d->reps[by].name, to, &req, &out, d->err);
		if (rc && !strcmp(d->err->field, "meeting") && start)
			kind = &d->rep->refused_clash;
		else if (rc && !strcmp(d->err->field, "qualification"))
			kind = &d->rep->refused_handoff;
		rc = demo_outcome(d, rc, kind);
		if (rc <= 0)
			break;
		if (kind == &d->rep->refused_clash) { /* another booking is there: the next free slot */
			cal_set(d, ae, start, minutes, 1);
			start = pick_slot(d, ae, minutes, 0);
		} else if (kind == &d->rep->refused_handoff) {
			if (dl->flags & DF_DROPPED_Q) /* ask the missing questions first */
				demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, 60, 0.8)), i, ST_QUALIFY,
					  1);
			else /* find the missing note, try again */
				demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, 45, 0.6)), i, ST_HANDOFF,
					  0);
			dl->flags &= (uint16_t)~DF_DROPPED_Q;
			return 0;
		} else if (!strcmp(d->err->field, "to") && !to) {
			to = d->reps[ae].name;
		} else {
			break;
		}
	}
	if (rc < 0)
		return rc;
	if (rc) {
		demo_push(d, demo_biz(d, d->svc->now, 60), i, ST_GIVEUP, 1);
		return 0;
	}
	if ((ae = demo_owner(d, &out)) < 0)
		return 0;
	d->rep->handoffs++;
	dl->ae = (uint16_t)(ae + 1);
	dl->meeting = 0;
	if (start) {
		if ((rc = booked_meeting(d, dl)))
			return rc;
		dl->mstart = start;
		dl->minutes = (uint8_t)minutes;
		dl->flags |= DF_MEET_PENDING;
		cal_set(d, ae, start, minutes, 1);
		d->rep->meetings++;
	}
	after_handoff(d, i, ae);
	return 0;
}

int dstep_review(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct action_req req = {.action = ACT_REVIEW};
	struct lead l, out;
	int rc, ae;

	if ((rc = demo_get_owner(d, dl, (1u << STAGE_HANDOFF) | (1u << STAGE_SQL), &l, &ae)) || ae < 0)
		return rc;
	if (l.reviewed || d->reps[ae].role != ROLE_AE)
		return 0;
	rc = demo_act(d, dl, ae, NULL, &req, &out, NULL);
	if (!rc)
		d->rep->reviews++;
	return rc < 0 ? rc : 0;
}

/* Plans what happens to the booked meeting: moved or cancelled beforehand, or held, or missed. */
static void plan_meeting(struct demo *d, uint32_t i)
{
	struct dlead *dl = &d->leads[i];
	int64_t t, kind;

	if (dl->moves < 2 && drng_chance(&d->rng, 0.2)) {
		double u = drng_unit(&d->rng);

		if (u < 0.4) { /* the prospect asks for another time */
			kind = 1;
			t = dl->mstart - (int64_t)(drng_lognormal(&d->rng, 1.2, 0.7) * DEMO_DAY_SEC);
		} else if (u < 0.7) { /* the AE moves it, sometimes at the last minute */
			kind = 2;
			t = dl->mstart - (int64_t)((drng_chance(&d->rng, 0.5) ? 2 + 38 * drng_unit(&d->rng)
									      : 60 + 84 * drng_unit(&d->rng)) *
						   3600);
		} else if (u < 0.88) { /* the prospect cancels */
			kind = 3;
			t = dl->mstart - (int64_t)(drng_lognormal(&d->rng, 0.8, 0.8) * DEMO_DAY_SEC);
		} else { /* the AE cannot make it and leaves finding a new time as a task */
			kind = 4;
			t = dl->mstart - (int64_t)(3600 + drng_unit(&d->rng) * 20 * 3600);
		}
		if (t <= d->svc->now)
			t = d->svc->now + 120;
		if (!bizclock_open(&d->bc, t)) /* people call and write in office hours */
			t = bizclock_next_open(&d->bc, t);
		if (t < dl->mstart - 300) {
			demo_push(d, t, i, ST_MEET_MOVE, dl->meeting | kind << 48);
			return;
		}
	}
	d->outcomes_planned++;
	/* the prospect does not show up; at the latest the tenth meeting of a demo without one yet */
	if (drng_chance(&d->rng, 0.15 - 0.1 * dl->q) || (d->no_shows_planned == 0 && d->outcomes_planned >= 10)) {
		d->no_shows_planned++;
		demo_push(d, dl->mstart + 300 + (int64_t)drng_below(&d->rng, 420), i, ST_MEET_OUTCOME,
			  dl->meeting | 2LL << 48);
	} else {
		demo_push(d, dl->mstart + dl->minutes * 60 + (int64_t)drng_below(&d->rng, 2400), i, ST_MEET_OUTCOME,
			  dl->meeting | 1LL << 48);
	}
}

int dstep_meet_move(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	int64_t mid = aux & DEMO_MID_MASK, kind = aux >> 48, at = 0;
	int ae = dl->ae - 1, by, tries, rc = 0;
	const char *initiator = kind == 1 || kind == 3 ? "prospect" : "seller";
	enum meeting_action what = kind == 3 ? MEET_CANCEL : MEET_RESCHEDULE;
	struct meeting m;
	struct lead l;

	if (!mid || dl->meeting != mid || ae < 0)
		return 0;
	if ((rc = demo_get(d, dl, &l)))
		return rc;
	by = kind == 1 || kind == 3 ? demo_rep_find(d, l.handed_by) : ae; /* the prospect calls the rep who booked */
	if (by < 0)
		by = ae;
	if (kind == 1 || kind == 2)
		at = pick_slot(d, ae, dl->minutes, 0);
	for (tries = 0; tries < 4; tries++) {
		int64_t *refused = &d->rep->refused_other;

		rc = service_meeting(d->svc, d->a, mid, what, d->reps[by].name, at, initiator, &m, d->err);
		if (rc && at && !strcmp(d->err->field, "meeting"))
			refused = &d->rep->refused_clash;
		rc = demo_outcome(d, rc, refused);
		if (rc <= 0 || refused != &d->rep->refused_clash)
			break;
		cal_set(d, ae, at, dl->minutes, 1);
		at = pick_slot(d, ae, dl->minutes, 0);
	}
	if (rc)
		return rc < 0 ? rc : 0;
	cal_set(d, ae, dl->mstart, dl->minutes, 0);
	if (what == MEET_CANCEL)
		d->rep->cancelled++;
	else
		d->rep->rescheduled++;
	if (at) {
		dl->meeting = m.id;
		dl->mstart = at;
		dl->moves++;
		cal_set(d, ae, at, dl->minutes, 1);
		plan_meeting(d, i);
	} else {
		dl->meeting = 0;
		dl->flags &= (uint16_t)~DF_MEET_PENDING;
		if (dl->flags & DF_ACCEPTED)
			schedule_close(d, i);
	}
	return 0;
}

int dstep_meet_outcome(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	int64_t mid = aux & DEMO_MID_MASK, kind = aux >> 48;
	int ae = dl->ae - 1, rc;
	struct meeting m;

	if (!mid || dl->meeting != mid || ae < 0)
		return 0;
	rc = demo_outcome(d,
			  service_meeting(d->svc, d->a, mid, kind == 1 ? MEET_HELD : MEET_NO_SHOW, d->reps[ae].name, 0,
					  NULL, &m, d->err),
			  NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	dl->meeting = 0;
	dl->flags &= (uint16_t)~DF_MEET_PENDING;
	if (kind == 1) {
		dl->flags |= DF_MET;
		d->rep->held++;
	} else {
		dl->flags |= DF_NOSHOW;
		d->rep->no_shows++;
		if (d->reps[ae].noshow_diligent) { /* two calls within the quarter hour */
			demo_push(d, d->svc->now + 60 + (int64_t)drng_below(&d->rng, 60), i, ST_NOSHOW_TRY, 0);
			demo_push(d, d->svc->now + 200 + (int64_t)drng_below(&d->rng, 60), i, ST_NOSHOW_TRY, 0);
		} else {
			demo_push(d, d->svc->now + 2400 + (int64_t)drng_below(&d->rng, 4800), i, ST_NOSHOW_TRY, 0);
		}
	}
	if (dl->flags & DF_ACCEPTED)
		schedule_close(d, i);
	return 0;
}

int dstep_noshow_try(struct demo *d, uint32_t i, int64_t aux)
{
	struct action_req req = {.action = ACT_TOUCH, .kind = "call", .outcome = "no_answer"};
	int rc = owner_acts(d, i, (1u << STAGE_HANDOFF) | (1u << STAGE_SQL), &req);

	if (!rc)
		d->rep->touches++;
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- the AE's decision */

int dstep_decide(struct demo *d, uint32_t i, int64_t aux)
{
	static const char *const reasons[] = {"not_qualified", "wrong_person", "bad_timing", "no_budget", "duplicate"};
	static const double usual[] = {0.35, 0.2, 0.25, 0.15, 0.05}, picky[] = {0.5, 0.2, 0.2, 0.1, 0};
	struct dlead *dl = &d->leads[i];
	struct action_req req = {0};
	struct lead l, out;
	const struct drep *A;
	double pacc;
	int rc, ae, is_picky;

	if ((rc = demo_get_owner(d, dl, 1u << STAGE_HANDOFF, &l, &ae)) || ae < 0)
		return rc;
	A = &d->reps[ae];
	is_picky = A->picky_src && !strcmp(A->picky_src, demo_sources[dl->src]);
	pacc = is_picky ? 0.03 : (0.45 + 0.55 * dl->q) * (1 - A->reject);
	if (dl->flags & DF_NOSHOW)
		pacc *= 0.7;
	if (drng_chance(&d->rng, pacc)) {
		double est = drng_lognormal(&d->rng, 14000 * (1 + dl->q), 0.7);

		est = est < 5000 ? 5000 : est > 150000 ? 150000 : est;
		req.action = ACT_ACCEPT;
		req.amount_cents = (int64_t)est * 100;
		rc = demo_act(d, dl, ae, NULL, &req, &out, NULL);
		if (rc)
			return rc < 0 ? rc : 0;
		d->rep->accepted++;
		dl->estimate = (uint32_t)est;
		dl->flags |= DF_ACCEPTED | DF_OPEN_OPP;
		if (!(dl->flags & DF_MEET_PENDING))
			schedule_close(d, i);
		return 0;
	}
	req.action = ACT_REJECT;
	req.reason = reasons[drng_weighted(&d->rng, is_picky ? picky : usual, 5)];
	if (drng_chance(&d->rng, 0.5))
		req.until = d->svc->now + (int64_t)(30 + drng_below(&d->rng, 90)) * DEMO_DAY_SEC;
	rc = demo_act(d, dl, ae, NULL, &req, &out, NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	d->rep->rejected++;
	if (dl->meeting) /* the rejection cancelled it */
		cal_set(d, ae, dl->mstart, dl->minutes, 0);
	dl->meeting = 0;
	dl->flags &= (uint16_t)~DF_MEET_PENDING;
	if (out.stage == STAGE_WORKING) { /* back to the rep who handed it off */
		dl->flags |= DF_REWORKED;
		dl->touches = 0;
		demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(&d->rng, 120, 0.8)), i, ST_TOUCH, 0);
	} else if (out.stage == STAGE_NURTURE && out.nurture_until) {
		demo_push(d, out.nurture_until + 600, i, ST_RECYCLED, 0);
	}
	return 0;
}

/* ---------------------------------------------------------------- the opportunity */

static void schedule_close(struct demo *d, uint32_t i)
{
	struct dlead *dl = &d->leads[i];
	double cycle = drng_lognormal(&d->rng, 12 * DEMO_DAY_MIN, 0.6);
	int64_t n = 1 + (int64_t)drng_below(&d->rng, 3), spacing = (int64_t)(cycle / (double)(n + 1));

	if (dl->flags & DF_CLOSING)
		return;
	dl->flags |= DF_CLOSING;
	demo_push(d, demo_biz(d, d->svc->now, (double)spacing), i, ST_OPP, n | spacing << 8);
}

/* aux: touches left (low byte) and business minutes between them. */
int dstep_opp(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct action_req req = {.action = ACT_TOUCH};
	struct lead l, out;
	int64_t left = aux & 0xff, spacing = aux >> 8;
	int rc, ae;

	if ((rc = demo_get_owner(d, dl, 1u << STAGE_SQL, &l, &ae)) || ae < 0)
		return rc;
	req.kind = drng_chance(&d->rng, 0.6) ? "call" : "email";
	req.outcome = !strcmp(req.kind, "call") ? "connected" : "replied";
	rc = demo_act(d, dl, ae, NULL, &req, &out, NULL);
	if (rc < 0)
		return rc;
	if (!rc)
		d->rep->touches++;
	if (left > 1)
		demo_push(d, demo_biz(d, d->svc->now, (double)spacing), i, ST_OPP, (left - 1) | spacing << 8);
	else
		demo_push(d, demo_biz(d, d->svc->now, (double)spacing), i, ST_CLOSE, 0);
	return 0;
}

/* ---------------------------------------------------------------- customers (SPEC 8.12) */

/* The contract's term in months at a win: a year mostly, two years for some, and monthly or
 * quarterly pilots, whose renewals (or churns, or lapses) fall inside the demo's quarter. */
static int64_t contract_term(struct demo *d)
{
	static const int64_t terms[] = {12, 24, 1, 3};
	static const double weights[] = {0.50, 0.10, 0.22, 0.18};

	return terms[drng_weighted(&d->crng, weights, sizeof(terms) / sizeof(terms[0]))];
}

/* Queues the CSM's call on the contract of l (just won or renewed): 4 to 21 days before its
 * renewal date, in business hours (the review is due 10 days before: a third are late). */
void demo_plan_renewal(struct demo *d, uint32_t i, const struct lead *l)
{
	int64_t days = 4 + (int64_t)drng_below(demo_crng_of(d, i), 18);

	if (l->renews_at > 0)
		demo_push(d, demo_biz(d, l->renews_at - days * DEMO_DAY_SEC, 60), i, ST_RENEWAL, 0);
}

int dstep_close(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct action_req req = {0};
	struct lead l, out;
	double pwin = 0.08 + 0.45 * dl->q;
	int64_t t;
	int rc, ae;

	if ((rc = demo_get_owner(d, dl, 1u << STAGE_SQL, &l, &ae)) || ae < 0)
		return rc;
	pwin += d->reps[ae].skill - (dl->flags & DF_NOSHOW ? 0.08 : 0) - (dl->flags & DF_MET ? 0 : 0.05);
	if (drng_chance(&d->rng, pwin)) {
		req.action = ACT_WIN;
		req.amount_cents = (int64_t)((double)dl->estimate * (0.85 + 0.3 * drng_unit(&d->rng))) * 100;
		req.term_months = contract_term(d);
	} else {
		req.action = ACT_LOSE;
		req.reason = demo_text(&d->rng, TEXT_LOST_REASON);
	}
	rc = demo_act(d, dl, ae, NULL, &req, &out, NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	dl->flags &= (uint16_t)~DF_OPEN_OPP;
	if (req.action == ACT_LOSE) {
		d->rep->lost++;
		return 0;
	}
	d->rep->won++;
	d->rep->won_cents += req.amount_cents;
	/* a pilot (a term under a year) is set up in days, a contract in weeks; the third pilot and
	 * every eighth after it never is (the customer does not engage: onboarding breaches, the
	 * contract lapses) */
	t = demo_biz(d, d->svc->now, drng_lognormal(&d->rng, (req.term_months < 12 ? 4 : 15) * DEMO_DAY_MIN, 0.5));
	if (req.term_months >= 12 || d->pilots++ % 8 != 2)
		demo_push(d, t, i, ST_LIVE, 0);
	demo_plan_renewal(d, i, &out);
	return 0;
}

int dstep_live(struct demo *d, uint32_t i, int64_t aux)
{
	struct action_req req = {.action = ACT_LIVE};
	int rc = owner_acts(d, i, 1u << STAGE_WON, &req);

	if (rc)
		return rc < 0 ? rc : 0;
	d->rep->lives++;
	demo_plan_expansion(d, i);
	demo_push(d, demo_biz(d, d->svc->now, drng_lognormal(demo_rng_of(d, i), 2 * DEMO_DAY_MIN, 0.5)), i, ST_CSM, 2);
	return 0;
}

/* Customer success: the kickoff, then a check-in (aux: calls left). */
int dstep_csm(struct demo *d, uint32_t i, int64_t aux)
{
	struct action_req req = {.action = ACT_TOUCH, .kind = "call", .outcome = "connected"};
	int rc;

	req.note = aux > 1 ? "kickoff" : "check-in";
	rc = owner_acts(d, i, 1u << STAGE_LIVE, &req);
	if (rc)
		return rc < 0 ? rc : 0;
	d->rep->touches++;
	if (aux > 1)
		demo_push(d, demo_biz(d, d->svc->now, 10 * DEMO_DAY_MIN), i, ST_CSM, aux - 1);
	else /* the health checks: a check-in every 15 to 30 business days (some miss the month) */
		demo_push(d, demo_biz(d, d->svc->now, (double)(15 + drng_below(demo_crng_of(d, i), 16)) * DEMO_DAY_MIN),
			  i, ST_CSM, 1);
	return 0;
}

/* What a CSM does before a renewal date. */
enum renewal_call { CALL_RENEW, CALL_CHURN, CALL_LAPSE };

/* The CSM's calls in turn, one in eight of each kind but renew (so that a small demo shows
 * all three). */
static const enum renewal_call renewal_calls[8] = {CALL_RENEW, CALL_RENEW, CALL_LAPSE, CALL_RENEW,
						   CALL_CHURN, CALL_RENEW, CALL_RENEW, CALL_RENEW};

/* The new annual value of a contract worth `cents` renewed at a new price: 5 to 35% more, or
 * one time in five 5 to 20% less; whole currency units. */
static int64_t new_price(struct demo_rng *r, int64_t cents)
{
	double f = drng_chance(r, 0.8) ? 1.05 + 0.3 * drng_unit(r) : 0.8 + 0.15 * drng_unit(r);

	return (int64_t)((double)cents * f) / 100 * 100;
}

/* Before a renewal date, the CSM renews (most; a third of them at a new price, a pilot often
 * turned into a year), churns the customer with a reason, or lets the contract lapse (tick churns
 * it at the date). A customer not live by then is not renewed: it lapses. */
int dstep_renewal(struct demo *d, uint32_t i, int64_t aux)
{
	struct dlead *dl = &d->leads[i];
	struct action_req req = {0};
	struct lead l, out;
	enum renewal_call call;
	int rc, csm;

	if ((rc = demo_get_owner(d, dl, 1u << STAGE_LIVE, &l, &csm)) || csm < 0)
		return rc;
	call = renewal_calls[d->renewal_calls++ % 8];
	if (call == CALL_LAPSE)
		return 0;
	if (call == CALL_CHURN) {
		req.action = ACT_CHURN;
		req.reason = demo_text(demo_crng_of(d, i), TEXT_CHURN_REASON);
	} else {
		req.action = ACT_RENEW;
		if (drng_chance(demo_crng_of(d, i), 0.35))
			req.amount_cents = new_price(demo_crng_of(d, i), l.amount);
		if (l.term_months < 12 && drng_chance(demo_crng_of(d, i), 0.3))
			req.term_months = 12;
	}
	rc = demo_act(d, dl, csm, NULL, &req, &out, NULL);
	if (rc)
		return rc < 0 ? rc : 0;
	if (req.action == ACT_CHURN) {
		d->rep->churned++;
		return 0;
	}
	d->rep->renewed++;
	d->rep->repriced += req.amount_cents > 0 && req.amount_cents != l.amount;
	demo_plan_renewal(d, i, &out);
	return 0;
}
