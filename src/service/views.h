/* views.h - what the command line and the HTTP API both show, built once. */
#ifndef BATON_VIEWS_H
#define BATON_VIEWS_H

#include <jansson.h>

#include "service/service.h"

/* One line of a rep's work list. */
struct qitem {
	int breached;
	int64_t due;          /* obligations: due; tasks: creation time */
	int grade;            /* 0 = A ... ; 100 ungraded */
	int64_t lead;
	const char *what;     /* in words */
	const char *kind;     /* "obligation" or "task" */
	int64_t id;
	const char *rule;     /* the rule, or the task's kind */
	struct lead l;
};

/* The work list of rep `rep`: what it owes (breached first, then by due time, then grade),
 * then its open tasks; *items in a. */
int view_queue(struct service *svc, struct arena *a, const char *rep, struct qitem **items, size_t *n,
	       struct bt_error *err);

/* The work list as JSON; caller decrefs. */
json_t *view_queue_json(const struct qitem *items, size_t n);

/* Lead `id` as `lead show --json` prints it: the lead, "events", "obligations" (open),
 * "meetings"; *out is new (caller decrefs). */
int view_lead_detail(struct service *svc, struct arena *a, int64_t id, json_t **out, struct bt_error *err);

/* An obligation as {"id", "rule", "lead", "owner", "due", "status"}; caller decrefs. */
json_t *obligation_json(const struct obligation *ob);

#endif
