/* form_json.h - the body of POST /api/v1/leads as a web form sends it (SPEC 8.9): baton's own
 * fields through the intake table (core/action_args.c), the names forms give them through
 * core/form.c's alias table, the utm_* values mapped to source and channel by intake.utm, and
 * every other field kept as the lead's attributes, within core/form.h's limits. */
#ifndef BATON_FORM_JSON_H
#define BATON_FORM_JSON_H

#include <jansson.h>

#include "core/lead.h"
#include "core/playbook.h"

struct arena;

/* Fills lead l (lead_init'ed) from the JSON object o: a known field or an alias with a bad
 * value, or an attribute past the limits, returns -BT_BAD_INPUT naming it (the field as the
 * body named it, or "attributes") and l is then to be dropped. The first name of a field in
 * the body's order sets it (baton's own name before any alias); another name for a field
 * already set is kept as an attribute. firstName and lastName make the name when none is
 * given. l->attributes becomes the kept fields' compact JSON text (NULL when none). Strings
 * are copied into a; pb gives intake.utm. Returns 0 on success. */
int form_json_fill(json_t *o, const struct playbook *pb, struct lead *l, struct arena *a, struct bt_error *err);

#endif
