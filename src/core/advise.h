/* advise.h - the 80/20 advisor of SPEC section 6: from the touches reps logged (and the time
 * they logged for them), the team's sizes and the inbound volume, where a group of reps spends
 * more than 20% of its time on a function that is not its own, or where volume or headcount
 * passes the usual thresholds, it recommends the split, with the numbers behind it. Pure. */
#ifndef BATON_ADVISE_H
#define BATON_ADVISE_H

#include <stdint.h>

#include "core/report.h"

enum advise_function { FN_INBOUND, FN_PROSPECTING, FN_CLOSING, FN_ACCOUNT, FN_COUNT };

#define ADVISE_SHARE_MAX 0.20         /* more than this share of time off the own function */
#define ADVISE_MIN_MINUTES 120        /* a group needs this much logged time to be judged */
#define ADVISE_INBOUND_PER_MRR 200    /* inbound leads a month that call for an MRR */
#define ADVISE_AES_FOR_SDR 3          /* AEs at which the next hire is an SDR */

struct advise;

/* The function a touch at `at` on the lead serves: account management after the lead was won,
 * closing after its first handoff, else prospecting (outbound) or inbound qualification. */
enum advise_function advise_function_of(const struct report_fact *lead, int64_t at);
/* The function's name ("inbound_qualification"); static string. */
const char *advise_function_name(enum advise_function fn);
/* Minutes a touch counts for: the logged minutes, else call 15, email 5, social 3. */
int64_t advise_touch_minutes(const char *kind, int64_t logged);

/* Starts an advice (allocations in a) for the reps given (active ones count) at `now`. */
struct advise *advise_start(const struct report_rep *reps, const int *active, size_t nreps, int64_t now,
			    struct arena *a);
/* Feeds one touch by rep `by` (kind, logged minutes or 0) at `at` on the lead. */
void advise_touch(struct advise *ad, const char *by, const char *kind, int64_t minutes, int64_t at,
		  const struct report_fact *lead);
/* Feeds one lead (the inbound volume of the last 90 days is counted from them). */
void advise_lead(struct advise *ad, const struct report_fact *lead);
/* The advice as a report named "advise": "rows" (time per group of reps and function) and
 * "recommendations" (rule, group, recommendation, evidence); in the arena. */
void advise_finish(struct advise *ad, struct report *out);

#endif
