/* demo_lead.h - the steps of `baton demo` up to the handoff (demo_lead.c): the arrival, the
 * touches, the qualification, the lead leaving the work and coming back. Each runs step ST_X of
 * lead i (index into d->leads) with the step's argument aux at d->svc->now, and returns 0 (done,
 * or refused and counted) or a negative code that ends the demo (storage). demo.c reads them from
 * its table of steps; every step but arrive runs only once the lead is stored. */
#ifndef BATON_DEMO_LEAD_H
#define BATON_DEMO_LEAD_H

#include "demo/demo_state.h"

int dstep_arrive(struct demo *d, uint32_t i, int64_t aux);
int dstep_touch(struct demo *d, uint32_t i, int64_t aux);
int dstep_qualify(struct demo *d, uint32_t i, int64_t aux);
int dstep_giveup(struct demo *d, uint32_t i, int64_t aux);
int dstep_recycled(struct demo *d, uint32_t i, int64_t aux);
int dstep_restore(struct demo *d, uint32_t i, int64_t aux);

#endif
