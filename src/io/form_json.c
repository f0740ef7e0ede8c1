/* form_json.c - a web form's JSON body as a lead and its attributes; see form_json.h. */
#include "io/form_json.h"

#include <stdlib.h>
#include <string.h>

#include "core/action_args.h"
#include "core/form.h"
#include "io/args_json.h"
#include "util/arena.h"

/* The row of the intake table named `field`, or NULL. */
static const struct arg_spec *intake_row(const char *field)
{
	size_t i;

	for (i = 0; field && i < intake_args_n; i++)
		if (strcmp(intake_args[i].name, field) == 0)
			return &intake_args[i];
	return NULL;
}

/* A first or last name given under key: a string (copied into a), else -BT_BAD_INPUT. */
static int name_part(const char *key, json_t *v, const char **out, struct arena *a, struct bt_error *err)
{
	if (!json_is_string(v))
		return bt_fail(err, BT_BAD_INPUT, strlen(key) < sizeof(err->field) ? key : "name", 0,
			       "%.64s must be a string", key);
	if (!*out)
		*out = arena_strdup(a, json_string_value(v));
	return 0;
}

/* Keeps member key: v in attrs after form_attr_check; 0 or -BT_BAD_INPUT. */
static int keep(json_t *attrs, const char *key, json_t *v, struct bt_error *err)
{
	if (!json_is_string(v) && !json_is_number(v) && !json_is_boolean(v))
		return bt_fail(err, BT_BAD_INPUT, strlen(key) < sizeof(err->field) ? key : "attributes", 0,
			       "%.64s: a field baton keeps as an attribute must be a string, a number or a boolean",
			       key);
	if (form_attr_check(key, json_is_string(v) ? json_string_value(v) : NULL, json_object_size(attrs), err))
		return -BT_BAD_INPUT;
	json_object_set(attrs, key, v);
	return 0;
}

/* The utm_* value of o named key when it is a string (copied into a), else NULL. */
static const char *utm(json_t *o, const char *key, struct arena *a)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

/* Sets the fields the aliases of o name (those its own names left unset) and keeps the rest
 * in attrs; given[i] is 1 for each row of intake_args already set. */
static int fill_rest(json_t *o, struct lead *l, int *given, json_t *attrs, const struct arg_ctx *ctx,
		     struct bt_error *err)
{
	const char *key, *field, *first = NULL, *last = NULL;
	const struct arg_spec *row, *name = intake_row("name");
	int *named = &given[name - intake_args], rc = 0;
	struct arg_spec as;
	json_t *v;

	json_object_foreach(o, key, v) {
		if (intake_row(key) || json_is_null(v))
			continue; /* baton's own name: args_json_fill read it */
		field = form_field(key);
		row = intake_row(field);
		if (field && strcmp(field, "first_name") == 0 && !*named && !first)
			rc = name_part(key, v, &first, ctx->a, err);
		else if (field && strcmp(field, "last_name") == 0 && !*named && !last)
			rc = name_part(key, v, &last, ctx->a, err);
		else if (row && !given[row - intake_args]) {
			as = *row;
			as.name = key; /* an error names the field as the form did */
			rc = arg_set_json(&as, l, v, ctx, err);
			given[row - intake_args] = 1;
		} else {
			rc = keep(attrs, key, v, err);
		}
		if (rc)
			return rc;
	}
	if (!*named && (first || last))
		l->name = first && last ? arena_printf(ctx->a, "%s %s", first, last) : first ? first : last;
	return 0;
}

int form_json_fill(json_t *o, const struct playbook *pb, struct lead *l, struct arena *a, struct bt_error *err)
{
	struct arg_ctx ctx = {a, NULL};
	struct form_utm u = {utm(o, "utm_source", a), utm(o, "utm_medium", a), utm(o, "utm_campaign", a)};
	json_t *attrs = json_object();
	int *given = arena_alloc(a, intake_args_n * sizeof(*given)), rc;
	size_t i;
	char *text;

	rc = args_json_fill(intake_args, intake_args_n, 0, o, l, &ctx, err);
	for (i = 0; i < intake_args_n; i++) {
		json_t *v = json_object_get(o, intake_args[i].name);

		given[i] = v && !json_is_null(v);
	}
	if (!rc)
		rc = fill_rest(o, l, given, attrs, &ctx, err);
	if (!rc) {
		form_utm_apply(&pb->utm, &u, l->source && l->source[0], given[intake_row("channel") - intake_args], l);
		text = json_object_size(attrs) ? json_dumps(attrs, JSON_COMPACT) : NULL;
		l->attributes = text ? arena_strdup(a, text) : NULL;
		free(text);
	}
	json_decref(attrs);
	return rc;
}
