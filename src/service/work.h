/* work.h - the unit of work every use case that writes goes through, with one life cycle (git's
 * ref_transaction_*): work_begin() opens the store's write transaction; the routing state the
 * intake and the timers share — the rotation pools, their states (cursor and balancer), the
 * managers — is loaded into it on demand and kept up to date in memory; work_commit() writes the
 * rotations' states and commits;
 * work_abort() rolls everything back. begin -> use -> commit | abort; nobody borrows another's.
 * A use case that touches leads begins with usecase_begin() (usecase.h), which runs the
 * catch-up (tick.h) in the work first; this file calls no other use case.
 * On PostgreSQL reading a rotation's state locks it until the transaction ends, so that two
 * writers never give the same turn. A batch of many leads (the API's group commit) may instead
 * claim its rotations (work_claim): their states read and written back, every lead of the batch
 * routed in between, in a second, short transaction that commits before the batch records
 * anything, so that other servers' batches take their turns while this one writes. */
#ifndef BATON_WORK_H
#define BATON_WORK_H

#include <stdint.h>

#include "core/intake.h"
#include "core/rep.h"
#include "util/error.h"

struct service;

struct work {
	struct service *svc;          /* the use case's service; NULL once committed or aborted */
	struct arena *a;              /* the pools, freed at commit or abort */
	struct rep *pool[ROLE_COUNT]; /* reps of each role, sorted by id, NULL until needed */
	size_t npool[ROLE_COUNT];
	int loaded[ROLE_COUNT];       /* 1 once pool[role] was read (it may be empty) */
	/* each rotation's state: its cursor and balancer (peers in a, room for cap[role]) */
	struct route_wrr rotation[ROLE_COUNT];
	size_t cap[ROLE_COUNT];
	int moved[ROLE_COUNT];        /* 1 if the rotation's state changed in this unit of work */
	struct rep *managers;         /* every manager, loaded when first needed */
	size_t nmanagers;
	int managers_loaded;
	int64_t added;                /* leads stored in this unit of work */
	/* roles whose rotation this work's own transaction read (so holds, on PostgreSQL, until it
	 * ends); kept by work_settle */
	unsigned locked;
	/* the connection of this work's claims (work_claim), NULL if it made none (borrowed) */
	struct store *claims;
	int claim_open;               /* 1 while the claim's transaction is open */
	int claimed[ROLE_COUNT];      /* 1: the rotation is held by the open claim */
	int64_t *base[ROLE_COUNT];    /* the open leads of pool[role] when it was claimed (in a) */
	int inflight;                 /* 1: a committed claim wrote this writer's in-flight leads */
};

/* Begins a unit of work on svc: the write transaction, nothing run in it yet (the timers
 * themselves, and the use cases that touch no lead: tokens, the fit model, webhook bookkeeping;
 * every other use case begins with usecase_begin()). Returns 0, or a negative code with
 * nothing left open. */
int work_begin(struct work *w, struct service *svc, struct bt_error *err);

/* Writes the rotations' states the work moved and empties its routing cache, leaving the work open: what
 * follows reads the routing state anew. 0 or a negative code (the caller aborts w). */
int work_settle(struct work *w, struct bt_error *err);

/* Writes the rotations' states and commits; the data is durable when it returns 0. On failure
 * the work is aborted and the code returned. */
int work_commit(struct work *w, struct bt_error *err);

/* Ends the work as rc says: commits it when rc is 0 and returns the commit's code, else aborts
 * it and returns rc (the tail of every use case; a work that failed to begin has nothing open,
 * and its code is returned). */
int work_end(struct work *w, int rc, struct bt_error *err);

/* Rolls the work back and frees it; does nothing on a work already committed or aborted. */
void work_abort(struct work *w);

/* Loads (once per unit of work) the reps of `role` and its rotation's state into w->pool[role]
 * and w->rotation[role], and points *pool, *npool and *rotation at them (borrowed from w; any
 * may be NULL); 0 or a negative code. */
int work_pool(struct work *w, int role, const struct rep **pool, size_t *npool, const struct route_wrr **rotation,
	      struct bt_error *err);

/* Records that the rotation of `role` routed a lead as res says: keeps the rotation's new state
 * (a copy) and counts the new owner's open lead (capacity stays exact). */
void work_assigned(struct work *w, int role, const struct intake_result *res);

/* Records that rep `name` no longer owns one of its open leads. */
void work_release(struct work *w, const char *name);

/* 1 if the work may claim rotations (work_claim): its own transaction holds none. */
int work_claimable(const struct work *w);

/* Claims the rotations of roles[0..n) (-1 entries and those already read are skipped) on
 * `side`, a second connection to the work's store: begins its short transaction
 * (store_claim_begin), reads each rotation's state (locked there), its reps and their open
 * leads, those other writers have in flight included, into the work's cache, as work_pool
 * does. The work then routes from the cache (work_pool, work_assigned, CPU only) until
 * work_claim_commit. A claim may wait for another writer's rotation, and this work meanwhile
 * for its claim: it is declined (1, nothing opened) when the work's transaction holds a
 * rotation or wrote or locked any row, which a writer holding a rotation could wait for. 0, 1,
 * or a negative code with the claim rolled back. */
int work_claim(struct work *w, struct store *side, const int *roles, size_t n, struct bt_error *err);

/* Ends the open claim: writes the claimed rotations' states and this writer's in-flight leads
 * (the owners routed since work_claim, which its commit deletes) and commits it; the claimed
 * pools are then read anew if needed. The turns are taken from then on: a work aborted later
 * skips them, never gives them again. 0 or a negative code (the claim rolled back; the caller
 * aborts w). Nothing to do without an open claim. */
int work_claim_commit(struct work *w, struct bt_error *err);

/* Loads (once) every manager into w->managers; 0 or a negative code. */
int work_managers(struct work *w, struct bt_error *err);

#endif
