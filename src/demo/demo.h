/* demo.h - `baton demo`: a new store holding a realistic organisation, a year of the customers
 * it won and a quarter of history, built by driving the real use cases of service.h through the
 * clock (reps and accounts added, leads taken in, touches, handoffs, meetings, decisions, closes,
 * the customers' contracts, health checks, expansions, renewals and churns, and the timers that
 * fire in between), never by writing rows. The same seed and end time give the same store. The
 * driver is demo.c (the organisation and the loop over the timed steps), demo_lead.c,
 * demo_deal.c, demo_expand.c and demo_year.c (what each step does), demo_state.c (the state,
 * queue and helpers they share) and demo_names.c (random source, names). */
#ifndef BATON_DEMO_H
#define BATON_DEMO_H

#include <stdint.h>

#include "core/stage.h"
#include "util/error.h"

struct demo_opts {
	int64_t leads;   /* leads arriving over the quarter, >= 1 */
	uint64_t seed;   /* the random source's seed */
	int64_t end;     /* "today": the history runs for 13 weeks up to this instant */
	/* called about once a simulated day (may be NULL) */
	void (*progress)(void *ctx, int day, int days, int64_t arrivals, int64_t use_cases);
	void *progress_ctx;
};

struct demo_report {
	int64_t start, end;              /* the quarter */
	int64_t teams;
	int64_t reps[ROLE_COUNT];        /* reps per role */
	int64_t accounts, target_accounts, customer_accounts;
	int64_t arrivals;                /* inquiries sent to intake (duplicates included) */
	int64_t leads;                   /* leads stored */
	int64_t duplicates, filtered, restored, unassigned;
	int64_t stages[STAGE_COUNT];     /* leads per stage at the end */
	int64_t events;                  /* events in the store */
	int64_t use_cases;               /* use cases run (refused ones included) */
	int64_t ticks;                   /* explicit tick runs */
	int64_t refusals;                /* use cases the engine refused */
	int64_t refused_clash;           /* ... of which meeting clashes */
	int64_t refused_handoff;         /* ... handoffs missing qualification or notes */
	int64_t refused_other;
	int64_t touches, qualifications, handoffs, reviews, accepted, rejected;
	int64_t meetings, held, no_shows, rescheduled, cancelled;
	/* customers won in the year before the quarter, and their annual value */
	int64_t year_won, year_won_cents;
	int64_t won, won_cents, lost, lives, nurtured, disqualified, recycled;
	/* contracts: renewed (of which at a new price), churned by the CSM; lapsed is the stage
	 * churned less these (tick churns them) */
	int64_t renewed, repriced, churned;
	int64_t breaches;                /* obligations breached */
	int64_t obligations_open;
	int64_t pipeline;                /* open opportunities (handoff and sql) */
	int64_t pipeline_cents;          /* the AEs' estimates of the sql ones */
	int64_t model_version;           /* the fit model trained mid-quarter, 0 none */
};

/* Creates the store at url with the built-in playbook (refused, -BT_REFUSED, if it already
 * has one: then nothing changes) and builds the organisation and the quarter up to o->end;
 * fills *r. Returns 0 or a negative code with *err set. */
int demo_build(const char *url, const struct demo_opts *o, struct demo_report *r, struct bt_error *err);

#endif
