/* lead.h - a person at a company and its current state. The state is a projection of the
 * lead's events: lead_apply() is the one function that turns an event into its effect, so
 * replaying every event of a lead from an empty struct rebuilds the same lead. */
#ifndef BATON_LEAD_H
#define BATON_LEAD_H

#include <stdint.h>

#include "core/event.h"
#include "core/stage.h"
#include "util/kv.h"

struct arena;

/* speed_minutes of a lead imported as history (SPEC 8.8): its window was over before the import,
 * so its speed to lead is not measured and the reports leave it out. */
#define LEAD_SPEED_HISTORY (-2)

struct lead {
	int64_t id;
	const char *email;       /* lower case, unique */
	const char *name;        /* the strings below may be NULL */
	const char *title;
	const char *company;
	const char *phone;
	const char *mobile;
	const char *source;      /* web_form, phone, webinar, event, referral, target_list, ... */
	const char *segment;
	const char *country;
	const char *territory;   /* the account's territory, else the country: territory routing */
	const char *timezone;    /* the IANA zone it gave (SPEC 8.4), NULL: see lead_zone() */
	/* what its form or file sent beyond these fields (SPEC 8.9): a JSON object's compact text
	 * (core/form.h's limits), NULL when none */
	const char *attributes;
	enum channel channel;
	int64_t employees;       /* -1 unknown */
	int64_t account;         /* matched account id, 0 none */
	/* an expansion's customer (SPEC 8.12: the lead expand opened it for), 0 for any other lead */
	int64_t parent;
	enum stage stage;
	const char *owner;       /* rep name, NULL while unassigned */
	const char *handed_by;   /* the rep who handed it off (SDR credit), NULL before */
	const char *ae;          /* the AE who accepted it, NULL before */
	double score;            /* fit score 0..1, < 0 when not scored */
	const char *grade;       /* "A", NULL when not graded */
	const char *reason;      /* why it was last filtered, rejected, nurtured, disqualified or lost */
	struct kvlist answers;   /* qualification answers */
	struct kvlist notes;     /* handoff notes */
	int reviewed;            /* the AE reviewed the handoff notes */
	int64_t nurture_until;   /* recycle time, 0 none */
	int64_t amount;          /* won amount in cents, 0 none; a customer's annual value (SPEC 8.12) */
	int64_t renews_at;       /* the renewal date of its contract's current period, 0 no contract */
	int64_t term_months;     /* that period's term in months, 0 no contract */
	int64_t touches;         /* touches logged */
	int64_t first_touch_at;  /* first touch by an owner, 0 none */
	int64_t mql_at;          /* when it last became an mql (marketing credit, follow-up), 0 never */
	int64_t created_at;
	int64_t updated_at;
	/* what the reports read (the store's lead_facts row), projected like the rest */
	unsigned reached;                /* bit (1u << stage) for every stage the lead ever reached */
	int64_t reached_at[STAGE_COUNT]; /* when it first reached each stage, 0 never */
	const char *worked_by;           /* the rep whose first touch started the work; its owner until then */
	int64_t speed_minutes;           /* creation to first touch (business minutes when the speed-to-lead
					  * rule counts business time), -1 untouched, LEAD_SPEED_HISTORY */
	const char *variant;             /* the A/B variant of its first touch that named one, NULL none */
	int replied;                     /* a touch recorded a reply (outcome replied, connected or meeting) */
};

/* Sets every field of l to its empty value (no owner, no score, stage inquiry). */
void lead_init(struct lead *l);

/* Applies one event of the lead to l (strings copied into a); returns 0, or -1 if the event
 * carries a value that cannot be applied (a corrupt store). */
int lead_apply(struct lead *l, const struct event *ev, struct arena *a);

/* The lead's time zone (SPEC 8.4): the one it gave, else the zone of its country when that
 * country has a single one (tz_of_country), else NULL. Borrowed from l or static. */
const char *lead_zone(const struct lead *l);

/* 1 if lead_apply() of ev changes nothing of a lead but its updated_at (a breach, a
 * notification, a task: no stage and no applier), so a store may write that column alone. */
int lead_apply_stamps_only(const struct event *ev);

/* 1 if lead_apply() reads the data (payload) of an event of type t (it has an applier); a
 * reader that only follows leads may skip the data of the others (replay). */
int lead_apply_reads_data(int t);

/* 1 if a touch outcome counts as a reply in the reports (replied, connected, meeting). */
int lead_outcome_is_reply(const char *outcome);

/* 1 if the stage is open work (mql, target, working, handoff, sql): it counts toward capacity. */
int stage_is_open(enum stage s);

#endif
