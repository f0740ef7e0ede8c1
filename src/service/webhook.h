/* webhook.h - delivers the outbox to the playbook's escalation.webhook: each due row is POSTed
 * as JSON, signed with HMAC-SHA256 of the exact body bytes (X-Baton-Signature), and marked
 * delivered on a 2xx answer or scheduled again with exponential backoff otherwise. Delivery
 * is at least once: a receiver dedupes on X-Baton-Delivery. See docs/api.md "Webhooks". */
#ifndef BATON_WEBHOOK_H
#define BATON_WEBHOOK_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct service;

#define WEBHOOK_RETRY_FIRST 30   /* seconds before the first retry; doubles with each attempt */
#define WEBHOOK_RETRY_MAX 3600   /* the longest wait between two attempts, in seconds */

struct webhook_stats {
	int sent;             /* rows delivered by this drain (answered 2xx) */
	int failed;           /* rows whose attempt failed and that were scheduled again */
	int pending;          /* undelivered rows left in the outbox afterwards, due or not */
	char last_error[256]; /* why the last failed attempt failed ("HTTP 500 ..."), "" if none */
};

#define WEBHOOK_DRAIN_BUDGET_MS 10000 /* one drain stops starting deliveries after this long */

/* Sends every outbox row due by `now` (at most max, oldest first) to the playbook's webhook,
 * each row's outcome committed in its own transaction; fills *st. Does nothing and returns 0
 * when the playbook has no webhook. -BT_REFUSED (nothing sent) when the secret's environment
 * variable is not named, unset or empty; a failed delivery is not an error, a failed store
 * write is (-BT_STORAGE, the drain stops there). The drain stops early, leaving the rest due,
 * after a delivery fails (the receiver is down or stuck: it is tried again on the next drain),
 * after WEBHOOK_DRAIN_BUDGET_MS, and as soon as *stop (may be NULL) becomes non-zero — a
 * delivery in flight is then abandoned and its row left due, unrecorded (a server's SIGTERM). */
int webhook_drain(struct service *svc, int64_t now, int max, const atomic_int *stop, struct webhook_stats *st,
		  struct bt_error *err);

/* Returns "sha256=<64 lowercase hex digits>", the HMAC-SHA256 of body[0..len) keyed with the
 * whole secret (any length); malloc'd, the caller frees it; NULL if out of memory. */
char *webhook_sign(const char *secret, const void *body, size_t len);

/* Seconds to wait after the failed attempt that follows `attempts` earlier failures:
 * min(WEBHOOK_RETRY_FIRST * 2^attempts, WEBHOOK_RETRY_MAX). */
int64_t webhook_retry_delay(int attempts);

/* Releases libcurl's global state (set up once by the first drain); call at most once, at
 * exit, when no other thread uses libcurl. Optional: only leak checkers notice. */
void webhook_global_cleanup(void);

#endif
