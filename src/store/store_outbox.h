/* store_outbox.h - the delivery side of the outbox: the notifications that store_outbox_add()
 * queued (breaches, escalations, handoffs, unassigned leads) are read back when due, then
 * marked delivered or scheduled for another attempt by the webhook sender (service/webhook.c).
 * A row stays in the store until it is delivered, so nothing queued is lost by a restart. */
#ifndef BATON_STORE_OUTBOX_H
#define BATON_STORE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct arena;
struct store;

struct outbox_row {
	int64_t id;          /* the delivery id, sent as X-Baton-Delivery */
	int64_t at;          /* when the notification was queued (epoch seconds, UTC) */
	int64_t lead;        /* the lead it concerns, 0 if none */
	const char *kind;    /* notify, escalate, handoff, ... */
	const char *rep;     /* the recipient rep, NULL if none */
	const char *payload; /* JSON text, "{}" when empty */
	int attempts;        /* failed deliveries so far */
	int64_t next_at;     /* not to be tried before this instant */
};

/* Loads up to max undelivered rows whose next_at <= now, oldest (by at, then id) first, into
 * *rows (allocated with their strings in a); *n is how many. A sign-in link (kind sign_in) is
 * never among them: it goes to its rep's email alone. 0 or -BT_STORAGE. */
int store_outbox_due(struct store *s, struct arena *a, int64_t now, int max, struct outbox_row **rows, size_t *n,
		     struct bt_error *err);

/* Marks row id delivered at `at` (a row delivered before keeps its first time); -BT_NOT_FOUND
 * if there is no such row. */
int store_outbox_delivered(struct store *s, int64_t id, int64_t at, struct bt_error *err);

/* Records a failed delivery of row id: its new attempts count and when to try again;
 * -BT_NOT_FOUND if there is no undelivered row with that id (a delivered row is left as is). */
int store_outbox_retry(struct store *s, int64_t id, int attempts, int64_t next_at, struct bt_error *err);

/* Counts the undelivered rows, due or not, into *pending (for /metrics). */
int store_outbox_backlog(struct store *s, int64_t *pending, struct bt_error *err);

#endif
