/* notify.h - who is told what (SPEC 8.6), decided once: which kind of notification an outbox
 * row is, the channels the playbook's notify: section sends it by, whether its recipient can be
 * reached on each, who hears of an assignment, when an obligation's reminder is due, which reps
 * a kind may reach (for the server's warnings), and the words of every message — an email's
 * subject and plain text, a Slack line. Pure: the service loads the lead, the rep and the
 * obligation and records the rows (service/notify.c); io/mail.c writes the email itself. */
#ifndef BATON_NOTIFY_H
#define BATON_NOTIFY_H

#include <stdint.h>

#include "core/event.h"
#include "core/lead.h"
#include "core/playbook.h"
#include "core/rep.h"
#include "core/sla.h"

struct arena;

/* What the playbook does with one notification. */
struct notify_route {
	enum pb_notice kind; /* the kind its row's kind stands for */
	int on;              /* 1: the kind is on: its rows are written (sent, or kept as undeliverable) */
	unsigned via;        /* the channels it goes by (enum pb_channel bits); 0 with on: undeliverable */
};

/* The kind of notification an outbox row's kind stands for: "breach", "notify", "escalate" and
 * "flag" (a breach and what its rule's on_breach does) are PB_NOTICE_BREACH, the others their
 * own name. Returns 0 and *out, or -1 for a row kind of no kind. */
int notify_kind_of(const char *row_kind, enum pb_notice *out);

/* How the playbook sends a row of kind row_kind to rep `to` (NULL: nobody in particular):
 * notify.on's channels for its kind, the person channels (email, Slack) only for a recipient
 * and never for "flag" (the owner already hears of the breach itself). A notification for
 * nobody that no webhook carries is not written at all (on 0): a kind off, or a breach of a
 * waiting lead, whose managers are told by rows of their own. Fills *out; returns out->on. */
int notify_route(const struct playbook *pb, const char *row_kind, const char *to, struct notify_route *out);

/* Where channel ch reaches rep r: its email for email (NULL when it has none: undeliverable),
 * "" for Slack and the webhook (one address each, the playbook's). Borrowed from r. */
const char *notify_address(enum pb_channel ch, const struct rep *r);

/* The rep an assignment event tells (SPEC 8.6 assigned: the new owner): the owner of an
 * "assigned" or "reassigned" event, unless it assigned the lead to itself (a first touch that
 * claims an unassigned lead); else NULL. Borrowed from ev. */
const char *notify_assigned_to(const struct event *ev);

/* 1 if obligation ob, opened or given to its owner at `at`, gets a reminder under pb: the
 * reminder kind is on, ob is open, owned and asks something of its owner (not baton's own
 * recycle timer), and its reminder time (notify_reminder_at) is still ahead — one that is not
 * is said by the message that gave it (assigned, handoff); else 0. */
int notify_reminds(const struct playbook *pb, const struct obligation *ob, int64_t at);

/* When the reminder of ob is due: its due time minus notify.on.reminder.before_due. */
int64_t notify_reminder_at(const struct playbook *pb, const struct obligation *ob);

/* The roles a kind may reach (bit 1 << enum role): who should have an address for it. */
unsigned notify_roles(enum pb_notice kind);

/* ---------------------------------------------------------------- the words */

/* What one message says, loaded by the service from the row, its lead and its recipient. */
struct notify_msg {
	const char *kind;         /* the outbox row's kind */
	const char *to;           /* the recipient's name, NULL: nobody in particular */
	const char *zone;         /* the zone its times are written in (rep_zone), never NULL */
	const char *link_base;    /* notify.link_base, NULL: no link */
	const struct lead *lead;  /* the lead it concerns, NULL: none (absence, sign_in) */
	const char *owed;         /* what the recipient owes on it ("first touch"), NULL: nothing */
	int64_t due;              /* by when, 0: no time */
	const char *owner;        /* breach told to a manager: the rep who owed it */
	const char *by;           /* handoff: who handed off; absence: who is away; tune_out: the AE */
	const char *reason;       /* unassigned_lead: why; tune_out: the source */
	int64_t from, until;      /* absence: its start and end; sign_in: until = the link's expiry */
	int64_t count, kept;      /* absence: leads moved and kept; tune_out: rejections in a row */
	const char *url;          /* sign_in: the one-time link */
};

/* A message in words: the email's subject and plain-text body (lines ending in \n), and the
 * one Slack line (mrkdwn: & < > escaped; <@ID> when slack_id is not NULL). In the arena. */
struct notify_text {
	const char *subject;
	const char *body;
	const char *slack;
};

/* The lead's link, "{link_base}/#/leads/{id}"; NULL without a link base or a lead. In a. */
const char *notify_link(const char *link_base, const struct lead *l, struct arena *a);

/* Writes m in words into *out (strings in a); slack_id is the recipient's Slack member id. */
void notify_compose(const struct notify_msg *m, const char *slack_id, struct arena *a, struct notify_text *out);

#endif
