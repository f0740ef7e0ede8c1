/* intake.h - the intake use cases: a lead enters (lead add, lead import, the API) inside a unit
 * of work (work.h) whose routing pools serve every lead of a batch, and a filtered lead is
 * brought back. The core decides (intake_decide, intake_route); intake.c loads, records and
 * tells the managers of a lead nobody can take. */
#ifndef BATON_SVC_INTAKE_H
#define BATON_SVC_INTAKE_H

#include <stdint.h>

#include "core/intake.h"
#include "core/rep.h"
#include "util/error.h"

struct service;
struct work;
struct arena;

struct intake_outcome {
	int64_t lead;   /* the lead's id (the existing one for a duplicate) */
	int duplicate;  /* 1 if the email was already known */
	int filtered;   /* 1 if the fit filter kept it out */
	int unassigned; /* 1 if nobody could take it (a manager was told) */
};

/* Takes in one lead (validated, deduped, matched, filtered, scored, routed) inside the open
 * unit of work w; row strings may live in `a`, which the caller may free after the call. A bad
 * lead returns -BT_BAD_INPUT and writes nothing; any other error leaves w to be aborted. */
int intake_add(struct work *w, struct arena *a, struct lead *in, const char *actor, struct intake_outcome *out,
	       struct bt_error *err);

/* A lead taken in by steps: intake_add is intake_load, intake_choose and intake_record in a
 * row; the API's group commit on PostgreSQL loads every lead of a batch, decides them all
 * inside a claim of their rotations (work_claim: CPU only), then records them. */
struct intake_item {
	/* what the core decides from (pointers into this item and the work) */
	struct intake_req req;
	/* what it decided (intake_choose) */
	struct intake_result res;
	/* the lead with the same email (req.existing points here) */
	struct lead existing;
	/* the account of its domain (req.account points here) */
	struct account acc;
	/* intake_pool's answer: the rotation it goes to, -1 none */
	int role;
	/* intake_hold_new found its email known: intake_add must take it in */
	int known;
};

/* Validates lead `in` and loads what deciding it needs into *it (the lead with its email, the
 * account of its domain, the pool it goes to); reads only. With new_only the lead with its
 * email is not read: it is loaded as a new lead, which intake_hold_new must then check.
 * -BT_BAD_INPUT for a bad lead, else 0 or a storage failure. Strings in a. */
int intake_load(struct work *w, struct arena *a, struct lead *in, const char *actor, int new_only,
		struct intake_item *it, struct bt_error *err);

/* For items[0..n) loaded with new_only: holds their emails until w ends (PostgreSQL: another
 * server's batch taking one of them in at once waits, then finds it stored, rather than
 * failing on it) and sets items[i]->known when a lead has the email already (such an item must
 * be taken in again by intake_add, which finds it). 0 or a negative code. */
int intake_hold_new(struct work *w, struct arena *a, struct intake_item *const *items, size_t n, struct bt_error *err);

/* The role whose rotation routes the loaded item, -1 if none does (a known email, a named owner). */
int intake_rotation_of(const struct intake_item *it);

/* Decides the loaded item (intake_decide) from its rotation's state in w (work_pool) and keeps
 * the rotation's new state and the owner's open lead in w (work_assigned); writes nothing. 0 or
 * a negative code. */
int intake_choose(struct work *w, struct arena *a, struct intake_item *it, struct bt_error *err);

/* Records the decided item (events, obligations, the managers told of a lead nobody can take)
 * and fills *out; 0 or a negative code (w to be aborted). */
int intake_record(struct work *w, struct arena *a, struct intake_item *it, struct intake_outcome *out,
		  struct bt_error *err);

/* Takes in one lead in its own unit of work. */
int service_intake(struct service *svc, struct arena *a, struct lead *in, const char *actor, struct intake_outcome *out,
		   struct bt_error *err);

/* Brings a filtered lead back (filtered -> mql) by the rep named `by`, and routes it. */
int service_restore(struct service *svc, struct arena *a, int64_t id, const char *by, struct lead *out,
		    struct bt_error *err);

#endif
