/* breach.h - what an obligation that comes due does (SPEC section 4: "a breach and its actions
 * take effect at the obligation's due time"), decided in one place, as intake_decide() decides an
 * intake: the service loads what the decision needs (the lead, the obligation, the owner's
 * manager, whether the owner is still an active rep, the rotation's pool and state) and
 * breach_decide() returns every consequence — the events, the obligation's new status, the
 * routing outcome for the rotation's cache, the notifications for the outbox, the task to pass
 * on, and the lines of the tick's report — which the service then records. Pure: no I/O, the
 * clock is the obligation's due time. */
#ifndef BATON_BREACH_H
#define BATON_BREACH_H

#include "core/intake.h"
#include "core/sla.h"

struct breach_in {
	const struct lead *lead;      /* the lead as stored */
	const struct obligation *ob;  /* the obligation that came due */
	const char *manager;          /* the manager of ob->owner, NULL if none */
	/* a waiting obligation (no owner) tells the managers of its pool (route_pool_managers):
	 * every manager, loaded when the rule notifies or escalates */
	const struct rep *managers;
	size_t nmanagers;
	int owner_active;             /* 1 if the lead's owner is an active rep (a recycle returns to it) */
	const struct rep *pool;       /* the reps of breach_rotation()'s role, sorted by id (else NULL) */
	size_t npool;
	/* that rotation's state (its cursor and balancer), or NULL */
	const struct route_wrr *rotation;
};

/* One row for the outbox: who is told what (to NULL: the webhook only). */
struct breach_notice {
	enum event_type kind;         /* EV_BREACH, EV_NOTIFY, EV_ESCALATE or EV_FLAG (event_type_name) */
	const char *to;               /* the rep to tell, or NULL */
};

/* One line of the tick's report, in the order things took effect. */
struct breach_line {
	/* breach, reassign, unassigned, notify, escalate, flag, recycle, assign, recycle_refused */
	const char *type;
	const char *rep;              /* who it concerns, or NULL */
	const char *detail;           /* in words, or NULL */
};

#define BREACH_MAX_NOTICES 16
#define BREACH_MAX_LINES 20

struct breach_out {
	/* the events to append, in order */
	struct decision d;
	/* the obligation's new status: breached, met (a recycle) or cancelled (a recycle the lead
	 * no longer allows) */
	enum ob_status status;
	/* the rotation the lead was routed by, -1 if none; routed: route holds the outcome (a
	 * reassignment, a recycle): the new owner, the rotation's new state, unassigned and why */
	int role;
	int routed;
	struct intake_result route;
	/* the outbox rows, in order */
	struct breach_notice notices[BREACH_MAX_NOTICES];
	size_t nnotices;
	/* the no-show task passes to pass_to (the service creates it) */
	int pass_task;
	enum role pass_to;
	/* the tick's report lines, in order */
	struct breach_line lines[BREACH_MAX_LINES];
	size_t nlines;
};

/* The role whose rotation and its state breach_decide() needs for in->ob on lead l (its reps go in
 * in->pool), or -1 when it needs none: a reassignment uses the lead's rotation, a recycle the
 * lead's intake rotation unless it goes back to its active owner, a waiting obligation its
 * pool (whose managers are told). */
int breach_rotation(const struct playbook *pb, const struct lead *l, const struct obligation *ob, int owner_active);

/* Decides what in->ob coming due does; fills *out (strings in a). Returns 0, or a negative code
 * (with *err) when the decision itself fails; a recycle the lead no longer allows is not a
 * failure (out->status is OB_CANCELLED and a recycle_refused event says why). */
int breach_decide(const struct playbook *pb, const struct breach_in *in, struct arena *a, struct breach_out *out,
		  struct bt_error *err);

#endif
