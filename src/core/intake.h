/* intake.h - a new lead enters: validation of its contact data, dedupe by email, the fit
 * filter, and the routing decision (SPEC section 4, fit and routing). intake_decide() is pure:
 * the adapter loads the matched account, an existing lead with the same email and the pool of
 * reps that intake_pool() names, then records the events it returns. */
#ifndef BATON_INTAKE_H
#define BATON_INTAKE_H

#include "core/lifecycle.h"
#include "core/model.h"
#include "core/route.h"

struct intake_req {
	struct lead *lead;              /* the new lead's data; email normalised by intake_validate */
	const struct account *account;  /* the account its email domain matched, or NULL */
	const struct lead *existing;    /* the lead with the same email, or NULL */
	const struct rep *pool;         /* reps of the role intake_pool() named, sorted by id */
	size_t npool;
	/* the state of the pool's rotation (its cursor and balancer, route_weighted); NULL: none */
	const struct route_wrr *rotation;
	const char *actor;              /* who enters it: "admin", "import", a rep or token name */
	const struct fit_model *model;  /* the latest learned fit model, or NULL */
	const char *exclude;            /* a rep the rotation must skip (reassignment), or NULL */
	int rotation_only;              /* 1: skip the account owner/SDR rules (reassignment) */
};

struct intake_result {
	struct decision d;        /* events to append, in order */
	const char *owner;        /* the rep it was assigned to, NULL if none (borrowed) */
	/* 1 if the rotation gave it a lead: store `rotation`, its new state (peers in the arena) */
	int moved_cursor;
	struct route_wrr rotation;
	int filtered;             /* 1 if the fit filter kept it out */
	int duplicate;            /* 1 if it is a second inquiry of an existing lead */
	int unassigned;           /* 1 if nobody could take it: a manager must be told */
	const char *why;          /* the routing reason (borrowed from the arena) */
};

/* Checks and normalises the contact data: l->email becomes the canonical form of
 * email_normalize() (allocated in a), the line breaks of the other text fields are folded into
 * spaces (form_fold), they are checked (lengths, UTF-8, no control characters) and an empty
 * one becomes NULL, employees is in range; returns 0 or
 * -BT_BAD_INPUT naming the field. */
int intake_validate(struct lead *l, struct arena *a, struct bt_error *err);

/* The role whose rotation routes this lead, or -1 when it goes to a named owner (account SDR
 * or owner) or to nobody; *named is set to that owner's name when there is one. */
int intake_pool(const struct playbook *pb, const struct lead *l, const struct account *acc, const char **named);

/* The role whose rotation routes lead l (intake_pool without an account): for a reassignment
 * (rotation_only), a lead no rotation of its own takes falls back to the inbound rotation, the
 * rule written once for intake_route and breach_decide. -1 when no rotation takes it. */
int intake_rotation(const struct playbook *pb, const struct lead *l, int rotation_only);

/* Decides the intake of req->lead at `now`; returns 0 and fills *res, or a negative code. */
int intake_decide(const struct playbook *pb, const struct intake_req *req, int64_t now, struct arena *a,
		  struct intake_result *res, struct bt_error *err);

/* Appends the routing decision for req->lead (already created): an "assigned" event, or an
 * "unassigned" one with the reason; fills res->owner, moved_cursor, unassigned. */
void intake_route(const struct playbook *pb, const struct intake_req *req, int64_t now, struct arena *a,
		  struct intake_result *res);

/* The fit score of lead l by the playbook's fit.model rule: the learned model when one is
 * given and in use (use: on, or auto with at least min_history closed leads behind it),
 * else the rules score; *source says which ("model v3", "rules"), static or in a. */
double intake_score(const struct playbook *pb, const struct fit_model *m, const struct lead *l, struct arena *a,
		    const char **source);

/* Appends to d the "created" event of lead l at `at` by actor, with its contact data (its
 * territory its country's when it has none); returns the stage it is created at (target for an
 * outbound lead, else inquiry). In a. */
enum stage intake_created(struct lead *l, int64_t at, const char *actor, struct arena *a, struct decision *d);

/* Lower-cases and checks an account's web domain d ("acme.com": no scheme, no www., a dot, the
 * characters of a domain, not a free-mail provider); 0 or -BT_BAD_INPUT naming "domain". */
int intake_check_domain(char *d, struct bt_error *err);

/* 1 if the email domain is a free-mail provider (never matched to an account). */
int intake_freemail(const char *domain);

/* The domain part of an email (after the @), or NULL; borrowed from email. */
const char *intake_email_domain(const char *email);

#endif
