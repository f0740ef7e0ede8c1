/* bounds.c - the value rules both adapters share; see bounds.h. */
#include "core/bounds.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const struct bound_rule {
	const char *name;
	int64_t min, max;
} rules[BOUND_COUNT] = {
	[BOUND_TOUCH_MINUTES] = {"minutes", 1, 600},
	[BOUND_MEETING_MINUTES] = {"minutes", 5, 480},
	[BOUND_EMPLOYEES] = {"employees", 0, 10000000},
	[BOUND_WEIGHT] = {"weight", 1, 100},
	/* a contract's term (SPEC 8.12) */
	[BOUND_TERM_MONTHS] = {"term_months", 1, 120},
};

const char *bound_name(enum bound f)
{
	return (unsigned)f < BOUND_COUNT ? rules[f].name : "?";
}

int bound_refuse(enum bound f, const char *got, struct bt_error *err)
{
	return bt_fail(err, BT_BAD_INPUT, rules[f].name, 0, "%s must be a whole number from %lld to %lld, got '%s'",
		       rules[f].name, (long long)rules[f].min, (long long)rules[f].max, got);
}

int bound_int(enum bound f, int64_t v, struct bt_error *err)
{
	char got[32];

	if (v >= rules[f].min && v <= rules[f].max)
		return 0;
	snprintf(got, sizeof(got), "%lld", (long long)v);
	return bound_refuse(f, got, err);
}

int bound_parse_whole(const char *s, int64_t *out)
{
	long long v;
	char *end;

	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end || errno)
		return -1;
	*out = v;
	return 0;
}

int bound_int_text(enum bound f, const char *s, int64_t *out, struct bt_error *err)
{
	int64_t v;

	if (bound_parse_whole(s, &v))
		return bound_refuse(f, s ? s : "", err);
	if (bound_int(f, v, err))
		return -BT_BAD_INPUT;
	*out = v;
	return 0;
}

int bound_amount_text(const char *s, int64_t *cents, struct bt_error *err)
{
	int64_t whole = 0, frac = 0;
	int nfrac = 0;
	const char *p = s;

	if (!s || !isdigit((unsigned char)*p))
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > BOUND_AMOUNT_MAX)
			goto bad;
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p) && nfrac < 2; p++, nfrac++)
			frac = frac * 10 + (*p - '0');
		if (nfrac == 0)
			goto bad;
	}
	if (*p || (whole == BOUND_AMOUNT_MAX && frac))
		goto bad;
	if (nfrac == 1)
		frac *= 10;
	*cents = whole * 100 + frac;
	return 0;
bad:
	return bt_fail(
		err, BT_BAD_INPUT, "amount", 0,
		"amount must be a number from 0 to %lld with at most two decimals, such as 12000 or 12000.50, got '%s'",
		BOUND_AMOUNT_MAX, s ? s : "");
}

int bound_amount_number(double x, int64_t *cents, struct bt_error *err)
{
	char text[64];

	/* the shortest form that reads back as x: 12.35 stays "12.35", 12.345 stays "12.345";
	 * a negative, infinite or too large x writes a form the text rule refuses */
	snprintf(text, sizeof(text), "%.15g", x);
	if (isfinite(x) && strtod(text, NULL) != x)
		snprintf(text, sizeof(text), "%.17g", x);
	return bound_amount_text(text, cents, err);
}
