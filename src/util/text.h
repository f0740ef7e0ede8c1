/* text.h - the one check every free-text input passes (names, notes, reasons, outcomes):
 * valid UTF-8, no control characters (tab allowed; line breaks only where multi-line text is
 * expected), and a length cap counted in characters (Unicode code points, not bytes), so that
 * nothing stored can break a terminal or a CSV file. */
#ifndef BATON_TEXT_H
#define BATON_TEXT_H

#include <stddef.h>

#include "util/error.h"

/* Checks v (NULL passes) against the rules above; 0 or -BT_BAD_INPUT naming field. */
int text_check(const char *field, const char *v, size_t max, int multiline, struct bt_error *err);

/* 1 if the n bytes at s are valid UTF-8, else 0. */
int text_utf8_valid(const char *s, size_t n);

/* 1 if s[0..n) is printable ASCII (space to '~'), else 0: then Unicode normalisation leaves it
 * as it is and case folding maps only A-Z, so a rule over it needs none of libunistring's
 * tables (email.c, search.c). */
int text_printable_ascii(const char *s, size_t n);

/* Writes into out (size n) the comparison key of s that CSV headers and CRM values are matched
 * by: its ASCII letters (lower case) and digits and every non-ASCII byte, nothing else ("E-mail"
 * and "email", "Marketing Qualified Lead" and "marketingqualifiedlead" share one); "" if it does
 * not fit or s is NULL. */
void text_key(const char *s, char *out, size_t n);

#endif
