/* demo_step.h - the steps of `baton demo`, one function each, as demo.c's table of steps calls
 * them (after git's builtin.h: one header for the commands that several files define). Each runs
 * step ST_X of lead i (index into d->leads) with the step's argument aux at d->svc->now, and
 * returns 0 (done, or refused and counted) or a negative code that ends the demo (storage);
 * every step but arrive runs only once the lead is stored. */
#ifndef BATON_DEMO_STEP_H
#define BATON_DEMO_STEP_H

#include "demo/demo_state.h"

/* demo_lead.c: the arrival, the touches, the qualification, the lead leaving the work and coming
 * back */
int dstep_arrive(struct demo *d, uint32_t i, int64_t aux);
int dstep_touch(struct demo *d, uint32_t i, int64_t aux);
int dstep_qualify(struct demo *d, uint32_t i, int64_t aux);
int dstep_giveup(struct demo *d, uint32_t i, int64_t aux);
int dstep_recycled(struct demo *d, uint32_t i, int64_t aux);
int dstep_restore(struct demo *d, uint32_t i, int64_t aux);
int dstep_assign(struct demo *d, uint32_t i, int64_t aux);

/* demo_deal.c: the handoff, the notes review, the AE's decision, the meeting moved, held or
 * missed, the opportunity, its close and the live customer: its health checks and renewals */
int dstep_handoff(struct demo *d, uint32_t i, int64_t aux);
int dstep_review(struct demo *d, uint32_t i, int64_t aux);
int dstep_decide(struct demo *d, uint32_t i, int64_t aux);
int dstep_meet_move(struct demo *d, uint32_t i, int64_t aux);
int dstep_meet_outcome(struct demo *d, uint32_t i, int64_t aux);
int dstep_noshow_try(struct demo *d, uint32_t i, int64_t aux);
int dstep_opp(struct demo *d, uint32_t i, int64_t aux);
int dstep_close(struct demo *d, uint32_t i, int64_t aux);
int dstep_live(struct demo *d, uint32_t i, int64_t aux);
int dstep_csm(struct demo *d, uint32_t i, int64_t aux);
int dstep_renewal(struct demo *d, uint32_t i, int64_t aux);
/* Queues the CSM's call before the renewal date of customer i's contract l (just won or
 * renewed). */
void demo_plan_renewal(struct demo *d, uint32_t i, const struct lead *l);

/* demo_expand.c: the expansions (SPEC 8.12): the CSM's upsell handed to an AE, its decision and
 * close. demo_plan_expansion queues the expansion of customer i just taken live, or not (every
 * other one is expanded). */
void demo_plan_expansion(struct demo *d, uint32_t i);
int dstep_expand(struct demo *d, uint32_t i, int64_t aux);
int dstep_exp_decide(struct demo *d, uint32_t i, int64_t aux);
int dstep_exp_close(struct demo *d, uint32_t i, int64_t aux);

/* demo_year.c: the customers won in the year before the quarter (issue 19). demo_year_day queues
 * the inquiries of day k (relative to the quarter's first, negative); dstep_past runs a phase of
 * their deals up to the win, after which they are customers like the others. */
void demo_year_day(struct demo *d, int k);
int dstep_past(struct demo *d, uint32_t i, int64_t aux);

#endif
