/* lead_json.h - the JSON shapes of SPEC section 5 for a lead, a rep, an absence, an account and
 * a meeting (times RFC 3339 in UTC with a Z). */
#ifndef BATON_LEAD_JSON_H
#define BATON_LEAD_JSON_H

#include <jansson.h>

#include "core/absence.h"
#include "core/lead.h"
#include "core/meeting.h"
#include "core/playbook.h"
#include "core/rep.h"

/* The lead as {"id", "email", "name", "company", "channel", "source", "stage", "owner",
 * "grade", "score", ..., "attributes": {...}}; pb (may be NULL) adds the stage label. Caller
 * decrefs. */
json_t *lead_json(const struct lead *l, const struct playbook *pb);

/* What the lead's form sent beyond baton's fields (SPEC 8.9) as a JSON object, {} when none;
 * caller decrefs. */
json_t *lead_attributes_json(const struct lead *l);

/* A rep as JSON; caller decrefs. */
json_t *rep_json(const struct rep *r);

/* An absence (SPEC 8.3) as {"id", "rep", "from", "to" (the first instant back), "reason",
 * "source", "status" (at `now`: upcoming, away, over, cancelled), "created_at", "begun_at",
 * "cancelled_at"}; caller decrefs. */
json_t *absence_json(const struct absence *ab, int64_t now);

/* An account as JSON; caller decrefs. */
json_t *account_json(const struct account *acc);

/* A meeting as {"id", "start", "minutes", "status", "ae", "booked_by"}; caller decrefs. */
json_t *meeting_json(const struct meeting *m);

/* A JSON string for s, or null when s is NULL; caller decrefs. */
json_t *json_str_or_null(const char *s);

/* A JSON RFC 3339 string for instant t, or null when t is 0; caller decrefs. */
json_t *json_time_or_null(int64_t t);

/* An amount in cents as a JSON number of currency units (integer when whole). */
json_t *json_amount(int64_t cents);

#endif
