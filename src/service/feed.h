/* feed.h - the live dashboard's feed (SPEC 8.7): what was committed since the last look, read
 * back from the store, so that every server on one database hears what any of them (or the
 * command line, or the ticker) recorded. It follows the events table by id (util/idgaps.h:
 * on PostgreSQL ids commit out of order, and a late one is delivered once when it appears),
 * loads what core/stream.h needs to say whom each event concerns (its lead's holders now, the
 * managers of every rep named) and finds the obligations coming due soon, each once. One feed
 * per server, polled by one thread (the hub, http/stream.c) on its own store connection. */
#ifndef BATON_SVC_FEED_H
#define BATON_SVC_FEED_H

#include "core/stream.h"
#include "service/service.h"

/* Events read from the store at most per query (one poll may make a few). */
#define FEED_BATCH 500
/* Seconds a skipped id is waited for before it is taken for rolled back. */
#define FEED_GAP_TTL 10.0

/* One line's worth of news, with what was loaded for it; valid during the callback only. Or,
 * when `token`, `session` or `rep` is set, no line: a change to who may listen (a token
 * revoked, a session signed out, a rep's settings changed, active or not), so the streams
 * opened with it end and their clients come back through a new request's checks. */
struct feed_item {
	int64_t id;                  /* the event's id; 0 for an obligation due soon */
	const struct event *ev;      /* the event, NULL for an obligation due soon */
	const struct obligation *ob; /* the obligation coming due, NULL for an event */
	struct stream_fact fact;     /* what it is and whom it concerns (stream_concerns) */
	int64_t token;               /* a token revoked (its id), else 0 */
	int64_t session;             /* a session signed out (its id), else 0 */
	const char *rep;             /* a rep whose settings changed, else NULL */
};

/* Called for each item; a non-zero return stops the walk and is returned. */
typedef int (*feed_fn)(void *ctx, const struct feed_item *it);

struct feed;

/* Starts a feed on svc's store after its newest event. Returns it (free with feed_free) or
 * NULL with *err. */
struct feed *feed_open(struct service *svc, struct bt_error *err);

/* Frees the feed and clears *f; NULL-safe. */
void feed_free(struct feed **f);

/* The newest event id the feed has passed. */
int64_t feed_last(const struct feed *f);

/* Reads what was committed since the last poll: the ids skipped before that appeared since,
 * then the new ones (at most FEED_BATCH), each once, calling fn for each event about a lead
 * and each change to who may listen;
 * `now` is a monotonic clock in seconds (the age of the skipped ids). With facts 0 (nobody
 * listens) it only moves past them, reading their ids alone. Returns how many new events it
 * read (FEED_BATCH: there may be more, poll again at once), or negative with *err. */
int feed_poll(struct feed *f, struct service *svc, double now, int facts, feed_fn fn, void *ctx, struct bt_error *err);

/* Calls fn for each event about a lead with an id above `after` that the feed has passed (not
 * one it still waits for: those come live), at most limit of them. *cut is 1 when there were
 * more (the reader missed too much to replay: it should reload). `now` as for feed_poll. 0 or
 * negative with *err. */
int feed_replay(struct feed *f, struct service *svc, double now, int64_t after, size_t limit, feed_fn fn, void *ctx,
		int *cut, struct bt_error *err);

/* Calls fn for each open obligation coming due within stream_due_window(svc->pb) of svc->now that it
 * has not announced yet (some per call: a long list takes a few calls); `now` as for
 * feed_poll. 0 or negative with *err. */
int feed_due(struct feed *f, struct service *svc, double now, feed_fn fn, void *ctx, struct bt_error *err);

#endif
