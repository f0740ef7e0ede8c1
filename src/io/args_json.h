/* args_json.h - the JSON setters of core/action_args.h's tables: the API's bodies fill a
 * struct action_input or a struct lead through the same rows as the command line, one setter
 * per kind, reducing a JSON value to the rule the text setters use (bounds.c for numbers). */
#ifndef BATON_ARGS_JSON_H
#define BATON_ARGS_JSON_H

#include <jansson.h>

#include "core/action_args.h"

/* Sets s's field in base from the JSON value v (not NULL, not null): 0, or -BT_BAD_INPUT with
 * *err naming the field (a value of the wrong type, or out of its bounds). Strings are copied
 * into ctx->a. */
int arg_set_json(const struct arg_spec *s, void *base, json_t *v, const struct arg_ctx *ctx, struct bt_error *err);

/* Fills base from the members of object o that rows of t[0..n) taken by an action of mask (0:
 * every row) name, in the table's order; members that are absent or null are left alone.
 * Returns 0 or the first setter's error. Unknown members are not checked here. */
int args_json_fill(const struct arg_spec *t, size_t n, unsigned mask, json_t *o, void *base, const struct arg_ctx *ctx,
		   struct bt_error *err);

#endif
