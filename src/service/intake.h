/* intake.h - the intake use cases: a lead enters (lead add, lead import, the API) inside a unit
 * of work (work.h) whose routing pools serve every lead of a batch, and a filtered lead is
 * brought back. The core decides (intake_decide, intake_route); intake.c loads, records and
 * tells the managers of a lead nobody can take. */
#ifndef BATON_SVC_INTAKE_H
#define BATON_SVC_INTAKE_H

#include <stdint.h>

#include "core/intake.h"
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

/* Takes in one lead in its own unit of work. */
int service_intake(struct service *svc, struct arena *a, struct lead *in, const char *actor, struct intake_outcome *out,
		   struct bt_error *err);

/* Brings a filtered lead back (filtered -> mql) by the rep named `by`, and routes it. */
int service_restore(struct service *svc, struct arena *a, int64_t id, const char *by, struct lead *out,
		    struct bt_error *err);

#endif
