/* http.h - baton serve: the HTTP adapter over the use cases (src/service). A request is read
 * whole (bodies up to 1 MiB), authenticated by its bearer token or its session cookie,
 * dispatched through one table of routes whose handlers return the status, and answered with
 * JSON; each worker thread has its own connection to the store. Its files call one way:
 * server.c (the server and the dispatch) above routes.c (with routes_dash.c, routes_web.c and
 * routes_session.c) above group_commit.c, and all of them above request.c (what a handler
 * reads: headers, query arguments, the server's clock and store), cookie.c (the session
 * cookie, the link base, the Origin), reply.c (the answers it sets) and metrics.c. */
#ifndef BATON_HTTP_H
#define BATON_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "service/token.h"
#include "util/strbuf.h"

#define HTTP_MAX_BODY (1024 * 1024)
/* request threads: an intake request waits in one for its group commit. A plain number:
 * `baton serve --help` prints it. */
#define HTTP_WORKERS 32
#define HTTP_MORE_HEADERS 4 /* headers a handler may add to its answer */

struct http_server;
struct kvlist;

struct http_req {
	struct http_server *server; /* the server it came to (borrowed) */
	const char *method;
	const char *path;         /* without the query string */
	void *conn;               /* the libmicrohttpd connection (for headers and query arguments) */
	const struct kvlist *headers, *query; /* instead of conn, in http_serve_one; may be NULL */
	char *body;               /* NUL-terminated, malloc'd */
	size_t len, cap;
	int too_big;              /* the body passed HTTP_MAX_BODY */
	int admitted;             /* route, size and token checked on the headers (issue 13.5) */
	int answered;             /* refused on the headers: the body is never read */
	struct arena *a;          /* freed when the request ends */
	struct service *svc;      /* this thread's service, its clock set for this request */
	struct principal who;     /* the token's principal (after authentication) */
	const char *cookie;       /* the Set-Cookie admission decided (a session's, set again), in a, or NULL */
	const char *params[2];    /* path parameters captured by the route ("{id}", "{name}") */
	int route;                /* index in the route table, -1 if none (metrics) */
	double started;           /* monotonic seconds */
};

struct http_resp {
	int status;
	const char *type;         /* content type, static */
	char *body;               /* malloc'd, or static when body_static */
	size_t len;
	int body_static;          /* 1: body is static (an embedded asset), not freed */
	const char *cache;        /* Cache-Control, static; NULL: "no-store" */
	const char *etag;         /* ETag, static, or NULL */
	const char *csp;          /* Content-Security-Policy, static, or NULL */
	const char *location;     /* Location (a redirect), static or in the request's arena, or NULL */
	const char *cookie;       /* Set-Cookie, static or in the request's arena, or NULL */
	/* more headers (X-Total-Count, Content-Disposition): {name, value}, both static or in the
	 * request's arena; the first NULL name ends them (http_set_header) */
	const char *more[HTTP_MORE_HEADERS][2];
	/* a body sent as it comes (a stream): libmicrohttpd's content reader, its argument, and
	 * what frees that argument when the response goes; NULL: the body above */
	ssize_t (*reader)(void *cls, uint64_t pos, char *buf, size_t max);
	void *reader_cls;
	void (*reader_free)(void *cls);
};

/* Starts the server on addr ("127.0.0.1:8080") over the store at db; fixed_now > 0 freezes
 * the clock (tests). Returns the server (stop with http_stop) or NULL with *err. */
struct http_server *http_start(const char *db, const char *addr, int64_t fixed_now, struct bt_error *err);

/* Waits for SIGTERM or SIGINT, then finishes the requests in flight and stops. */
void http_run_until_signal(struct http_server *s);

/* Stops the server (requests in flight finish first) and frees it. */
void http_stop(struct http_server **s);

/* The server's clock: its fixed instant (tests' --now), else the wall clock. */
int64_t http_now(const struct http_server *s);

/* Opens *svc on the server's store with the server's clock and a page cache of cache_kb: each
 * thread of the server (request workers, the ticker, the group commit's writer) has its own
 * connection. 0, or service_open's negative code with *err filled; close with service_close. */
int http_service_open(struct http_server *s, struct service *svc, int cache_kb, struct bt_error *err);

/* A server without a socket or a ticker, for running requests in process (fuzz/fuzz_http.c):
 * the store at db, the clock fixed_now. Returns it (stop with http_stop) or NULL with *err. */
struct http_server *http_open_local(const char *db, int64_t fixed_now, struct bt_error *err);

/* Runs one request through authentication and the route table as a socket's request goes
 * (no log line); headers match without case, query arguments exactly. Fills *resp (the
 * caller frees its body unless body_static) and returns the status. */
int http_serve_one(struct http_server *s, const char *method, const char *path, const struct kvlist *headers,
		   const struct kvlist *query, const char *body, size_t len, struct http_resp *resp);

/* Sets resp to JSON value v (stolen) with status. */
int http_json(struct http_resp *resp, int status, json_t *v);

/* Sets resp to the error body {"error": {"code", "message", "field"}} for status. */
int http_error(struct http_resp *resp, int status, const char *code, const char *message, const char *field);

/* Adds header name: value to the answer (both borrowed: static, or in the request's arena);
 * past HTTP_MORE_HEADERS it is dropped. */
void http_set_header(struct http_resp *resp, const char *name, const char *value);

/* 403 for an intake token (it may only create leads), answered in resp; 0 for a rep's token. */
int http_need_rep(const struct http_req *req, struct http_resp *resp);

/* Sets resp from a failed use case's error (bt_code -> HTTP status). */
int http_fail(struct http_resp *resp, const struct bt_error *err);

/* Sets the 503 answer of a server whose store is gone or down: {"status": "unavailable",
 * "error": {"code": "unavailable", "message"}} (no path, no SQL); returns 503. */
int http_unavailable(struct http_resp *resp);

/* The value of request header `name`, or NULL. */
const char *http_header(const struct http_req *req, const char *name);

/* The value of query argument `name`, or NULL. */
const char *http_query(const struct http_req *req, const char *name);

/* The session cookie at the edge (cookie.c, SPEC 8.7). The base of the links the server sends:
 * the playbook's notify.link_base when set, else the server's own URL from its --listen
 * address (never the request's Host); "" for a server without a socket. Static or borrowed. */
const char *http_link_base(const struct http_req *req);

/* 1 if the request came over TLS as far as the cookie is concerned (X-Forwarded-Proto: https
 * from the proxy, or a link base under https://), else 0. */
int http_secure(const struct http_req *req);

/* 1 if the request's Origin is the server's own (the link base's, or its Host's), else 0. */
int http_same_origin(const struct http_req *req);

/* The value of the request's session cookie (in req->a), or NULL when it has none. */
const char *http_session_value(const struct http_req *req);

/* The Set-Cookie text (in req->a) that sets the session cookie to value, or clears it when
 * value is NULL, Secure when the request came over TLS. */
const char *http_session_cookie(const struct http_req *req, const char *value);

/* The route table's size and the handler dispatch (routes.c). */
struct http_route {
	const char *method;
	const char *pattern; /* segments, "*" captures one */
	int (*handler)(struct http_req *req, struct http_resp *resp);
	int auth;            /* ROUTE_AUTH: a valid token or session cookie is required */
	const char *name;    /* for metrics and logs */
};
#define ROUTE_AUTH 1        /* route.auth: a token (or a session cookie) is required */
#define ROUTE_SECRET_PATH 2 /* route.auth: the path carries a secret: the log shows the pattern */
extern const struct http_route http_routes[];
extern const size_t http_nroutes;

/* The group-commit writer for intake of the server req came to (borrowed). */
struct group_commit *http_group_commit(const struct http_req *req);

/* Counts an answered request (metrics.c): its route (an index in the route table, -1 if
 * none), its status and how long it took in milliseconds. */
void http_metrics_count(int route, int status, double ms);

/* Prometheus text for /metrics (metrics.c): the request counters and latencies of this
 * process, appended to sb, each route named from routes[0..nroutes) (http_routes). */
void http_metrics_requests(struct strbuf *sb, const struct http_route *routes, size_t nroutes);

#endif
