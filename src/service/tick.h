/* tick.h - the timers: every obligation due by the clock, in due order, each with its
 * consequences taking effect at its due time (`baton tick`, the server's ticker, and the
 * catch-up with which every use case that touches leads begins: usecase_begin, usecase.h). */
#ifndef BATON_TICK_H
#define BATON_TICK_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct service;
struct work;
struct arena;

struct tick_item {
	const char *type;   /* breach, reassign, notify, escalate, flag, task, recycle, assign, unassigned,
			       absence (a rep's absence began: rule "absence", lead 0) */
	const char *rule;   /* the obligation's rule */
	int64_t lead;
	const char *rep;    /* who it concerns: the owner in breach, the new owner, the manager told */
	int64_t at;         /* when it took effect: the obligation's due time */
	const char *detail; /* in words, may be NULL */
};

struct tick_report {
	struct arena *a;    /* owns items and their strings */
	struct tick_item *items;
	size_t n, cap;
	int64_t obligations; /* obligations processed */
};

/* Runs every obligation due by svc->now, in due order (those that come due while it runs
 * included): breaches with their actions, reassignments, escalations, recycles, each taking
 * effect at its due time; its own units of work, committed every few hundred obligations.
 * Idempotent: a second run at the same time finds nothing due. Fills *rep (free with
 * tick_report_release). */
int service_tick(struct service *svc, struct tick_report *rep, struct bt_error *err);

/* Runs inside the open unit of work w every obligation due by its service's clock (the
 * catch-up of usecase_begin); 0 or a negative code (the caller aborts w). */
int tick_catch_up(struct work *w, struct bt_error *err);

/* Frees what the report holds. */
void tick_report_release(struct tick_report *rep);

#endif
