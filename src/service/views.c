/* views.c - what the command line and the HTTP API both show, built once: a lead with its
 * timeline, open obligations and meetings; a rep's work list; an obligation. */
#include "service/views.h"

#include <stdlib.h>
#include <string.h>

#include "core/action_args.h"
#include "core/bizclock.h"
#include "core/clock.h"
#include "core/tz.h"
#include "core/visibility.h"
#include "io/event_json.h"
#include "io/ical.h"
#include "io/lead_json.h"
#include "util/arena.h"

json_t *obligation_json(const struct obligation *ob)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(ob->id));
	json_object_set_new(o, "rule", json_string(ob_rule_name(ob->rule)));
	json_object_set_new(o, "lead", json_integer(ob->lead));
	json_object_set_new(o, "owner", json_str_or_null(ob->owner));
	json_object_set_new(o, "pool", json_str_or_null(!ob->owner && ob->has_pool ? role_name(ob->pool) : NULL));
	json_object_set_new(o, "due", json_time_or_null(ob->due));
	json_object_set_new(o, "status", json_string(ob_status_name(ob->status)));
	json_object_set_new(o, "done_at", ob->done_at ? json_time_or_null(ob->done_at) : json_null());
	if (ob->need)
		json_object_set_new(o, "progress", json_sprintf("%d/%d", ob->progress, ob->need));
	if (ob->closed_at)
		json_object_set_new(o, "closed_at", json_time_or_null(ob->closed_at));
	return o;
}

int view_lead_visible(struct service *svc, struct arena *a, const struct rep *me, const struct lead *l,
		      struct bt_error *err)
{
	const char *boss[HOLDER_COUNT] = {NULL, NULL};
	int h, v = visible_lead(me, l, boss);

	/* a manager's team: the owner's manager first, the hander's only if still needed */
	for (h = 0; !v && visibility_needs_team(me) && h < HOLDER_COUNT; h++) {
		if (service_manager_of(svc, a, lead_holder(l, (enum lead_holder)h), &boss[h], err))
			return -1;
		v = visible_lead(me, l, boss);
	}
	return v;
}

int view_owed_visible(struct service *svc, struct arena *a, const struct rep *me, const struct obligation *ob,
		      struct bt_error *err)
{
	const char *boss = NULL;
	int waiting = !ob->owner && ob->has_pool, v = visible_owed(me, ob->owner, waiting, NULL);

	if (v || !ob->owner || !visibility_needs_team(me))
		return v;
	if (service_manager_of(svc, a, ob->owner, &boss, err))
		return -1;
	return visible_owed(me, ob->owner, waiting, boss);
}

const char *qitem_kind_name(enum qitem_kind k)
{
	static const char *const names[QITEM_KIND_COUNT] = {
		[QITEM_OBLIGATION] = "obligation", [QITEM_TASK] = "task", [QITEM_WORKING] = "working"};

	return (unsigned)k < QITEM_KIND_COUNT ? names[k] : "?";
}

struct queue_ctx {
	struct service *svc;
	struct arena *a;
	const char *rep;
	struct qitem *items;
	size_t n, cap;
	struct bt_error *err;
};

static int grade_rank(const struct lead *l)
{
	return l->grade ? (unsigned char)l->grade[0] - 'A' : 100;
}

static int queue_ob(void *vctx, const struct obligation *ob)
{
	struct queue_ctx *c = vctx;
	struct qitem *q;
	struct lead l;

	size_t i;

	if (ob_rule_is_timer(ob->rule) || (ob->status != OB_OPEN && ob->status != OB_BREACHED))
		return 0;
	/* a lead usually owes two things (first touch, follow-up): read it once */
	for (i = 0; i < c->n && c->items[i].lead != ob->lead; i++)
		;
	if (i < c->n)
		l = c->items[i].l;
	else if (store_lead_get(c->svc->store, c->a, ob->lead, &l, c->err))
		return -1;
	if (ob->owner ? ob->status == OB_BREACHED && !sla_still_owed(ob, &l) : ob->settled_at || l.owner)
		return 0;
	q = arena_push(c->a, (void **)&c->items, &c->n, &c->cap, sizeof(*q));
	q->breached = ob->status == OB_BREACHED;
	q->due = ob->due;
	q->grade = grade_rank(&l);
	q->lead = ob->lead;
	q->what = ob->owner ? sla_owed(ob, c->a)
			    : arena_printf(c->a, "%s: waiting for a %s rep", sla_owed(ob, c->a), role_name(ob->pool));
	q->kind = QITEM_OBLIGATION;
	q->id = ob->id;
	q->rule = ob_rule_name(ob->rule);
	q->l = l;
	return 0;
}

static int queue_task(void *vctx, const struct task *t)
{
	struct queue_ctx *c = vctx;
	struct qitem *q;
	struct lead l;

	if (store_lead_get(c->svc->store, c->a, t->lead, &l, c->err))
		return -1;
	q = arena_push(c->a, (void **)&c->items, &c->n, &c->cap, sizeof(*q));
	q->due = t->created_at;
	q->grade = grade_rank(&l);
	q->lead = t->lead;
	q->what = arena_printf(c->a, "task: %s", pb_task_name(t->kind));
	q->kind = QITEM_TASK;
	q->id = t->id;
	q->rule = pb_task_name(t->kind);
	q->l = l;
	return 0;
}

static int qcmp(const void *x, const void *y)
{
	const struct qitem *a = x, *b = y;

	if (a->breached != b->breached)
		return b->breached - a->breached;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1; /* what it owes before its tasks */
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->grade != b->grade)
		return a->grade - b->grade;
	return a->id < b->id ? -1 : a->id > b->id;
}

int view_queue(struct service *svc, struct arena *a, const char *rep, struct qitem **items, size_t *n,
	       struct bt_error *err)
{
	struct queue_ctx c = {0};
	struct ob_filter f = {0, rep, -1, 0, 1}; /* still owed: its work list */
	int rc;

	c.svc = svc;
	c.a = a;
	c.rep = rep;
	c.err = err;
	rc = store_obligation_each(svc->store, &f, queue_ob, &c, err);
	if (!rc) { /* a manager's queue also lists the leads nobody can take yet (SPEC 8.1) */
		struct ob_filter wf = {0, NULL, -1, 1, 0};
		struct rep r;

		rc = store_rep_get(svc->store, a, rep, &r, err);
		if (rc == -BT_NOT_FOUND) {
			bt_error_clear(err);
			rc = 0;
		} else if (!rc && r.role == ROLE_MANAGER) {
			rc = store_obligation_each(svc->store, &wf, queue_ob, &c, err);
		}
	}
	if (!rc)
		rc = store_task_each(svc->store, rep, 0, 1, queue_task, &c, err);
	if (rc)
		return rc < 0 ? rc : -BT_STORAGE;
	if (c.n)
		qsort(c.items, c.n, sizeof(*c.items), qcmp);
	*items = c.items;
	*n = c.n;
	return 0;
}

int view_queue_working(struct service *svc, struct arena *a, const char *rep, struct qitem **items, size_t *n,
		       struct bt_error *err)
{
	struct qitem *q;
	struct lead *leads = NULL;
	size_t nl = 0, cap, i, j;
	int rc = view_queue(svc, a, rep, items, n, err);

	if (!rc)
		rc = store_leads_owned(svc->store, a, rep, &leads, &nl, err);
	if (rc)
		return rc;
	cap = *n;
	for (i = 0; i < nl; i++) {
		for (j = 0; j < *n && (*items)[j].lead != leads[i].id; j++)
			;
		if (j < *n)
			continue; /* it owes something: listed above */
		q = arena_push(a, (void **)items, n, &cap, sizeof(*q));
		q->breached = 0;
		q->due = leads[i].updated_at;
		q->grade = grade_rank(&leads[i]);
		q->lead = leads[i].id;
		q->what = arena_printf(a, "%s, nothing due now", svc->pb->stages[leads[i].stage].label);
		q->kind = QITEM_WORKING;
		q->id = leads[i].id;
		q->rule = stage_name(leads[i].stage);
		q->l = leads[i];
	}
	if (*n)
		qsort(*items, *n, sizeof(**items), qcmp);
	return 0;
}

/* Appends "key": and a string value or null. */
static void put_str(struct strbuf *sb, const char *key, const char *v)
{
	strbuf_addstr(sb, ",\"");
	strbuf_addstr(sb, key);
	strbuf_addstr(sb, "\":");
	if (v)
		json_text_string(sb, v);
	else
		strbuf_addstr(sb, "null");
}

void view_queue_text(const struct qitem *items, size_t n, struct strbuf *sb)
{
	char due[CLOCK_RFC3339_LEN];
	size_t i;

	strbuf_addch(sb, '[');
	for (i = 0; i < n; i++) {
		const struct qitem *q = &items[i];
		int task = q->kind == QITEM_TASK, working = q->kind == QITEM_WORKING;

		strbuf_addstr(sb, i ? ",{\"kind\":" : "{\"kind\":");
		json_text_string(sb, qitem_kind_name(q->kind));
		strbuf_addstr(sb, ",\"id\":");
		strbuf_addint(sb, q->id);
		put_str(sb, task ? "task" : working ? "stage" : "rule", q->rule);
		strbuf_addstr(sb, ",\"lead\":");
		strbuf_addint(sb, q->lead);
		put_str(sb, "email", q->l.email);
		put_str(sb, "name", q->l.name);
		put_str(sb, "company", q->l.company);
		put_str(sb, "grade", q->l.grade);
		put_str(sb, "owed", q->what);
		put_str(sb, "due", task || working ? NULL : clock_format_rfc3339(q->due, due));
		strbuf_addstr(sb, q->breached ? ",\"breached\":true" : ",\"breached\":false");
		if (working)
			put_str(sb, "updated_at", clock_format_rfc3339(q->due, due));
		strbuf_addch(sb, '}');
	}
	strbuf_addch(sb, ']');
}

json_t *view_queue_json(const struct qitem *items, size_t n)
{
	struct strbuf sb;
	json_t *j;

	strbuf_init(&sb);
	view_queue_text(items, n, &sb);
	j = json_loads(sb.buf, 0, NULL);
	strbuf_release(&sb);
	return j;
}

static int detail_event(void *ctx, const struct event *ev)
{
	json_array_append_new(ctx, event_to_json(ev));
	return 0;
}

static int detail_obligation(void *ctx, const struct obligation *ob)
{
	json_array_append_new(ctx, obligation_json(ob));
	return 0;
}

int view_lead_detail(struct service *svc, struct arena *a, int64_t id, json_t **out, struct bt_error *err)
{
	struct ob_filter of = {id, NULL, OB_OPEN, 0, 0};
	json_t *o, *events = json_array(), *obs = json_array(), *meetings = json_array();
	struct meeting *ms;
	struct lead l;
	size_t nm = 0, i;
	int rc = store_lead_get(svc->store, a, id, &l, err);

	if (!rc)
		rc = store_meeting_list(svc->store, a, id, NULL, 0, &ms, &nm, err);
	if (!rc)
		rc = store_event_each(svc->store, id, detail_event, events, err);
	if (!rc)
		rc = store_obligation_each(svc->store, &of, detail_obligation, obs, err);
	if (rc) {
		json_decref(events);
		json_decref(obs);
		json_decref(meetings);
		return rc;
	}
	for (i = 0; i < nm; i++)
		json_array_append_new(meetings, meeting_json(&ms[i]));
	o = lead_json(&l, svc->pb);
	json_object_set_new(o, "events", events);
	json_object_set_new(o, "obligations", obs);
	json_object_set_new(o, "meetings", meetings);
	*out = o;
	return 0;
}

struct credit_ctx {
	json_t *rows;     /* one object per rep, in order of first appearance */
	json_t *marketing;
};

static int credit_row(void *vctx, const char *rep, const char *role, enum credit_kind k, int64_t count, int64_t amount)
{
	const char *kind = credit_kind_name(k);
	struct credit_ctx *c = vctx;
	json_t *row = NULL;
	size_t i;

	if (strcmp(rep, "marketing") == 0) {
		if (!c->marketing)
			c->marketing = json_pack("{s:s, s:s, s:i}", "rep", "marketing", "role", "marketing", "mql_to_sql", 0);
		json_object_set_new(c->marketing, kind, json_integer(count));
		return 0;
	}
	for (i = 0; i < json_array_size(c->rows); i++) {
		row = json_array_get(c->rows, i);
		if (strcmp(json_string_value(json_object_get(row, "rep")), rep) == 0)
			break;
	}
	if (i == json_array_size(c->rows)) {
		row = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "rep", rep, "role", role, "meeting_held", 0,
				"seller_late_cancel", 0, "sql_accepted", 0, "won_amount", 0);
		if (strcmp(role, "csm") == 0) { /* a CSM's credit (SPEC 8.12) */
			json_object_set_new(row, "renewal", json_integer(0));
			json_object_set_new(row, "expansion_sourced", json_integer(0));
		}
		json_array_append_new(c->rows, row);
	}
	json_object_set_new(row, kind,
			    k == CREDIT_WON_AMOUNT || k == CREDIT_EXPANSION_SOURCED ? json_amount(amount)
										     : json_integer(count));
	return 0;
}

int view_report_credit(struct service *svc, int64_t from, int64_t to, json_t **out, struct bt_error *err)
{
	struct credit_ctx c = {json_array(), NULL};
	json_t *o;
	int rc = store_credit_sum(svc->store, from, to, credit_row, &c, err);

	if (rc) {
		json_decref(c.rows);
		json_decref(c.marketing);
		return rc;
	}
	json_array_append_new(c.rows, c.marketing ? c.marketing
						 : json_pack("{s:s, s:s, s:i}", "rep", "marketing", "role", "marketing",
							     "mql_to_sql", 0));
	o = json_pack("{s:s, s:o}", "report", "credit", "rows", c.rows);
	json_object_set_new(o, "from", from > INT64_MIN / 2 ? json_time_or_null(from) : json_null());
	json_object_set_new(o, "to", to < INT64_MAX / 2 ? json_time_or_null(to) : json_null());
	*out = o;
	return 0;
}

int view_meeting_ics(struct service *svc, struct arena *a, int64_t id, char **text, int64_t *lead, struct bt_error *err)
{
	struct ical_invite inv = {0};
	struct bizclock bc;
	struct meeting m;
	struct lead l;
	struct rep ae;
	int rc = store_meeting_get(svc->store, a, id, &m, err);

	if (!rc)
		rc = store_lead_get(svc->store, a, m.lead, &l, err);
	if (!rc) {
		int found = (rc = store_rep_get(svc->store, a, m.ae, &ae, err)) == 0;

		if (rc == -BT_NOT_FOUND) { /* the AE is gone: its calendar is the org's */
			bt_error_clear(err);
			rc = 0;
		}
		bizclock_init(&bc, svc->pb, NULL, found ? &ae : NULL);
	}
	if (rc)
		return rc;
	inv.meeting_id = m.id;
	inv.start = m.start;
	inv.minutes = m.minutes;
	inv.organizer_name = m.ae;
	inv.attendee_name = l.name ? l.name : l.email;
	inv.attendee_email = l.email;
	inv.booked_by = m.booked_by;
	inv.summary = arena_printf(a, "%s <> %s", svc->pb->org.name, l.company ? l.company : l.name ? l.name : l.email);
	inv.description = kv_get(&l.notes, "summary");
	inv.organizer_zone = bc.zone;
	inv.attendee_zone = lead_zone(&l);
	inv.status = meeting_status_name(m.status);
	inv.sequence = m.sequence;
	inv.stamp = svc->now;
	inv.uid_domain = "baton.local";
	*text = ical_invite_write(&inv);
	*lead = m.lead;
	if (!*text)
		return bt_fail(err, BT_STORAGE, "meeting", 0, "cannot write the invitation");
	return 0;
}

int view_parse_bound(struct service *svc, const char *s, const char *field, int64_t *out, struct bt_error *err)
{
	int64_t day;

	if (clock_parse_rfc3339(s, out) == 0)
		return 0;
	if (clock_parse_date(s, &day) == 0 && tz_utc(svc->pb->org.timezone, day, 0, out) == 0)
		return 0;
	return bt_fail(err, BT_BAD_INPUT, field, 0, "%s must be a date (YYYY-MM-DD) or an RFC 3339 time, got '%s'", field,
		       s);
}

int view_parse_until(struct service *svc, const char *s, int64_t *out, struct bt_error *err)
{
	return arg_until(svc->pb->org.timezone, s, out, err);
}
