/* bounds.h - the bounds and forms of the values that both adapters take, written once (issue
 * 13.10): the command line parses an argument's text, the API a JSON value, and both hand it
 * here, so they accept and refuse exactly the same values with the same message naming the
 * field. A table of rules (nginx's ngx_conf_num_bounds_t), read by three small checks. */
#ifndef BATON_BOUNDS_H
#define BATON_BOUNDS_H

#include <stdint.h>

#include "util/error.h"

enum bound {
	BOUND_TOUCH_MINUTES,   /* touch: the time a rep logged for it */
	BOUND_MEETING_MINUTES, /* handoff: the meeting's length */
	BOUND_EMPLOYEES,       /* a lead's or an account's head count */
	BOUND_WEIGHT,          /* a rep's weight in a weighted rotation (SPEC 8.5) */
	BOUND_TERM_MONTHS,     /* close won, renew: a contract's term in months (SPEC 8.12) */
	BOUND_COUNT
};

/* The largest amount, in whole currency units (a deal of a trillion). */
#define BOUND_AMOUNT_MAX 1000000000000LL

/* The field's name as the adapters and messages say it ("minutes"); static string. */
const char *bound_name(enum bound f);

/* Always -BT_BAD_INPUT: the message that f must be a whole number within its bounds, quoting
 * what was given (got). */
int bound_refuse(enum bound f, const char *got, struct bt_error *err);

/* 0 if v lies within f's bounds, else -BT_BAD_INPUT naming the field and its bounds. */
int bound_int(enum bound f, int64_t v, struct bt_error *err);

/* Parses s, all of it, as a whole number in decimal (a sign, then digits; no space): 0 with
 * *out, or -1 if it is not one or does not fit in 64 bits. The one parser of whole numbers
 * in the core (the bounds below, the playbook's numbers). */
int bound_parse_whole(const char *s, int64_t *out);

/* Parses s (a whole number in decimal, nothing else) into *out and checks it like bound_int;
 * 0 or -BT_BAD_INPUT. */
int bound_int_text(enum bound f, const char *s, int64_t *out, struct bt_error *err);

/* Parses an amount written as text ("12000", "12000.5", "12000.50": at most two decimals, from
 * 0 to BOUND_AMOUNT_MAX) into cents; 0 or -BT_BAD_INPUT naming "amount". */
int bound_amount_text(const char *s, int64_t *cents, struct bt_error *err);

/* The same rule for a JSON number x: it is written back in its shortest decimal form and read
 * by bound_amount_text, so 12.345 is refused as on the command line, never rounded. */
int bound_amount_number(double x, int64_t *cents, struct bt_error *err);

#endif
