/* routes.c - the HTTP API's routes (docs/api.md), one handler each, returning the status:
 * leads, their events (the lifecycle and a manager's hand), reports (JSON or a CSV download),
 * meetings and their outcomes, metrics and a rep's absences (the lists are routes_list.c's).
 * Handlers parse and check the request, apply the role rules of the token, and call the same
 * use cases as the command line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/action_args.h"
#include "core/clock.h"
#include "core/notify.h"
#include "core/tz.h"
#include "core/visibility.h"
#include "http/group_commit.h"
#include "http/http.h"
#include "http/routes_dash.h"
#include "http/stream.h"
#include "http/routes_session.h"
#include "io/args_json.h"
#include "io/form_json.h"
#include "io/lead_json.h"
#include "io/report_out.h"
#include "service/views.h"
#include "store/store_outbox.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "service/absence.h"
#include "service/act.h"
#include "service/intake.h"
#include "service/meeting.h"

/* ---------------------------------------------------------------- helpers */

/* The JSON object in the body, or NULL with the error answered (415 or 400). */
static json_t *body_object(struct http_req *req, struct http_resp *resp)
{
	const char *type = http_header(req, "Content-Type");
	json_error_t jerr;
	json_t *j;

	if (!type || strncmp(type, "application/json", 16) != 0) {
		http_error(resp, 415, "unsupported_media_type", "send the body as application/json", "content-type");
		return NULL;
	}
	j = json_loadb(req->body ? req->body : "", req->len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		http_error(resp, 400, "bad_request", arena_printf(req->a, "malformed JSON at line %d: %s", jerr.line, jerr.text),
			   "body");
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		http_error(resp, 400, "bad_request", "the body must be a JSON object", "body");
		return NULL;
	}
	return j;
}

/* A string member (NULL if absent or null); -1 with a 422 answered if of another type. */
static int str_field(struct http_req *req, struct http_resp *resp, json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		http_error(resp, 422, "unprocessable", arena_printf(req->a, "%s must be a string", key), key);
		return -1;
	}
	*out = arena_strdup(req->a, json_string_value(v));
	return 0;
}

/* Answers 422 naming the first key of o that is not in keys (NULL-terminated). */
static int unknown_keys(struct http_req *req, struct http_resp *resp, json_t *o, const char *const *keys)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(o, k, v) {
		for (i = 0; keys[i]; i++)
			if (strcmp(keys[i], k) == 0)
				break;
		if (!keys[i]) {
			http_error(resp, 422, "unprocessable", arena_printf(req->a, "unknown field '%s'", k), k);
			return -1;
		}
	}
	return 0;
}

/* The lead id of the path, or -1 with 404 answered. */
static int64_t path_id(struct http_req *req, struct http_resp *resp, const char *s)
{
	char *end;
	long long id;

	id = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || id < 1 || strlen(s) > 18) {
		http_error(resp, 404, "not_found", "no such lead", "id");
		return -1;
	}
	return id;
}

/* The token's rep, or NULL for an intake token (which sees no lead). */
static const struct rep *viewer(struct http_req *req)
{
	return req->who.intake ? NULL : &req->who.rep;
}

/* 1 if the token may see lead l (the rule is the core's: core/visibility.c); 0 if not; -1
 * with *err set when the store failed to say. */
static int visible(struct http_req *req, const struct lead *l, struct bt_error *err)
{
	return view_lead_visible(req->svc, req->a, viewer(req), l, err);
}

/* ---------------------------------------------------------------- routes */

/* 200 while this worker's store answers and is still the database the server opened; else
 * 503, from every worker alike (issue 13.9), the reason in the server log. */
static int healthz(struct http_req *req, struct http_resp *resp)
{
	struct bt_error err;

	bt_error_clear(&err);
	if (store_healthy(req->svc->store, &err)) {
		fprintf(stderr, "baton: healthz: %s\n", err.message);
		return http_unavailable(resp);
	}
	return http_json(resp, 200, json_pack("{s:s}", "status", "ok"));
}

/* The names of the rows of t[0..n) that an action of mask takes (0: every row), after `first`
 * if not NULL, each once, NULL-terminated in keys[0..cap). */
static void arg_keys(const struct arg_spec *t, size_t n, unsigned mask, const char *first, const char **keys, size_t cap)
{
	size_t i, j, k = 0;

	if (first)
		keys[k++] = first;
	for (i = 0; i < n && k + 1 < cap; i++) {
		if (mask && !(t[i].actions & mask))
			continue;
		for (j = 0; j < k && strcmp(keys[j], t[i].name) != 0; j++)
			;
		if (j == k)
			keys[k++] = t[i].name;
	}
	keys[k] = NULL;
}

static int leads_post(struct http_req *req, struct http_resp *resp)
{
	const char *key = http_header(req, "Idempotency-Key");
	struct bt_error err;
	struct lead in;
	json_t *o = body_object(req, resp);
	int rc;

	if (!o)
		return resp->status;
	bt_error_clear(&err);
	lead_init(&in);
	rc = form_json_fill(o, req->svc->pb, &in, req->a, &err); /* SPEC 8.9: unknown fields are kept */
	json_decref(o);
	if (rc)
		return http_fail(resp, &err);
	intake_default_source(&in);
	if (key && (!key[0] || strlen(key) > 200 || text_check("Idempotency-Key", key, 200, 0, &err)))
		return http_error(resp, 400, "bad_request", "Idempotency-Key must be 1 to 200 printable characters",
				  "idempotency-key");
	if (key && !req->who.token) /* a key belongs to a token: a session has none to keep it under */
		return http_error(resp, 400, "bad_request", "Idempotency-Key needs an API token (Authorization: Bearer)",
				  "idempotency-key");
	group_commit_intake(http_group_commit(req), req, &in, key, resp);
	return resp->status;
}

/* Loads lead `id` for the token: 0, or the answer set. A lead the token may not see answers
 * exactly as one that does not exist (404 "no lead N"): no existence oracle (issue 13.8). */
static int load_visible(struct http_req *req, struct http_resp *resp, int64_t id, struct lead *l)
{
	struct bt_error err;

	bt_error_clear(&err);
	if (store_lead_get(req->svc->store, req->a, id, l, &err))
		return http_fail(resp, &err);
	switch (visible(req, l, &err)) {
	case -1:
		return http_fail(resp, &err);
	case 0:
		bt_fail(&err, BT_NOT_FOUND, "lead", 0, "no lead %lld", (long long)id);
		return http_fail(resp, &err);
	}
	return 0;
}

static json_t *lead_actions(struct http_req *req, const struct lead *l, struct bt_error *err);

static int lead_get(struct http_req *req, struct http_resp *resp)
{
	struct bt_error err;
	struct lead l;
	json_t *o, *actions;
	int64_t id;

	if (http_need_rep(req, resp) || (id = path_id(req, resp, req->params[0])) < 0 || load_visible(req, resp, id, &l))
		return resp->status;
	bt_error_clear(&err);
	if (view_lead_detail(req->svc, req->a, id, &o, &err))
		return http_fail(resp, &err);
	if (!(actions = lead_actions(req, &l, &err))) {
		json_decref(o);
		return http_fail(resp, &err);
	}
	json_object_set_new(o, "actions", actions);
	return http_json(resp, 200, o);
}

/* The event types a body may post; the fields each takes are the rows of core/action_args.c's
 * table that its actions take (close: won or lost). */
static const struct {
	const char *type;
	enum action action;
	unsigned takes; /* the actions whose arguments it takes */
} event_types[] = {
	{"touch", ACT_TOUCH, ARG_ACT(ACT_TOUCH)},
	{"qualify", ACT_QUALIFY, ARG_ACT(ACT_QUALIFY)},
	{"handoff", ACT_HANDOFF, ARG_ACT(ACT_HANDOFF)},
	{"review", ACT_REVIEW, ARG_ACT(ACT_REVIEW)},
	{"accept", ACT_ACCEPT, ARG_ACT(ACT_ACCEPT)},
	{"reject", ACT_REJECT, ARG_ACT(ACT_REJECT)},
	{"nurture", ACT_NURTURE, ARG_ACT(ACT_NURTURE)},
	{"disqualify", ACT_DISQUALIFY, ARG_ACT(ACT_DISQUALIFY)},
	{"close", ACT_WIN, ARG_ACT(ACT_WIN) | ARG_ACT(ACT_LOSE)},
	{"live", ACT_LIVE, ARG_ACT(ACT_LIVE)},
	{"restore", ACT_RESTORE, ARG_ACT(ACT_RESTORE)},
	{"assign", ACT_ASSIGN, ARG_ACT(ACT_ASSIGN)}, /* a manager's hand (SPEC 8.3): "to", "reason" */
	{"renew", ACT_RENEW, ARG_ACT(ACT_RENEW)},    /* a customer's contract (SPEC 8.12) */
	{"churn", ACT_CHURN, ARG_ACT(ACT_CHURN)},
	{"expand", ACT_EXPAND, ARG_ACT(ACT_EXPAND)}, /* an upsell handed to an AE: "to", "amount", "notes" */
};

/* The event types (of the table above) the token's rep may post on lead l now; NULL with *err
 * set when the store failed. */
static json_t *lead_actions(struct http_req *req, const struct lead *l, struct bt_error *err)
{
	json_t *arr;
	const char *boss;
	size_t t;

	if (service_manager_of(req->svc, req->a, l->owner, &boss, err))
		return NULL;
	arr = json_array();
	for (t = 0; t < sizeof(event_types) / sizeof(event_types[0]); t++)
		if (lifecycle_may(l, &req->who.rep, boss, event_types[t].action))
			json_array_append_new(arr, json_string(event_types[t].type));
	return arr;
}

/* Fills in from the body through the table of action arguments; 0, or the answer set. */
static int parse_action(struct http_req *req, struct http_resp *resp, json_t *o, size_t t, struct action_input *in)
{
	const char *keys[24];
	struct arg_ctx ctx = {req->a, req->svc->pb->org.timezone};
	struct bt_error err;
	json_t *v;

	arg_keys(action_args, action_args_n, event_types[t].takes, "type", keys, sizeof(keys) / sizeof(keys[0]));
	if (unknown_keys(req, resp, o, keys))
		return resp->status;
	action_input_init(in, event_types[t].action);
	v = json_object_get(o, "outcome");
	if (event_types[t].action == ACT_WIN && (!v || json_is_null(v)))
		return http_error(resp, 422, "unprocessable", "close needs outcome won or lost", "outcome");
	bt_error_clear(&err);
	if (args_json_fill(action_args, action_args_n, event_types[t].takes, o, in, &ctx, &err))
		return http_fail(resp, &err);
	v = json_object_get(o, "amount");
	if (v && !json_is_null(v) && !arg_find(action_args, action_args_n, "amount", ARG_ACT(in->req.action)))
		return http_error(resp, 422, "unprocessable", "amount goes with close won, renew, expand, or accept (the estimate)", "amount");
	return 0;
}

static int lead_events_post(struct http_req *req, struct http_resp *resp)
{
	struct action_input act;
	struct bt_error err;
	const char *type = NULL;
	struct lead l;
	json_t *o;
	int64_t id;
	size_t t;
	int rc;

	if (http_need_rep(req, resp) || (id = path_id(req, resp, req->params[0])) < 0 || load_visible(req, resp, id, &l))
		return resp->status;
	o = body_object(req, resp);
	if (!o)
		return resp->status;
	if (str_field(req, resp, o, "type", &type)) {
		json_decref(o);
		return resp->status;
	}
	for (t = 0; type && t < sizeof(event_types) / sizeof(event_types[0]); t++)
		if (strcmp(event_types[t].type, type) == 0)
			break;
	if (!type || t == sizeof(event_types) / sizeof(event_types[0])) {
		json_decref(o);
		return http_error(resp, 400, "bad_request",
				  "type must be touch, qualify, handoff, review, accept, reject, nurture, disqualify, close, "
				  "live, restore, assign, renew, churn or expand",
				  "type");
	}
	rc = parse_action(req, resp, o, t, &act);
	json_decref(o);
	if (rc)
		return resp->status;
	bt_error_clear(&err);
	if (act.req.action == ACT_RESTORE)
		rc = service_restore(req->svc, req->a, id, req->who.rep.name, &l, &err);
	else
		rc = service_act(req->svc, req->a, id, req->who.rep.name, act.to, &act.req, &l, &err);
	if (rc)
		return http_fail(resp, &err);
	return http_json(resp, 200, lead_json(&l, req->svc->pb));
}

/* ---------------------------------------------------------------- a rep's absences (SPEC 8.3) */

/* Answers 200 (201 when created) with absence ab, or the use case's failure. */
static int absence_answer(struct http_req *req, struct http_resp *resp, int rc, const struct bt_error *err,
			  const struct absence *ab, int status)
{
	if (rc)
		return http_fail(resp, err);
	return http_json(resp, status, absence_json(ab, req->svc->now));
}

/* GET /api/v1/reps/{name}/absences: a manager its team's, a rep its own. */
static int absences_get(struct http_req *req, struct http_resp *resp)
{
	struct absence *v;
	struct bt_error err;
	size_t n, i;
	json_t *arr;

	if (http_need_rep(req, resp))
		return resp->status;
	bt_error_clear(&err);
	if (service_absence_list(req->svc, req->a, &req->who.rep, req->params[0], &v, &n, &err))
		return http_fail(resp, &err);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, absence_json(&v[i], req->svc->now));
	return http_json(resp, 200, arr);
}

/* POST /api/v1/reps/{name}/absences {"from", "to", "reason"}: managers, for their team. */
static int absences_post(struct http_req *req, struct http_resp *resp)
{
	static const char *const keys[] = {"from", "to", "reason", NULL};
	const char *from = NULL, *to = NULL, *reason = NULL;
	struct absence ab;
	struct bt_error err;
	json_t *o;
	int rc;

	if (http_need_rep(req, resp) || !(o = body_object(req, resp)))
		return resp->status;
	rc = unknown_keys(req, resp, o, keys) || str_field(req, resp, o, "from", &from) ||
	     str_field(req, resp, o, "to", &to) || str_field(req, resp, o, "reason", &reason);
	json_decref(o);
	if (rc)
		return resp->status;
	if (!from || !to)
		return http_error(resp, 422, "unprocessable", "an absence needs from and to (a date or an RFC 3339 time)",
				  from ? "to" : "from");
	bt_error_clear(&err);
	rc = service_absence_add(req->svc, req->a, &req->who.rep, req->params[0], from, to, reason, &ab, &err);
	return absence_answer(req, resp, rc, &err, &ab, 201);
}

/* The absence id a DELETE names: the path's, else ?id=, else the body's {"id"}; 0 with the
 * answer set (404, or 422) when none. */
static int64_t absence_id(struct http_req *req, struct http_resp *resp)
{
	const char *s = req->params[1] ? req->params[1] : http_query(req, "id");
	json_t *o, *v;
	int64_t id = 0;
	char *end;

	if (s) {
		id = strtoll(s, &end, 10);
		if (!*s || *end || id < 1 || strlen(s) > 18) {
			http_error(resp, 404, "not_found", "no such absence", "id");
			return 0;
		}
		return id;
	}
	if (!req->len || !(o = body_object(req, resp))) {
		if (!req->len)
			http_error(resp, 422, "unprocessable", "name the absence: /absences/{id}, ?id= or {\"id\"}", "id");
		return 0;
	}
	v = json_object_get(o, "id");
	if (json_is_integer(v) && json_integer_value(v) > 0)
		id = json_integer_value(v);
	json_decref(o);
	if (!id)
		http_error(resp, 422, "unprocessable", "id must be a whole number from 1", "id");
	return id;
}

/* DELETE /api/v1/reps/{name}/absences/{id} (or ?id=, or {"id"}): cancels it, managers only. */
static int absence_delete(struct http_req *req, struct http_resp *resp)
{
	struct absence ab;
	struct bt_error err;
	int64_t id;
	int rc;

	if (http_need_rep(req, resp) || !(id = absence_id(req, resp)))
		return resp->status;
	bt_error_clear(&err);
	rc = service_absence_cancel(req->svc, req->a, &req->who.rep, req->params[0], id, &ab, &err);
	return absence_answer(req, resp, rc, &err, &ab, 200);
}

/* A period bound in a file name: the org's local day of instant t, "all" when unbounded. */
static const char *bound_word(struct http_req *req, int64_t t, int64_t unbounded)
{
	struct local_time lt;
	char day[16];

	if (t == unbounded || tz_local(req->svc->pb->org.timezone, t, &lt))
		return "all";
	return arena_strdup(req->a, clock_format_date(lt.day, day));
}

/* Answers report `name` over [from, to) as a CSV download (the command line's --format csv):
 * report r, or the credit report's JSON when r is NULL. */
static int report_csv(struct http_req *req, struct http_resp *resp, const char *name, int64_t from, int64_t to,
		      const struct report *r, json_t *credit)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		json_decref(credit);
		return http_error(resp, 500, "storage", "out of memory", NULL);
	}
	if (r)
		report_print_csv(r, f);
	else
		report_credit_print_csv(credit, f);
	fclose(f);
	json_decref(credit);
	resp->status = 200;
	resp->type = "text/csv; charset=utf-8";
	resp->body = buf;
	resp->len = len;
	http_set_header(resp, "Content-Disposition",
			arena_printf(req->a, "attachment; filename=\"baton-%s-%s-%s.csv\"", name,
				     bound_word(req, from, INT64_MIN / 2), bound_word(req, to, INT64_MAX / 2)));
	return 200;
}

static int report_get(struct http_req *req, struct http_resp *resp)
{
	int64_t from = INT64_MIN / 2, to = INT64_MAX / 2;
	enum report_by by = BY_NONE;
	const char *name, *s, *format = http_query(req, "format");
	struct bt_error err;
	struct report r;
	json_t *o;
	int csv = format && strcmp(format, "csv") == 0;

	if (http_need_rep(req, resp))
		return resp->status;
	if (format && !csv && strcmp(format, "json") != 0)
		return http_error(resp, 422, "unprocessable", "format must be json or csv", "format");
	name = req->params[0];
	if (strcmp(name, "credit") != 0 && !report_known(name))
		return http_error(resp, 404, "not_found",
				  arena_printf(req->a, "no such report (known: %s, credit)", report_names()), "name");
	if (dash_report_rep_rule(req, resp, name, 0, &by))
		return resp->status; /* a rep reads only its own rows of a few reports */
	bt_error_clear(&err);
	if ((s = http_query(req, "from")) && view_parse_bound(req->svc, s, "from", &from, &err))
		return http_fail(resp, &err);
	if ((s = http_query(req, "to")) && view_parse_bound(req->svc, s, "to", &to, &err))
		return http_fail(resp, &err);
	if (from >= to)
		return http_error(resp, 422, "unprocessable", "to must come after from", "to");
	if ((s = http_query(req, "by")) && report_by_parse(s, &by))
		return http_error(resp, 422, "unprocessable", "by must be source, channel, segment, rep, team or month", "by");
	if (s && dash_report_rep_rule(req, resp, name, 1, &by))
		return resp->status;
	if (strcmp(name, "credit") == 0) {
		if (by != BY_NONE)
			return http_error(resp, 422, "unprocessable", "report credit takes no by", "by");
		if (view_report_credit(req->svc, from, to, &o, &err))
			return http_fail(resp, &err);
		if (csv)
			return report_csv(req, resp, name, from, to, NULL, dash_report_own(req, o));
		return http_json(resp, 200, dash_report_own(req, o));
	}
	if (service_report(req->svc, req->a, name, by, from, to, &r, &err))
		return http_fail(resp, &err);
	if (csv) {
		dash_report_own_rows(req, &r);
		return report_csv(req, resp, name, from, to, &r, NULL);
	}
	return http_json(resp, 200, dash_report_own(req, report_json(&r, from, to, by)));
}

static int meeting_ics_get(struct http_req *req, struct http_resp *resp)
{
	const char *p = req->params[0];
	size_t n = strlen(p);
	struct bt_error err;
	struct lead l;
	int64_t id, lead;
	char *text = NULL, *idtext;

	if (http_need_rep(req, resp))
		return resp->status;
	if (n < 5 || strcmp(p + n - 4, ".ics") != 0)
		return http_error(resp, 404, "not_found", "meetings are served as /api/v1/meetings/ID.ics", "id");
	idtext = arena_strndup(req->a, p, n - 4);
	if ((id = path_id(req, resp, idtext)) < 0)
		return resp->status;
	bt_error_clear(&err);
	if (view_meeting_ics(req->svc, req->a, id, &text, &lead, &err))
		return http_fail(resp, &err);
	if (store_lead_get(req->svc->store, req->a, lead, &l, &err) || visible(req, &l, &err) != 1) {
		free(text);
		if (err.code == BT_STORAGE)
			return http_fail(resp, &err);
		/* the meeting of a lead the token may not see answers as a missing one (issue 13.8) */
		bt_fail(&err, BT_NOT_FOUND, "meeting", 0, "no meeting %lld", (long long)id);
		return http_fail(resp, &err);
	}
	resp->status = 200;
	resp->type = "text/calendar; charset=utf-8";
	resp->body = text;
	resp->len = strlen(text);
	return 200;
}

/* One kind's undeliverable count, added into counts[] by the kind it stands for. */
static void count_undeliverable(void *ctx, const char *kind, int64_t n)
{
	int64_t *counts = ctx;
	enum pb_notice k;

	if (notify_kind_of(kind, &k) == 0)
		counts[k] += n;
}

/* POST /api/v1/meetings/{id}/outcome {"outcome": "held"|"no_show"|"reschedule"|"cancel",
 * "initiator", "at"}: `meeting OUTCOME ID --by` the token's rep (the rules are the use case's:
 * the AE or a manager marks it held or no-show once started; the AE, the rep who booked it or
 * a manager moves it before, naming who asked). The meeting of a lead the token may not see
 * answers as a missing one. 200 with the meeting (the new one after a reschedule to `at`). */
static int meeting_outcome_post(struct http_req *req, struct http_resp *resp)
{
	struct arg_ctx ctx = {req->a, NULL};
	struct meeting_input in = {0, NULL};
	const char *keys[8], *outcome = NULL;
	enum meeting_action act;
	struct bt_error err;
	struct meeting m;
	struct lead l;
	int64_t id;
	json_t *o;
	int rc;

	if (http_need_rep(req, resp) || (id = path_id(req, resp, req->params[0])) < 0)
		return resp->status;
	bt_error_clear(&err);
	if (store_meeting_get(req->svc->store, req->a, id, &m, &err) ||
	    store_lead_get(req->svc->store, req->a, m.lead, &l, &err) || visible(req, &l, &err) != 1) {
		if (err.code == BT_STORAGE)
			return http_fail(resp, &err);
		return http_error(resp, 404, "not_found", arena_printf(req->a, "no meeting %lld", (long long)id), "id");
	}
	if (!(o = body_object(req, resp)))
		return resp->status;
	arg_keys(meeting_args, meeting_args_n, 0, "outcome", keys, sizeof(keys) / sizeof(keys[0]));
	rc = unknown_keys(req, resp, o, keys) || str_field(req, resp, o, "outcome", &outcome);
	if (!rc && (!outcome || meeting_action_parse(outcome, &act)))
		rc = http_error(resp, 422, "unprocessable", "outcome must be held, no_show, reschedule or cancel", "outcome");
	if (!rc && args_json_fill(meeting_args, meeting_args_n, 0, o, &in, &ctx, &err))
		rc = http_fail(resp, &err);
	json_decref(o);
	if (rc)
		return resp->status;
	if (service_meeting(req->svc, req->a, id, act, req->who.rep.name, in.at, in.initiator, &m, &err))
		return http_fail(resp, &err);
	return http_json(resp, 200, meeting_json(&m));
}

static int metrics_get(struct http_req *req, struct http_resp *resp)
{
	struct strbuf sb;
	struct bt_error err;
	int64_t backlog = 0;

	if (http_need_rep(req, resp))
		return resp->status;
	strbuf_init(&sb);
	http_metrics_requests(&sb, http_routes, http_nroutes);
	bt_error_clear(&err);
	if (store_outbox_backlog(req->svc->store, &backlog, &err) == 0)
		strbuf_addf(&sb, "# HELP baton_webhook_backlog Notifications not yet delivered.\n"
				 "# TYPE baton_webhook_backlog gauge\nbaton_webhook_backlog %lld\n",
			    (long long)backlog);
	{
		int64_t counts[PB_NOTICE_COUNT] = {0};
		int k;

		/* SPEC 8.6: notifications of a kind that is on which no channel could carry to their
		 * recipient, from the store (every server on it counts the same) */
		if (store_outbox_undeliverable(req->svc->store, count_undeliverable, counts, &err) == 0) {
			strbuf_addstr(&sb, "# HELP baton_notifications_undeliverable_total Notifications of a kind that is "
					   "on that no configured channel could carry to their recipient.\n"
					   "# TYPE baton_notifications_undeliverable_total counter\n");
			for (k = 0; k < PB_NOTICE_COUNT; k++)
				strbuf_addf(&sb, "baton_notifications_undeliverable_total{kind=\"%s\"} %lld\n",
					    pb_notice_name((enum pb_notice)k), (long long)counts[k]);
		}
	}
	strbuf_addstr(&sb, "# HELP baton_obligations Obligations by status.\n# TYPE baton_obligations gauge\n");
	{
		static const enum ob_status sts[] = {OB_OPEN, OB_BREACHED};
		size_t i;

		for (i = 0; i < 2; i++) {
			int64_t n = 0;

			if (store_obligation_count(req->svc->store, sts[i], &n, &err) == 0)
				strbuf_addf(&sb, "baton_obligations{status=\"%s\"} %lld\n", ob_status_name(sts[i]), (long long)n);
		}
	}
	strbuf_addstr(&sb, "# HELP baton_leads Leads by stage.\n# TYPE baton_leads gauge\n");
	{
		int s;

		for (s = 0; s < STAGE_COUNT; s++) {
			int64_t n = 0;

			if (store_lead_count(req->svc->store, stage_name((enum stage)s), &n, &err) == 0)
				strbuf_addf(&sb, "baton_leads{stage=\"%s\"} %lld\n", stage_name((enum stage)s), (long long)n);
		}
	}
	resp->status = 200;
	resp->type = "text/plain; version=0.0.4";
	resp->len = sb.len;
	resp->body = strbuf_detach(&sb);
	return 200;
}

const struct http_route http_routes[] = {
	{"GET", "healthz", healthz, 0, "healthz"},
	{"POST", "api/v1/leads", leads_post, 1, "leads_post"},
	{"GET", "api/v1/leads", leads_get, 1, "leads_get"},
	{"GET", "api/v1/leads/*", lead_get, 1, "lead_get"},
	{"POST", "api/v1/leads/*/events", lead_events_post, 1, "lead_events_post"},
	{"GET", "api/v1/queue", queue_get, 1, "queue_get"},
	{"GET", "api/v1/sla", sla_get, 1, "sla_get"},
	{"GET", "api/v1/reports/*", report_get, 1, "report_get"},
	{"GET", "api/v1/meetings/*", meeting_ics_get, 1, "meeting_ics_get"},
	{"POST", "api/v1/meetings/*/outcome", meeting_outcome_post, 1, "meeting_outcome_post"},
	{"GET", "metrics", metrics_get, 1, "metrics"},
	{"GET", "api/v1/me", dash_me, 1, "me_get"},
	{"GET", "api/v1/playbook", dash_playbook, 1, "playbook_get"},
	{"PUT", "api/v1/playbook", playbook_put, 1, "playbook_put"},
	{"POST", "api/v1/playbook/check", playbook_check_post, 1, "playbook_check_post"},
	{"GET", "api/v1/reps", dash_reps, 1, "reps_get"},
	{"GET", "api/v1/reps/*/slots", dash_slots, 1, "slots_get"},
	{"GET", "api/v1/reps/*/absences", absences_get, 1, "absences_get"},
	{"POST", "api/v1/reps/*/absences", absences_post, 1, "absences_post"},
	{"DELETE", "api/v1/reps/*/absences", absence_delete, 1, "absences_delete"},
	{"DELETE", "api/v1/reps/*/absences/*", absence_delete, 1, "absences_delete"},
	{"GET", "api/v1/simulate", dash_simulate, 1, "simulate_get"},
	{"GET", "api/v1/replay", replay_get, 1, "replay_get"},
	{"POST", "api/v1/replay", replay_post, 1, "replay_post"},
	{"GET", "api/v1/stream", stream_get, 1, "stream_get"},
	{"POST", "api/v1/session/link", session_link_post, 0, "session_link_post"},
	{"GET", "api/v1/session/link/*", session_link_get, ROUTE_SECRET_PATH, "session_link_get"},
	{"POST", "api/v1/session/logout", session_logout, 0, "session_logout"},
	{"DELETE", "api/v1/session", session_logout, 0, "session_logout"},
	{"GET", "", web_index, 0, "web_index"},
	{"GET", "assets/*", web_file, 0, "web_file"},
	{"GET", "assets/*/*", web_file, 0, "web_file"},
};
const size_t http_nroutes = sizeof(http_routes) / sizeof(http_routes[0]);
