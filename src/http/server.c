/* server.c - the HTTP server on GNU libmicrohttpd (its own thread pool, epoll): the route,
 * body size and bearer token (or session cookie, and the Origin of a change it signs) checked
 * on the headers before any body is read, reading the body (with a cap), route dispatch, one
 * structured log line per request (a sign-in link's token never in it), request metrics, a
 * deadline on receiving a request (a reaper thread), a background ticker that runs the SLA
 * timers every second, a sender that delivers the outbox continuously (woken by every change
 * this server commits, else every DELIVER_POLL_MS), the live stream's hub (stream.c: woken after
 * every change answered), and a clean stop on SIGTERM. The top of src/http: it calls the
 * routes, the group commit and the hub, and nothing below calls it back. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/session.h"
#include "http/group_commit.h"
#include "http/http.h"
#include "http/server_priv.h"
#include "http/stream.h"
#include "service/deliver.h"
#include "service/notify.h"
#include "service/session.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "service/tick.h"

#define REQUEST_DEADLINE 20 /* seconds to receive a whole request, headers and body (issue 13.9) */
/* connections at once: STREAM_MAX live streams and the requests of as many clients besides */
#define CONNECTION_LIMIT (2 * STREAM_MAX)
/* the sender looks at the outbox at least this often (another server's commits, reminders
 * coming due); this server's own commits wake it at once */
#define DELIVER_POLL_MS 250

/* One open connection, for the deadline: MHD's own timeout is an idle one, which a client
 * that trickles a byte every few seconds never meets; the reaper thread shuts the socket of a
 * connection that has spent more than REQUEST_DEADLINE seconds receiving one request. */
struct conn_watch {
	struct conn_watch *prev, *next;
	int fd;
	double since;  /* monotonic seconds: connection start or last answer */
	int handling;  /* the request is complete and in its handler: not the client's time */
};

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void free_service(void *p)
{
	struct service *svc = p;

	service_close(svc);
	free(svc);
}

/* This thread's service (its own store connection), with the playbook in force. */
static struct service *thread_service(struct http_server *s, struct bt_error *err)
{
	struct service *svc = pthread_getspecific(s->svc_key);

	if (!svc) {
		svc = calloc(1, sizeof(*svc));
		/* 2 MB per request thread: HTTP_WORKERS of them */
		if (!svc || http_service_open(s, svc, 2048, err)) {
			free(svc);
			return NULL;
		}
		pthread_setspecific(s->svc_key, svc);
	} else if (service_refresh(svc, err)) {
		return NULL;
	}
	svc->now = http_now(s);
	return svc;
}

/* Matches path against pattern ("api/v1/leads/ * /events"); captures "*" segments. */
static int match(const char *pattern, const char *path, struct http_req *req, struct arena *a)
{
	const char *p = pattern, *q = path;
	int ncap = 0;

	while (*p == '/')
		p++;
	while (*q == '/')
		q++;
	for (;;) {
		const char *pe = strchr(p, '/'), *qe = strchr(q, '/');
		size_t pl = pe ? (size_t)(pe - p) : strlen(p), ql = qe ? (size_t)(qe - q) : strlen(q);

		if (pl == 1 && *p == '*') {
			if (ql == 0 || ncap == 2)
				return 0;
			req->params[ncap++] = arena_strndup(a, q, ql);
		} else if (pl != ql || strncmp(p, q, pl) != 0) {
			return 0;
		}
		if (!pe || !qe)
			return !pe && !qe;
		p = pe + 1;
		q = qe + 1;
	}
}

static void log_line(const struct http_req *req, int status, double ms)
{
	char at[CLOCK_RFC3339_LEN];
	json_t *j = json_pack("{s:s, s:s, s:s, s:i, s:f, s:s?}", "at", clock_format_rfc3339((int64_t)time(NULL), at),
			      "method", req->method, "path", req->path, "status", status, "ms", ms, "rep",
			      req->who.intake ? "(intake)" : req->who.rep.name);
	char *line = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));

	if (line) {
		fprintf(stderr, "%s\n", line);
		free(line);
	}
	json_decref(j);
}

/* The request's Origin when the playbook lists it in api.cors_origins, else NULL. */
static const char *allowed_origin(const struct http_req *req)
{
	const char *origin = http_header(req, "Origin");
	size_t i;

	if (!origin || !req->svc)
		return NULL;
	for (i = 0; i < req->svc->pb->api.cors_origins.n; i++)
		if (strcmp(req->svc->pb->api.cors_origins.items[i], origin) == 0)
			return origin;
	return NULL;
}

/* The body's announced length from Content-Length, or -1 when there is none (chunked, none). */
static long long content_length(const struct http_req *req)
{
	const char *v = http_header(req, "Content-Length");
	char *end;
	long long n;

	if (!v)
		return -1;
	errno = 0;
	n = strtoll(v, &end, 10);
	return errno || end == v || *end || n < 0 ? -1 : n;
}

/* A request signed in by its session cookie (it has no Authorization header): a state-changing
 * one must come from the server's own page (its Origin), else 403 before the session is even
 * looked up; then the session's rep becomes req->who as a token's would, and the cookie is set
 * again (req->cookie) when the session's last sight was written: its Max-Age counts from now.
 * 0 to go on, else the status answered (a 401 clears the cookie). */
static int admit_session(struct http_req *req, struct http_resp *resp, const char *session)
{
	struct bt_error err;
	int touched = 0;

	bt_error_clear(&err);
	if (session_state_changing(req->method) && !http_same_origin(req))
		return http_error(resp, 403, "forbidden",
				  "a request signed in by the session cookie that changes something must carry this "
				  "server's own Origin",
				  "origin");
	if (service_session_verify(req->svc, req->a, session, &req->who, &touched, &err)) {
		if (err.code == BT_STORAGE)
			return http_fail(resp, &err);
		resp->cookie = http_session_cookie(req, NULL);
		return http_error(resp, 401, "unauthorized", err.message, "session");
	}
	if (touched) /* answered with whatever the handler answers (dispatch) */
		req->cookie = http_session_cookie(req, session);
	return 0;
}

/* Checks what the headers alone decide: the route and its method, the announced body size and
 * the token. Returns 0 to go on (the body may be read), else the status of the answer set in
 * resp: nothing is read from an unauthenticated or oversized request (issue 13.5). */
static int admit(struct http_req *req, struct http_resp *resp)
{
	struct http_server *s = req->server;
	const char *secret = NULL;
	struct bt_error err;
	size_t i;
	int path_matched = 0;

	bt_error_clear(&err);
	req->admitted = 1;
	if (strcmp(req->method, "OPTIONS") == 0) {
		/* a browser's CORS preflight: answered for the playbook's web-form origins only */
		req->svc = thread_service(s, &err);
		resp->status = req->svc && allowed_origin(req) ? 204 : 403;
		resp->type = "text/plain";
		return resp->status;
	}
	req->route = -1;
	for (i = 0; i < http_nroutes; i++) {
		if (!match(http_routes[i].pattern, req->path, req, req->a))
			continue;
		if (http_routes[i].auth & ROUTE_SECRET_PATH)
			secret = http_routes[i].pattern;
		path_matched = 1;
		if (strcmp(http_routes[i].method, req->method) == 0)
			break;
	}
	if (secret) /* the log never holds a sign-in link's token: it shows the route instead */
		req->path = arena_printf(req->a, "/%s", secret);
	if (i == http_nroutes) {
		if (path_matched)
			return http_error(resp, 405, "method_not_allowed", "this route does not take that method", NULL);
		return http_error(resp, 404, "not_found", "no such route", NULL);
	}
	req->route = (int)i;
	if (req->too_big || content_length(req) > HTTP_MAX_BODY)
		return http_error(resp, 413, "payload_too_large", "the body is larger than 1 MiB", NULL);
	req->svc = thread_service(s, &err);
	if (!req->svc) {
		/* the store cannot be opened (moved, removed, the database down): the same 503 from
		 * every worker, the reason in the log only */
		fprintf(stderr, "baton: the store is unavailable: %s\n", err.message);
		return http_unavailable(resp);
	}
	if (http_routes[i].auth & ROUTE_AUTH) {
		const char *h = http_header(req, "Authorization");
		const char *session = h ? NULL : http_session_value(req);

		if (session)
			return admit_session(req, resp, session);
		if (!h || strncmp(h, "Bearer ", 7) != 0)
			return http_error(resp, 401, "unauthorized", "Authorization: Bearer TOKEN is required",
					  "authorization");
		if (service_token_verify(req->svc, req->a, h + 7, &req->who, &err)) {
			if (err.code == BT_STORAGE)
				return http_fail(resp, &err);
			return http_error(resp, 401, "unauthorized", err.message, "authorization");
		}
	}
	return 0;
}

/* Runs an admitted request, its body read, through its route's handler. */
static void dispatch(struct http_req *req, struct http_resp *resp)
{
	if (req->too_big) {
		http_error(resp, 413, "payload_too_large", "the body is larger than 1 MiB", NULL);
		return;
	}
	req->svc->now = http_now(req->server);
	http_routes[req->route].handler(req, resp);
	if (!resp->cookie)
		resp->cookie = req->cookie;
}

static enum MHD_Result respond(struct MHD_Connection *conn, struct http_req *req, struct http_resp *resp)
{
	/* a stream's body comes as it is made, a small buffer at a time (chunked) */
	struct MHD_Response *r =
		resp->reader ? MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, resp->reader, resp->reader_cls,
								 resp->reader_free)
			     : MHD_create_response_from_buffer(resp->len, resp->body ? resp->body : (char *)"",
							       resp->body && !resp->body_static ? MHD_RESPMEM_MUST_FREE
												: MHD_RESPMEM_PERSISTENT);
	const char *origin = allowed_origin(req);
	enum MHD_Result ret;

	if (!r) {
		if (resp->reader)
			resp->reader_free(resp->reader_cls);
		else if (!resp->body_static)
			free(resp->body);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", resp->type ? resp->type : "application/json");
	MHD_add_response_header(r, "Cache-Control", resp->cache ? resp->cache : "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (resp->etag)
		MHD_add_response_header(r, "ETag", resp->etag);
	if (resp->csp)
		MHD_add_response_header(r, "Content-Security-Policy", resp->csp);
	if (resp->location)
		MHD_add_response_header(r, "Location", resp->location);
	if (resp->cookie)
		MHD_add_response_header(r, "Set-Cookie", resp->cookie);
	for (size_t i = 0; i < HTTP_MORE_HEADERS && resp->more[i][0]; i++)
		MHD_add_response_header(r, resp->more[i][0], resp->more[i][1]);
	if (origin) {
		MHD_add_response_header(r, "Access-Control-Allow-Origin", origin);
		MHD_add_response_header(r, "Vary", "Origin");
		MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
		MHD_add_response_header(r, "Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
		MHD_add_response_header(r, "Access-Control-Max-Age", "600");
	}
	ret = MHD_queue_response(conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* ---------------------------------------------------------------- request deadline */

/* MHD_OPTION_NOTIFY_CONNECTION: keeps the list of open connections for the reaper. */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct http_server *s = cls;
	struct conn_watch *w = *socket_context;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);

		w = calloc(1, sizeof(*w));
		if (!w || !ci) {
			free(w);
			return;
		}
		w->fd = ci->connect_fd;
		w->since = mono();
		pthread_mutex_lock(&s->watch_mu);
		w->next = s->watch;
		if (s->watch)
			s->watch->prev = w;
		s->watch = w;
		pthread_mutex_unlock(&s->watch_mu);
		*socket_context = w;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && w) {
		pthread_mutex_lock(&s->watch_mu);
		if (w->prev)
			w->prev->next = w->next;
		else
			s->watch = w->next;
		if (w->next)
			w->next->prev = w->prev;
		pthread_mutex_unlock(&s->watch_mu);
		free(w);
		*socket_context = NULL;
	}
}

/* Marks conn's request as in its handler (1) or answered (0: its next request's clock starts). */
static void watch_mark(struct http_server *s, struct MHD_Connection *conn, int handling)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn_watch *w = ci ? ci->socket_context : NULL;

	if (!w)
		return;
	pthread_mutex_lock(&s->watch_mu);
	w->handling = handling;
	w->since = mono();
	pthread_mutex_unlock(&s->watch_mu);
}

/* Twice a second: shuts the socket of every connection past the deadline; MHD then sees the
 * connection end and closes it on its own thread. */
static void *reaper(void *arg)
{
	struct http_server *s = arg;

	while (!atomic_load(&s->stopping)) {
		struct conn_watch *w;
		double now = mono();

		pthread_mutex_lock(&s->watch_mu);
		for (w = s->watch; w; w = w->next)
			if (!w->handling && w->fd >= 0 && now - w->since > REQUEST_DEADLINE) {
				shutdown(w->fd, SHUT_RDWR);
				w->fd = -1; /* once */
			}
		pthread_mutex_unlock(&s->watch_mu);
		usleep(500000);
	}
	return NULL;
}

/* Wakes the sender: something may have been queued in the outbox. */
static void deliver_wake(struct http_server *s)
{
	pthread_mutex_lock(&s->deliver_mu);
	s->deliver_wake = 1;
	pthread_cond_signal(&s->deliver_cv);
	pthread_mutex_unlock(&s->deliver_mu);
}

/* Counts, logs and queues the answer of req; a change that succeeded wakes the sender and the
 * stream's hub. */
static enum MHD_Result finish(struct MHD_Connection *conn, struct http_req *req, struct http_resp *resp)
{
	double ms = (mono() - req->started) * 1000;

	http_metrics_count(req->route, resp->status, ms);
	log_line(req, resp->status, ms);
	/* a stream is answered, not receiving: it stays out of the reaper's count for good */
	watch_mark(req->server, conn, resp->reader != NULL);
	if (strcmp(req->method, "GET") != 0 && resp->status >= 200 && resp->status < 300) {
		deliver_wake(req->server);
		stream_hub_wake(req->server->hub);
	}
	return respond(conn, req, resp);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct http_server *s = cls;
	struct http_req *req = *con_cls;
	struct http_resp resp = {0};
	enum MHD_Result ret;

	if (!req) {
		req = calloc(1, sizeof(*req));
		if (!req)
			return MHD_NO;
		req->server = s;
		req->method = method;
		req->conn = conn;
		req->a = arena_new();
		req->path = arena_strdup(req->a, url);
		req->started = mono();
		*con_cls = req;
		if (admit(req, &resp) == 0)
			return MHD_YES; /* go on: read the body */
		req->answered = 1;  /* refused on the headers: answered now, the body never read */
		return finish(conn, req, &resp);
	}
	if (req->answered) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!req->too_big && req->len + *upload_size <= HTTP_MAX_BODY) {
			if (req->len + *upload_size + 1 > req->cap) {
				size_t cap = req->cap ? req->cap : 4096;
				char *nb;

				while (cap < req->len + *upload_size + 1)
					cap *= 2;
				nb = realloc(req->body, cap);
				if (!nb)
					return MHD_NO;
				req->body = nb;
				req->cap = cap;
			}
			memcpy(req->body + req->len, upload, *upload_size);
			req->len += *upload_size;
			req->body[req->len] = '\0';
		} else {
			req->too_big = 1;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	watch_mark(s, conn, 1);
	dispatch(req, &resp);
	if (!resp.reader)
		return finish(conn, req, &resp);
	/* a stream: answered for as long as it lasts, the request itself done with now (its
	 * arena and body are memory an open stream would hold for nothing) */
	ret = finish(conn, req, &resp);
	free(req->body);
	req->body = NULL;
	arena_free(&req->a);
	return ret;
}

int http_serve_one(struct http_server *s, const char *method, const char *path, const struct kvlist *headers,
		   const struct kvlist *query, const char *body, size_t len, struct http_resp *resp)
{
	struct http_req req = {0};

	memset(resp, 0, sizeof(*resp));
	req.server = s;
	req.method = method;
	req.headers = headers;
	req.query = query;
	req.a = arena_new();
	req.path = arena_strdup(req.a, path);
	req.route = -1;
	req.started = mono();
	if (len > HTTP_MAX_BODY) {
		req.too_big = 1;
	} else if (len) {
		req.body = malloc(len + 1);
		if (!req.body) {
			arena_free(&req.a);
			return http_error(resp, 500, "storage", "out of memory", NULL);
		}
		memcpy(req.body, body, len);
		req.body[len] = '\0';
		req.len = len;
		req.cap = len + 1;
	}
	if (admit(&req, resp) == 0)
		dispatch(&req, resp);
	free(req.body);
	arena_free(&req.a);
	return resp->status;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct http_req *req = *con_cls;

	if (!req)
		return;
	free(req->body);
	arena_free(&req->a);
	free(req);
	*con_cls = NULL;
}

/* Every second: the SLA timers due by now (their notifications wake the sender). */
static void *ticker(void *arg)
{
	struct http_server *s = arg;
	struct service svc;
	struct bt_error err;

	if (http_service_open(s, &svc, 8192, &err)) { /* 8 MB: the ticker reads little at a time */
		fprintf(stderr, "baton: ticker: %s\n", err.message);
		return NULL;
	}
	while (!atomic_load(&s->stopping)) {
		struct tick_report r;
		int i;

		bt_error_clear(&err);
		svc.now = http_now(s);
		if (service_refresh(&svc, &err) == 0 && service_tick(&svc, &r, &err) == 0) {
			if (r.n)
				deliver_wake(s);
			tick_report_release(&r);
		} else {
			fprintf(stderr, "baton: ticker: %s\n", err.message);
		}
		for (i = 0; i < 10 && !atomic_load(&s->stopping); i++)
			usleep(100000);
	}
	service_close(&svc);
	return NULL;
}

/* The sender's clock: the server's, or with a frozen one (--now, tests) that instant plus the
 * real seconds since the server started, so that a retry's backoff comes due. */
static int64_t deliver_now(const struct http_server *s, double started)
{
	return s->fixed_now ? s->fixed_now + (int64_t)(mono() - started) : http_now(s);
}

/* Says once what keeps notifications from anyone (notify_check), on stderr. */
static void say_notify_check(struct service *svc)
{
	struct arena *a = arena_new();
	struct bt_error err;
	const char **lines;
	size_t n = 0, i;

	if (notify_check(svc, a, &lines, &n, &err) == 0)
		for (i = 0; i < n; i++)
			fprintf(stderr, "baton: %s\n", lines[i]);
	else
		fprintf(stderr, "baton: notify: %s\n", err.message);
	arena_free(&a);
}

/* Waits until woken by a commit, DELIVER_POLL_MS pass, or the server stops. */
static void deliver_wait(struct http_server *s)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += DELIVER_POLL_MS * 1000000L;
	until.tv_sec += until.tv_nsec / 1000000000L;
	until.tv_nsec %= 1000000000L;
	pthread_mutex_lock(&s->deliver_mu);
	while (!s->deliver_wake && !atomic_load(&s->stopping) &&
	       pthread_cond_timedwait(&s->deliver_cv, &s->deliver_mu, &until) == 0)
		;
	s->deliver_wake = 0;
	pthread_mutex_unlock(&s->deliver_mu);
}

/* The outbox's sender (SPEC 8.6): every row due by the sender's clock, by its channel, within
 * about a second of its commit; a channel the playbook configures but this process cannot use
 * (an unset secret) was said at start and is not said again. */
static void *deliverer(void *arg)
{
	struct http_server *s = arg;
	double started = mono();
	char last[sizeof(((struct bt_error *)0)->message)] = "";
	struct service svc;
	struct bt_error err;

	if (http_service_open(s, &svc, 2048, &err)) {
		fprintf(stderr, "baton: notify: %s\n", err.message);
		return NULL;
	}
	say_notify_check(&svc);
	while (!atomic_load(&s->stopping)) {
		struct notify_stats st;

		bt_error_clear(&err);
		svc.now = deliver_now(s, started);
		if ((service_refresh(&svc, &err) || notify_drain(&svc, svc.now, 100, &s->stopping, &st, &err)) &&
		    err.code != BT_REFUSED && strcmp(last, err.message) != 0) {
			fprintf(stderr, "baton: notify: %s\n", err.message); /* once until it changes */
			snprintf(last, sizeof(last), "%s", err.message);
		}
		deliver_wait(s);
	}
	service_close(&svc);
	return NULL;
}

struct http_server *http_open_local(const char *db, int64_t fixed_now, struct bt_error *err)
{
	struct http_server *s = bt_calloc(sizeof(*s), err);

	if (!s)
		return NULL;
	s->db = strdup(db);
	s->fixed_now = fixed_now;
	pthread_mutex_init(&s->watch_mu, NULL);
	pthread_mutex_init(&s->deliver_mu, NULL);
	pthread_cond_init(&s->deliver_cv, NULL);
	pthread_key_create(&s->svc_key, free_service);
	s->commit = group_commit_start(s, err);
	if (!s->commit) {
		pthread_key_delete(s->svc_key);
		pthread_mutex_destroy(&s->watch_mu);
		pthread_mutex_destroy(&s->deliver_mu);
		pthread_cond_destroy(&s->deliver_cv);
		free(s->db);
		free(s);
		return NULL;
	}
	return s;
}

/* Lets the process open a file for each connection the server takes, and some to spare: the
 * soft limit on open files raised toward the hard one. */
static void raise_fd_limit(void)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)CONNECTION_LIMIT + 1024;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

struct http_server *http_start(const char *db, const char *addr, int64_t fixed_now, struct bt_error *err)
{
	struct http_server *s;
	struct sockaddr_in sa;
	const char *colon = strrchr(addr, ':');
	char host[64];
	long port;
	char *end;

	memset(&sa, 0, sizeof(sa));
	if (!colon || (size_t)(colon - addr) >= sizeof(host)) {
		bt_fail(err, BT_USAGE, "listen", 0, "--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080");
		return NULL;
	}
	snprintf(host, sizeof(host), "%.*s", (int)(colon - addr), addr);
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
		bt_fail(err, BT_USAGE, "listen", 0, "--listen must be an IPv4 ADDRESS:PORT, got '%s'", addr);
		return NULL;
	}
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	s = http_open_local(db, fixed_now, err);
	if (!s)
		return NULL;
	if (asprintf(&s->url, "http://%s", addr) < 0)
		s->url = NULL;
	raise_fd_limit();
	s->hub = stream_hub_start(s, err);
	if (!s->hub) {
		http_stop(&s);
		return NULL;
	}
	/* suspend and resume: a live stream with nothing to send waits without a thread */
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
					MHD_USE_ERROR_LOG,
				0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned)HTTP_WORKERS, MHD_OPTION_CONNECTION_LIMIT,
				(unsigned)CONNECTION_LIMIT,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
				(size_t)(64 * 1024), MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_END);
	if (!s->d) {
		bt_fail(err, BT_STORAGE, "listen", 0, "cannot listen on %s: %s", addr, strerror(errno));
		http_stop(&s);
		return NULL;
	}
	pthread_create(&s->ticker, NULL, ticker, s);
	pthread_create(&s->reaper, NULL, reaper, s);
	pthread_create(&s->deliverer, NULL, deliverer, s);
	return s;
}

void http_run_until_signal(struct http_server *s)
{
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigwait(&set, &sig);
	(void)s;
}

void http_stop(struct http_server **sp)
{
	struct http_server *s = sp ? *sp : NULL;
	struct service *svc;

	if (!s)
		return;
	atomic_store(&s->stopping, 1);
	stream_hub_close(s->hub); /* the streams end: libmicrohttpd stops with none suspended */
	if (s->d)
		deliver_wake(s); /* the sender stops waiting */
	if (s->d)
		MHD_stop_daemon(s->d); /* finishes the requests in flight */
	stream_hub_free(&s->hub);
	group_commit_stop(&s->commit);
	if (s->d) {
		pthread_join(s->ticker, NULL);
		pthread_join(s->reaper, NULL);
		pthread_join(s->deliverer, NULL);
	}
	svc = pthread_getspecific(s->svc_key); /* the calling thread's, after http_serve_one */
	if (svc)
		free_service(svc);
	pthread_key_delete(s->svc_key);
	pthread_mutex_destroy(&s->watch_mu);
	pthread_mutex_destroy(&s->deliver_mu);
	pthread_cond_destroy(&s->deliver_cv);
	free(s->db);
	free(s->url);
	free(s);
	*sp = NULL;
}
