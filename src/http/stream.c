/* stream.c - the live dashboard's stream and its hub; see stream.h. Each open stream is a
 * subscriber: its rep, its queue of bytes to send and whether its connection is suspended.
 * Locking: one mutex (the hub's) guards the lists and every subscriber's queue and flags. A
 * reader that finds nothing to send suspends its connection with the mutex held, so the hub
 * never sees it suspended before it is; the hub resumes connections after letting the mutex
 * go (a suspended connection is neither processed nor closed by libmicrohttpd, so its
 * subscriber cannot go away meanwhile), and only the hub's thread resumes. */
#include "http/stream.h"

#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "http/server_priv.h"
#include "service/feed.h"
#include "util/strbuf.h"

#define STREAM_POLL_MS 200     /* the feed is read at least this often */
#define STREAM_KEEPALIVE 15.0  /* seconds between ": keepalive" comments */
#define STREAM_DUE_EVERY 1.0   /* seconds between scans for obligations coming due */
#define STREAM_REPLAY_MAX 1000 /* events read back for a Last-Event-ID at most */
/* bytes waiting for a reader at most: past it the stream is closed, and its client comes back
 * with its Last-Event-ID */
#define STREAM_QUEUE_MAX (256 * 1024)
#define STREAM_IDLE_TIMEOUT 60 /* seconds a client may take to read what it is sent */

enum sub_list { SUB_NONE, SUB_PENDING, SUB_ACTIVE };

/* One open stream. */
struct sub {
	/* in the hub's list `list` */
	struct sub *prev, *next;
	struct stream_hub *hub;
	struct MHD_Connection *conn;
	/* the rep (its name owned), and the token or the session it came with (0: none) */
	struct rep me;
	int64_t token;
	int64_t session;
	/* Last-Event-ID, -1 none */
	int64_t resume;
	/* the id last written to it (an SSE id only goes up) */
	int64_t last_id;
	/* bytes queued, and how many of them were handed to libmicrohttpd */
	struct strbuf out;
	size_t sent;
	enum sub_list list;
	/* the response's reference, and the hub's while it replays */
	int refs;
	/* its reader suspended the connection: the hub resumes it */
	int suspended;
	/* end after what is queued */
	int closing;
	/* libmicrohttpd freed the response */
	int gone;
	/* something was queued since the last resume */
	int dirty;
};

struct stream_hub {
	struct http_server *server;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	pthread_t thread;
	int woken;
	atomic_int stopping;
	/* the streams by enum sub_list: [SUB_PENDING] new, [SUB_ACTIVE] adopted */
	struct sub *lists[3];
	/* streams open (read without the lock by stream_hub_wake) */
	atomic_size_t nsubs;
	/* the hub thread's own: the connections to resume, the line being fanned out, the last
	 * error logged (said once) */
	struct sub **resume;
	size_t nresume, capresume;
	struct strbuf line;
	char *failed;
};

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- subscribers (under mu) */

static void sub_link(struct stream_hub *h, struct sub *sub, enum sub_list list)
{
	sub->list = list;
	sub->prev = NULL;
	sub->next = h->lists[list];
	if (sub->next)
		sub->next->prev = sub;
	h->lists[list] = sub;
}

static void sub_unlink(struct stream_hub *h, struct sub *sub)
{
	if (sub->list == SUB_NONE)
		return;
	if (sub->prev)
		sub->prev->next = sub->next;
	else
		h->lists[sub->list] = sub->next;
	if (sub->next)
		sub->next->prev = sub->prev;
	sub->prev = sub->next = NULL;
	sub->list = SUB_NONE;
}

/* Drops one reference; the last frees the subscriber. */
static void sub_unref(struct sub *sub)
{
	if (--sub->refs > 0)
		return;
	strbuf_release(&sub->out);
	free((char *)sub->me.name);
	free(sub);
}

/* Queues text for sub (its SSE id first when id > 0); a reader too far behind is cut off. */
static void sub_queue(struct sub *sub, int64_t id, const char *text, size_t len)
{
	if (sub->closing)
		return;
	if (sub->out.len - sub->sent + len > STREAM_QUEUE_MAX) {
		strbuf_release(&sub->out);
		sub->sent = 0;
		sub->closing = 1;
		sub->dirty = 1;
		return;
	}
	if (id > 0) {
		if (id > sub->last_id)
			sub->last_id = id;
		strbuf_addstr(&sub->out, "id: ");
		strbuf_addint(&sub->out, sub->last_id);
		strbuf_addch(&sub->out, '\n');
	}
	strbuf_add(&sub->out, text, len);
	sub->dirty = 1;
}

/* Notes the connections of the subscribers given something to send that sit suspended (the
 * caller resumes them after unlocking: resume_noted). */
static void note_resumes(struct stream_hub *h, struct sub *list)
{
	struct sub *sub;

	for (sub = list; sub; sub = sub->next) {
		if (!sub->dirty)
			continue;
		sub->dirty = 0;
		if (!sub->suspended)
			continue;
		if (h->nresume == h->capresume) {
			size_t cap = h->capresume ? h->capresume * 2 : 64;
			struct sub **nr = realloc(h->resume, cap * sizeof(*nr));

			if (!nr)
				return; /* it stays suspended until the next keepalive */
			h->resume = nr;
			h->capresume = cap;
		}
		sub->suspended = 0;
		h->resume[h->nresume++] = sub;
	}
}

/* Resumes the connections noted, out of the lock. */
static void resume_noted(struct stream_hub *h)
{
	size_t i;

	for (i = 0; i < h->nresume; i++)
		MHD_resume_connection(h->resume[i]->conn);
	h->nresume = 0;
}

/* ---------------------------------------------------------------- libmicrohttpd's side */

/* The response's reader: what is queued, the end when closing, else suspends the connection
 * (returning 0 without suspending would make libmicrohttpd call again at once). */
static ssize_t sub_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sub *sub = cls;
	struct stream_hub *h = sub->hub;
	ssize_t n = 0;

	pthread_mutex_lock(&h->mu);
	if (sub->out.len > sub->sent) {
		size_t k = sub->out.len - sub->sent < max ? sub->out.len - sub->sent : max;

		memcpy(buf, sub->out.buf + sub->sent, k);
		sub->sent += k;
		n = (ssize_t)k;
		if (sub->sent == sub->out.len) {
			/* all sent: a queue that grew for a burst gives its memory back */
			if (sub->out.cap > 4096)
				strbuf_release(&sub->out);
			else
				strbuf_reset(&sub->out);
			sub->sent = 0;
		}
	} else if (sub->closing) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		sub->suspended = 1;
		MHD_suspend_connection(sub->conn);
	}
	pthread_mutex_unlock(&h->mu);
	return n;
}

/* The response is gone (the stream ended, the client left): the subscriber goes. */
static void sub_free(void *cls)
{
	struct sub *sub = cls;
	struct stream_hub *h = sub->hub;

	pthread_mutex_lock(&h->mu);
	sub_unlink(h, sub);
	sub->gone = 1;
	h->nsubs--;
	sub_unref(sub);
	pthread_mutex_unlock(&h->mu);
}

/* ---------------------------------------------------------------- the lines */

/* The SSE data line of item it: {"id", "type", "lead", ...} (a name it lacks left out) and a
 * blank line. */
static void line_of(const struct feed_item *it, struct strbuf *sb)
{
	char at[CLOCK_RFC3339_LEN];
	json_t *j;
	char *text;

	if (it->ev)
		j = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s*, s:s*, s:s*, s:s*}", "id", (json_int_t)it->id, "type",
			      stream_type_name(it->fact.type), "lead", (json_int_t)it->fact.lead, "event",
			      event_type_name(it->ev->type), "at", clock_format_rfc3339(it->ev->at, at), "owner",
			      it->fact.named[NAMED_OWNER], "previous_owner", it->fact.named[NAMED_PREVIOUS], "ae",
			      it->fact.named[NAMED_AE], "actor", it->ev->actor);
	else
		j = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s}", "type", stream_type_name(it->fact.type), "lead",
			      (json_int_t)it->fact.lead, "obligation", (json_int_t)it->ob->id, "rule",
			      ob_rule_name(it->ob->rule), "owner", it->ob->owner, "due",
			      clock_format_rfc3339(it->ob->due, at));
	text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	strbuf_reset(sb);
	strbuf_addstr(sb, "data: ");
	strbuf_addstr(sb, text ? text : "{}");
	strbuf_addstr(sb, "\n\n");
	free(text);
}

/* A fan-out: to every open stream it concerns (to = NULL), or to one (a replay). */
struct fan {
	struct stream_hub *h;
	struct sub *to;
};

/* A token revoked, a session signed out, a rep's settings changed: its streams end (what is
 * queued goes first), and their clients come back through admit()'s checks, which a revoked
 * token, a signed-out session or an inactive rep no longer passes. */
static void end_streams(struct stream_hub *h, const struct feed_item *it)
{
	struct sub *sub;

	pthread_mutex_lock(&h->mu);
	for (sub = h->lists[SUB_ACTIVE]; sub; sub = sub->next)
		if ((it->token && sub->token == it->token) || (it->session && sub->session == it->session) ||
		    (it->rep && strcmp(sub->me.name, it->rep) == 0)) {
			sub->closing = 1;
			sub->dirty = 1;
		}
	pthread_mutex_unlock(&h->mu);
}

static int fan_out(void *ctx, const struct feed_item *it)
{
	struct fan *fan = ctx;
	struct stream_hub *h = fan->h;
	struct sub *sub;

	if (it->token || it->session || it->rep) {
		end_streams(h, it);
		return 0;
	}
	line_of(it, &h->line);
	pthread_mutex_lock(&h->mu);
	for (sub = fan->to ? fan->to : h->lists[SUB_ACTIVE]; sub; sub = fan->to ? NULL : sub->next)
		if (!sub->gone && stream_concerns(&it->fact, &sub->me))
			sub_queue(sub, it->id, h->line.buf, h->line.len);
	pthread_mutex_unlock(&h->mu);
	return 0;
}

/* ---------------------------------------------------------------- the hub's thread */

/* Logs a failure of the hub once (until it changes or things work again: msg NULL). */
static void hub_log(struct stream_hub *h, const char *msg)
{
	if (msg && (!h->failed || strcmp(h->failed, msg) != 0))
		fprintf(stderr, "baton: stream: %s\n", msg);
	free(h->failed);
	h->failed = msg ? strdup(msg) : NULL;
}

/* Takes in the streams that came since the last round: the retry delay, what they missed
 * after their Last-Event-ID, then they hear what comes. */
static void adopt(struct stream_hub *h, struct feed *feed, struct service *svc, double now)
{
	static const char hello[] = "retry: 2000\n: connected\n\n";
	struct sub *batch, *sub, *next;
	struct bt_error err;

	pthread_mutex_lock(&h->mu);
	batch = h->lists[SUB_PENDING];
	h->lists[SUB_PENDING] = NULL;
	for (sub = batch; sub; sub = sub->next) {
		sub->list = SUB_NONE; /* in the hub's hands: refs keeps it */
		sub->refs++;
		sub_queue(sub, 0, hello, sizeof(hello) - 1);
	}
	pthread_mutex_unlock(&h->mu);
	for (sub = batch; sub; sub = next) {
		struct fan fan = {h, sub};
		int cut = 0;

		next = sub->next;
		bt_error_clear(&err);
		if (sub->resume >= 0 && feed &&
		    feed_replay(feed, svc, now, sub->resume, STREAM_REPLAY_MAX, fan_out, &fan, &cut, &err))
			hub_log(h, err.message);
		pthread_mutex_lock(&h->mu);
		if (cut || (sub->resume >= 0 && !feed)) {
			/* too much missed to replay: the client reloads what it shows, and goes on from here */
			static const char resync[] = "data: {\"type\":\"resync\"}\n\n";

			sub_queue(sub, feed ? feed_last(feed) : 0, resync, sizeof(resync) - 1);
		}
		if (!sub->gone)
			sub_link(h, sub, SUB_ACTIVE);
		sub_unref(sub);
		pthread_mutex_unlock(&h->mu);
	}
}

/* Appends a keepalive comment to every stream: proxies keep it open, and a client that left
 * is found when the write fails (a suspended connection notices nothing). */
static void keepalive(struct stream_hub *h)
{
	static const char ka[] = ": keepalive\n\n";
	struct sub *sub;

	pthread_mutex_lock(&h->mu);
	for (sub = h->lists[SUB_ACTIVE]; sub; sub = sub->next)
		sub_queue(sub, 0, ka, sizeof(ka) - 1);
	pthread_mutex_unlock(&h->mu);
}

/* One round: new streams, the feed until it is read up, the obligations coming due, the
 * keepalives; then the connections with something to send are resumed. */
static void round_once(struct stream_hub *h, struct service *svc, struct feed **feed, double now, double *next_due,
		       double *next_ka)
{
	struct fan fan = {h, NULL};
	struct bt_error err;
	int n, listening;

	bt_error_clear(&err);
	svc->now = http_now(h->server);
	if (!*feed && !(*feed = feed_open(svc, &err)))
		hub_log(h, err.message);
	adopt(h, *feed, svc, now);
	pthread_mutex_lock(&h->mu);
	listening = h->lists[SUB_ACTIVE] != NULL;
	pthread_mutex_unlock(&h->mu);
	if (*feed) {
		do
			n = feed_poll(*feed, svc, now, listening, fan_out, &fan, &err);
		while (n == FEED_BATCH && !h->stopping);
		if (n >= 0 && listening && now >= *next_due) {
			/* the playbook in force: its reminder's before_due is how soon "due soon" is */
			n = service_refresh(svc, &err);
			if (n == 0)
				n = feed_due(*feed, svc, now, fan_out, &fan, &err);
			*next_due = now + STREAM_DUE_EVERY;
		}
		hub_log(h, n < 0 ? err.message : NULL);
	}
	if (now >= *next_ka) {
		keepalive(h);
		*next_ka = now + STREAM_KEEPALIVE;
	}
	pthread_mutex_lock(&h->mu);
	note_resumes(h, h->lists[SUB_ACTIVE]);
	pthread_mutex_unlock(&h->mu);
	resume_noted(h);
}

/* Ends every stream: what is queued goes, then the end. */
static void close_all(struct stream_hub *h)
{
	int l;

	pthread_mutex_lock(&h->mu);
	for (l = SUB_PENDING; l <= SUB_ACTIVE; l++) {
		struct sub *sub;

		for (sub = h->lists[l]; sub; sub = sub->next) {
			sub->closing = 1;
			sub->dirty = 1;
		}
		note_resumes(h, h->lists[l]);
	}
	pthread_mutex_unlock(&h->mu);
	resume_noted(h);
}

static void *hub_main(void *arg)
{
	struct stream_hub *h = arg;
	struct service svc;
	struct feed *feed = NULL;
	struct bt_error err;
	double next_due = 0, next_ka = mono() + STREAM_KEEPALIVE;
	int open = 0;

	pthread_mutex_lock(&h->mu);
	while (!h->stopping) {
		if (!h->woken) {
			struct timespec until;

			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += STREAM_POLL_MS * 1000000L;
			until.tv_sec += until.tv_nsec / 1000000000L;
			until.tv_nsec %= 1000000000L;
			pthread_cond_timedwait(&h->wake, &h->mu, &until);
		}
		h->woken = 0;
		if (h->stopping)
			break;
		pthread_mutex_unlock(&h->mu);
		bt_error_clear(&err);
		if (!open && !(open = http_service_open(h->server, &svc, 2048, &err) == 0))
			hub_log(h, err.message);
		if (open)
			round_once(h, &svc, &feed, mono(), &next_due, &next_ka);
		pthread_mutex_lock(&h->mu);
	}
	pthread_mutex_unlock(&h->mu);
	close_all(h);
	feed_free(&feed);
	if (open)
		service_close(&svc);
	return NULL;
}

/* ---------------------------------------------------------------- the hub's life */

struct stream_hub *stream_hub_start(struct http_server *s, struct bt_error *err)
{
	struct stream_hub *h = bt_calloc(sizeof(*h), err);

	if (!h)
		return NULL;
	h->server = s;
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->wake, NULL);
	strbuf_init(&h->line);
	if (pthread_create(&h->thread, NULL, hub_main, h)) {
		bt_fail(err, BT_STORAGE, "stream", 0, "cannot start the stream hub: %s", strerror(errno));
		stream_hub_free(&h);
		return NULL;
	}
	return h;
}

void stream_hub_wake(struct stream_hub *h)
{
	if (!h || atomic_load(&h->nsubs) == 0)
		return; /* nobody listens: the next poll moves past it */
	pthread_mutex_lock(&h->mu);
	h->woken = 1;
	pthread_cond_signal(&h->wake);
	pthread_mutex_unlock(&h->mu);
}

void stream_hub_close(struct stream_hub *h)
{
	if (!h)
		return;
	pthread_mutex_lock(&h->mu);
	if (h->stopping) {
		pthread_mutex_unlock(&h->mu);
		return;
	}
	h->stopping = 1;
	pthread_cond_signal(&h->wake);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->thread, NULL);
}

void stream_hub_free(struct stream_hub **hp)
{
	struct stream_hub *h = hp ? *hp : NULL;

	if (!h)
		return;
	pthread_cond_destroy(&h->wake);
	pthread_mutex_destroy(&h->mu);
	strbuf_release(&h->line);
	free(h->resume);
	free(h->failed);
	free(h);
	*hp = NULL;
}

/* ---------------------------------------------------------------- the route */

int stream_get(struct http_req *req, struct http_resp *resp)
{
	struct stream_hub *h = req->server->hub;
	const char *last = http_header(req, "Last-Event-ID");
	long long resume = -1;
	struct sub *sub;

	if (req->who.intake)
		return http_error(resp, 403, "forbidden", "an intake token may only create leads", "authorization");
	if (last && *last) {
		char *end;

		errno = 0;
		resume = strtoll(last, &end, 10);
		if (errno || *end || resume < 0)
			return http_error(resp, 400, "bad_request", "Last-Event-ID must be an event id",
					  "last-event-id");
	}
	if (!h || !req->conn)
		return http_error(resp, 503, "unavailable", "the live stream runs in baton serve only", NULL);
	sub = calloc(1, sizeof(*sub));
	if (sub)
		sub->me.name = strdup(req->who.rep.name);
	if (!sub || !sub->me.name) {
		free(sub);
		return http_error(resp, 500, "storage", "out of memory", NULL);
	}
	sub->hub = h;
	sub->conn = req->conn;
	sub->me.role = req->who.rep.role;
	sub->token = req->who.token;
	sub->session = req->who.session;
	sub->resume = resume;
	sub->refs = 1;
	strbuf_init(&sub->out);
	pthread_mutex_lock(&h->mu);
	if (h->stopping || h->nsubs >= STREAM_MAX) {
		pthread_mutex_unlock(&h->mu);
		free((char *)sub->me.name);
		free(sub);
		return http_error(resp, 503, "unavailable", "too many open streams: try again later", NULL);
	}
	sub_link(h, sub, SUB_PENDING);
	h->nsubs++;
	h->woken = 1;
	pthread_cond_signal(&h->wake);
	pthread_mutex_unlock(&h->mu);
	/* a client that reads nothing of what it is sent for this long is gone (a suspended
	 * connection does not time out: the keepalives resume it) */
	MHD_set_connection_option(req->conn, MHD_CONNECTION_OPTION_TIMEOUT, (unsigned)STREAM_IDLE_TIMEOUT);
	resp->status = 200;
	resp->type = "text/event-stream";
	resp->reader = sub_read;
	resp->reader_cls = sub;
	resp->reader_free = sub_free;
	return 200;
}
