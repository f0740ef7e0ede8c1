/* json_delta.h - the difference of two JSON documents of the same shape (two runs of the same
 * report): what `baton replay` and GET /api/v1/replay print as "delta" (SPEC 8.10), and its
 * side-by-side table for people. */
#ifndef BATON_JSON_DELTA_H
#define BATON_JSON_DELTA_H

#include <jansson.h>
#include <stdio.h>

/* b - a, field by field: numbers subtracted, strings kept when equal (the row's labels) or both
 * given as {"current", "proposed"}, objects by key over what both hold, arrays of rows matched
 * by their text members (a row on one side only given whole with "only": "current" or
 * "proposed"). Returns a new reference the caller decrefs. */
json_t *json_delta(json_t *a, json_t *b);

/* Prints, for people, current and proposed side by side with their difference: one line per
 * number of the two documents, labelled by its path (a row by its text members, e.g.
 * "rows[speed_to_lead/all].breached"), "current proposed delta"; a row one side lacks on one
 * line. Returns how many numbers differ. */
int json_delta_print(json_t *current, json_t *proposed, const char *path, FILE *f);

#endif
