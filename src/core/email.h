/* email.h - the one rule for an email address, read by every way a lead comes in (the
 * command line, a CSV import, the API) through intake_validate(), before the dedupe and the
 * account match: NFKC (Unicode compatibility normalisation), trimmed of white space and
 * invisible characters at both ends, case-folded; refused unless a plausible address is left.
 * Pure: no I/O; libunistring does the Unicode. docs/routing.md states the rule for users. */
#ifndef BATON_EMAIL_H
#define BATON_EMAIL_H

#include "util/arena.h"
#include "util/error.h"

#define EMAIL_MAX_CHARS 254     /* characters (not bytes) of the normalised address */
#define EMAIL_MAX_INPUT 4096    /* bytes of input looked at: more is refused before any work */

/* Validates and normalises the address `in`: valid UTF-8; NFKC; white space (U+00A0,
 * U+2028, ...) and invisible characters (U+200B, U+FEFF, ...) dropped at both ends; case
 * folded; then no control, white space, invisible, unassigned or private-use character, nor
 * , " < >, is left inside; exactly one @ with a non-empty local part; a domain with a dot, no
 * empty label; at most EMAIL_MAX_CHARS characters. Returns 0 and sets *out to the canonical
 * form (owned by a), or -BT_BAD_INPUT naming the field "email" (*out untouched). Normalising a
 * canonical form gives it back unchanged. */
int email_normalize(const char *in, struct arena *a, const char **out, struct bt_error *err);

#endif
