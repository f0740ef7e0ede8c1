/* replay_changes.h - a replay's changes to reps (SPEC 8.10, issue 18: "a weight, a new absence,
 * a territory move"): what `replay --changes CHANGES.json` and the API give besides the
 * playbook, {"reps": {NAME: {SETTING: VALUE}}, "absences": [{"rep", "from", "to", "reason"}]}.
 * Checked against the source store before anything runs, then applied in the scratch store as
 * each rep is re-created (replay.c): its settings as `rep set` would have changed them, its new
 * absences entered at once by admin, so they stand from before the rep's history. */
#ifndef BATON_REPLAY_CHANGES_H
#define BATON_REPLAY_CHANGES_H

#include <jansson.h>

#include "core/rep.h"
#include "util/error.h"

struct arena;
struct service;
struct replay_changes;

/* Reads changes (a JSON object; NULL: none, then *out is NULL) against the reps of src: every
 * member known, every rep in src, every setting checked as `rep set` checks it and every
 * absence as `rep away` does. *out is a new set the caller frees with replay_changes_free.
 * Returns 0, or -BT_BAD_INPUT with err's field the path at fault ("changes.reps.erin.weight")
 * and its message starting with it. */
int replay_changes_load(struct service *src, json_t *changes, struct replay_changes **out, struct bt_error *err);

/* Frees *c (may be NULL) and clears the pointer. */
void replay_changes_free(struct replay_changes **c);

/* Gives rep r (about to be re-created in the scratch) the settings the changes c (may be NULL)
 * have for it; strings borrowed from c or copied into a. 0 or a negative code. */
int replay_changes_rep(const struct replay_changes *c, struct rep *r, struct arena *a, struct bt_error *err);

/* Enters in dst, by admin at dst->now, the absences the changes c (may be NULL) give rep
 * `name` (just re-created there). 0, or the scratch's refusal naming "changes.absences[i]". */
int replay_changes_absences(const struct replay_changes *c, struct service *dst, struct arena *a, const char *name,
			    struct bt_error *err);

#endif
