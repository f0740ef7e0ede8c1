/* lifecycle.h - the state machine of SPEC section 3 and the rules that guard it. Given a
 * lead, the playbook, the acting rep and the clock, lifecycle_decide() returns the events an
 * action appends, or refuses with the reason (current stage, allowed actions, missing
 * qualification). It does no I/O: the adapter loads what it needs and records the result. */
#ifndef BATON_LIFECYCLE_H
#define BATON_LIFECYCLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/lead.h"
#include "core/playbook.h"
#include "core/rep.h"
#include "util/error.h"
#include "util/kv.h"

/* Recycle time of a lead that a rejection sends to nurture without --until: 90 days. */
#define LIFECYCLE_NURTURE_DEFAULT (90 * 86400)

enum action {
	ACT_TOUCH,
	ACT_QUALIFY,
	ACT_HANDOFF,
	ACT_REVIEW,
	ACT_ACCEPT,
	ACT_REJECT,
	ACT_NURTURE,
	ACT_DISQUALIFY,
	ACT_WIN,
	ACT_LOSE,
	ACT_LIVE,
	ACT_RESTORE,
	ACT_RECYCLE,
	ACT_ASSIGN, /* a manager gives the lead to a rep of its team by hand (SPEC 8.3) */
	ACT_RENEW,  /* a customer's contract renews for a new period (SPEC 8.12) */
	ACT_CHURN,  /* a customer churns */
	ACT_LAPSE,  /* an unrenewed contract past its renewal date churns (baton's timer) */
	ACT_EXPAND, /* a CSM hands an upsell of a live customer to an AE (SPEC 8.12) */
	ACT_COUNT
};

/* What a touch is (SPEC section 3): the closed vocabulary of `--kind`, stored as the touch
 * event's "kind" by its name (lifecycle.c's table). */
enum touch_kind { TOUCH_CALL, TOUCH_EMAIL, TOUCH_SOCIAL, TOUCH_KIND_COUNT };

/* Sets *out to the touch kind named name; 0, or -1 if none has that name (or name is NULL). */
int touch_kind_parse(const char *name, enum touch_kind *out);

/* What the actor asks for; every pointer is borrowed. Fields not used by the action are ignored. */
struct action_req {
	enum action action;
	const struct rep *actor;  /* the rep doing it; NULL for the system (recycle) */
	const char *owner_manager; /* the manager of the lead's current owner, NULL if none: a
				      manager acts only on leads owned within its team */
	const char *kind;         /* touch: call, email or social */
	const char *outcome;      /* touch: free text, may be NULL */
	int64_t minutes;          /* touch: time the rep logged for it, 0 = not logged */
	const char *note;         /* touch: free text, may be NULL */
	const char *variant;      /* touch: A/B variant label, may be NULL */
	struct kvlist set;        /* qualify: field=value answers */
	const struct rep *to;     /* handoff, expand: the receiving AE; assign: the new owner */
	const char *to_reason;    /* handoff: why that AE */
	struct kvlist notes;      /* handoff, expand: note key=value */
	int64_t meeting_start;    /* handoff: meeting start, 0 for none */
	int64_t meeting_minutes;  /* handoff: meeting length */
	const char *reason;       /* reject (a code), disqualify, lose, restore, assign, churn */
	int64_t until;            /* nurture (required), reject to nurture (optional): recycle time */
	/* won: deal value (a contract's annual value); accept: the opportunity's estimated value;
	 * renew: the new annual value (0: unchanged); expand, and the expansion's handoff: the
	 * upsell's value (> 0); cents, >= 0 */
	int64_t amount_cents;
	int64_t term_months;      /* won, renew: the contract's term in months, 0: the default (won) or unchanged */
	const struct rep *csm;    /* live: the CSM routing picked, may be NULL */
	const char *csm_reason;   /* live: why that CSM */
};

/* The events an accepted action appends, in order; owned by the arena given to decide. */
struct decision {
	struct event **events;
	size_t n;
	size_t cap;
};

/* Appends ev to the decision (the array grows in arena a); defined in decision.c. */
void decision_add(struct decision *d, struct arena *a, struct event *ev);

/* Decides `req` on lead l at `now`: on success returns 0 and appends the events to *out
 * (allocated in a); on refusal returns -BT_REFUSED or -BT_BAD_INPUT with *err naming the
 * reason, the field and the allowed actions, and appends nothing. */
int lifecycle_decide(const struct playbook *pb, const struct lead *l, const struct action_req *req, int64_t now,
		     struct arena *a, struct decision *out, struct bt_error *err);

/* The `expanded` event of customer c (by `actor` at `now`) when its expansion `won` (a lead
 * whose parent is c) is closed won: the won amount added to c's annual value (amount_cents,
 * previous_cents, value_cents, opportunity); NULL when c is no longer a customer (not won or
 * live). Allocated in a. */
struct event *lifecycle_expanded(const struct lead *c, const struct lead *won, const char *actor, int64_t now,
				 struct arena *a);

/* 1 if the action ends the opportunity, so the AE's meetings with the lead are cancelled
 * (reject, disqualify, close lost). */
int lifecycle_frees_calendar(enum action act);

/* The action's command name ("accept", "close won"); static string. */
const char *action_name(enum action act);

/* Writes into buf (size n) the comma-separated actions allowed from stage s; returns buf. */
char *lifecycle_allowed(enum stage s, char *buf, size_t n);

/* 1 if the action is allowed from stage s by the transition table, else 0. */
int lifecycle_can(enum action act, enum stage s);

/* 1 if rep r may take action `act` on lead l now: the transition table allows it from l's stage
 * and r is one of those the action permits (owner, rep who handed off, owning AE, the manager
 * of the owner's team: owner_manager is the manager of l's owner, NULL if none); the playbook's
 * rules (qualification, notes, reasons) are still checked when it is taken. */
int lifecycle_may(const struct lead *l, const struct rep *r, const char *owner_manager, enum action act);

/* Speed to lead of a first touch at `at`: minutes from the lead becoming workable (its first
 * mql, else its creation), business minutes when the speed-to-lead rule counts business time. */
int64_t lifecycle_speed_minutes(const struct playbook *pb, const struct lead *l, int64_t at);

#endif
