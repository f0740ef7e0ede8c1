/* routes_session.c - sign-in by emailed link (SPEC 8.7, docs/api.md "Sessions"): asking for a
 * link answers 202 with the same body, in about the same time, whether or not the address is a
 * rep's (nobody learns who has an account); opening the link sets the session cookie and
 * redirects to the dashboard, or to its sign-in page when the link is used or expired; signing
 * out ends the session and clears the cookie. A request the cookie signs in is admitted by
 * server.c (admit_session). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/session.h"
#include "http/routes_session.h"
#include "service/session.h"
#include "util/arena.h"

/* every answer to a request for a link takes at least this long (seconds), so that the time
 * of one that writes a link (a commit) and of one that does not look alike */
#define LINK_ANSWER_FLOOR 0.25

#define LINK_ANSWER "If that address belongs to a rep, a sign-in link is on its way: it works once, within 15 minutes."

/* The "email" string of the JSON body {"email"}, or NULL with the error answered. */
static const char *body_email(struct http_req *req, struct http_resp *resp)
{
	const char *type = http_header(req, "Content-Type");
	json_t *o, *v;
	const char *email = NULL;

	if (!type || strncmp(type, "application/json", 16) != 0) {
		http_error(resp, 415, "unsupported_media_type", "send the body as application/json", "content-type");
		return NULL;
	}
	o = json_loadb(req->body ? req->body : "", req->len, JSON_REJECT_DUPLICATES, NULL);
	v = json_object_get(o, "email");
	if (!json_is_object(o))
		http_error(resp, 400, "bad_request", "the body must be a JSON object {\"email\": ADDRESS}", "body");
	else if (json_object_size(o) != 1 || !json_is_string(v))
		http_error(resp, 422, "unprocessable", "the body is {\"email\": ADDRESS} and nothing else", "email");
	else
		email = arena_strdup(req->a, json_string_value(v));
	json_decref(o);
	return email;
}

/* Waits until the request is LINK_ANSWER_FLOOR seconds old (a request over a socket: in
 * process, http_serve_one, nobody times it). */
static void answer_floor(const struct http_req *req)
{
	struct timespec now, left;
	double wait;

	if (!req->conn)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	wait = req->started + LINK_ANSWER_FLOOR - ((double)now.tv_sec + (double)now.tv_nsec / 1e9);
	if (wait <= 0)
		return;
	left.tv_sec = (time_t)wait;
	left.tv_nsec = (long)((wait - (double)left.tv_sec) * 1e9);
	while (nanosleep(&left, &left) != 0)
		;
}

int session_link_post(struct http_req *req, struct http_resp *resp)
{
	const char *email = body_email(req, resp), *rep = NULL;
	enum link_outcome outcome = LINK_NOBODY;
	struct bt_error err;

	if (!email)
		return resp->status;
	bt_error_clear(&err);
	if (service_session_link(req->svc, req->a, email, http_link_base(req), &outcome, &rep, &err))
		return http_fail(resp, &err);
	if (outcome == LINK_THROTTLED) /* the log names the rep, never the address or a link */
		fprintf(stderr, "baton: sign-in: %s was sent %d links in 15 minutes: no other until one expires\n", rep,
			SESSION_LINK_MAX);
	answer_floor(req);
	return http_json(resp, 202, json_pack("{s:s}", "message", LINK_ANSWER));
}

/* Sets a short plain-text answer: status, Location, body (static). */
static int redirect(struct http_resp *resp, const char *location, const char *text)
{
	resp->status = 303;
	resp->type = "text/plain; charset=utf-8";
	resp->location = location;
	resp->body = (char *)text;
	resp->body_static = 1;
	resp->len = strlen(text);
	return 303;
}

int session_link_get(struct http_req *req, struct http_resp *resp)
{
	char value[TOKEN_SECRET_LEN];
	struct bt_error err;
	int rc;

	bt_error_clear(&err);
	rc = service_session_open(req->svc, req->params[0], value, &err);
	if (rc == -BT_NOT_FOUND || rc == -BT_REFUSED)
		return redirect(resp, "/#/signin/expired",
				"This sign-in link was used or has expired: ask for a new one on the sign-in page.\n");
	if (rc)
		return http_fail(resp, &err);
	resp->cookie = http_session_cookie(req, value);
	sodium_memzero(value, sizeof(value));
	return redirect(resp, "/", "Signed in.\n");
}

int session_logout(struct http_req *req, struct http_resp *resp)
{
	const char *session = http_session_value(req);
	struct bt_error err;

	bt_error_clear(&err);
	if (session && !http_same_origin(req))
		return http_error(resp, 403, "forbidden",
				  "signing out by the session cookie must carry this server's own Origin", "origin");
	if (session && service_session_close(req->svc, session, &err))
		return http_fail(resp, &err);
	resp->status = 204;
	resp->cookie = http_session_cookie(req, NULL);
	return 204;
}
