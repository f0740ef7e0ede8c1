/* ical_busy.c - what blocks time in a calendar read by ical.c: each VEVENT's instances (its
 * DTSTART, its RRULEs expanded by libical's iterator after the walk is charged against
 * ICAL_MAX_WALK, its RDATEs; less its EXDATEs and the instances its overrides replace) and each
 * VFREEBUSY's busy periods, kept as the busy intervals that meet the window; the instances of
 * an out-of-office event are also kept apart, as the times its owner is away. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/ical_budget.h"
#include "io/ical_reader.h"

#define ICAL_MAX_STEPS 2000000L /* recurrence instances looked at per file */

/* One VEVENT's properties, gathered in one pass (libical's property iterator is per component). */
struct event {
	icalcomponent *c;
	icalproperty *dtstart, *dtend, *duration, *rid;
	const char *uid;           /* NULL if none */
	int blocks;                /* 0 for CANCELLED or TRANSPARENT: read, checked, not kept */
	/* out of office: X-MICROSOFT-CDO-BUSYSTATUS:OOF, or a SUMMARY "Out of office..." */
	int away;
	struct icaltimetype start; /* DTSTART as written, with its zone attached */
	icaltimezone *zone;        /* the zone of DTSTART (default_zone for a DATE) */
	int64_t at;                /* DTSTART as an instant */
	/* the length: nominal days (local wall clock), then exact seconds */
	int days;
	int64_t secs;
};

/* Writes instant t as RFC 3339 into buf (>= 32 bytes) for messages; returns buf. */
static const char *show(int64_t t, char *buf)
{
	struct icaltimetype tt = icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());

	snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", tt.year, tt.month, tt.day, tt.hour, tt.minute, tt.second);
	return buf;
}

/* Keeps [s, e) if it is not empty and overlaps the window; c is blamed past the cap. */
static int busy_add(struct reader *r, icalcomponent *c, int64_t s, int64_t e)
{
	if (e <= s || s >= r->to || e <= r->from)
		return 0;
	if (r->n >= ICAL_MAX_INTERVALS)
		return ical_fail_at(r, c, NULL, ical_kind_name(c), "more than %d busy intervals in the window",
				    ICAL_MAX_INTERVALS);
	if (grow(&r->v, &r->cap, r->n + 1, sizeof(*r->v)))
		return ical_fail_at(r, c, NULL, ical_kind_name(c), "out of memory");
	r->v[r->n].start = s;
	r->v[r->n].end = e;
	r->n++;
	if (!r->away_on)
		return 0;
	/* the instance of an out-of-office event: its rep is away then (SPEC 8.3) */
	if (grow(&r->away, &r->capaway, r->naway + 1, sizeof(*r->away)))
		return ical_fail_at(r, c, NULL, ical_kind_name(c), "out of memory");
	r->away[r->naway].start = s;
	r->away[r->naway].end = e;
	r->naway++;
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* 1 if an instance of the master being expanded starting at s is excluded. */
static int excluded(const struct reader *r, int64_t s)
{
	size_t i;

	if (r->nskip && bsearch(&s, r->skip, r->nskip, sizeof(*r->skip), cmp_i64))
		return 1;
	for (i = 0; i < r->nskipday; i++)
		if (s >= r->skipday[i].start && s < r->skipday[i].end)
			return 1;
	return 0;
}

/* The end of the instance of e that starts at local time t (instant s) in zone z. */
static int64_t end_of(const struct event *e, struct icaltimetype t, icaltimezone *z, int64_t s)
{
	if (e->days) {
		icaltime_adjust(&t, e->days, 0, 0, 0);
		s = (int64_t)icaltime_as_timet_with_zone(t, z);
	}
	return s + e->secs;
}

/* Gathers e's properties from its component in one pass. */
static void event_gather(icalcomponent *c, struct event *e)
{
	icalproperty *q, **first;
	icalproperty_kind k;
	enum icalproperty_transp tr;

	memset(e, 0, sizeof(*e));
	e->c = c;
	e->blocks = 1;
	for (q = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); q;
	     q = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		k = icalproperty_isa(q);
		/* of the properties that time the event, the first of each counts */
		first = k == ICAL_DTSTART_PROPERTY        ? &e->dtstart
			: k == ICAL_DTEND_PROPERTY        ? &e->dtend
			: k == ICAL_DURATION_PROPERTY     ? &e->duration
			: k == ICAL_RECURRENCEID_PROPERTY ? &e->rid
							  : NULL;
		if (first) {
			*first = *first ? *first : q;
			continue;
		}
		switch (k) {
		case ICAL_UID_PROPERTY: e->uid = icalproperty_get_uid(q); break;
		case ICAL_STATUS_PROPERTY:
			if (icalproperty_get_status(q) == ICAL_STATUS_CANCELLED)
				e->blocks = 0;
			break;
		case ICAL_SUMMARY_PROPERTY:
			e->away |= strncasecmp(icalproperty_get_summary(q) ? icalproperty_get_summary(q) : "",
					       "Out of office", 13) == 0;
			break;
		case ICAL_X_PROPERTY:
			e->away |= icalproperty_get_x_name(q) &&
				   strcasecmp(icalproperty_get_x_name(q), "X-MICROSOFT-CDO-BUSYSTATUS") == 0 &&
				   icalproperty_get_x(q) && strcasecmp(icalproperty_get_x(q), "OOF") == 0;
			break;
		case ICAL_TRANSP_PROPERTY:
			tr = icalproperty_get_transp(q);
			if (tr == ICAL_TRANSP_TRANSPARENT || tr == ICAL_TRANSP_TRANSPARENTNOCONFLICT)
				e->blocks = 0;
			break;
		default: break;
		}
	}
}

/* Reads DTSTART and the length (DTEND, DURATION, or the default: one day for a DATE, none
 * for a DATE-TIME) of e. */
static int event_times(struct reader *r, struct event *e)
{
	struct icaltimetype t;
	int64_t end = 0, days;
	char a[32], b[32];
	int rc;

	if (!e->dtstart)
		return ical_fail_at(r, e->c, NULL, "DTSTART", "VEVENT%s%s has no DTSTART", e->uid ? " " : "",
				    e->uid ? e->uid : "");
	t = icalproperty_get_dtstart(e->dtstart);
	if ((rc = ical_instant_of(r, e->dtstart, t, r->home, &e->zone, &e->at)))
		return rc;
	if (!t.is_date)
		t = icaltime_set_timezone(&t, e->zone);
	e->start = t;
	if (e->dtend) {
		t = icalproperty_get_dtend(e->dtend);
		if ((rc = ical_instant_of(r, e->dtend, t, e->zone, NULL, &end)))
			return rc;
		if (end < e->at)
			return ical_fail_at(r, e->c, e->dtend, "DTEND", "DTEND (%s) is before DTSTART (%s)",
					    show(end, a), show(e->at, b));
		if (t.is_date && e->start.is_date) {
			days = ((int64_t)icaltime_as_timet(t) - (int64_t)icaltime_as_timet(e->start)) / 86400;
			e->days = days > 366000 ? 366000 : (int)days;
		} else {
			e->secs = end - e->at;
		}
	} else if (e->duration) {
		struct icaldurationtype d = icalproperty_get_duration(e->duration);

		if (d.is_neg)
			return ical_fail_at(r, e->c, e->duration, "DURATION", "DURATION is negative");
		days = (int64_t)d.weeks * 7 + d.days;
		e->days = days > 366000 ? 366000 : (int)days;
		e->secs = (int64_t)d.hours * 3600 + (int64_t)d.minutes * 60 + d.seconds;
	} else if (e->start.is_date) {
		e->days = 1;
	}
	/* an instance's end is found in the series' zone, up to e->days later */
	if (e->days && !e->start.is_date)
		return ical_zone_charge(r, e->zone, e->start.year + e->days / 365 + 1, e->c,
					e->duration ? e->duration : e->dtend);
	return 0;
}

/* Fills the exclusions of master e: its EXDATEs and the RECURRENCE-IDs that override it. */
static int skip_build(struct reader *r, struct event *e)
{
	icalproperty *q;
	struct icaltimetype t;
	int64_t at = 0;
	size_t i;
	int rc;

	r->nskip = r->nskipday = 0;
	for (q = icalcomponent_get_first_property(e->c, ICAL_EXDATE_PROPERTY); q;
	     q = icalcomponent_get_next_property(e->c, ICAL_EXDATE_PROPERTY)) {
		t = icalproperty_get_exdate(q);
		if (t.is_date && !e->start.is_date) {
			/* a whole day of a timed series: that local day in the series' zone */
			struct busy day;

			t.is_date = 0;
			t.hour = t.minute = t.second = 0;
			if ((rc = ical_zone_charge(r, e->zone, t.year + 1, e->c, q)))
				return rc;
			day.start = (int64_t)icaltime_as_timet_with_zone(t, e->zone);
			icaltime_adjust(&t, 1, 0, 0, 0);
			day.end = (int64_t)icaltime_as_timet_with_zone(t, e->zone);
			if (grow(&r->skipday, &r->capskipday, r->nskipday + 1, sizeof(*r->skipday)))
				return ical_fail_at(r, e->c, NULL, "EXDATE", "out of memory");
			r->skipday[r->nskipday++] = day;
			continue;
		}
		if ((rc = ical_instant_of(r, q, t, e->zone, NULL, &at)))
			return rc;
		if (grow(&r->skip, &r->capskip, r->nskip + 1, sizeof(*r->skip)))
			return ical_fail_at(r, e->c, NULL, "EXDATE", "out of memory");
		r->skip[r->nskip++] = at;
	}
	for (i = 0; e->uid && i < r->nov; i++) {
		if (strcmp(r->ov[i].uid, e->uid) != 0)
			continue;
		if (grow(&r->skip, &r->capskip, r->nskip + 1, sizeof(*r->skip)))
			return ical_fail_at(r, e->c, NULL, "RECURRENCE-ID", "out of memory");
		r->skip[r->nskip++] = r->ov[i].rid;
	}
	if (r->nskip > 1)
		qsort(r->skip, r->nskip, sizeof(*r->skip), cmp_i64);
	return 0;
}

/* Charges, before libical starts, the candidate times its iterator will walk for rule (of q in
 * e) from instant `from` to the rule's end (its UNTIL, at most just past the window), plus a year
 * of them for a jump (set_start walks from the start of the period it lands in); past
 * ICAL_MAX_WALK in the file, refuses with the RRULE's line. 0 or -BT_BAD_INPUT. */
static int walk_charge(struct reader *r, struct event *e, icalproperty *q, const struct icalrecurrencetype *rule,
		       int64_t from, int jump)
{
	int64_t per_year = ical_rule_walk_per_year(rule), end = (int64_t)icaltime_as_timet(rule->until);
	int64_t days = (end - from) / 86400, n;

	n = per_year * ((days > 0 ? days : 0) / 366 + 1 + (jump ? 1 : 0));
	r->walk += n;
	if (r->walk <= ICAL_MAX_WALK)
		return 0;
	return ical_fail_at(r, e->c, q, "RRULE",
			    "RRULE repeats too densely to expand: its FREQ and BY parts make libical look at about "
			    "%lld times a year (%lld from %s to the window's end); baton lets it look at %lld per file",
			    (long long)per_year, (long long)n, jump ? "just before the window" : "DTSTART",
			    (long long)ICAL_MAX_WALK);
}

/* Expands one RRULE q of e with libical's iterator, keeping the instances that meet the window. */
static int rule_expand(struct reader *r, struct event *e, icalproperty *q)
{
	struct icalrecurrencetype rule = icalproperty_get_rrule(q);
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	struct icaltimetype t, limit;
	icalrecur_iterator *it;
	int64_t s, span;
	int rc = 0, jump;

	if (rule.freq == ICAL_NO_RECURRENCE)
		return ical_fail_at(r, e->c, q, "RRULE", "RRULE has no FREQ");
	if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE)
		return ical_fail_at(r, e->c, q, "RRULE",
				    "RRULE FREQ=%s is not supported: a busy series may repeat at most hourly",
				    rule.freq == ICAL_SECONDLY_RECURRENCE ? "SECONDLY" : "MINUTELY");
	if (!e->blocks)
		return 0;
	/* libical scans forward to UNTIL for an instance that matches; stop it a day past the window */
	limit = icaltime_from_timet_with_zone((time_t)(r->to + 86400), 0, utc);
	if (e->start.is_date) {
		limit = icaltime_from_timet_with_zone((time_t)r->to, 1, e->zone);
		icaltime_adjust(&limit, 2, 0, 0, 0);
	}
	if (icaltime_is_null_time(rule.until) || icaltime_compare(rule.until, limit) > 0)
		rule.until = limit;
	/* jump near the window; libical's jump is exact for DAILY and coarser rules without COUNT */
	span = (int64_t)e->days * 86400 + e->secs + 2 * 86400;
	jump = rule.count == 0 && rule.freq >= ICAL_DAILY_RECURRENCE && r->from - span > e->at;
	if ((rc = walk_charge(r, e, q, &rule, jump ? r->from - span : e->at, jump)))
		return rc;
	it = icalrecur_iterator_new(rule, e->start);
	if (!it)
		return ical_fail_at(r, e->c, q, "RRULE", "libical cannot expand this RRULE");
	if (jump) {
		t = icaltime_from_timet_with_zone((time_t)(r->from - span), e->start.is_date, e->zone);
		if (!icalrecur_iterator_set_start(it, t)) {
			icalrecur_iterator_free(it);
			if ((rc = walk_charge(r, e, q, &rule, e->at, 0)))
				return rc;
			if (!(it = icalrecur_iterator_new(rule, e->start)))
				return ical_fail_at(r, e->c, q, "RRULE", "libical cannot expand this RRULE");
		}
	}
	while (!icaltime_is_null_time(t = icalrecur_iterator_next(it))) {
		if (++r->steps > ICAL_MAX_STEPS) {
			rc = ical_fail_at(r, e->c, q, "RRULE",
					  "too many recurrences to expand (more than %ld instances)", ICAL_MAX_STEPS);
			break;
		}
		s = (int64_t)icaltime_as_timet_with_zone(t, e->zone);
		if (s >= r->to)
			break;
		if (!excluded(r, s) && (rc = busy_add(r, e->c, s, end_of(e, t, e->zone, s))))
			break;
	}
	icalrecur_iterator_free(it);
	return rc;
}

/* Keeps e's RDATEs (instants, or periods with their own length). */
static int rdate_expand(struct reader *r, struct event *e)
{
	icalproperty *q;
	struct icaldatetimeperiodtype dp;
	icaltimezone *z;
	int64_t s = 0, end = 0;
	int rc;

	for (q = icalcomponent_get_first_property(e->c, ICAL_RDATE_PROPERTY); q;
	     q = icalcomponent_get_next_property(e->c, ICAL_RDATE_PROPERTY)) {
		dp = icalproperty_get_rdate(q);
		if (!icalperiodtype_is_null_period(dp.period)) {
			if ((rc = ical_instant_of(r, q, dp.period.start, e->zone, &z, &s)))
				return rc;
			if (!icaltime_is_null_time(dp.period.end)) {
				if ((rc = ical_instant_of(r, q, dp.period.end, e->zone, NULL, &end)))
					return rc;
			} else {
				end = s + icaldurationtype_as_int(dp.period.duration);
			}
			if (end < s)
				return ical_fail_at(r, e->c, q, "RDATE", "RDATE period ends before it starts");
		} else {
			if ((rc = ical_instant_of(r, q, dp.time, e->zone, &z, &s)))
				return rc;
			end = end_of(e, dp.time, z, s);
		}
		if (e->blocks && !excluded(r, s) && (rc = busy_add(r, e->c, s, end)))
			return rc;
	}
	return 0;
}

/* Reads one VEVENT: checks it, then keeps its instances (DTSTART, RRULEs, RDATEs, less EXDATEs
 * and overridden instances) if it blocks time. */
int ical_event_read(struct reader *r, icalcomponent *c)
{
	struct event e;
	icalproperty *q;
	int rc;

	event_gather(c, &e);
	if ((rc = event_times(r, &e)) || (rc = skip_build(r, &e)))
		return rc;
	if (e.rid)
		r->nskip = r->nskipday = 0; /* an override is one instance; its RECURRENCE-ID is not excluded */
	r->away_on = e.away;
	if (e.blocks && !excluded(r, e.at) && (rc = busy_add(r, c, e.at, end_of(&e, e.start, e.zone, e.at))))
		goto out;
	for (q = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY); q;
	     q = icalcomponent_get_next_property(c, ICAL_RRULE_PROPERTY))
		if ((rc = rule_expand(r, &e, q)))
			goto out;
	rc = rdate_expand(r, &e);
out:
	r->away_on = 0;
	return rc;
}

/* Records the calendar's overrides (VEVENTs with a UID and a RECURRENCE-ID): the master's
 * instance they replace is excluded from its expansion, cancelled or not. */
int ical_overrides_collect(struct reader *r)
{
	icalcompiter it;
	icalcomponent *c;
	struct event e;
	icaltimezone *z;
	int64_t at = 0;
	int rc;

	r->nov = 0;
	for (it = icalcomponent_begin_component(r->cal, ICAL_VEVENT_COMPONENT); (c = icalcompiter_deref(&it));
	     icalcompiter_next(&it)) {
		event_gather(c, &e);
		if (!e.rid || !e.uid)
			continue;
		/* a floating RECURRENCE-ID is in the zone of the override's DTSTART */
		z = r->home;
		if (e.dtstart &&
		    (rc = ical_instant_of(r, e.dtstart, icalproperty_get_dtstart(e.dtstart), r->home, &z, &at)))
			return rc;
		if ((rc = ical_instant_of(r, e.rid, icalproperty_get_recurrenceid(e.rid), z, NULL, &at)))
			return rc;
		if (grow(&r->ov, &r->capov, r->nov + 1, sizeof(*r->ov)))
			return ical_fail_at(r, c, e.rid, "RECURRENCE-ID", "out of memory");
		r->ov[r->nov].uid = e.uid;
		r->ov[r->nov].rid = at;
		r->nov++;
	}
	return 0;
}

/* Keeps the FREEBUSY periods of a VFREEBUSY but those marked FBTYPE=FREE. */
int ical_freebusy_read(struct reader *r, icalcomponent *c)
{
	icalproperty *q;
	icalparameter *fb;
	struct icalperiodtype per;
	int64_t s = 0, e = 0;
	int rc;

	for (q = icalcomponent_get_first_property(c, ICAL_FREEBUSY_PROPERTY); q;
	     q = icalcomponent_get_next_property(c, ICAL_FREEBUSY_PROPERTY)) {
		fb = icalproperty_get_first_parameter(q, ICAL_FBTYPE_PARAMETER);
		if (fb && icalparameter_get_fbtype(fb) == ICAL_FBTYPE_FREE)
			continue;
		per = icalproperty_get_freebusy(q);
		if ((rc = ical_instant_of(r, q, per.start, r->home, NULL, &s)))
			return rc;
		if (!icaltime_is_null_time(per.end)) {
			if ((rc = ical_instant_of(r, q, per.end, r->home, NULL, &e)))
				return rc;
		} else {
			e = s + icaldurationtype_as_int(per.duration);
		}
		if (e < s)
			return ical_fail_at(r, c, q, "FREEBUSY", "FREEBUSY period ends before it starts");
		if ((rc = busy_add(r, c, s, e)))
			return rc;
	}
	return 0;
}
