/* deliver.h - the outbox delivered (SPEC 8.6): every pending row due by the clock, channel by
 * channel — email through SMTP (smtp.c), Slack and the signed webhook over HTTP (webhook.c) —
 * each row claimed first in a short transaction of its own (so two servers on one store never
 * send it twice), its message written from the row, its lead and its recipient (core/notify.c,
 * io/mail.c), and each attempt's outcome recorded in its own transaction: sent, skipped (a
 * reminder whose obligation is no longer open and its recipient's), or tried again after
 * webhook_retry_delay(). `baton serve` drains continuously; `baton notify drain` once. */
#ifndef BATON_DELIVER_H
#define BATON_DELIVER_H

#include <stdatomic.h>
#include <stdint.h>

#include "util/error.h"

struct service;

#define DELIVER_BUDGET_MS 10000 /* one drain stops starting deliveries after this long */
#define DELIVER_CLAIM_SECONDS 60 /* how long a claimed row is a sender's (the wall clock) */

struct notify_stats {
	int sent;             /* rows delivered by this drain */
	int skipped;          /* reminders found moot */
	int failed;           /* rows whose attempt failed and that were scheduled again */
	int pending;          /* pending rows left in the outbox afterwards, due or not */
	char last_error[256]; /* why the last failed attempt failed ("HTTP 500 ..."), "" if none */
};

/* Sends every pending row due by `now` (baton's clock; at most max per channel, oldest first)
 * by its channel, each outcome committed in its own transaction; fills *st. A failed delivery
 * is not an error, a failed store write is (-BT_STORAGE, the drain stops there). A channel
 * stops early, leaving the rest due, after a delivery fails (its receiver is down or stuck:
 * it is tried again on the next drain). The drain stops after DELIVER_BUDGET_MS and as soon
 * as *stop (may be NULL) becomes non-zero — a delivery in flight is then abandoned and its row
 * left due, unrecorded (a server's SIGTERM). A channel the playbook configures that cannot
 * send from this process (notify_channel_ready: a secret's environment variable unset) sends
 * nothing, its rows untouched, and the drain then returns -BT_REFUSED saying why, after
 * the other channels' deliveries. */
int notify_drain(struct service *svc, int64_t now, int max, const atomic_int *stop, struct notify_stats *st,
		 struct bt_error *err);

#endif
