/* sla.h - the timers of the agreement (SPEC section 4, sla): every promise is an obligation
 * (who owes what by when). sla_after() reads the events just decided for a lead and says
 * which obligations open, progress, are met or become moot (cancelled); sla_breach() says what
 * happens when one is overdue: the breach event and the rule's on_breach actions, all taking
 * effect at the due time, so outcomes never depend on how often `tick` runs. Pure. */
#ifndef BATON_SLA_H
#define BATON_SLA_H

#include <stddef.h>
#include <stdint.h>

#include "core/lead.h"
#include "core/lifecycle.h"
#include "core/playbook.h"
#include "core/rep.h"

enum ob_rule {
	OB_SPEED_TO_LEAD,    /* the owner's first touch */
	OB_FOLLOW_UP,        /* `touches` touches by the owner within `within` of becoming mql */
	OB_HANDOFF_RESPONSE, /* the receiving AE accepts or rejects */
	OB_NOTES_REVIEW,     /* the AE reviews the notes before the meeting starts */
	OB_NO_SHOW,          /* the AE's contact attempts after a no-show */
	OB_RECYCLE,          /* a nurtured lead comes back as mql (baton's own timer) */
	OB_ONBOARDING,       /* the AE takes a won customer live (SPEC 8.12) */
	OB_RENEWAL_REVIEW,   /* the CSM renews the contract before the review date */
	OB_HEALTH_CHECK,     /* the CSM's touch in each health-check period */
	OB_LAPSE,            /* an unrenewed contract churns at its renewal date (baton's own timer) */
	OB_RULE_COUNT
};

enum ob_status { OB_OPEN, OB_MET, OB_BREACHED, OB_CANCELLED, OB_STATUS_COUNT };

struct obligation {
	int64_t id;          /* 0 until stored */
	enum ob_rule rule;
	int64_t lead;
	const char *owner;   /* rep name; NULL for baton's own timers or an unowned lead */
	int64_t due;
	enum ob_status status;
	int64_t opened_at;
	int64_t closed_at;   /* 0 while open */
	int64_t meeting;     /* notes_review, no_show: the meeting; else 0 */
	int need;            /* follow_up touches, no_show attempts; else 0 */
	int progress;        /* how many of `need` are done */
	/* while nobody owns it (owner NULL, SPEC 8.1): 1 and the role of the rotation it waits for */
	int has_pool;
	enum role pool;
	int reassigns;       /* reassignments of the lead under this rule that led to it (SPEC 8.2) */
	/* breached: when it stopped being owed (its work done, or the lead left the stage), else
	 * 0; done_at only when the work was done. A breached obligation stays in its owner's queue
	 * until settled_at is set. */
	int64_t settled_at;
	int64_t done_at;
};

/* What the rules decided: obligations to open, and changes to existing ones. */
struct sla_plan {
	struct obligation *open; /* new obligations (id 0), in the arena */
	size_t nopen, capopen;
	struct obligation *change; /* existing obligations with their new status/progress/owner */
	size_t nchange, capchange;
};

/* The rule's name ("speed_to_lead"); static string. */
const char *ob_rule_name(enum ob_rule r);
/* Finds a rule by name; 0 or -1. */
int ob_rule_parse(const char *name, enum ob_rule *out);
/* The status name ("breached"); static string. */
const char *ob_status_name(enum ob_status s);
/* Finds a status by name; 0 or -1. */
int ob_status_parse(const char *name, enum ob_status *out);

/* 1 if `rule` is one of baton's own timers (recycle, lapse): owed by nobody, never breached,
 * in no rep's queue. */
int ob_rule_is_timer(enum ob_rule rule);

/* 1 if a breached obligation of `rule` is still owed while its lead is in stage s (the stages
 * whose work it asks for); a stage change to any other settles it. */
int ob_rule_owed_in(enum ob_rule rule, enum stage s);

/* 1 if breached obligation ob is still owed by its owner on lead l (its state now): not
 * settled, still the lead's owner's, and the lead still where its work is asked for. Such an
 * obligation stays at the top of the owner's queue (SPEC 8.2). */
int sla_still_owed(const struct obligation *ob, const struct lead *l);

/* How many times a lead may be reassigned under `rule` (the rule's max_reassign). */
int sla_max_reassign(const struct playbook *pb, enum ob_rule rule);

/* Whose calendars an obligation's business time counts in (SPEC 8.4), loaded by the service
 * (sla_owner_names says whom): an owned obligation counts in its owner's calendar
 * (bizclock_init), a waiting one in its pool's: the team of the lead's rotation when all its reps
 * are in that one team, else the org's. A rep not found here, and a NULL struct sla_owners,
 * count in the org's calendar. */
struct sla_owners {
	const struct rep *reps; /* the reps obligations may go to (borrowed) */
	size_t nreps;
	const struct rep *pool; /* every rep of the lead's rotation (borrowed) */
	size_t npool;
};

/* The names of the reps whose calendars sla_after() may need for the events evs[0..n) of lead
 * `after` (its owner, the owners and AEs the events name), each once, in out[] (room for 1 + 2n,
 * borrowed from after and the events); returns how many, 0 when no rule of pb counts business
 * time. */
size_t sla_owner_names(const struct playbook *pb, const struct lead *after, struct event *const *evs, size_t n,
		       const char **out);

/* 1 if sla_after() may need the calendar of the lead's pool (struct sla_owners.pool): the
 * speed-to-lead rule counts business time and the playbook describes teams. */
int sla_needs_pool(const struct playbook *pb);

/* Applies the SLA rules to the events evs[0..n) just recorded on lead `after` (its state after
 * them; `before`, its state before, or NULL for a new lead), given its obligations still owed
 * (open, and breached but not settled: store_obligations_open) and the calendars of the reps
 * they may go to (owners; NULL: the org's for all). Fills *plan (allocated in a). */
void sla_after(const struct playbook *pb, const struct lead *before, const struct lead *after, struct event *const *evs,
	       size_t n, const struct obligation *open, size_t nopen, const struct sla_owners *owners, struct arena *a,
	       struct sla_plan *plan);

/* 1 if playbook pb still has a rule that covers open obligation ob on lead l (its rule is on
 * and, for speed_to_lead, still applies to the lead; for follow_up, the lead's grade still has
 * a row). Applying a playbook cancels the open obligations it no longer covers (SPEC 8.2). */
int sla_covers(const struct playbook *pb, const struct obligation *ob, const struct lead *l);

/* What an overdue obligation does. */
struct sla_breach {
	unsigned actions;       /* enum pb_action bits of the rule's on_breach */
	int pass_task;          /* no_show: the task passes to the `then` role */
	enum role pass_to;      /* ... that role */
	int recycle;            /* recycle: not a breach, the lead comes back */
	int lapse;              /* lapse: not a breach, the customer churns (reason lapsed) */
};

/* The breach event of obligation ob (at its due time) appended to d, and what must follow. */
void sla_breach(const struct playbook *pb, const struct obligation *ob, struct arena *a, struct decision *d,
		struct sla_breach *out);

/* The enum pb_action bits of rule's on_breach in pb (0 for a rule without one). */
unsigned sla_breach_actions(const struct playbook *pb, enum ob_rule rule);

/* Plain words for what an obligation asks of its owner ("first touch", "touch 2 of 6"; of a
 * rule alone, need 0, "follow-up touches"). In a. */
const char *sla_owed(const struct obligation *ob, struct arena *a);

#endif
