/* webhook.h - the outbox's two HTTP channels (SPEC 8.6): the signed webhook (notify.channels.
 * webhook, or the old escalation.webhook), whose body is the row as JSON signed with
 * HMAC-SHA256 of the exact body bytes (X-Baton-Signature), and the Slack-compatible incoming
 * webhook, a POST of {"text": ...}. Either is delivered on a 2xx answer; deliver.c retries
 * anything else with exponential backoff (webhook_retry_delay). Delivery is at least once: a
 * receiver dedupes on X-Baton-Delivery. See docs/api.md "Webhooks". */
#ifndef BATON_WEBHOOK_H
#define BATON_WEBHOOK_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>

#include "service/outbound.h"

struct arena;
struct outbox_row;

#define WEBHOOK_RETRY_FIRST 30 /* seconds before the first retry; doubles with each attempt */
#define WEBHOOK_RETRY_MAX 3600 /* the longest wait between two attempts, in seconds */

/* Returns "sha256=<64 lowercase hex digits>", the HMAC-SHA256 of body[0..len) keyed with the
 * whole secret (any length); malloc'd, the caller frees it; NULL if out of memory. */
char *webhook_sign(const char *secret, const void *body, size_t len);

/* Seconds to wait after the failed attempt that follows `attempts` earlier failures, on every
 * channel: min(WEBHOOK_RETRY_FIRST * 2^attempts, WEBHOOK_RETRY_MAX). */
int64_t webhook_retry_delay(int attempts);

/* The body the signed webhook sends for row r, compact JSON text (malloc'd, the caller frees
 * it): {"id", "kind", "at", "lead", "rep", "payload"}. NULL if out of memory. */
char *webhook_body(const struct outbox_row *r);

/* A handle that POSTs to url (http or https), 5 s in all, the answer discarded (outbound_easy);
 * NULL if libcurl fails. */
CURL *webhook_easy(const char *url, char *errbuf, const atomic_int *stop);

/* POSTs row r once to the signed webhook at url on handle c (webhook_easy). OUTBOUND_SENT on
 * a 2xx answer, OUTBOUND_FAILED (*why in a), OUTBOUND_STOPPED, or OUTBOUND_NOMEM. */
enum outbound_result webhook_post_row(CURL *c, const char *url, const char *secret, const struct outbox_row *r,
				      char *errbuf, struct arena *a, const char **why);

/* POSTs {"text": text} once to a Slack-compatible incoming webhook on handle c (webhook_easy
 * for its URL, which is secret: messages say "Slack"). As webhook_post_row. */
enum outbound_result webhook_post_slack(CURL *c, const char *text, char *errbuf, struct arena *a, const char **why);

#endif
