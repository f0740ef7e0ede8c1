/* routes_playbook.c - the playbook edited by a manager over the API (docs/api.md, "Playbook"):
 * its YAML text (GET /api/v1/playbook?format=yaml, URL passwords masked), a check that answers
 * every error with its line (POST /api/v1/playbook/check) and the apply of a new version
 * (PUT /api/v1/playbook), exactly as `baton playbook check` and `apply` do; the proposal of a
 * replay is checked the same way (routes_replay.c). Managers only: a rep's token gets 403. The
 * body is the YAML text itself. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/playbook.h"
#include "http/http.h"
#include "http/routes_dash.h"
#include "io/playbook_text.h"
#include "util/arena.h"
#include "service/admin.h"

/* 403 unless the token is a manager's; 0 when it is. */
static int need_manager(struct http_req *req, struct http_resp *resp)
{
	if (http_need_rep(req, resp))
		return resp->status;
	if (req->who.rep.role != ROLE_MANAGER)
		return http_error(resp, 403, "forbidden", "the playbook is edited by managers", "authorization");
	return 0;
}

/* The playbook text given (a query's), its masked passwords put back from the playbook in force;
 * NULL with errs->n > 0 (the line of a masked password it cannot put back). */
static char *unmasked(struct http_req *req, const char *given, struct pb_errors *errs)
{
	char *text = NULL;

	errs->n = 0;
	bt_error_clear(&errs->items[0]);
	if (playbook_text_unmask(given, req->svc->pb->text, &text, &errs->items[0]))
		errs->n = 1;
	return text;
}

/* The playbook text of the body, its masked passwords put back from the playbook in force; NULL
 * with the answer set (415 for a body that is not YAML text) or with errs->n > 0 (the line of a
 * NUL byte, or of a masked password it cannot put back). */
static char *body_text(struct http_req *req, struct http_resp *resp, struct pb_errors *errs)
{
	static const char *const types[] = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
					    "text/plain"};
	const char *type = http_header(req, "Content-Type"), *body = req->body ? req->body : "", *p;
	size_t i, n;
	int line;

	for (i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		if (strncasecmp(type, types[i], (n = strlen(types[i]))) == 0 && (!type[n] || type[n] == ';'))
			break;
	if (!type || i == sizeof(types) / sizeof(types[0])) {
		http_error(resp, 415, "unsupported_media_type", "send the playbook as application/yaml text",
			   "content-type");
		return NULL;
	}
	errs->n = 0;
	bt_error_clear(&errs->items[0]);
	if (strlen(body) != req->len) {
		for (line = 1, p = body; *p; p++)
			line += *p == '\n';
		bt_fail(&errs->items[errs->n++], BT_BAD_INPUT, "", line, "a NUL byte: the playbook is YAML text");
		return NULL;
	}
	return unmasked(req, body, errs);
}

/* Answers 422 with every error of errs: {"error": {...}, "errors": [{"line", "field",
 * "message"}]} (line null when the error has none). */
static int errors_answer(struct http_req *req, struct http_resp *resp, const struct pb_errors *errs)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < errs->n; i++) {
		const struct bt_error *e = &errs->items[i];

		json_array_append_new(arr, json_pack("{s:o, s:s, s:s}", "line",
						     e->line > 0 ? json_integer(e->line) : json_null(), "field",
						     e->field, "message", e->message));
	}
	return http_json(
		resp, 422,
		json_pack("{s:{s:s, s:s, s:s}, s:o}", "error", "code", "unprocessable", "message",
			  arena_printf(req->a, "the playbook has %d error%s", errs->n, errs->n == 1 ? "" : "s"),
			  "field", "playbook", "errors", arr));
}

/* Parses text; 1 when valid, else 0 with its errors in errs (the first alone when the parser
 * listed none). */
static int valid(const char *text, struct pb_errors *errs)
{
	struct bt_error first;
	struct playbook *pb;

	errs->n = 0;
	bt_error_clear(&first);
	pb = playbook_parse(text, strlen(text), "playbook", &first, errs);
	if (pb) {
		playbook_free(&pb);
		return 1;
	}
	if (!errs->n)
		errs->items[errs->n++] = first;
	return 0;
}

char *playbook_checked_text(struct http_req *req, struct http_resp *resp, const char *given)
{
	struct pb_errors *errs = arena_alloc(req->a, sizeof(*errs));
	char *text;

	if (need_manager(req, resp))
		return NULL;
	text = given ? unmasked(req, given, errs) : body_text(req, resp, errs);
	if (!text) {
		if (errs->n)
			errors_answer(req, resp, errs);
		return NULL;
	}
	if (!valid(text, errs)) {
		free(text);
		errors_answer(req, resp, errs);
		return NULL;
	}
	return text;
}

int playbook_check_post(struct http_req *req, struct http_resp *resp)
{
	char *text = playbook_checked_text(req, resp, NULL);

	if (!text)
		return resp->status;
	free(text);
	return http_json(resp, 200, json_pack("{s:b, s:[]}", "valid", 1, "errors"));
}

int playbook_put(struct http_req *req, struct http_resp *resp)
{
	const char *match = http_header(req, "If-Match");
	int64_t before = req->svc->pb_version, version = 0;
	struct bt_error err;
	char *text;
	int rc;

	if (need_manager(req, resp))
		return resp->status;
	if (match && strtoll(match + (*match == '"'), NULL, 10) != before)
		return http_error(resp, 409, "conflict",
				  arena_printf(req->a,
					       "the playbook is at version %lld now, not %s: reload it and edit again",
					       (long long)before, match),
				  "if-match");
	if (!(text = playbook_checked_text(req, resp, NULL)))
		return resp->status;
	bt_error_clear(&err);
	rc = service_playbook_apply_by(req->svc, text, "api", req->who.rep.name, &version, &err);
	free(text);
	if (rc)
		return http_fail(resp, &err);
	http_set_header(resp, "X-Playbook-Version", arena_printf(req->a, "%lld", (long long)version));
	return http_json(resp, 200,
			 json_pack("{s:I, s:I}", "version", (json_int_t)version, "previous", (json_int_t)before));
}

int playbook_yaml_get(struct http_req *req, struct http_resp *resp)
{
	char *text;

	if (need_manager(req, resp))
		return resp->status;
	text = playbook_text_mask(req->svc->pb->text);
	resp->status = 200;
	resp->type = "application/yaml; charset=utf-8";
	resp->body = text;
	resp->len = strlen(text);
	http_set_header(resp, "X-Playbook-Version", arena_printf(req->a, "%lld", (long long)req->svc->pb_version));
	return 200;
}
