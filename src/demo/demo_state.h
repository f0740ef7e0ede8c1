/* demo_state.h - the driver's state of `baton demo`, shared by its files and nobody else: the
 * organisation and the leads as the driver keeps them in memory, the queue of timed steps, and
 * the helpers every step uses to run a use case and count its outcome (demo_state.c). Below
 * it, demo_names.h (random source, names); above it, the steps (demo_step.h) and demo.c, which
 * builds the organisation and runs the queue. */
#ifndef BATON_DEMO_STATE_H
#define BATON_DEMO_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/bizclock.h"
#include "demo/demo.h"
#include "demo/demo_names.h"
#include "service/service.h"

/* ---------------------------------------------------------------- the organisation */

struct drep {
	char name[48];
	enum role role;
	int team;               /* index into the teams, -1 for the head of sales */
	int pod;                /* pod number within the team, -1 none */
	double speed;           /* median minutes (business) to a first touch */
	double cadence;         /* median business days between follow-up touches */
	int max_touches;        /* touches before giving up on a silent lead */
	double reject;          /* AE: base share of handoffs rejected */
	const char *picky_src;  /* AE: a source it mostly rejects (tune-out), NULL none */
	double respond;         /* AE: median business minutes to accept or reject */
	double review;          /* AE: chance the notes are reviewed before the meeting */
	int noshow_diligent;    /* AE: makes the no-show attempts at once */
	double skill;           /* AE: added to the win chance */
	uint8_t *cal;           /* AE: booked half hours since the calendar base (1 bit each) */
};

struct dteam {
	char name[24];
	enum demo_region region;
	int manager;            /* rep index */
	int first_rep, nreps;   /* its reps are reps[first_rep .. first_rep + nreps) */
};

struct dacct {
	struct demo_company c;
	int target;             /* on the outbound list */
	int owner;              /* rep index of the owner, -1 none */
	int sdr;                /* rep index of the assigned SDR, -1 none */
};

/* ---------------------------------------------------------------- leads and steps */

enum demo_flag {
	DF_INBOUND = 1 << 0,
	DF_ACCEPTED = 1 << 1,
	DF_MEET_PENDING = 1 << 2, /* a booked meeting has not happened yet */
	DF_MET = 1 << 3,          /* a meeting was held */
	DF_REWORKED = 1 << 4,     /* came back from a rejection once */
	DF_THIN = 1 << 5,         /* the first handoff attempt will lack a note */
	DF_DROPPED_Q = 1 << 6,    /* qualified with too few answers at first */
	DF_CLOSING = 1 << 7,      /* the close is scheduled */
	DF_NOSHOW = 1 << 8,       /* the prospect missed a meeting */
	DF_OPEN_OPP = 1 << 9,     /* accepted and not closed yet */
	DF_PAST = 1 << 10,        /* a customer of the year before the quarter (demo_year.c) */
};

struct dlead {
	int64_t id;             /* the store's id, 0 until taken in (or a duplicate) */
	int64_t meeting;        /* the booked meeting, 0 none */
	int64_t mstart;         /* its start */
	int64_t touch_at;       /* when the planned first touch is due */
	uint32_t estimate;      /* the AE's estimate, whole euros */
	float q;                /* how good the lead really is, 0..1 */
	uint16_t planned;       /* rep index + 1 of the planned first toucher, 0 none */
	uint16_t ae;            /* rep index + 1 of the AE it was handed to, 0 none */
	uint16_t flags;         /* enum demo_flag */
	uint8_t src;            /* index into demo_sources */
	uint8_t touches;        /* touches by the current worker in this life */
	uint8_t hops;           /* reassignments seen before the first touch */
	uint8_t moves;          /* meeting moves */
	uint8_t minutes;        /* meeting length */
	uint8_t seniority;      /* of the person's title, 0..3 */
};

enum demo_step {
	ST_ARRIVE,
	ST_TOUCH,
	ST_QUALIFY,
	ST_HANDOFF,
	ST_REVIEW,
	ST_DECIDE,
	ST_MEET_MOVE,
	ST_MEET_OUTCOME,
	ST_NOSHOW_TRY,
	ST_OPP,
	ST_CLOSE,
	ST_LIVE,
	ST_CSM,
	ST_GIVEUP,
	ST_RECYCLED,
	ST_RESTORE,
	ST_ASSIGN, /* a manager gives a lead to another rep of its team by hand (SPEC 8.3) */
	ST_RENEWAL, /* the CSM's call before a renewal date: renew, churn, or let it lapse */
	ST_EXPAND,  /* the CSM hands an upsell of a live customer to an AE (SPEC 8.12) */
	ST_EXP_DECIDE,
	ST_EXP_CLOSE,
	ST_PAST, /* a phase of the deal of a customer won in the year before the quarter */
	ST_COUNT
};

struct ditem {
	int64_t at;
	uint64_t seq;           /* ties keep the order they were pushed in */
	uint32_t lead;          /* index into leads */
	uint16_t step;          /* enum demo_step */
	uint16_t pad;
	int64_t aux;            /* the step's argument (a meeting id) */
};

#define DEMO_DAY_MIN 540.0            /* business minutes in a day, 09:00-18:00 */
#define DEMO_DAY_SEC 86400LL
#define DEMO_YEAR_DAYS 365            /* the year of customers before the quarter */
#define DEMO_MID_MASK 0xffffffffffffLL /* a step's aux: meeting id below, the kind of move above */

#define DEMO_NSOURCES 6
extern const char *const demo_sources[DEMO_NSOURCES]; /* web_form ... target_list (last) */
#define DEMO_SRC_TARGET (DEMO_NSOURCES - 1)

struct demo {
	struct service *svc;
	const struct demo_opts *o;
	struct demo_report *rep;
	struct bt_error *err;
	struct demo_rng rng;
	/* the customers' own source (terms, health checks, renewals, churns), so that the leads'
	 * and deals' draws stay the same as without customers */
	struct demo_rng crng;
	int64_t pilots;           /* pilots won so far */
	int64_t renewal_calls;    /* the CSMs' calls before a renewal date so far */
	/* the expansions' own source, for the same reason */
	struct demo_rng xrng;
	int64_t expansion_plans;  /* customers taken live so far, of which every other is expanded */
	int64_t expansions;       /* expansions handed off so far */
	/* the year before the quarter's customers' own source, for the same reason (demo_year.c) */
	struct demo_rng yrng;
	int64_t npast;            /* customers to win in the year before the quarter */
	int64_t past_next;        /* the next of them to come in */
	struct bizclock bc;
	const char *zone;
	int64_t start, end;     /* the quarter: [start, end] */
	int64_t day0;           /* local day of start */
	struct arena *a;        /* per step, reset after each */

	struct drep *reps;
	size_t nreps;
	struct dteam *teams;
	size_t nteams;
	int pods;                 /* pods per team */
	int *by_role[ROLE_COUNT]; /* rep indexes per role, in order of addition */
	size_t nrole[ROLE_COUNT];
	size_t rr[ROLE_COUNT];    /* the driver's own rotation for claims of unassigned leads */
	/* meeting outcomes planned, and how many of them no-shows: a demo of any size shows one */
	int64_t outcomes_planned, no_shows_planned;
	int *region_ae[REGION_COUNT]; /* the AEs of each region, for handoffs by MRRs and CSMs */
	size_t nregion_ae[REGION_COUNT], rr_region[REGION_COUNT];
	uint32_t *rep_hash;       /* open addressing: name hash -> rep index + 1 */
	size_t rep_hash_cap;
	int64_t cal_base;         /* the calendars' half-hour 0 */
	size_t cal_slots;

	struct dacct *accts;
	size_t naccts;
	int *targets, *customers;
	size_t ntargets, ncustomers;

	/* the arrivals, then the expansions (demo_expand.c) as they are opened; never reallocated */
	struct dlead *leads;
	size_t nleads, cap_leads;
	uint64_t *emails;         /* open addressing set of email hashes */
	size_t emails_cap;
	char (*recent)[128];      /* recent inbound emails, for second inquiries */
	size_t nrecent;

	struct ditem *heap;
	size_t nheap, cap_heap;
	uint64_t seq;
	int64_t since_commit;     /* use cases since the last batch commit */
	int64_t last_tick;        /* the clock of the last explicit tick */
};

/* Queues step `step` of lead i at time `at` with argument aux (not before now; nothing after
 * "today"). */
void demo_push(struct demo *d, int64_t at, uint32_t i, enum demo_step step, int64_t aux);
/* Takes the earliest queued step off the queue (ties in the order pushed); the queue must not be
 * empty. */
struct ditem demo_pop(struct demo *d);
/* The random source of lead i's own draws: d->yrng for a customer of the year before the
 * quarter, else d->rng. */
struct demo_rng *demo_rng_of(struct demo *d, uint32_t i);
/* The random source of customer i's contract (terms, health checks, renewals): d->yrng for a
 * customer of the year before the quarter, else d->crng. */
struct demo_rng *demo_crng_of(struct demo *d, uint32_t i);
/* Runs every timer due by d->svc->now (service_tick); 0 or a negative code. */
int demo_tick(struct demo *d);

/* Reads lead dl's current state from the store into *l (strings in d->a); 0 or a negative code. */
int demo_get(struct demo *d, const struct dlead *dl, struct lead *l);
/* Reads lead dl as demo_get does and finds who works it now: *by is its owner's rep index when
 * the lead is in one of `stages` (a mask of 1u << enum stage), else -1 (the lead moved on, or
 * has no owner: the step no longer applies). 0 or a negative code. */
int demo_get_owner(struct demo *d, const struct dlead *dl, unsigned stages, struct lead *l, int *by);
/* Runs action req on lead dl by rep `by` (to: the AE of a handoff, NULL: routing picks) through
 * service_act; demo_outcome's answer (the kind of refusal counted in *kind, or as other). */
int demo_act(struct demo *d, const struct dlead *dl, int by, const char *to, struct action_req *req, struct lead *out,
	     int64_t *kind);
/* The rep index of the lead's current owner, or -1. */
int demo_owner(const struct demo *d, const struct lead *l);
/* Counts the result of a use case: 0 done, 1 refused (counted), negative: stop (storage). */
int demo_outcome(struct demo *d, int rc, int64_t *refused_kind);
/* The instant `minutes` of business time after t. */
int64_t demo_biz(struct demo *d, int64_t t, double minutes);
/* The rep index of `name`, or -1. */
int demo_rep_find(const struct demo *d, const char *name);

#endif
