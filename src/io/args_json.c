/* args_json.c - the JSON setters of the argument tables; see args_json.h. */
#include "io/args_json.h"

#include "core/clock.h"
#include "core/lead.h"
#include "util/arena.h"
#include "util/kv.h"

static int not_string(const struct arg_spec *s, struct bt_error *err)
{
	return bt_fail(err, BT_BAD_INPUT, s->name, 0, "%s must be a string", s->name);
}

static int set_text(const struct arg_spec *s, void *f, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	if (!json_is_string(v))
		return not_string(s, err);
	*(const char **)f = arena_strdup(ctx->a, json_string_value(v));
	return 0;
}

static int set_whole(const struct arg_spec *s, void *f, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	if (!json_is_integer(v))
		return bound_refuse(s->bound, json_is_string(v) ? json_string_value(v) : "not a whole number", err);
	if (bound_int(s->bound, json_integer_value(v), err))
		return -BT_BAD_INPUT;
	*(int64_t *)f = json_integer_value(v);
	return 0;
}

static int set_amount(const struct arg_spec *s, void *f, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	if (!json_is_number(v))
		return bt_fail(err, BT_BAD_INPUT, s->name, 0, "%s must be a number such as 12000 or 12000.50", s->name);
	return bound_amount_number(json_number_value(v), f, err);
}

static int set_time(const struct arg_spec *s, void *f, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	if (!json_is_string(v))
		return not_string(s, err);
	if (clock_parse_rfc3339(json_string_value(v), f))
		return bt_fail(err, BT_BAD_INPUT, s->name, 0, "%s must be an RFC 3339 time", s->name);
	return 0;
}

static int set_until(const struct arg_spec *s, void *f, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	if (!json_is_string(v))
		return not_string(s, err);
	return arg_until(ctx->zone, json_string_value(v), f, err);
}

static int set_kv(const struct arg_spec *s, void *f, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	const char *k;
	json_t *x;

	if (!json_is_object(v))
		return bt_fail(err, BT_BAD_INPUT, s->name, 0, "%s must be an object of strings", s->name);
	json_object_foreach(v, k, x) {
		if (!json_is_string(x))
			return bt_fail(err, BT_BAD_INPUT, s->name, 0, "%s.%s must be a string", s->name, k);
		kv_set(f, ctx->a, k, json_string_value(x));
	}
	return 0;
}

static int set_channel(const struct arg_spec *s, void *f, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	if (!json_is_string(v))
		return not_string(s, err);
	if (channel_parse(json_string_value(v), f))
		return bt_fail(err, BT_BAD_INPUT, s->name, 0, "channel must be inbound or outbound");
	return 0;
}

static int set_outcome(const struct arg_spec *s, void *f, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	if (!json_is_string(v))
		return not_string(s, err);
	if (arg_outcome(json_string_value(v), f))
		return bt_fail(err, BT_BAD_INPUT, s->name, 0, "close needs outcome won or lost");
	return 0;
}

static int (*const json_setters[ARG_KIND_COUNT])(const struct arg_spec *, void *, json_t *, const struct arg_ctx *,
						 struct bt_error *) = {
	[ARG_TEXT] = set_text,   [ARG_WHOLE] = set_whole, [ARG_AMOUNT] = set_amount,   [ARG_TIME] = set_time,
	[ARG_UNTIL] = set_until, [ARG_KV] = set_kv,       [ARG_CHANNEL] = set_channel, [ARG_OUTCOME] = set_outcome,
};

int arg_set_json(const struct arg_spec *s, void *base, json_t *v, const struct arg_ctx *ctx, struct bt_error *err)
{
	return json_setters[s->kind](s, arg_field(s, base), v, ctx, err);
}

int args_json_fill(const struct arg_spec *t, size_t n, unsigned mask, json_t *o, void *base, const struct arg_ctx *ctx,
		   struct bt_error *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *v;

		if (mask && !(t[i].actions & mask))
			continue;
		v = json_object_get(o, t[i].name);
		if (v && !json_is_null(v) && arg_set_json(&t[i], base, v, ctx, err))
			return -(int)err->code;
	}
	return 0;
}
