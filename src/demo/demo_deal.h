/* demo_deal.h - the steps of `baton demo` from the handoff on (demo_deal.c): the handoff, the
 * notes review, the AE's decision, the meeting moved, held or missed, the opportunity, its close
 * and the live customer. Each has the signature and answer of the steps of demo_lead.h. */
#ifndef BATON_DEMO_DEAL_H
#define BATON_DEMO_DEAL_H

#include "demo/demo_state.h"

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

#endif
