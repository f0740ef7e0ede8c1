/* sla.c - the SLA rules as reactions to events. Each event type has a handler (table at the
 * end) that opens, advances, meets or cancels obligations in a working list; sla_after() then
 * reports the difference. Due times come from bizclock when the rule counts business time. */
#include "core/sla.h"

#include <string.h>

#include "core/bizclock.h"
#include "core/clock.h"
#include "core/contract.h"
#include "core/intake.h"
#include "util/arena.h"
#include "util/names.h"

static const char *const rule_names[OB_RULE_COUNT] = {
	"speed_to_lead", "follow_up",      "handoff_response", "notes_review", "no_show",
	"recycle",       "onboarding",     "renewal_review",   "health_check", "lapse",
};
static const char *const status_names[OB_STATUS_COUNT] = {"open", "met", "breached", "cancelled"};

const char *ob_rule_name(enum ob_rule r)
{
	return names_at(rule_names, OB_RULE_COUNT, (int)r, "?");
}

int ob_rule_parse(const char *name, enum ob_rule *out)
{
	int i = names_find(rule_names, OB_RULE_COUNT, name);

	if (i < 0)
		return -1;
	*out = (enum ob_rule)i;
	return 0;
}

const char *ob_status_name(enum ob_status s)
{
	return names_at(status_names, OB_STATUS_COUNT, (int)s, "?");
}

int ob_status_parse(const char *name, enum ob_status *out)
{
	int i = names_find(status_names, OB_STATUS_COUNT, name);

	if (i < 0)
		return -1;
	*out = (enum ob_status)i;
	return 0;
}

int ob_rule_is_timer(enum ob_rule rule)
{
	return rule == OB_RECYCLE || rule == OB_LAPSE;
}

int ob_rule_owed_in(enum ob_rule rule, enum stage s)
{
	switch (rule) {
	case OB_SPEED_TO_LEAD: return s == STAGE_MQL || s == STAGE_TARGET;
	case OB_FOLLOW_UP: return s == STAGE_MQL || s == STAGE_WORKING;
	case OB_HANDOFF_RESPONSE: return s == STAGE_HANDOFF;
	case OB_NOTES_REVIEW:
	case OB_NO_SHOW: return s == STAGE_HANDOFF || s == STAGE_SQL;
	case OB_RECYCLE: return s == STAGE_NURTURE;
	case OB_ONBOARDING: return s == STAGE_WON;
	case OB_RENEWAL_REVIEW:
	case OB_HEALTH_CHECK: return s == STAGE_LIVE;
	case OB_LAPSE: return s == STAGE_WON || s == STAGE_LIVE;
	default: return 0;
	}
}

int sla_still_owed(const struct obligation *ob, const struct lead *l)
{
	if (ob->settled_at || !ob->owner || !l->owner || strcmp(ob->owner, l->owner) != 0 ||
	    !ob_rule_owed_in(ob->rule, l->stage))
		return 0;
	switch (ob->rule) {
	case OB_SPEED_TO_LEAD: return !l->first_touch_at || l->first_touch_at < l->mql_at;
	case OB_NOTES_REVIEW: return !l->reviewed;
	case OB_FOLLOW_UP:
	case OB_HANDOFF_RESPONSE:
	case OB_ONBOARDING:
	case OB_RENEWAL_REVIEW:
	case OB_HEALTH_CHECK: return 1;
	default: return 0;
	}
}

int sla_max_reassign(const struct playbook *pb, enum ob_rule rule)
{
	switch (rule) {
	case OB_SPEED_TO_LEAD: return pb->sla.speed_to_lead.max_reassign;
	case OB_HANDOFF_RESPONSE: return pb->sla.handoff_response.max_reassign;
	case OB_NOTES_REVIEW: return pb->sla.notes_review.max_reassign;
	default: return 0;
	}
}

static int same(const char *x, const char *y)
{
	return x && y && strcmp(x, y) == 0;
}

/* The working list: the lead's obligations as the events are applied one by one. */
struct sla_pass {
	const struct playbook *pb;
	const struct lead *after;
	const struct sla_owners *owners; /* may be NULL */
	struct arena *a;
	struct obligation *obs; /* existing (id > 0) then new (id 0) */
	int *changed;           /* 1 if an existing obligation changed */
	size_t n, cap;
};

/* The team of pool[0..n): the one team all its reps are in, else NULL. */
static const char *pool_team(const struct rep *pool, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!pool[i].team || !same(pool[i].team, pool[0].team))
			return NULL;
	return n ? pool[0].team : NULL;
}

/* `minutes` after `from`, in business time when `business`: in the calendar of rep `owner`, or
 * of the lead's pool when owner is NULL (SPEC 8.4). */
static int64_t due_after(const struct sla_pass *w, const char *owner, int64_t from, int64_t minutes, int business)
{
	const struct sla_owners *o = w->owners;
	const struct rep *r = NULL;
	const char *team = NULL;
	struct bizclock bc;
	size_t i;

	if (!business)
		return bizclock_add_calendar(from, minutes);
	for (i = 0; o && owner && i < o->nreps && !r; i++)
		if (same(o->reps[i].name, owner))
			r = &o->reps[i];
	if (o && !owner)
		team = pool_team(o->pool, o->npool);
	bizclock_init(&bc, w->pb, team, r);
	return bizclock_add(&bc, from, minutes);
}

size_t sla_owner_names(const struct playbook *pb, const struct lead *after, struct event *const *evs, size_t n,
		       const char **out)
{
	static const char *const keys[] = {"owner", "ae"};
	const struct pb_sla *s = &pb->sla;
	size_t i, j, k = 0, m;

	if (!(s->speed_to_lead.on && s->speed_to_lead.business_time) &&
	    !(s->handoff_response.on && s->handoff_response.business_time))
		return 0;
	if (after->owner)
		out[k++] = after->owner;
	for (i = 0; i < n; i++)
		for (j = 0; j < 2; j++) {
			const char *name = event_get_str(evs[i], keys[j]);

			for (m = 0; name && m < k; m++)
				if (strcmp(out[m], name) == 0)
					name = NULL;
			if (name)
				out[k++] = name;
		}
	return k;
}

int sla_needs_pool(const struct playbook *pb)
{
	return pb->nteams > 0 && pb->sla.speed_to_lead.on && pb->sla.speed_to_lead.business_time;
}

static struct obligation *add(struct sla_pass *w, enum ob_rule rule, const char *owner, int64_t at, int64_t due)
{
	struct obligation *o;

	if (due > CLOCK_MAX)
		due = CLOCK_MAX; /* never past what RFC 3339 can write; such a timer is never due */

	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 8;
		struct obligation *no = arena_alloc(w->a, cap * sizeof(*no));
		int *nc = arena_alloc(w->a, cap * sizeof(*nc));

		if (w->n) {
			memcpy(no, w->obs, w->n * sizeof(*no));
			memcpy(nc, w->changed, w->n * sizeof(*nc));
		}
		w->obs = no;
		w->changed = nc;
		w->cap = cap;
	}
	o = &w->obs[w->n];
	memset(o, 0, sizeof(*o));
	o->rule = rule;
	o->lead = w->after->id;
	o->owner = owner ? arena_strdup(w->a, owner) : NULL;
	o->opened_at = at;
	o->due = due;
	o->status = OB_OPEN;
	w->changed[w->n] = 0;
	w->n++;
	return o;
}

/* Closes open obligations of `rule` (every rule if rule < 0) with status st at `at`. */
static void close_open(struct sla_pass *w, int rule, enum ob_status st, int64_t at, int64_t meeting)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct obligation *o = &w->obs[i];

		if (o->status != OB_OPEN || (rule >= 0 && o->rule != (enum ob_rule)rule))
			continue;
		if (rule < 0 && o->rule == OB_RECYCLE)
			continue; /* only a recycle or a new nurture ends the recycle timer */
		if (meeting && o->meeting != meeting)
			continue;
		o->status = st;
		o->closed_at = at;
		w->changed[i] = 1;
	}
}

static struct obligation *find_open(struct sla_pass *w, enum ob_rule rule)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->obs[i].status == OB_OPEN && w->obs[i].rule == rule)
			return &w->obs[i];
	return NULL;
}

/* The breached obligation of `rule` still owed (not settled), or NULL. */
static struct obligation *find_owed(struct sla_pass *w, enum ob_rule rule)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->obs[i].status == OB_BREACHED && !w->obs[i].settled_at && w->obs[i].rule == rule)
			return &w->obs[i];
	return NULL;
}

/* The work a breached obligation asked for is done at `at`: it leaves the queue (SPEC 8.2). */
static void done_late(struct sla_pass *w, struct obligation *o, int64_t at)
{
	if (!o)
		return;
	o->done_at = at;
	o->settled_at = at;
	w->changed[o - w->obs] = 1;
}

static void touched(struct sla_pass *w, struct obligation *o, int64_t at)
{
	o->progress++;
	if (o->progress >= o->need) {
		if (o->status == OB_BREACHED) {
			done_late(w, o, at);
			return;
		}
		o->status = OB_MET;
		o->closed_at = at;
	}
	w->changed[o - w->obs] = 1;
}

/* The lead entered stage `to` at `at`: breached obligations whose work no longer applies leave
 * the queue, done_at left empty. */
static void settle_left(struct sla_pass *w, enum stage to, int64_t at)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct obligation *o = &w->obs[i];

		if (o->status == OB_BREACHED && !o->settled_at && !ob_rule_owed_in(o->rule, to)) {
			o->settled_at = at;
			w->changed[i] = 1;
		}
	}
}

/* Gives obligation o to `owner` (due time unchanged), or to nobody (waiting for its pool). */
static void pass_to(struct sla_pass *w, struct obligation *o, const char *owner)
{
	o->owner = owner ? arena_strdup(w->a, owner) : NULL;
	o->has_pool = 0;
	if (!owner) {
		int role = intake_rotation(w->pb, w->after, 1);

		o->has_pool = role >= 0;
		o->pool = role >= 0 ? (enum role)role : ROLE_MRR;
	}
	w->changed[o - w->obs] = 1;
}

/* Opens the speed-to-lead obligation of `owner` (NULL: the lead waits for its pool) from `at`,
 * after `reassigns` reassignments, due in its owner's business time (its pool's while it waits). */
static void open_speed(struct sla_pass *w, const char *owner, int64_t at, int reassigns)
{
	const struct pb_speed_to_lead *s = &w->pb->sla.speed_to_lead;
	struct obligation *o = add(w, OB_SPEED_TO_LEAD, NULL, at, due_after(w, owner, at, s->within, s->business_time));

	o->reassigns = reassigns;
	pass_to(w, o, owner);
}

/* speed_to_lead applies to this lead (channel and source of applies). */
static int speed_applies(const struct playbook *pb, const struct lead *l)
{
	const struct pb_speed_to_lead *s = &pb->sla.speed_to_lead;
	size_t i;

	if (!s->on || (s->channel >= 0 && (int)l->channel != s->channel))
		return 0;
	if (!s->sources.n)
		return 1;
	for (i = 0; i < s->sources.n; i++)
		if (same(s->sources.items[i], l->source))
			return 1;
	return 0;
}

static const struct pb_follow_up *follow_up_row(const struct playbook *pb, const char *grade)
{
	size_t i;

	for (i = 0; grade && i < pb->sla.nfollow_up; i++)
		if (strcmp(pb->sla.follow_up[i].grade, grade) == 0)
			return &pb->sla.follow_up[i];
	return NULL;
}

/* ---------------------------------------------------------------- event handlers */

/* speed_to_lead is owed for this life of the lead: it applies, and no touch since it last
 * became mql (a first touch of an earlier life does not count). */
static int speed_owed(const struct sla_pass *w)
{
	const struct lead *l = w->after;

	if (!speed_applies(w->pb, l) || (l->first_touch_at && l->first_touch_at >= l->mql_at))
		return 0;
	return l->stage == STAGE_MQL || l->stage == STAGE_TARGET;
}

/* The previous owner's breached speed-to-lead leaves its queue: the lead is no longer its. */
static void settle_moved(struct sla_pass *w, const char *owner, int64_t at)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct obligation *o = &w->obs[i];

		if (o->rule == OB_SPEED_TO_LEAD && o->status == OB_BREACHED && !o->settled_at && o->owner &&
		    !same(o->owner, owner)) {
			o->settled_at = at;
			w->changed[i] = 1;
		}
	}
}

/* A rep gets the lead. An assignment passes the speed-to-lead obligation on, due time
 * unchanged: a waiting lead routed (SPEC 8.1), a manager's hand (8.3), a breached one with it;
 * a lead assigned without one (an outbound target) gets it from now, and one routed the instant
 * its obligation opened (at intake) gets it in its owner's calendar (8.4). A reassignment after a
 * breach opens the new owner's from the reassignment (8.2), unless the lead was waiting for
 * its pool since (its window then already runs). */
/* A manager's hand (SPEC 8.3): every obligation the lead owes through its previous owner (or
 * nobody, while it waited) — open, or breached and still owed — passes to the new owner, due
 * times unchanged. */
static void pass_manual(struct sla_pass *w, const struct event *ev, const char *owner)
{
	const char *prev = event_get_str(ev, "previous_owner");
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct obligation *o = &w->obs[i];

		if (o->rule == OB_RECYCLE || !(o->status == OB_OPEN || (o->status == OB_BREACHED && !o->settled_at)))
			continue;
		if (o->owner && !same(o->owner, prev))
			continue;
		pass_to(w, o, owner);
	}
}

static void on_assigned(struct sla_pass *w, const struct event *ev)
{
	const char *owner = event_get_str(ev, "owner");
	struct obligation *o;

	if (event_get_int(ev, "manual", 0)) {
		pass_manual(w, ev, owner);
		return;
	}

	/* the open follow-up moves with the lead */
	o = find_open(w, OB_FOLLOW_UP);
	if (o && !same(o->owner, owner)) {
		o->owner = arena_strdup(w->a, owner);
		w->changed[o - w->obs] = 1;
	}
	if (!speed_owed(w))
		return;
	o = find_open(w, OB_SPEED_TO_LEAD);
	if (ev->type == EV_ASSIGNED) {
		if (o && !o->id && !o->owner && o->opened_at == ev->at) {
			/* routed the instant it opened (at intake): it never waited, its window is the
			 * owner's from the start (SPEC 8.4) */
			close_open(w, OB_SPEED_TO_LEAD, OB_CANCELLED, ev->at, 0);
			open_speed(w, owner, ev->at, o->reassigns);
			return;
		}
		if (!o)
			o = find_owed(w, OB_SPEED_TO_LEAD);
		if (o)
			pass_to(w, o, owner);
		else
			open_speed(w, owner, ev->at, 0);
		return;
	}
	settle_moved(w, owner, ev->at);
	if (o && !o->owner) {
		pass_to(w, o, owner);
		return;
	}
	close_open(w, OB_SPEED_TO_LEAD, OB_CANCELLED, ev->at, 0);
	open_speed(w, owner, ev->at, (int)event_get_int(ev, "reassigns", 0));
}

/* The lead goes back to its pool: a reassignment found nobody else (SPEC 8.2), or its owner's
 * absence began (8.3). It waits with a new window counted from now (the reassignments that led
 * to it counted), routed at the first instant someone is eligible; one whose owner went away
 * before its window ran out keeps that window. */
static void on_unassigned(struct sla_pass *w, const struct event *ev)
{
	struct obligation *o;
	int reassigns;

	if (!event_get_str(ev, "previous_owner") || !speed_owed(w))
		return;
	if (event_get(ev, "absence") && (o = find_open(w, OB_SPEED_TO_LEAD)) != NULL) {
		/* its owner is away (SPEC 8.3): back to its pool with its clock, due time unchanged */
		pass_to(w, o, NULL);
		return;
	}
	o = find_owed(w, OB_SPEED_TO_LEAD);
	reassigns = (int)event_get_int(ev, "reassigns", o ? o->reassigns : 0);
	settle_moved(w, NULL, ev->at);
	close_open(w, OB_SPEED_TO_LEAD, OB_CANCELLED, ev->at, 0);
	open_speed(w, NULL, ev->at, reassigns);
}

static void on_became_mql(struct sla_pass *w, const struct event *ev)
{
	const struct pb_follow_up *row = follow_up_row(w->pb, w->after->grade);
	struct obligation *o;

	close_open(w, OB_RECYCLE, OB_MET, ev->at, 0);
	if (row && !find_open(w, OB_FOLLOW_UP)) {
		o = add(w, OB_FOLLOW_UP, w->after->owner, ev->at, due_after(w, NULL, ev->at, row->within, 0));
		o->need = row->touches;
	}
	/* every inbound lead that passes the filter has its clock from now, owned by its pool
	 * until a rep gets it (SPEC 8.1) */
	if (speed_applies(w->pb, w->after)) {
		close_open(w, OB_SPEED_TO_LEAD, OB_CANCELLED, ev->at, 0);
		open_speed(w, NULL, ev->at, 0);
	}
}

/* A history row (SPEC 8.8): the speed-to-lead window of a lead imported at mql (or target)
 * and still untouched runs from its creation time, in its owner's business time (its pool's
 * when it has none), as if it had come in then; it is opened only when it is still running
 * at the import time (imported_at): last year's leads owe nothing, and breach nothing. A
 * customer imported with its contract (a renewal date after the import time) gets baton's
 * lapse timer, as at a win (SPEC 8.12); imported live, also what its CSM owes a live customer
 * (open_imported_customer). */
static void open_lapse(struct sla_pass *w, int64_t at);
static void open_imported_customer(struct sla_pass *w, const struct event *ev, int64_t now);

static void on_imported(struct sla_pass *w, const struct event *ev)
{
	const char *when = event_get_str(ev, "imported_at");
	int64_t now = ev->at;
	struct obligation *o;

	if (when && clock_parse_rfc3339(when, &now))
		return;
	if (w->after->renews_at > now) { /* a customer's contract in force: it lapses unless renewed */
		open_lapse(w, ev->at);
		if (w->after->stage == STAGE_LIVE)
			open_imported_customer(w, ev, now);
	}
	if (!speed_owed(w))
		return;
	open_speed(w, w->after->owner, ev->at, 0);
	o = find_open(w, OB_SPEED_TO_LEAD);
	if (o && o->due <= now)
		close_open(w, OB_SPEED_TO_LEAD, OB_CANCELLED, ev->at, 0); /* over: never written */
}

/* ---------------------------------------------------------------- a customer (SPEC 8.12) */

/* Opens the renewal review of the contract's current period for the customer's owner (its
 * CSM), due `before` calendar days before the renewal date: at once when that is past (a term
 * shorter than the review's window). */
static void open_review(struct sla_pass *w, int64_t at)
{
	const struct playbook *pb = w->pb;
	int64_t due;

	if (!pb->sla.renewal_review.on || !w->after->renews_at)
		return;
	due = contract_review_due(pb->org.timezone, w->after->renews_at, pb->sla.renewal_review.before);
	add(w, OB_RENEWAL_REVIEW, w->after->owner, at, due > at ? due : at);
}

/* Opens the health check of the period that ends at `due` for the customer's owner. */
static void open_health(struct sla_pass *w, int64_t at, int64_t due)
{
	if (w->pb->sla.health_check.on)
		add(w, OB_HEALTH_CHECK, w->after->owner, at, due);
}

/* Opens baton's own timer that churns the contract unless it is renewed by its renewal date. */
static void open_lapse(struct sla_pass *w, int64_t at)
{
	if (w->after->renews_at)
		add(w, OB_LAPSE, NULL, at, w->after->renews_at);
}

/* A live customer imported with its contract (on_imported), at `now` the import time: its CSM
 * owes the renewal review of the current period, due `before` its renewal date (at the import
 * time when that is past), and the health check of the period running at the import time,
 * periods counted from the close date (the exports carry no live date) as from a `live`. */
static void open_imported_customer(struct sla_pass *w, const struct event *ev, int64_t now)
{
	const struct playbook *pb = w->pb;
	const char *closed = event_get_str(ev, "closed_at");
	int64_t every = pb->sla.health_check.every, start, due, k;

	if (pb->sla.renewal_review.on) {
		due = contract_review_due(pb->org.timezone, w->after->renews_at, pb->sla.renewal_review.before);
		add(w, OB_RENEWAL_REVIEW, w->after->owner, ev->at, due > now ? due : now);
	}
	if (!pb->sla.health_check.on || every <= 0 || !closed || clock_parse_rfc3339(closed, &start))
		return;
	/* the first period ending after now: from an estimate a period short (calendar days move
	 * the instant by an hour at most), at most a few steps */
	k = start < now ? (now - start) / (every * 60) : 1;
	for (k = k > 1 ? k - 1 : 1; (due = contract_health_due(pb->org.timezone, start, every, k)) <= now; k++)
		;
	open_health(w, ev->at, due);
}

/* Won: the AE owes the customer's go-live within live_within; the contract's clock starts. */
static void on_won(struct sla_pass *w, const struct event *ev)
{
	const struct playbook *pb = w->pb;

	if (w->after->parent)
		return; /* an expansion is won into its customer's contract: nothing to take live */
	if (pb->sla.onboarding.on)
		add(w, OB_ONBOARDING, w->after->owner, ev->at,
		    contract_shift(pb->org.timezone, ev->at, pb->sla.onboarding.live_within));
	open_lapse(w, ev->at);
}

/* Live: onboarding is done; the CSM owes the renewal review and the first health check. */
static void on_live(struct sla_pass *w, const struct event *ev)
{
	const struct playbook *pb = w->pb;

	close_open(w, OB_ONBOARDING, OB_MET, ev->at, 0);
	done_late(w, find_owed(w, OB_ONBOARDING), ev->at);
	open_review(w, ev->at);
	open_health(w, ev->at, contract_health_due(pb->org.timezone, ev->at, pb->sla.health_check.every, 1));
}

/* Renewed: the review is done, the lapse timer moves to the new renewal date, and the new
 * period's review opens. */
static void on_renewed(struct sla_pass *w, const struct event *ev)
{
	close_open(w, OB_RENEWAL_REVIEW, OB_MET, ev->at, 0);
	done_late(w, find_owed(w, OB_RENEWAL_REVIEW), ev->at);
	close_open(w, OB_LAPSE, OB_MET, ev->at, 0);
	open_lapse(w, ev->at);
	open_review(w, ev->at);
}

/* A touch by the customer's CSM within the current health-check period meets it (a late one
 * settles a breached one), and the next period's opens. */
static void health_touched(struct sla_pass *w, const struct event *ev)
{
	const struct playbook *pb = w->pb;
	int64_t every = pb->sla.health_check.every;
	struct obligation *o = find_owed(w, OB_HEALTH_CHECK);

	if (o && same(o->owner, ev->actor))
		done_late(w, o, ev->at);
	o = find_open(w, OB_HEALTH_CHECK);
	if (!o || !same(o->owner, ev->actor) || ev->at < contract_shift(pb->org.timezone, o->due, -every) ||
	    ev->at > o->due)
		return;
	o->status = OB_MET;
	o->closed_at = ev->at;
	w->changed[o - w->obs] = 1;
	open_health(w, ev->at, contract_shift(pb->org.timezone, o->due, every));
}

/* A health check breached at its due time: the next period's opens then. */
static void on_breach(struct sla_pass *w, const struct event *ev)
{
	int64_t id = event_get_int(ev, "obligation", 0);
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->obs[i].id == id && w->obs[i].rule == OB_HEALTH_CHECK && w->after->stage == STAGE_LIVE)
			open_health(w, ev->at,
				    contract_shift(w->pb->org.timezone, w->obs[i].due, w->pb->sla.health_check.every));
}

static void on_touch(struct sla_pass *w, const struct event *ev)
{
	static const enum ob_rule counted[] = {OB_FOLLOW_UP, OB_NO_SHOW};
	struct obligation *o;
	size_t i;

	if (w->after->stage == STAGE_LIVE)
		health_touched(w, ev);
	if (event_get_int(ev, "first", 0)) {
		/* met only before its due time: a touch after it leaves the breach to the timer, which
		 * takes effect at the due time whenever it runs (SPEC 4) */
		o = find_open(w, OB_SPEED_TO_LEAD);
		if (o && ev->at <= o->due) {
			o->status = OB_MET;
			o->closed_at = ev->at;
			w->changed[o - w->obs] = 1;
		}
		done_late(w, find_owed(w, OB_SPEED_TO_LEAD), ev->at);
	}
	for (i = 0; i < sizeof(counted) / sizeof(counted[0]); i++) {
		o = find_open(w, counted[i]);
		if (!o)
			o = find_owed(w, counted[i]);
		if (o && same(o->owner, ev->actor))
			touched(w, o, ev->at);
	}
}

static void on_handoff(struct sla_pass *w, const struct event *ev)
{
	const char *ae = event_get_str(ev, "ae"), *start = event_get_str(ev, "meeting_start");
	const struct pb_sla *s = &w->pb->sla;
	int64_t t;

	close_open(w, OB_SPEED_TO_LEAD, OB_CANCELLED, ev->at, 0);
	close_open(w, OB_FOLLOW_UP, OB_CANCELLED, ev->at, 0);
	if (s->handoff_response.on)
		add(w, OB_HANDOFF_RESPONSE, ae, ev->at,
		    due_after(w, ae, ev->at, s->handoff_response.within, s->handoff_response.business_time));
	if (s->notes_review.on && s->notes_review.before_meeting && start && clock_parse_rfc3339(start, &t) == 0)
		add(w, OB_NOTES_REVIEW, ae, ev->at, t)->meeting = event_get_int(ev, "meeting", 0);
}

static void on_answered(struct sla_pass *w, const struct event *ev)
{
	close_open(w, OB_HANDOFF_RESPONSE, OB_MET, ev->at, 0);
	done_late(w, find_owed(w, OB_HANDOFF_RESPONSE), ev->at);
	if (event_type_flags(ev->type) & EVF_SENDS_BACK) {
		close_open(w, OB_NOTES_REVIEW, OB_CANCELLED, ev->at, 0);
		close_open(w, OB_NO_SHOW, OB_CANCELLED, ev->at, 0);
	}
}

static void on_review(struct sla_pass *w, const struct event *ev)
{
	close_open(w, OB_NOTES_REVIEW, OB_MET, ev->at, 0);
	done_late(w, find_owed(w, OB_NOTES_REVIEW), ev->at);
}

static void on_meeting_no_show(struct sla_pass *w, const struct event *ev)
{
	const struct pb_sla *s = &w->pb->sla;
	const char *start = event_get_str(ev, "start");
	int64_t t = ev->at;
	struct obligation *o;

	if (!s->no_show.on)
		return;
	if (start)
		clock_parse_rfc3339(start, &t);
	if (event_get_int(ev, "attempts_before", 0) >= s->no_show.attempts)
		return; /* the AE already made its attempts since the start */
	o = add(w, OB_NO_SHOW, event_get_str(ev, "ae"), ev->at, due_after(w, NULL, t, s->no_show.within, 0));
	o->need = s->no_show.attempts;
	o->progress = (int)event_get_int(ev, "attempts_before", 0);
	o->meeting = event_get_int(ev, "meeting", 0);
}

static void on_meeting_moved(struct sla_pass *w, const struct event *ev)
{
	const char *start = event_get_str(ev, "new_start");
	int64_t meeting = event_get_int(ev, "meeting", 0), t;

	close_open(w, OB_NOTES_REVIEW, OB_CANCELLED, ev->at, meeting);
	if (start && clock_parse_rfc3339(start, &t) == 0 && w->pb->sla.notes_review.on &&
	    w->pb->sla.notes_review.before_meeting && !w->after->reviewed)
		add(w, OB_NOTES_REVIEW, event_get_str(ev, "ae"), ev->at, t)->meeting = event_get_int(ev, "new_meeting", 0);
}

/* The lead left the work (nurture, disqualified, lost, won): what it owed is moot. */
static void on_ended(struct sla_pass *w, const struct event *ev)
{
	close_open(w, -1, OB_CANCELLED, ev->at, 0);
}

/* What each type of event does to the lead's obligations; a type left out does nothing (the
 * types that end the work are those flagged EVF_ENDS_WORK: on_ended). */
static void (*const handlers[EV_COUNT])(struct sla_pass *, const struct event *) = {
	[EV_ASSIGNED] = on_assigned,
	[EV_REASSIGNED] = on_assigned,
	[EV_UNASSIGNED] = on_unassigned,
	[EV_MQL] = on_became_mql,
	[EV_IMPORTED] = on_imported,
	[EV_RECYCLED] = on_became_mql,
	[EV_RESTORED] = on_became_mql,
	[EV_TOUCH] = on_touch,
	[EV_HANDOFF] = on_handoff,
	[EV_ACCEPT] = on_answered,
	[EV_REJECT] = on_answered,
	[EV_REVIEW] = on_review,
	[EV_MEETING_NO_SHOW] = on_meeting_no_show,
	[EV_MEETING_RESCHEDULED] = on_meeting_moved,
	[EV_MEETING_CANCELLED] = on_meeting_moved,
	[EV_WON] = on_won,
	[EV_LIVE] = on_live,
	[EV_RENEWED] = on_renewed,
	[EV_BREACH] = on_breach,
};

void sla_after(const struct playbook *pb, const struct lead *before, const struct lead *after,
	       struct event *const *evs, size_t n, const struct obligation *open, size_t nopen,
	       const struct sla_owners *owners, struct arena *a, struct sla_plan *plan)
{
	struct sla_pass w = {pb, after, owners, a, NULL, NULL, 0, 0};
	size_t i;

	memset(plan, 0, sizeof(*plan));
	for (i = 0; i < nopen; i++) {
		struct obligation *o = add(&w, open[i].rule, open[i].owner, open[i].opened_at, open[i].due);

		*o = open[i];
	}
	for (i = 0; i < n; i++) {
		/* what the lead owed ends first: won opens the customer's obligations */
		if (event_type_flags(evs[i]->type) & EVF_ENDS_WORK)
			on_ended(&w, evs[i]);
		if ((unsigned)evs[i]->type < EV_COUNT && handlers[evs[i]->type])
			handlers[evs[i]->type](&w, evs[i]);
		if (evs[i]->sets_stage && evs[i]->to != evs[i]->from)
			settle_left(&w, evs[i]->to, evs[i]->at);
		/* a lead sent to nurture (by nurture or a rejection) gets its recycle timer */
		if (evs[i]->sets_stage && evs[i]->to == STAGE_NURTURE && after->nurture_until) {
			close_open(&w, OB_RECYCLE, OB_CANCELLED, evs[i]->at, 0);
			add(&w, OB_RECYCLE, NULL, evs[i]->at, after->nurture_until);
		}
		if (evs[i]->sets_stage && evs[i]->to == STAGE_DISQUALIFIED)
			on_ended(&w, evs[i]);
	}
	(void)before;
	plan->open = arena_alloc(a, (w.n ? w.n : 1) * sizeof(*plan->open));
	plan->change = arena_alloc(a, (w.n ? w.n : 1) * sizeof(*plan->change));
	for (i = 0; i < w.n; i++) {
		if (w.obs[i].id == 0 && w.obs[i].status == OB_OPEN)
			plan->open[plan->nopen++] = w.obs[i];
		else if (w.obs[i].id && w.changed[i])
			plan->change[plan->nchange++] = w.obs[i];
	}
}

int sla_covers(const struct playbook *pb, const struct obligation *ob, const struct lead *l)
{
	switch (ob->rule) {
	case OB_SPEED_TO_LEAD: return speed_applies(pb, l);
	case OB_FOLLOW_UP: return follow_up_row(pb, l->grade) != NULL;
	case OB_HANDOFF_RESPONSE: return pb->sla.handoff_response.on;
	case OB_NOTES_REVIEW: return pb->sla.notes_review.on && pb->sla.notes_review.before_meeting;
	case OB_NO_SHOW: return pb->sla.no_show.on;
	case OB_ONBOARDING: return pb->sla.onboarding.on;
	case OB_RENEWAL_REVIEW: return pb->sla.renewal_review.on;
	case OB_HEALTH_CHECK: return pb->sla.health_check.on;
	default: return 1; /* recycle, lapse: baton's own timers, the lead's nurture or renewal date */
	}
}

void sla_breach(const struct playbook *pb, const struct obligation *ob, struct arena *a, struct decision *d,
		struct sla_breach *out)
{
	struct event *ev;

	memset(out, 0, sizeof(*out));
	if (ob->rule == OB_RECYCLE || ob->rule == OB_LAPSE) {
		out->recycle = ob->rule == OB_RECYCLE;
		out->lapse = ob->rule == OB_LAPSE;
		return;
	}
	ev = event_new(a, EV_BREACH, ob->due, ob->lead, "system");
	event_put_str(ev, a, "rule", ob_rule_name(ob->rule));
	event_put_str(ev, a, "owner", ob->owner);
	if (!ob->owner && ob->has_pool)
		event_put_str(ev, a, "pool", role_name(ob->pool));
	event_put_int(ev, a, "obligation", ob->id);
	decision_add(d, a, ev);
	out->actions = sla_breach_actions(pb, ob->rule);
	if (ob->rule == OB_NO_SHOW) {
		out->pass_task = 1;
		out->pass_to = pb->sla.no_show.then;
	}
}

unsigned sla_breach_actions(const struct playbook *pb, enum ob_rule rule)
{
	switch (rule) {
	case OB_SPEED_TO_LEAD: return pb->sla.speed_to_lead.on_breach;
	case OB_HANDOFF_RESPONSE: return pb->sla.handoff_response.on_breach;
	case OB_NOTES_REVIEW: return pb->sla.notes_review.on_breach;
	/* a customer is not rerouted: its rules notify, escalate or flag */
	case OB_ONBOARDING: return pb->sla.onboarding.on_breach & ~(unsigned)PB_ACT_REASSIGN;
	case OB_RENEWAL_REVIEW: return pb->sla.renewal_review.on_breach & ~(unsigned)PB_ACT_REASSIGN;
	case OB_HEALTH_CHECK: return pb->sla.health_check.on_breach & ~(unsigned)PB_ACT_REASSIGN;
	default: return 0;
	}
}

const char *sla_owed(const struct obligation *ob, struct arena *a)
{
	switch (ob->rule) {
	case OB_SPEED_TO_LEAD: return "first touch";
	case OB_FOLLOW_UP:
		return ob->need > 0 ? arena_printf(a, "follow-up touch %d of %d", ob->progress + 1, ob->need)
				    : "follow-up touches";
	case OB_HANDOFF_RESPONSE: return "accept or reject the handoff";
	case OB_NOTES_REVIEW: return "review the handoff notes before the meeting";
	case OB_NO_SHOW:
		return ob->need > 0 ? arena_printf(a, "contact attempt %d of %d after the no-show", ob->progress + 1,
						   ob->need)
				    : "contact attempts after the no-show";
	case OB_RECYCLE: return "recycle from nurture";
	case OB_ONBOARDING: return "take the customer live";
	case OB_RENEWAL_REVIEW: return "review and renew the contract";
	case OB_HEALTH_CHECK: return "health-check touch";
	case OB_LAPSE: return "renew the contract before it lapses";
	default: return "?";
	}
}
