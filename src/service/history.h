/* history.h - one history row of a CRM export recorded (SPEC 8.8), inside lead import's unit of
 * work: its history columns checked (dates in the org's zone, amount), its stage mapped and its
 * owner matched (core/history.c), then its events recorded through service_record(), which opens
 * only the obligations whose window still runs. Never routed; nobody is told. */
#ifndef BATON_SVC_HISTORY_H
#define BATON_SVC_HISTORY_H

#include "core/history.h"
#include "service/work.h"

/* What became of one history row. */
struct history_outcome {
	int duplicate;               /* its email was known: nothing recorded */
	enum stage stage;            /* the stage it imports at */
	const char *unmatched_owner; /* its owner column names no rep (borrowed from the row), or NULL */
	const char *unmapped;        /* its stage value no map knows (borrowed from the row), or NULL */
	size_t obligations;          /* the obligations opened for it (still running) */
};

/* Records history row h of lead `in` (contact columns) in unit of work b, the reps its owner
 * may name in reps[0..nreps); with `dry`, decides and checks only, recording nothing (b may then
 * be NULL; svc is read for the duplicate check). Returns 0 and fills *out, -BT_BAD_INPUT naming
 * the field of a bad value (the row is skipped), or a storage failure. */
int history_add(struct service *svc, struct work *b, struct arena *a, struct lead *in, const struct history_row *h,
		const struct rep *reps, size_t nreps, const char *actor, int dry, struct history_outcome *out,
		struct bt_error *err);

#endif
