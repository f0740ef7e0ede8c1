/* store_outbox.h - the outbox (SPEC 8.6): one row per (notification, channel), written by
 * service/notify.c in the transaction that caused it, then claimed, sent and recorded by the
 * senders (service/deliver.c). A row stays in the store after it is sent, skipped or found
 * undeliverable, so nothing queued is lost by a restart and every delivery is on record.
 * Two clocks: next_at and delivered_at are baton's (the clock of the command, frozen by
 * --now); a claim runs on the wall clock, so that two servers on one PostgreSQL store never
 * send one row twice and a crashed sender's claim runs out. */
#ifndef BATON_STORE_OUTBOX_H
#define BATON_STORE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct arena;
struct store;

/* What became of a row. */
enum outbox_status {
	OUTBOX_PENDING,       /* to send when next_at comes */
	OUTBOX_SENT,          /* delivered (delivered_at) */
	OUTBOX_SKIPPED,       /* not sent: moot when it came due (a reminder of work already done) */
	OUTBOX_UNDELIVERABLE, /* no channel or no address: kept, counted, never sent */
	OUTBOX_STATUS_COUNT
};

struct outbox_row {
	int64_t id;             /* the delivery id, sent as X-Baton-Delivery */
	int64_t at;             /* when the notification was queued (epoch seconds, UTC) */
	int64_t lead;           /* the lead it concerns, 0 if none */
	const char *kind;       /* assigned, reminder, breach, notify, escalate, flag, handoff, ... */
	const char *rep;        /* the recipient rep, NULL if none */
	const char *payload;    /* JSON text, "{}" when empty */
	int attempts;           /* failed deliveries so far */
	int64_t next_at;        /* not to be tried before this instant */
	int channel;            /* enum pb_channel, -1: none (undeliverable: on by no channel) */
	const char *address;    /* email: the recipient's address; NULL for Slack and the webhook */
	enum outbox_status status;
	const char *last_error; /* why the last attempt failed, or why it cannot go; NULL if none */
};

/* Queues row r (its id and attempts are ignored; status pending, or undeliverable with
 * last_error saying why, counted by kind for store_outbox_undeliverable) inside the caller's
 * transaction; sets *id (may be NULL). 0 or -BT_STORAGE. */
int store_outbox_add(struct store *s, const struct outbox_row *r, int64_t *id, struct bt_error *err);

/* Sets *any to 1 if a pending row of `channel` is due by `now` and unclaimed at wall-clock
 * time `wall`, else 0: a read without a transaction, so that an idle sender takes no lock. */
int store_outbox_any_due(struct store *s, int channel, int64_t now, int64_t wall, int *any, struct bt_error *err);

/* Claims up to max pending rows of `channel` due by `now` and unclaimed at `wall`, oldest (by
 * at, then id) first, for claimer `me` until wall-clock time `until`; inside the caller's
 * write transaction (on PostgreSQL rows another server is claiming are skipped). The rows
 * claimed go into *rows (with their strings, in a); *n is how many. 0 or -BT_STORAGE. */
int store_outbox_claim(struct store *s, struct arena *a, int channel, int64_t now, int64_t wall, int64_t until,
		       const char *me, int max, struct outbox_row **rows, size_t *n, struct bt_error *err);

/* Loads up to max pending rows of every channel due by now, claimed or not, oldest first
 * (what `notify drain --list` would send). 0 or -BT_STORAGE. */
int store_outbox_due(struct store *s, struct arena *a, int64_t now, int max, struct outbox_row **rows, size_t *n,
		     struct bt_error *err);

/* Marks row id sent at `at` (a row sent before keeps its first time), its claim let go, its
 * payload replaced by `payload` when not NULL (a sign-in link blanked once it left);
 * -BT_NOT_FOUND if there is no such row. */
int store_outbox_delivered(struct store *s, int64_t id, int64_t at, const char *payload, struct bt_error *err);

/* Marks pending row id skipped (why), its claim let go; -BT_NOT_FOUND if there is no pending
 * row with that id. */
int store_outbox_skipped(struct store *s, int64_t id, const char *why, struct bt_error *err);

/* Records a failed delivery of row id: its new attempts count, when to try again and why it
 * failed (NULL: unknown), its claim let go; -BT_NOT_FOUND if there is no pending row with
 * that id (a delivered row is left as is). */
int store_outbox_retry(struct store *s, int64_t id, int attempts, int64_t next_at, const char *why,
		       struct bt_error *err);

/* Lets the claim of pending row id go, untried (a drain that stopped before it). */
int store_outbox_release(struct store *s, int64_t id, struct bt_error *err);

/* Counts the pending rows, due or not, into *pending (for /metrics). */
int store_outbox_backlog(struct store *s, int64_t *pending, struct bt_error *err);

/* Calls fn(ctx, kind, n) for each row kind with undeliverable rows, n of them as counted when
 * they were written (for /metrics: every server on one store reads the same). 0 or
 * -BT_STORAGE. */
int store_outbox_undeliverable(struct store *s, void (*fn)(void *ctx, const char *kind, int64_t n), void *ctx,
			       struct bt_error *err);

/* Calls fn(ctx, kind, n) for each row kind queued at a time in [from, to), n rows of it (one
 * per channel, whatever became of them), in the order of the kinds' names: the notifications
 * a history sent (a replay's, SPEC 8.10). 0 or -BT_STORAGE. */
int store_outbox_kinds(struct store *s, int64_t from, int64_t to, void (*fn)(void *ctx, const char *kind, int64_t n),
		       void *ctx, struct bt_error *err);

/* The status's name ("undeliverable"); static string. */
const char *outbox_status_name(enum outbox_status st);

#endif
