/* ical_budget.h - internal to the iCalendar reader (src/io/ical*.c): estimates of the work
 * libical does out of baton's sight, so the reader can refuse a calendar before it starts that
 * work. libical walks a recurrence rule through every candidate time its FREQ and BY parts
 * make (a yearly rule with BYDAY, BYHOUR, BYMINUTE and BYSECOND lists walks 31 million a
 * year, yielding or not), and expands each time zone rule of a VTIMEZONE from its DTSTART to
 * the latest year it is asked about, again each time that year grows. */
#ifndef BATON_ICAL_BUDGET_H
#define BATON_ICAL_BUDGET_H

#include <libical/ical.h>
#include <stdint.h>

/* An upper estimate of the candidate times libical's iterator walks through in one year of
 * rule: days walked (366 for HOURLY and DAILY, and for WEEKLY, MONTHLY and YEARLY rules with
 * day lists; one a period otherwise) times the times of day each day makes (BYHOUR x BYMINUTE
 * x BYSECOND, 24 hours for HOURLY). Returns >= 1, at most about 10^10 (no overflow). */
int64_t ical_rule_walk_per_year(const struct icalrecurrencetype *rule);

/* An upper estimate of the instances one year of rule yields: the FREQ's periods in a year
 * times the values of every BY list (a BYDAY without a position is every such weekday: 53 a
 * year, 5 a month), at most ical_rule_walk_per_year(). Returns >= 1. */
int64_t ical_rule_instances_per_year(const struct icalrecurrencetype *rule);

/* An upper estimate of the changes libical computes for the VTIMEZONE vtz to cover times up to
 * the end of `year`: for each STANDARD and DAYLIGHT block, its DTSTART, its RDATEs, and its
 * RRULEs' instances from the DTSTART's year to `year` (or UNTIL, or COUNT). Returns >= 0. */
int64_t ical_zone_changes(icalcomponent *vtz, int year);

#endif
