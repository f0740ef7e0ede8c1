/* views.h - what the command line and the HTTP API both show, built once. */
#ifndef BATON_VIEWS_H
#define BATON_VIEWS_H

#include <jansson.h>

#include "service/service.h"
#include "util/strbuf.h"

/* What a line of a rep's work list is, in the order the list shows them (what it owes first;
 * then, when asked for, the leads it works that owe nothing now). */
enum qitem_kind { QITEM_OBLIGATION, QITEM_TASK, QITEM_WORKING, QITEM_KIND_COUNT };

/* The kind's name as the API shows it ("obligation"); static string, "?" if none. */
const char *qitem_kind_name(enum qitem_kind k);

/* One line of a rep's work list. */
struct qitem {
	int breached;
	int64_t due;          /* obligations: due; tasks: creation time; working: the lead's last change */
	int grade;            /* 0 = A ... ; 100 ungraded */
	int64_t lead;
	const char *what;     /* in words */
	enum qitem_kind kind; /* QITEM_OBLIGATION or QITEM_TASK */
	int64_t id;
	const char *rule;     /* the rule, the task's kind, or a working lead's stage */
	struct lead l;
};

/* The work list of rep `rep`: what it owes (breached first, then by due time, then grade),
 * then its open tasks; *items in a. */
int view_queue(struct service *svc, struct arena *a, const char *rep, struct qitem **items, size_t *n,
	       struct bt_error *err);

/* The work list of view_queue, then the leads `rep` owns in an open stage (mql, target, working,
 * handoff, sql) that owe nothing now (QITEM_WORKING), the longest unchanged first; *items in a. */
int view_queue_working(struct service *svc, struct arena *a, const char *rep, struct qitem **items, size_t *n,
		       struct bt_error *err);

/* Appends the work list as compact JSON text to sb (written directly: the API's hot path): an
 * obligation or task {"kind", "id", "rule"|"task", "lead", "email", "name", "company", "grade",
 * "owed", "due", "breached"}; a working lead the same with "stage" for "rule", "due" null, and
 * "updated_at". */
void view_queue_text(const struct qitem *items, size_t n, struct strbuf *sb);

/* The same work list as a JSON value (parsed from that text); caller decrefs. */
json_t *view_queue_json(const struct qitem *items, size_t n);

/* Lead `id` as `lead show --json` prints it: the lead, "events", "obligations" (open),
 * "meetings"; *out is new (caller decrefs). */
int view_lead_detail(struct service *svc, struct arena *a, int64_t id, json_t **out, struct bt_error *err);

/* 1 if `me` (NULL: an intake token) may see lead l (visible_lead, core/visibility.h), the
 * managers it can turn on read from the store only as the answer needs them; 0 if not; -1 with
 * *err set when the store failed to say. */
int view_lead_visible(struct service *svc, struct arena *a, const struct rep *me, const struct lead *l,
		      struct bt_error *err);

/* The same for obligation ob (visible_owed: what its owner owes; a waiting lead's, nobody's, is
 * the managers'): 1, 0, or -1 with *err. */
int view_owed_visible(struct service *svc, struct arena *a, const struct rep *me, const struct obligation *ob,
		      struct bt_error *err);

/* An obligation as {"id", "rule", "lead", "owner", "due", "status"}; caller decrefs. */
json_t *obligation_json(const struct obligation *ob);

/* Parses a period bound (`field` is "from" or "to"): a date (the start of that day in the org's
 * time zone) or an RFC 3339 time; 0, or -BT_BAD_INPUT naming the field. */
int view_parse_bound(struct service *svc, const char *s, const char *field, int64_t *out, struct bt_error *err);

/* Runs report `name` (core/report.h) over [from, to), grouped by `by`; *out lives in a. */
int service_report(struct service *svc, struct arena *a, const char *name, enum report_by by, int64_t from, int64_t to,
		   struct report *out, struct bt_error *err);

/* The 80/20 advice (core/advise.h) from every touch, rep and lead; *out lives in a. */
int service_advise(struct service *svc, struct arena *a, struct report *out, struct bt_error *err);

/* `report credit --json`: {"report": "credit", "rows": [...], "from", "to"} for [from, to);
 * *out is new (caller decrefs). */
int view_report_credit(struct service *svc, int64_t from, int64_t to, json_t **out, struct bt_error *err);

/* The invitation of meeting `id` as iCalendar text (*text malloc'd, caller frees); *lead is
 * the meeting's lead. */
int view_meeting_ics(struct service *svc, struct arena *a, int64_t id, char **text, int64_t *lead,
		     struct bt_error *err);

/* Reads a recycle time: a date (the start of that day in the org's zone) or RFC 3339. */
int view_parse_until(struct service *svc, const char *s, int64_t *out, struct bt_error *err);

#endif
