/* routes_list.c - the API's lists (docs/api.md, "Lists"): GET /api/v1/leads (filtered, searched
 * with ?q=), /api/v1/sla and /api/v1/queue, each paged and sorted by ?limit=&offset=&sort= with
 * the number of items in all in X-Total-Count, and only what the token may see
 * (core/visibility.c). The body stays the JSON array each always was. Thin adapters over
 * service/lists.c, the same lists as `lead list`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/search.h"
#include "core/visibility.h"
#include "http/http.h"
#include "http/routes_dash.h"
#include "io/lead_json.h"
#include "service/lists.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* Reads ?limit= (from 1), ?offset= (from 0) and ?sort= against the list's fields t[0..n) into
 * spec; 0, or the answer set: 422 for a bad number, 400 for an unknown sort field. */
static int page_args(struct http_req *req, struct http_resp *resp, const struct sort_field *t, size_t n,
		     struct sort_spec *spec)
{
	static const struct {
		const char *name;
		long long min;
		size_t at; /* of the value in struct sort_spec */
	} nums[] = {
		{"limit", 1, offsetof(struct sort_spec, limit)},
		{"offset", 0, offsetof(struct sort_spec, offset)},
	};
	struct bt_error err;
	size_t i;

	memset(spec, 0, sizeof(*spec));
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		const char *s = http_query(req, nums[i].name);
		long long v;
		char *end;

		if (!s)
			continue;
		v = strtoll(s, &end, 10);
		if (!*s || *end || v < nums[i].min || strlen(s) > 18)
			return http_error(
				resp, 422, "unprocessable",
				arena_printf(req->a, "%s must be a whole number from %lld", nums[i].name, nums[i].min),
				nums[i].name);
		*(int64_t *)((char *)spec + nums[i].at) = v;
	}
	bt_error_clear(&err);
	if (sort_parse(http_query(req, "sort"), t, n, spec, &err))
		return http_fail(resp, &err);
	return 0;
}

/* Reads the flag ?name= (true, 1, false, 0; absent: 0) into *out; 0, or a 422 answered. */
static int flag_arg(struct http_req *req, struct http_resp *resp, const char *name, int *out)
{
	const char *s = http_query(req, name);

	*out = s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
	if (s && !*out && strcmp(s, "false") != 0 && strcmp(s, "0") != 0)
		return http_error(resp, 422, "unprocessable", arena_printf(req->a, "%s must be true or false", name),
				  name);
	return 0;
}

/* Answers 200 with the array arr (stolen) and the count of items in all. */
static int list_answer(struct http_req *req, struct http_resp *resp, json_t *arr, int64_t total)
{
	http_set_header(resp, "X-Total-Count", arena_printf(req->a, "%lld", (long long)total));
	return http_json(resp, 200, arr);
}

/* ---------------------------------------------------------------- GET /api/v1/leads */

struct leads_ctx {
	json_t *arr;
	const struct playbook *pb;
};

static int lead_one(void *vctx, const struct lead *l)
{
	struct leads_ctx *c = vctx;

	json_array_append_new(c->arr, lead_json(l, c->pb));
	return 0;
}

int leads_get(struct http_req *req, struct http_resp *resp)
{
	struct list_viewer v = {0, NULL};
	struct lead_query q;
	struct leads_ctx c = {NULL, NULL};
	struct bt_error err;
	int64_t total = 0;
	enum stage st;

	if (http_need_rep(req, resp))
		return resp->status;
	memset(&q, 0, sizeof(q));
	q.filter.stage = http_query(req, "stage");
	q.filter.owner = http_query(req, "owner");
	q.filter.source = http_query(req, "source");
	if (q.filter.stage && stage_parse(q.filter.stage, &st))
		return http_error(resp, 422, "unprocessable", "stage is not a stage name", "stage");
	if (flag_arg(req, resp, "unassigned", &q.filter.unassigned) ||
	    flag_arg(req, resp, "waiting", &q.filter.waiting) ||
	    page_args(req, resp, lead_sort_fields, lead_sort_fields_n, &q.sort))
		return resp->status;
	bt_error_clear(&err);
	if (search_query(http_query(req, "q"), "q", req->a, &q.q, &err))
		return http_fail(resp, &err);
	v.rep = &req->who.rep;
	c.arr = json_array();
	c.pb = req->svc->pb;
	if (list_leads(req->svc, req->a, &v, &q, lead_one, &c, &total, &err) < 0) {
		json_decref(c.arr);
		return http_fail(resp, &err);
	}
	return list_answer(req, resp, c.arr, total);
}

/* ---------------------------------------------------------------- GET /api/v1/sla */

static int ob_one(void *arr, const struct obligation *ob)
{
	json_array_append_new(arr, obligation_json(ob));
	return 0;
}

int sla_get(struct http_req *req, struct http_resp *resp)
{
	const char *status = http_query(req, "status");
	struct ob_filter f = {0, NULL, -1, 0, 0};
	struct list_viewer v = {0, NULL};
	struct sort_spec spec;
	struct bt_error err;
	enum ob_status st;
	int64_t total = 0;
	json_t *arr;

	if (http_need_rep(req, resp))
		return resp->status;
	if (status) {
		if (ob_status_parse(status, &st))
			return http_error(resp, 422, "unprocessable", "status must be open, met, breached or cancelled",
					  "status");
		f.status = (int)st;
	}
	if (flag_arg(req, resp, "waiting", &f.waiting) || page_args(req, resp, ob_sort_fields, ob_sort_fields_n, &spec))
		return resp->status;
	v.rep = &req->who.rep;
	if (!visibility_needs_team(v.rep))
		f.owner = req->who.rep.name; /* it sees only what it owes itself: the store narrows */
	arr = json_array();
	bt_error_clear(&err);
	if (list_obligations(req->svc, req->a, &v, &f, &spec, ob_one, arr, &total, &err) < 0) {
		json_decref(arr);
		return http_fail(resp, &err);
	}
	return list_answer(req, resp, arr, total);
}

/* ---------------------------------------------------------------- GET /api/v1/queue */

/* ?working=true adds the leads the rep works that owe nothing now (lines of kind "working"), for
 * the queue page's second section. */
int queue_get(struct http_req *req, struct http_resp *resp)
{
	struct qitem *items = NULL, *page;
	struct sort_spec spec;
	struct bt_error err;
	struct strbuf sb;
	size_t n = 0, np;
	int working, rc;

	if (http_need_rep(req, resp) || flag_arg(req, resp, "working", &working) ||
	    page_args(req, resp, queue_sort_fields, queue_sort_fields_n, &spec))
		return resp->status;
	bt_error_clear(&err);
	rc = working ? view_queue_working(req->svc, req->a, req->who.rep.name, &items, &n, &err)
		     : view_queue(req->svc, req->a, req->who.rep.name, &items, &n, &err);
	if (rc)
		return http_fail(resp, &err);
	list_queue(items, n, &spec, req->a, &page, &np);
	strbuf_init(&sb);
	view_queue_text(page, np, &sb); /* written directly: the API's hot path */
	http_set_header(resp, "X-Total-Count", arena_printf(req->a, "%zu", n));
	resp->status = 200;
	resp->type = "application/json";
	resp->len = sb.len;
	resp->body = strbuf_detach(&sb);
	return 200;
}
