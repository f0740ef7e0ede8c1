/* event.h - the append-only record of everything that happens (SPEC section 2). The core
 * decides which events to append; the store writes them; lead_apply() projects them onto a
 * lead. An event's payload is a flat list of typed fields; a key with a dot ("notes.summary")
 * becomes a nested object when the store writes the payload as JSON, and the items of a list
 * (fields marked `item`, sharing one top-level key) become a JSON array, in order. */
#ifndef BATON_EVENT_H
#define BATON_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/stage.h"

struct arena;

enum field_type { FIELD_STR, FIELD_INT, FIELD_REAL, FIELD_BOOL };

/* The closed vocabulary of what can happen: one enum, one table of names and flags in event.c
 * (as git's object.c: type_name / type_from_string_gently); strings only at the edges (the
 * store's column, JSON). */
enum event_type {
	EV_CREATED,
	EV_MQL,
	EV_SCORED,
	EV_FILTERED,
	EV_RESTORED,
	EV_ASSIGNED,
	EV_REASSIGNED,
	EV_UNASSIGNED,
	EV_TOUCH,
	EV_QUALIFY,
	EV_HANDOFF,
	EV_REVIEW,
	EV_ACCEPT,
	EV_REJECT,
	EV_NURTURE,
	EV_DISQUALIFY,
	EV_WON,
	EV_LOST,
	EV_LIVE,
	EV_RECYCLED,
	EV_RECYCLE_REFUSED,
	EV_REINQUIRY,
	EV_BREACH,
	EV_NOTIFY,
	EV_ESCALATE,
	EV_FLAG,
	EV_NOTIFIED,
	EV_TASK,
	EV_TASK_DONE,
	EV_CREDIT,
	EV_TUNE_OUT,
	EV_MEETING_HELD,
	EV_MEETING_NO_SHOW,
	EV_MEETING_RESCHEDULED,
	EV_MEETING_CANCELLED,
	EV_PLAYBOOK_APPLIED,
	EV_REP_ADDED,
	EV_REP_UPDATED,
	EV_ACCOUNT_ADDED,
	EV_TOKEN_CREATED,
	EV_TOKEN_REVOKED,
	EV_MODEL_TRAINED,
	EV_AVAILABILITY_SET,
	EV_AVAILABILITY_ADDED,
	EV_OBLIGATION_CANCELLED, /* a playbook change no longer covers an open obligation (SPEC 8.2) */
	EV_ABSENCE_ADDED,        /* a rep's absence entered (by hand or from its calendar) */
	EV_ABSENCE_CANCELLED,    /* ... cancelled */
	EV_ABSENCE,              /* a rep's absence began: its untouched leads back, its manager told (SPEC 8.3) */
	EV_SIGNED_IN,            /* a rep opened a sign-in link: a session began (SPEC 8.7; its "session" id) */
	EV_SIGNED_OUT,           /* a rep signed a session out (its "session" id): its live streams end */
	EV_IMPORTED,             /* a history row came in (SPEC 8.8): its stage, owner and original values */
	EV_RENEWED,              /* a customer's contract renewed for a new period (SPEC 8.12) */
	EV_CHURNED,              /* a customer churned, or its contract lapsed unrenewed (SPEC 8.12) */
	EV_EXPANSION,            /* a CSM handed an upsell of the customer to an AE: its "opportunity" */
	EV_EXPANDED,             /* that opportunity won: its amount added to the customer's annual value */
	EV_COUNT
};

/* What an event means for the work on its lead, asked once here rather than listed per use. */
enum event_flag {
	EVF_ENDS_WORK = 1 << 0, /* the lead leaves the work (nurture, disqualify, won, lost, churned): what it
				   owed is cancelled, its follow-up tasks are moot */
	EVF_SENDS_BACK = 1 << 1, /* an AE sends a handoff back (reject): its follow-up tasks are moot */
};

/* The event type's name as stored and exported ("meeting_held"); static string, "?" if none. */
const char *event_type_name(enum event_type t);

/* Sets *out to the type named name; 0, or -1 if no type has that name. */
int event_type_parse(const char *name, enum event_type *out);

/* The type's enum event_flag bits. */
unsigned event_type_flags(enum event_type t);

struct field {
	const char *key;      /* "reason", "notes.summary" */
	enum field_type type;
	const char *s;        /* FIELD_STR value, never NULL for FIELD_STR */
	int64_t i;            /* FIELD_INT and FIELD_BOOL value */
	double r;             /* FIELD_REAL value */
	int item;             /* 1: one element of the list named key (a top-level key, no dot) */
};

struct event {
	int64_t id;           /* assigned by the store, 0 before */
	int64_t at;           /* when, seconds since the epoch, UTC */
	enum event_type type; /* EV_CREATED, EV_TOUCH, ... (event_type_name: "created") */
	int64_t lead;         /* the lead, 0 for org-level events (playbook, reps) */
	const char *actor;    /* rep name, "system" or "admin" */
	int sets_stage;       /* 1 if the event moves the lead's stage */
	int from;             /* enum stage before, -1 at creation */
	int to;               /* enum stage after */
	struct field *fields; /* payload, owned by the arena the event was built in */
	size_t nfields;
	size_t cap;
};

/* Returns a new event of `type` allocated in arena a (which owns it and its fields). */
struct event *event_new(struct arena *a, enum event_type type, int64_t at, int64_t lead, const char *actor);

/* Marks the event as a stage change from -> to (from = -1 at creation). */
void event_set_stage(struct event *ev, int from, enum stage to);

/* Appends a string field (copied into a; NULL values are skipped). */
void event_put_str(struct event *ev, struct arena *a, const char *key, const char *val);
/* Appends an integer field. */
void event_put_int(struct event *ev, struct arena *a, const char *key, int64_t val);
/* Appends a real field. */
void event_put_real(struct event *ev, struct arena *a, const char *key, double val);
/* Appends a boolean field. */
void event_put_bool(struct event *ev, struct arena *a, const char *key, int val);
/* Appends val (copied into a; NULL is skipped) to the list of strings named key, which the
 * payload's JSON writes as "key": [...] in the order of the calls. */
void event_put_item(struct event *ev, struct arena *a, const char *key, const char *val);

/* The field named key (a list's first item), or NULL; borrowed from ev. */
const struct field *event_get(const struct event *ev, const char *key);
/* The string field named key, or NULL if absent or not a string. */
const char *event_get_str(const struct event *ev, const char *key);
/* The integer field named key, or dflt if absent. */
int64_t event_get_int(const struct event *ev, const char *key, int64_t dflt);

#endif
