/* contract.h - a customer's contract (SPEC 8.12) in calendar time: the renewal date a term of
 * months gives, the renewal review due a number of calendar days before it, and the health
 * check's periods from `live`. Calendar arithmetic is done on the org's wall clock (its time
 * zone): a month or a day later keeps the time of day, a month shorter than the start's day
 * ends on its last day (Jan 31 + 1 month is Feb 28, or 29). Pure. */
#ifndef BATON_CONTRACT_H
#define BATON_CONTRACT_H

#include <stdint.h>

/* The term of a contract closed without --term-months. */
#define CONTRACT_TERM_DEFAULT 12

/* The instant `months` calendar months after t in zone (NULL or unknown: UTC), same wall time,
 * the day clamped to the month's last. */
int64_t contract_add_months(const char *zone, int64_t t, int64_t months);

/* The instant `minutes` after t (before it when negative) in calendar time: whole days as
 * calendar days of zone (the same wall time on the day that many days away), the rest as
 * minutes. A playbook's "90d" is 90 calendar days. */
int64_t contract_shift(const char *zone, int64_t t, int64_t minutes);

/* The renewal date of a contract starting at `start` for `term_months`. */
int64_t contract_renews_at(const char *zone, int64_t start, int64_t term_months);

/* When the renewal review of a contract renewing at renews_at is due: `before` (minutes, whole
 * days counted as calendar days) before it. */
int64_t contract_review_due(const char *zone, int64_t renews_at, int64_t before);

/* The end of the k-th health-check period (k >= 1) of a customer live since live_at, periods of
 * `every` (minutes, whole days counted as calendar days): live_at + k * every. */
int64_t contract_health_due(const char *zone, int64_t live_at, int64_t every, int64_t k);

#endif
