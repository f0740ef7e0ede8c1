/* search.h - the one rule for finding a lead by what a person types (`lead list --q`,
 * `GET /api/v1/leads?q=`, the dashboard's search box): the query and the lead's email, name and
 * company are each brought to a search form -- Unicode compatibility decomposition (NFKD), case
 * folded, accents and other combining marks dropped -- and the lead matches when the query's
 * form is a substring of one of theirs. So "muller", "MÜLLER" and "Müller" all find "Müller
 * GmbH", "ＡＣＭＥ" finds "acme.com", and the email matches as email_normalize() stores it (NFKC,
 * case folded). Pure: libunistring does the Unicode. */
#ifndef BATON_SEARCH_H
#define BATON_SEARCH_H

#include "core/lead.h"
#include "util/error.h"

struct arena;

#define SEARCH_MAX_CHARS 200 /* characters of a query, at most */

/* The search form of the valid UTF-8 text s (trimmed of white space at both ends), in a. */
const char *search_fold(const char *s, struct arena *a);

/* Checks a query as typed (UTF-8, no control character, at most SEARCH_MAX_CHARS characters)
 * and sets *out to its search form in a, NULL when nothing is left once trimmed (no filter).
 * 0, or -BT_BAD_INPUT naming `field`. */
int search_query(const char *q, const char *field, struct arena *a, const char **out, struct bt_error *err);

/* 1 if the search form q (search_query's, not NULL) is in lead l's email, name or company, else 0. */
int search_lead(const struct lead *l, const char *q);

#endif
