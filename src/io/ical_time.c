/* ical_time.c - the instants of a calendar read by ical.c: the time zone a property's TZID names
 * (a VTIMEZONE of the calendar, else one of libical's zones), the instant of a DATE, a UTC, a
 * zoned or a floating time, and the charge against ICAL_MAX_ZONE_CHANGES before libical expands
 * one of the calendar's VTIMEZONEs further (estimated by ical_budget.c). */
#include <libical/ical.h>

#include "io/ical_budget.h"
#include "io/ical_reader.h"

/* Sets *zone to the zone p's TZID names (a VTIMEZONE of the calendar, else one of libical's
 * zones), NULL when p has no TZID; -BT_BAD_INPUT for a name neither knows. */
static int zone_of_prop(struct reader *r, icalproperty *p, icaltimezone **zone)
{
	icalparameter *tp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	const char *tzid;
	icaltimezone *z = NULL;

	*zone = NULL;
	if (!tp)
		return 0;
	tzid = icalparameter_get_tzid(tp);
	if (tzid && tzid[0]) {
		z = icalcomponent_get_timezone(r->cal, tzid);
		if (!z)
			z = icaltimezone_get_builtin_timezone(tzid);
		if (!z)
			z = icaltimezone_get_builtin_timezone_from_tzid(tzid);
	}
	if (!z)
		return ical_fail_at(r, icalproperty_get_parent(p), p, "TZID",
				    "%s: unknown time zone \"%s\" (no VTIMEZONE in the file has that TZID and it is "
				    "not a zone name such as Europe/Paris)",
				    icalproperty_get_property_name(p), tzid ? tzid : "");
	*zone = z;
	return 0;
}

/* Lets libical cover zone z up to `year` when z is one of the calendar's VTIMEZONEs: libical
 * expands every STANDARD and DAYLIGHT rule of it from its DTSTART to 5 years past the latest
 * year asked (at least the window's), again whenever that year grows, so each growth is charged
 * in full; past ICAL_MAX_ZONE_CHANGES in the file, refuses with the line of p in c. 0 or
 * -BT_BAD_INPUT. */
int ical_zone_charge(struct reader *r, icaltimezone *z, int year, icalcomponent *c, icalproperty *p)
{
	icalcomponent *vtz = z ? icaltimezone_get_component(z) : NULL;
	size_t i;
	int64_t n;

	if (!vtz || icalcomponent_get_parent(vtz) != r->cal)
		return 0;
	year = (year > r->to_year ? year : r->to_year) + 5;
	for (i = 0; i < r->nzones && r->zones[i].zone != z; i++)
		;
	if (i < r->nzones && r->zones[i].year >= year)
		return 0;
	if (i == r->nzones) {
		if (grow(&r->zones, &r->capzones, r->nzones + 1, sizeof(*r->zones)))
			return ical_fail_at(r, c, p, "TZID", "out of memory");
		r->zones[r->nzones++].zone = z;
	}
	r->zones[i].year = year;
	n = ical_zone_changes(vtz, year);
	r->zone_changes += n;
	if (r->zone_changes > ICAL_MAX_ZONE_CHANGES)
		return ical_fail_at(
			r, c, p, "TZID",
			"the VTIMEZONE \"%s\" would make libical compute about %lld time zone changes (its "
			"STANDARD and DAYLIGHT rules from their DTSTART to %d); baton lets it compute at most "
			"%lld per file",
			icaltimezone_get_tzid(z) ? icaltimezone_get_tzid(z) : "", (long long)n, year,
			(long long)ICAL_MAX_ZONE_CHANGES);
	return 0;
}

/* Sets *at to the instant of t, the value of p: UTC when it ends in Z, in the zone of p's TZID,
 * else in `floating`; a DATE is local midnight in the default zone. *zone (if not NULL) gets
 * the zone used. 0 or -BT_BAD_INPUT. */
int ical_instant_of(struct reader *r, icalproperty *p, struct icaltimetype t, icaltimezone *floating,
		    icaltimezone **zone, int64_t *at)
{
	icaltimezone *z;
	int rc;

	if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t))
		return ical_fail_at(r, icalproperty_get_parent(p), p, icalproperty_get_property_name(p),
				    "%s has no valid date", icalproperty_get_property_name(p));
	if (t.is_date) {
		z = r->home;
	} else if (icaltime_is_utc(t)) {
		z = icaltimezone_get_utc_timezone();
	} else {
		if ((rc = zone_of_prop(r, p, &z)))
			return rc;
		if (!z)
			z = floating;
		if ((rc = ical_zone_charge(r, z, t.year, icalproperty_get_parent(p), p)))
			return rc;
	}
	*at = (int64_t)icaltime_as_timet_with_zone(t, z);
	if (zone)
		*zone = z;
	return 0;
}
