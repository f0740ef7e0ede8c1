/* stream.h - GET /api/v1/stream (docs/api.md, SPEC 8.7): Server-Sent Events of what concerns
 * the signed-in rep, within a second of the commit. One hub per server: a thread that polls
 * the store's feed (service/feed.h: every server on one database hears what any of them
 * committed), asks core/stream.h whom each fact concerns and appends its line to the queues of
 * those reps' open streams. A stream is a libmicrohttpd callback response whose reader sends
 * what is queued and, with nothing to send, suspends its connection until the hub resumes it:
 * an open stream holds no thread and costs a few kB. Below the routes and the server, which
 * start, wake and stop the hub; above request.c and reply.c. */
#ifndef BATON_HTTP_STREAM_H
#define BATON_HTTP_STREAM_H

#include "http/http.h"

/* Streams open at once at most (a server of 1,000 reps with a tab or two each). */
#define STREAM_MAX 4000

struct stream_hub;

/* Starts server s's hub (its thread opens its own store connection, and keeps trying while
 * the store is down). Returns it (close with stream_hub_close, then free with stream_hub_free)
 * or NULL with *err. */
struct stream_hub *stream_hub_start(struct http_server *s, struct bt_error *err);

/* Tells the hub something was just committed in this process: it looks at once rather than at
 * its next poll. NULL-safe, cheap, callable from any thread. */
void stream_hub_wake(struct stream_hub *h);

/* Ends every stream (each sends what it has, then closes), refuses new ones and stops the
 * thread: before MHD_stop_daemon, which must find no suspended connection. NULL-safe. */
void stream_hub_close(struct stream_hub *h);

/* Frees the hub (after MHD_stop_daemon: the last streams' readers use it) and clears *h. */
void stream_hub_free(struct stream_hub **h);

/* The route GET /api/v1/stream: 200 text/event-stream for a rep's token (Last-Event-ID: the
 * events after that id first), 403 for an intake token, 503 when no hub runs (in process) or
 * STREAM_MAX are open. */
int stream_get(struct http_req *req, struct http_resp *resp);

#endif
