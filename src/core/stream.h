/* stream.h - what the live dashboard tells each signed-in rep (GET /api/v1/stream, SPEC 8.7):
 * which facts concern it, and as what. A fact is an event appended to a lead's history, or an
 * obligation coming due soon. It concerns the reps it names (the new owner, the previous one,
 * the AE a handoff went to, the rep who acted, the manager told of a breach, the rep who owes
 * the obligation) and the managers of those reps, and everyone who may see its lead now
 * (core/visibility.h). Pure: the caller loads the lead's holders and the managers. */
#ifndef BATON_STREAM_H
#define BATON_STREAM_H

#include <stdint.h>

#include "core/event.h"
#include "core/lead.h"
#include "core/playbook.h"
#include "core/rep.h"
#include "core/sla.h"
#include "core/visibility.h"

/* How long before an obligation's due time the stream says it is due soon (seconds), unless
 * the playbook's reminder says otherwise (stream_due_window). */
#define STREAM_DUE_WINDOW (15 * 60)

/* What a line of the stream says happened, as the rep it concerns reads it. */
enum stream_type {
	STREAM_ASSIGNED,     /* a lead got its owner (routing, a claim, a manager's hand) */
	STREAM_REASSIGNED,   /* a lead moved from one owner to another */
	STREAM_UNASSIGNED,   /* a lead left its owner for nobody (back to the pool) */
	STREAM_HANDOFF,      /* a lead was handed off to an AE */
	STREAM_BREACH,       /* an obligation on the lead was breached */
	STREAM_DUE_SOON,     /* an obligation comes due within stream_due_window() */
	STREAM_LEAD_CHANGED, /* anything else that happened to a lead */
	STREAM_TYPE_COUNT
};

/* The type's name as the stream writes it ("due_soon"); static string, "?" if none. */
const char *stream_type_name(enum stream_type t);

/* The reps a fact names, besides whoever holds its lead now. */
enum stream_named {
	NAMED_OWNER,     /* the owner it gives the lead (its "owner"), or the rep who owes */
	NAMED_PREVIOUS,  /* the owner it takes the lead from ("previous_owner") */
	NAMED_AE,        /* the AE a handoff goes to ("ae") */
	NAMED_ACTOR,     /* the rep who acted (the caller clears it when the actor is no rep) */
	NAMED_RECIPIENT, /* the manager told ("recipient" of a notify or an escalate) */
	NAMED_COUNT
};

/* One fact, and what the caller loaded for it. Strings are borrowed. */
struct stream_fact {
	enum stream_type type;
	int64_t lead;
	const char *named[NAMED_COUNT];
	/* the manager of each named rep, NULL when none or not loaded */
	const char *named_boss[NAMED_COUNT];
	/* the lead as it is now (its holders), NULL when not loaded: only the named hear it */
	const struct lead *l;
	/* the managers of lead_holder(l, h) */
	const char *boss[HOLDER_COUNT];
};

/* Fills f from event ev: its type and the reps it names (borrowed from ev), nothing loaded yet.
 * Returns 0, or -1 when the event is not about a lead (a playbook, a rep, a token): no line. */
int stream_fact_of(const struct event *ev, struct stream_fact *f);

/* Fills f for open obligation ob coming due soon: STREAM_DUE_SOON, named its owner. Returns 0,
 * or -1 when nobody owes it (a lead waiting for its pool: its managers see the waiting list). */
int stream_fact_due(const struct obligation *ob, struct stream_fact *f);

/* How long before an obligation's due time it is due soon under playbook pb (seconds): the
 * reminder's lead time (notify.on.reminder.before_due) when the playbook sends reminders, so
 * that the dashboard and the reminder say "soon" at the same moment; else STREAM_DUE_WINDOW. */
int64_t stream_due_window(const struct playbook *pb);

/* 1 if fact f concerns rep `me` (NULL: an intake token, never), else 0: me is a rep it names or
 * the manager of one (visible_held), or may see its lead now (visible_lead). */
int stream_concerns(const struct stream_fact *f, const struct rep *me);

#endif
