/* notify.h - every notification written to the outbox (SPEC 8.6), in the transaction of the
 * change that caused it, by one function: notify_add() reads the playbook's notify: section
 * (core/notify.c decides the channels) and the recipient's contact details, and writes one
 * row per channel — pending, or undeliverable when the kind is on but no channel carries it or
 * the rep has no address for one (kept and counted in /metrics, never silently dropped). A
 * kind left out of on: writes nothing. The recorders call it (record.c: assignments,
 * reminders, tune-outs, unassigned leads; tick.c: breaches; act.c: handoffs; absence_start.c:
 * absences); the senders (deliver.c) ask it whether a channel can send from this process, and
 * the server what to say once at start (notify_check). */
#ifndef BATON_SVC_NOTIFY_H
#define BATON_SVC_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/lead.h"
#include "core/playbook.h"
#include "core/sla.h"
#include "util/error.h"

struct arena;
struct service;

/* One notification, as its recorder says it. */
struct notice {
	const char *kind;    /* the row kind: assigned, reminder, breach, notify, escalate, flag, handoff, ... */
	const char *to;      /* the rep told, NULL: nobody in particular (the webhook only) */
	int64_t lead;        /* the lead it concerns, 0: none */
	const char *payload; /* JSON text (the webhook's "payload"), NULL: "{}" */
	int64_t at;          /* when it happened (baton's clock) */
	int64_t send_at;     /* not to be sent before (a reminder's time), 0: at once */
};

/* Writes notice n to the outbox inside the caller's open work: nothing for a kind the
 * playbook leaves out, else one row per channel (undeliverable rows saying why). 0 or
 * -BT_STORAGE. */
int notify_add(struct service *svc, const struct notice *n, struct bt_error *err);

/* The assignment that event ev of lead l records, told to its new owner (notify_assigned_to),
 * when assigned is on. 0 or -BT_STORAGE. */
int notify_assigned(struct service *svc, const struct lead *l, const struct event *ev, struct bt_error *err);

/* The reminder of obligation ob (stored: it has its id), opened or given to its owner at
 * `at`, when notify_reminds() says it gets one: a row due at notify_reminder_at(), which the
 * sender skips if ob is no longer open and its owner's by then. 0 or -BT_STORAGE. */
int notify_reminder(struct service *svc, const struct obligation *ob, int64_t at, struct bt_error *err);

/* The payload of a row of `kind` once sent or found undeliverable: a sign-in's with its link
 * blanked (malloc'd, the caller frees it), NULL for every other kind (kept as it is). */
char *notify_scrub(const char *kind, const char *payload);

/* Whether channel ch can send from this process: configured by the playbook, and its
 * environment variables set (the webhook's secret, Slack's URL, the SMTP password when
 * password_env names one). 1 with *secret (that secret, URL or password, NULL if none is
 * needed); 0 with *why saying what is missing (in a), NULL when the playbook does not
 * configure the channel at all. */
int notify_channel_ready(const struct playbook *pb, enum pb_channel ch, const char **secret, const char **why,
			 struct arena *a);

/* What the server says once at start about notifications that cannot reach anyone: a kind on
 * with no channel, the reps a kind's email cannot reach (no address), a channel whose
 * environment variable is unset, and the undeliverable rows so far. *lines (in a, each
 * without "baton: " or a newline) and *n. 0 or -BT_STORAGE. */
int notify_check(struct service *svc, struct arena *a, const char ***lines, size_t *n, struct bt_error *err);

#endif
