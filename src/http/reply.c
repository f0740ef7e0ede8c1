/* reply.c - the answers a handler sets (http.h): a JSON body, the error body, a failed use
 * case's error mapped to its HTTP status, the 503 of a store that is unavailable, the 403 of an
 * intake token where a rep's is needed, and the headers a handler adds. Below the
 * routes, the group commit and the server, which all answer through it. */
#include <string.h>

#include "http/http.h"

int http_json(struct http_resp *resp, int status, json_t *v)
{
	resp->status = status;
	resp->type = "application/json";
	resp->body = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
	resp->len = resp->body ? strlen(resp->body) : 0;
	json_decref(v);
	return status;
}

int http_error(struct http_resp *resp, int status, const char *code, const char *message, const char *field)
{
	json_t *e = json_pack("{s:s, s:s}", "code", code, "message", message);

	if (field && field[0])
		json_object_set_new(e, "field", json_string(field));
	return http_json(resp, status, json_pack("{s:o}", "error", e));
}

void http_set_header(struct http_resp *resp, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < HTTP_MORE_HEADERS; i++)
		if (!resp->more[i][0]) {
			resp->more[i][0] = name;
			resp->more[i][1] = value;
			return;
		}
}

int http_need_rep(const struct http_req *req, struct http_resp *resp)
{
	if (req->who.intake)
		return http_error(resp, 403, "forbidden", "an intake token may only create leads", "authorization");
	return 0;
}

int http_unavailable(struct http_resp *resp)
{
	return http_json(resp, 503,
			 json_pack("{s:s, s:{s:s, s:s}}", "status", "unavailable", "error", "code", "unavailable",
				   "message", "the store is unavailable"));
}

int http_fail(struct http_resp *resp, const struct bt_error *err)
{
	static const struct {
		int status;
		const char *code;
	} map[] = {
		[BT_OK] = {500, "storage"},
		[BT_USAGE] = {400, "bad_request"},
		[BT_BAD_INPUT] = {422, "unprocessable"},
		[BT_NOT_FOUND] = {404, "not_found"},
		[BT_REFUSED] = {409, "conflict"},
		[BT_STORAGE] = {500, "storage"},
		[BT_DENIED] = {403, "forbidden"},
	};
	unsigned c = (unsigned)err->code < sizeof(map) / sizeof(map[0]) ? (unsigned)err->code : BT_STORAGE;

	return http_error(resp, map[c].status, map[c].code, err->message, err->field);
}
