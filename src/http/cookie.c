/* cookie.c - the session cookie at the edge (SPEC 8.7, http.h): its value in the request's
 * Cookie header, whether the request came over TLS, the base of the links the server sends
 * and whether a request's Origin is the server's own, and the Set-Cookie text of an answer.
 * The rules are core/session.c's; this file reads the request and the server for them. Below
 * the routes and the server, beside request.c. */
#include "core/session.h"
#include "http/http.h"
#include "http/server_priv.h"
#include "util/arena.h"

const char *http_link_base(const struct http_req *req)
{
	/* the playbook's notify.link_base first, when set; else the address the server listens on */
	if (req->svc && req->svc->pb->notify.link_base)
		return req->svc->pb->notify.link_base;
	return req->server && req->server->url ? req->server->url : "";
}

int http_secure(const struct http_req *req)
{
	return session_secure(http_header(req, "X-Forwarded-Proto"), http_link_base(req));
}

int http_same_origin(const struct http_req *req)
{
	return session_origin_ok(http_header(req, "Origin"), http_link_base(req), http_header(req, "Host"),
				 http_secure(req));
}

const char *http_session_value(const struct http_req *req)
{
	char buf[SESSION_VALUE_MAX + 1];
	const char *v = session_cookie_find(http_header(req, "Cookie"), buf);

	return v ? arena_strdup(req->a, v) : NULL;
}

const char *http_session_cookie(const struct http_req *req, const char *value)
{
	char buf[SESSION_COOKIE_MAX];
	const char *c = session_cookie(buf, value, http_secure(req));

	return c ? arena_strdup(req->a, c) : NULL;
}
