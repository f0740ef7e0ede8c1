/* ical.c - reading calendars (the iCalendar adapter's input side; see ical.h). libical parses
 * the text, resolves time zones and expands recurrence rules; this file decides what blocks
 * time and which line is at fault (the invitation is written by ical_write.c). libical keeps no line numbers, so after an error the reader reads the
 * text again, feeding libical one content line at a time and slipping a marker property
 * (LINE_MARK) after each into the open component: the marker after a property, or after an
 * error libical inserted, carries its line. */
#include "io/ical.h"

#include <libical/ical.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "io/ical_budget.h"
#include "util/strbuf.h"

#define ICAL_MAX_STEPS 2000000L /* recurrence instances looked at per file */
#define LINE_MARK "X-BATON-SOURCE-LINE"

/* ---------------------------------------------------------------- reading: state */

struct override {
	const char *uid; /* borrowed from the calendar being read */
	int64_t rid;     /* its RECURRENCE-ID as an instant */
};

/* A VTIMEZONE of the calendar being read, and the year libical covers it to. */
struct zone_cover {
	icaltimezone *zone;
	int year;
};

struct reader {
	int64_t from, to;          /* the window */
	int to_year;               /* the year of `to` (UTC) */
	icaltimezone *home;        /* default_zone: floating times and all-day dates */
	icalcomponent *cal;        /* the VCALENDAR being read */
	struct busy *v;            /* intervals found; owned until handed to the caller */
	size_t n, cap;
	struct override *ov;       /* the calendar's RECURRENCE-ID instances */
	size_t nov, capov;
	int64_t *skip;             /* one master's excluded starts (EXDATEs, overridden instances), sorted */
	size_t nskip, capskip;
	struct busy *skipday;      /* one master's excluded days (DATE EXDATEs of a DATE-TIME event) */
	size_t nskipday, capskipday;
	long steps;                /* recurrence instances looked at so far */
	int64_t walk;              /* candidate times libical was let walk for RRULEs (estimated) */
	int zone_parts;            /* VTIMEZONE, STANDARD and DAYLIGHT components read */
	int64_t zone_changes;      /* changes libical was let expand the VTIMEZONEs to (estimated) */
	struct zone_cover *zones;  /* the calendar's VTIMEZONEs used so far, and to which year */
	size_t nzones, capzones;
	int marks;                 /* 1: slip line markers in (the second read, after an error) */
	struct bt_error *err;
};

/* One VEVENT's properties, gathered in one pass (libical's property iterator is per component). */
struct event {
	icalcomponent *c;
	icalproperty *dtstart, *dtend, *duration, *rid;
	const char *uid;           /* NULL if none */
	int blocks;                /* 0 for CANCELLED or TRANSPARENT: read, checked, not kept */
	struct icaltimetype start; /* DTSTART as written, with its zone attached */
	icaltimezone *zone;        /* the zone of DTSTART (default_zone for a DATE) */
	int64_t at;                /* DTSTART as an instant */
	int days;                  /* length: nominal days (local wall clock) ... */
	int64_t secs;              /* ... then exact seconds */
};

/* Makes room for need items of size bytes in *p (capacity *cap); 0 or -1. */
static int grow(void *p, size_t *cap, size_t need, size_t size)
{
	void **pp = p, *q;
	size_t c = *cap ? *cap : 16;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	q = realloc(*pp, c * size);
	if (!q)
		return -1;
	*pp = q;
	*cap = c;
	return 0;
}

/* The component's kind as a name ("VEVENT"); static. */
static const char *kind_name(icalcomponent *c)
{
	const char *s = icalcomponent_kind_to_string(icalcomponent_isa(c));

	return s && s[0] ? s : "an unknown component";
}

/* ---------------------------------------------------------------- reading: lines */

/* The line a marker property records, or 0 if p is not a marker. */
static int marker_line(icalproperty *p)
{
	const char *name, *v;
	long l;

	if (icalproperty_isa(p) != ICAL_X_PROPERTY)
		return 0;
	name = icalproperty_get_x_name(p);
	if (!name || strcmp(name, LINE_MARK) != 0)
		return 0;
	v = icalproperty_get_x(p);
	l = v ? strtol(v, NULL, 10) : 0;
	return l > 0 && l < 1000000000L ? (int)l : 0;
}

/* The line of property p of c (the first marker after it), or of c's BEGIN when p is NULL or
 * no marker follows it. Uses c's property iterator: only on the way out with an error. */
static int line_of(icalcomponent *c, icalproperty *p)
{
	icalproperty *q;
	int begin = 0, seen = (p == NULL), l;

	for (q = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); q;
	     q = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		if (q == p) {
			seen = 1;
			continue;
		}
		l = marker_line(q);
		if (!l)
			continue;
		if (!begin)
			begin = l;
		if (seen)
			return l;
	}
	return begin;
}

/* Fails with the line of p in c (c's BEGIN if p is NULL); returns -BT_BAD_INPUT. */
static int fail_at(struct reader *r, icalcomponent *c, icalproperty *p, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int fail_at(struct reader *r, icalcomponent *c, icalproperty *p, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return bt_fail(r->err, BT_BAD_INPUT, field, c ? line_of(c, p) : 0, "%s", msg);
}

/* ---------------------------------------------------------------- reading: libical's errors */

/* Properties whose value decides busy time: libical dropping one of them is always fatal. */
static const char *const timing_props[] = {
	"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "STATUS", "TRANSP",
	"FREEBUSY", "TZID", "TZOFFSETFROM", "TZOFFSETTO", NULL,
};

/* Components baton reads; property errors inside the others (VALARM, VTODO, ...) do not count. */
static int component_is_read(icalcomponent_kind k)
{
	return k == ICAL_VCALENDAR_COMPONENT || k == ICAL_VEVENT_COMPONENT || k == ICAL_VFREEBUSY_COMPONENT ||
	       k == ICAL_VTIMEZONE_COMPONENT || k == ICAL_XSTANDARD_COMPONENT || k == ICAL_XDAYLIGHT_COMPONENT;
}

/* Copies into name the property a libical parser message is about, from the forms icalparser.c
 * writes ("Parse error in property name: FOO", "Invalid VALUE type for property DTEND",
 * "No value for DTEND property", "Can't parse as DATE-TIME value in DTEND property"); "" if none. */
static void error_property(const char *msg, char *name, size_t size)
{
	static const struct {
		const char *before; /* the text just before the name */
		int anywhere;       /* 1: anywhere in the message, 0: at its start */
	} forms[] = {
		{"Parse error in property name: ", 0},
		{"Invalid VALUE type for property ", 0},
		{"No value for ", 0},
		{" value in ", 1},
	};
	const char *s = NULL;
	size_t i, k;

	name[0] = '\0';
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]) && !s; i++) {
		if (forms[i].anywhere)
			s = strstr(msg, forms[i].before);
		else if (strncmp(msg, forms[i].before, strlen(forms[i].before)) == 0)
			s = msg;
		if (s)
			s += strlen(forms[i].before);
	}
	if (!s)
		return;
	k = strcspn(s, ": ");
	if (k >= size)
		k = size - 1;
	memcpy(name, s, k);
	name[k] = '\0';
}

static int is_timing(const char *prop)
{
	size_t i;

	for (i = 0; timing_props[i]; i++)
		if (strcmp(prop, timing_props[i]) == 0)
			return 1;
	return 0;
}

/* 1 if libical's error e in c does not make the calendar invalid for baton: an empty value
 * (legal for text, refused by libical) of a property that does not decide busy time, or a
 * property error inside a component baton does not read. */
static int error_tolerated(icalcomponent *c, icalproperty *e, const char *prop)
{
	icalparameter *t = icalproperty_get_first_parameter(e, ICAL_XLICERRORTYPE_PARAMETER);
	const char *msg = icalproperty_get_xlicerror(e);

	if (t && icalparameter_get_xlicerrortype(t) == ICAL_XLICERRORTYPE_COMPONENTPARSEERROR)
		return 0;
	if (!component_is_read(icalcomponent_isa(c)))
		return 1;
	return msg && strncmp(msg, "No value for ", 13) == 0 && prop[0] && !is_timing(prop);
}

struct found {
	int line;            /* 0 until an error is found */
	icalcomponent *comp; /* where */
	const char *msg;     /* libical's message, borrowed */
	char prop[64];       /* the property it is about, "" if unknown */
};

/* Finds in c and its subcomponents the fatal libical error with the smallest line. */
static void first_error(icalcomponent *c, struct found *f)
{
	icalproperty *q, *pending = NULL;
	char prop[64] = "", name[64];
	icalcompiter it;
	icalcomponent *sub;
	int begin = 0, l;

	for (q = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); q;
	     q = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		if ((l = marker_line(q))) {
			if (!begin)
				begin = l;
			if (pending)
				break;
			continue;
		}
		if (pending || icalproperty_isa(q) != ICAL_XLICERROR_PROPERTY)
			continue;
		error_property(icalproperty_get_xlicerror(q) ? icalproperty_get_xlicerror(q) : "", name, sizeof(name));
		if (!error_tolerated(c, q, name)) {
			pending = q;
			memcpy(prop, name, sizeof(prop));
		}
	}
	if (pending) {
		l = q ? l : begin; /* no marker after it: an END that never came; blame the BEGIN */
		if (!f->comp || l < f->line) {
			f->line = l;
			f->comp = c;
			f->msg = icalproperty_get_xlicerror(pending);
			memcpy(f->prop, prop, sizeof(f->prop));
		}
	}
	for (it = icalcomponent_begin_component(c, ICAL_ANY_COMPONENT); (sub = icalcompiter_deref(&it));
	     icalcompiter_next(&it))
		first_error(sub, f);
}

/* 0, or -BT_BAD_INPUT for the first error libical recorded in cal that matters. */
static int check_errors(struct reader *r, icalcomponent *cal)
{
	struct found f = {0};
	char msg[512];
	size_t k;

	first_error(cal, &f);
	if (!f.comp)
		return 0;
	snprintf(msg, sizeof(msg), "%s", f.msg ? f.msg : "unreadable");
	for (k = strlen(msg); k > 0 && (msg[k - 1] == ' ' || msg[k - 1] == ':'); k--)
		msg[k - 1] = '\0'; /* libical ends some messages with ": " and no text */
	return bt_fail(r->err, BT_BAD_INPUT, f.prop[0] ? f.prop : kind_name(f.comp), f.line,
		       "not valid iCalendar (in %s): %s", kind_name(f.comp), msg);
}

/* ---------------------------------------------------------------- reading: time */

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
		return fail_at(r, icalproperty_get_parent(p), p, "TZID",
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
static int zone_charge(struct reader *r, icaltimezone *z, int year, icalcomponent *c, icalproperty *p)
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
			return fail_at(r, c, p, "TZID", "out of memory");
		r->zones[r->nzones++].zone = z;
	}
	r->zones[i].year = year;
	n = ical_zone_changes(vtz, year);
	r->zone_changes += n;
	if (r->zone_changes > ICAL_MAX_ZONE_CHANGES)
		return fail_at(r, c, p, "TZID",
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
static int instant_of(struct reader *r, icalproperty *p, struct icaltimetype t, icaltimezone *floating,
		      icaltimezone **zone, int64_t *at)
{
	icaltimezone *z;
	int rc;

	if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t))
		return fail_at(r, icalproperty_get_parent(p), p, icalproperty_get_property_name(p),
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
		if ((rc = zone_charge(r, z, t.year, icalproperty_get_parent(p), p)))
			return rc;
	}
	*at = (int64_t)icaltime_as_timet_with_zone(t, z);
	if (zone)
		*zone = z;
	return 0;
}

/* Writes instant t as RFC 3339 into buf (>= 32 bytes) for messages; returns buf. */
static const char *show(int64_t t, char *buf)
{
	struct icaltimetype tt = icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());

	snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", tt.year, tt.month, tt.day, tt.hour, tt.minute,
		 tt.second);
	return buf;
}

/* ---------------------------------------------------------------- reading: intervals */

/* Keeps [s, e) if it is not empty and overlaps the window; c is blamed past the cap. */
static int busy_add(struct reader *r, icalcomponent *c, int64_t s, int64_t e)
{
	if (e <= s || s >= r->to || e <= r->from)
		return 0;
	if (r->n >= ICAL_MAX_INTERVALS)
		return fail_at(r, c, NULL, kind_name(c), "more than %d busy intervals in the window", ICAL_MAX_INTERVALS);
	if (grow(&r->v, &r->cap, r->n + 1, sizeof(*r->v)))
		return fail_at(r, c, NULL, kind_name(c), "out of memory");
	r->v[r->n].start = s;
	r->v[r->n].end = e;
	r->n++;
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int cmp_busy(const void *a, const void *b)
{
	const struct busy *x = a, *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return (x->end > y->end) - (x->end < y->end);
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
	icalproperty *q;
	enum icalproperty_transp tr;

	memset(e, 0, sizeof(*e));
	e->c = c;
	e->blocks = 1;
	for (q = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); q;
	     q = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		switch (icalproperty_isa(q)) {
		case ICAL_DTSTART_PROPERTY:
			e->dtstart = e->dtstart ? e->dtstart : q;
			break;
		case ICAL_DTEND_PROPERTY:
			e->dtend = e->dtend ? e->dtend : q;
			break;
		case ICAL_DURATION_PROPERTY:
			e->duration = e->duration ? e->duration : q;
			break;
		case ICAL_RECURRENCEID_PROPERTY:
			e->rid = e->rid ? e->rid : q;
			break;
		case ICAL_UID_PROPERTY:
			e->uid = icalproperty_get_uid(q);
			break;
		case ICAL_STATUS_PROPERTY:
			if (icalproperty_get_status(q) == ICAL_STATUS_CANCELLED)
				e->blocks = 0;
			break;
		case ICAL_TRANSP_PROPERTY:
			tr = icalproperty_get_transp(q);
			if (tr == ICAL_TRANSP_TRANSPARENT || tr == ICAL_TRANSP_TRANSPARENTNOCONFLICT)
				e->blocks = 0;
			break;
		default:
			break;
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
		return fail_at(r, e->c, NULL, "DTSTART", "VEVENT%s%s has no DTSTART", e->uid ? " " : "",
			       e->uid ? e->uid : "");
	t = icalproperty_get_dtstart(e->dtstart);
	if ((rc = instant_of(r, e->dtstart, t, r->home, &e->zone, &e->at)))
		return rc;
	if (!t.is_date)
		t = icaltime_set_timezone(&t, e->zone);
	e->start = t;
	if (e->dtend) {
		t = icalproperty_get_dtend(e->dtend);
		if ((rc = instant_of(r, e->dtend, t, e->zone, NULL, &end)))
			return rc;
		if (end < e->at)
			return fail_at(r, e->c, e->dtend, "DTEND", "DTEND (%s) is before DTSTART (%s)", show(end, a),
				       show(e->at, b));
		if (t.is_date && e->start.is_date) {
			days = ((int64_t)icaltime_as_timet(t) - (int64_t)icaltime_as_timet(e->start)) / 86400;
			e->days = days > 366000 ? 366000 : (int)days;
		} else {
			e->secs = end - e->at;
		}
	} else if (e->duration) {
		struct icaldurationtype d = icalproperty_get_duration(e->duration);

		if (d.is_neg)
			return fail_at(r, e->c, e->duration, "DURATION", "DURATION is negative");
		days = (int64_t)d.weeks * 7 + d.days;
		e->days = days > 366000 ? 366000 : (int)days;
		e->secs = (int64_t)d.hours * 3600 + (int64_t)d.minutes * 60 + d.seconds;
	} else if (e->start.is_date) {
		e->days = 1;
	}
	/* an instance's end is found in the series' zone, up to e->days later */
	if (e->days && !e->start.is_date)
		return zone_charge(r, e->zone, e->start.year + e->days / 365 + 1, e->c,
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
			if ((rc = zone_charge(r, e->zone, t.year + 1, e->c, q)))
				return rc;
			day.start = (int64_t)icaltime_as_timet_with_zone(t, e->zone);
			icaltime_adjust(&t, 1, 0, 0, 0);
			day.end = (int64_t)icaltime_as_timet_with_zone(t, e->zone);
			if (grow(&r->skipday, &r->capskipday, r->nskipday + 1, sizeof(*r->skipday)))
				return fail_at(r, e->c, NULL, "EXDATE", "out of memory");
			r->skipday[r->nskipday++] = day;
			continue;
		}
		if ((rc = instant_of(r, q, t, e->zone, NULL, &at)))
			return rc;
		if (grow(&r->skip, &r->capskip, r->nskip + 1, sizeof(*r->skip)))
			return fail_at(r, e->c, NULL, "EXDATE", "out of memory");
		r->skip[r->nskip++] = at;
	}
	for (i = 0; e->uid && i < r->nov; i++) {
		if (strcmp(r->ov[i].uid, e->uid) != 0)
			continue;
		if (grow(&r->skip, &r->capskip, r->nskip + 1, sizeof(*r->skip)))
			return fail_at(r, e->c, NULL, "RECURRENCE-ID", "out of memory");
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
	return fail_at(r, e->c, q, "RRULE",
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
		return fail_at(r, e->c, q, "RRULE", "RRULE has no FREQ");
	if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE)
		return fail_at(r, e->c, q, "RRULE", "RRULE FREQ=%s is not supported: a busy series may repeat at most hourly",
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
		return fail_at(r, e->c, q, "RRULE", "libical cannot expand this RRULE");
	if (jump) {
		t = icaltime_from_timet_with_zone((time_t)(r->from - span), e->start.is_date, e->zone);
		if (!icalrecur_iterator_set_start(it, t)) {
			icalrecur_iterator_free(it);
			if ((rc = walk_charge(r, e, q, &rule, e->at, 0)))
				return rc;
			if (!(it = icalrecur_iterator_new(rule, e->start)))
				return fail_at(r, e->c, q, "RRULE", "libical cannot expand this RRULE");
		}
	}
	while (!icaltime_is_null_time(t = icalrecur_iterator_next(it))) {
		if (++r->steps > ICAL_MAX_STEPS) {
			rc = fail_at(r, e->c, q, "RRULE", "too many recurrences to expand (more than %ld instances)",
				     ICAL_MAX_STEPS);
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
			if ((rc = instant_of(r, q, dp.period.start, e->zone, &z, &s)))
				return rc;
			if (!icaltime_is_null_time(dp.period.end)) {
				if ((rc = instant_of(r, q, dp.period.end, e->zone, NULL, &end)))
					return rc;
			} else {
				end = s + icaldurationtype_as_int(dp.period.duration);
			}
			if (end < s)
				return fail_at(r, e->c, q, "RDATE", "RDATE period ends before it starts");
		} else {
			if ((rc = instant_of(r, q, dp.time, e->zone, &z, &s)))
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
static int event_read(struct reader *r, icalcomponent *c)
{
	struct event e;
	icalproperty *q;
	int rc;

	event_gather(c, &e);
	if ((rc = event_times(r, &e)) || (rc = skip_build(r, &e)))
		return rc;
	if (e.rid)
		r->nskip = r->nskipday = 0; /* an override is one instance; its RECURRENCE-ID is not excluded */
	if (e.blocks && !excluded(r, e.at) && (rc = busy_add(r, c, e.at, end_of(&e, e.start, e.zone, e.at))))
		return rc;
	for (q = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY); q;
	     q = icalcomponent_get_next_property(c, ICAL_RRULE_PROPERTY))
		if ((rc = rule_expand(r, &e, q)))
			return rc;
	return rdate_expand(r, &e);
}

/* Records the calendar's overrides (VEVENTs with a UID and a RECURRENCE-ID): the master's
 * instance they replace is excluded from its expansion, cancelled or not. */
static int overrides_collect(struct reader *r)
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
		if (e.dtstart && (rc = instant_of(r, e.dtstart, icalproperty_get_dtstart(e.dtstart), r->home, &z, &at)))
			return rc;
		if ((rc = instant_of(r, e.rid, icalproperty_get_recurrenceid(e.rid), z, NULL, &at)))
			return rc;
		if (grow(&r->ov, &r->capov, r->nov + 1, sizeof(*r->ov)))
			return fail_at(r, c, e.rid, "RECURRENCE-ID", "out of memory");
		r->ov[r->nov].uid = e.uid;
		r->ov[r->nov].rid = at;
		r->nov++;
	}
	return 0;
}

/* Keeps the FREEBUSY periods of a VFREEBUSY but those marked FBTYPE=FREE. */
static int freebusy_read(struct reader *r, icalcomponent *c)
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
		if ((rc = instant_of(r, q, per.start, r->home, NULL, &s)))
			return rc;
		if (!icaltime_is_null_time(per.end)) {
			if ((rc = instant_of(r, q, per.end, r->home, NULL, &e)))
				return rc;
		} else {
			e = s + icaldurationtype_as_int(per.duration);
		}
		if (e < s)
			return fail_at(r, c, q, "FREEBUSY", "FREEBUSY period ends before it starts");
		if ((rc = busy_add(r, c, s, e)))
			return rc;
	}
	return 0;
}

/* Counts c into the file's VTIMEZONE, STANDARD and DAYLIGHT components; refuses it, with its
 * BEGIN line, past ICAL_MAX_ZONE_PARTS. */
static int zone_part(struct reader *r, icalcomponent *c)
{
	if (++r->zone_parts <= ICAL_MAX_ZONE_PARTS)
		return 0;
	return fail_at(r, c, NULL, kind_name(c),
		       "more than %d VTIMEZONE, STANDARD and DAYLIGHT components in the file; baton reads at most %d",
		       ICAL_MAX_ZONE_PARTS, ICAL_MAX_ZONE_PARTS);
}

/* Counts the calendar's VTIMEZONEs and their STANDARD and DAYLIGHT blocks (zone_part). */
static int zone_parts_count(struct reader *r)
{
	icalcompiter it, sub;
	icalcomponent *z, *c;
	icalcomponent_kind k;
	int rc;

	for (it = icalcomponent_begin_component(r->cal, ICAL_VTIMEZONE_COMPONENT); (z = icalcompiter_deref(&it));
	     icalcompiter_next(&it)) {
		if ((rc = zone_part(r, z)))
			return rc;
		for (sub = icalcomponent_begin_component(z, ICAL_ANY_COMPONENT); (c = icalcompiter_deref(&sub));
		     icalcompiter_next(&sub)) {
			k = icalcomponent_isa(c);
			if ((k == ICAL_XSTANDARD_COMPONENT || k == ICAL_XDAYLIGHT_COMPONENT) && (rc = zone_part(r, c)))
				return rc;
		}
	}
	return 0;
}

/* Reads one complete VCALENDAR. */
static int calendar_read(struct reader *r, icalcomponent *cal)
{
	icalcompiter it;
	icalcomponent *c;
	int rc;

	if (icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT)
		return fail_at(r, cal, NULL, "VCALENDAR", "%s where BEGIN:VCALENDAR was expected", kind_name(cal));
	if ((rc = check_errors(r, cal)))
		return rc;
	r->cal = cal;
	r->nzones = 0;
	if ((rc = zone_parts_count(r)))
		return rc;
	if ((rc = overrides_collect(r)))
		return rc;
	for (it = icalcomponent_begin_component(cal, ICAL_ANY_COMPONENT); (c = icalcompiter_deref(&it));
	     icalcompiter_next(&it)) {
		if (icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT)
			rc = event_read(r, c);
		else if (icalcomponent_isa(c) == ICAL_VFREEBUSY_COMPONENT)
			rc = freebusy_read(r, c);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---------------------------------------------------------------- reading: the parser */

struct line_gen {
	const char *p, *end; /* what is left of the text */
	int line;            /* physical lines begun so far */
	int at_start;        /* the next byte begins a physical line */
};

/* libical's line generator: copies at most size - 1 bytes of the current physical line
 * (through its newline) into out, counting lines as they begin. */
static char *line_gen_next(char *out, size_t size, void *data)
{
	struct line_gen *g = data;
	const char *nl;
	size_t n;

	out[0] = '\0';
	if (g->p >= g->end)
		return NULL;
	if (g->at_start)
		g->line++;
	nl = memchr(g->p, '\n', (size_t)(g->end - g->p));
	n = nl ? (size_t)(nl - g->p) + 1 : (size_t)(g->end - g->p);
	if (n > size - 1)
		n = size - 1;
	memcpy(out, g->p, n);
	out[n] = '\0';
	g->p += n;
	g->at_start = out[n - 1] == '\n';
	return out;
}

/* 1 if a content line at the top level is an END (libical would warn on stderr). */
static int is_end_line(const char *s)
{
	return strncasecmp(s, "END", 3) == 0 && (s[3] == ':' || s[3] == ';');
}

/* Feeds the text to libical line by line (with r->marks, a marker after each line inside a
 * component) and reads every VCALENDAR as it completes. */
static int text_read(struct reader *r, const char *text, size_t len)
{
	struct line_gen g = {text, text + len, 0, 1};
	icalparser *parser = icalparser_new();
	int depth = 0, next = 1, line, calendars = 0, rc = 0;
	icalparser_state st;
	icalcomponent *c;
	char *s, mark[48];

	if (!parser)
		return bt_fail(r->err, BT_BAD_INPUT, NULL, 0, "out of memory");
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		g.p += 3;
	icalparser_set_gen_data(parser, &g);
	while (!rc && (s = icalparser_get_line(parser, line_gen_next)) != NULL) {
		line = next;      /* libical reads one line ahead to unfold: */
		next = g.line;    /* the line in its buffer begins the next content line */
		if (depth == 0 && is_end_line(s)) {
			rc = bt_fail(r->err, BT_BAD_INPUT, NULL, line, "not iCalendar: END without BEGIN");
			icalmemory_free_buffer(s);
			break;
		}
		c = icalparser_add_line(parser, s);
		st = icalparser_get_state(parser);
		icalmemory_free_buffer(s);
		if (c) {
			depth = 0;
			calendars++;
			rc = calendar_read(r, c);
			icalcomponent_free(c);
			continue;
		}
		if (st == ICALPARSER_BEGIN_COMP) {
			depth++;
		} else if (st == ICALPARSER_END_COMP) {
			depth--;
		} else if (st == ICALPARSER_ERROR && depth == 0) {
			rc = bt_fail(r->err, BT_BAD_INPUT, NULL, line, "not iCalendar: expected BEGIN:VCALENDAR");
			break;
		}
		if (depth > 0 && r->marks) {
			snprintf(mark, sizeof(mark), LINE_MARK ":%d", line);
			icalparser_add_line(parser, mark);
		}
	}
	if (!rc && depth > 0) {
		/* the text ended inside a component: libical closes it with an error to report */
		c = icalparser_clean(parser); /* still the parser's: icalparser_free frees it */
		if (c && (rc = check_errors(r, c)) == 0)
			rc = bt_fail(r->err, BT_BAD_INPUT, NULL, g.line, "not iCalendar: the text ends inside a component");
	}
	if (!rc && !calendars)
		rc = bt_fail(r->err, BT_BAD_INPUT, NULL, 1, "not iCalendar: no BEGIN:VCALENDAR");
	icalparser_free(parser);
	return rc;
}

/* The zone of default_zone: UTC for NULL, "" or "UTC". */
static icaltimezone *home_zone(const char *name)
{
	if (!name || !name[0] || strcmp(name, "UTC") == 0)
		return icaltimezone_get_utc_timezone();
	return icaltimezone_get_builtin_timezone(name);
}

int ical_busy_read(const char *text, size_t len, int64_t from, int64_t to, const char *default_zone,
		   struct busy **out, size_t *n, struct bt_error *err)
{
	struct reader r = {0};
	icalerrorstate es;
	const char *nul;
	size_t i, k;
	int fatal, rc, again;

	*out = NULL;
	*n = 0;
	if (len > ICAL_MAX_BYTES)
		return bt_fail(err, BT_BAD_INPUT, NULL, 0, "the calendar is %zu bytes; baton reads calendars up to 10 MB",
			       len);
	if (!text || !len)
		return bt_fail(err, BT_BAD_INPUT, NULL, 1, "not iCalendar: the text is empty");
	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (i = 0, k = 1; text + i < nul; i++)
			k += text[i] == '\n';
		return bt_fail(err, BT_BAD_INPUT, NULL, (int)k, "not iCalendar: the text holds a NUL byte");
	}
	r.from = from < CLOCK_MIN ? CLOCK_MIN : from; /* libical's times, and from - span, stay sane */
	r.to = to > CLOCK_MAX ? CLOCK_MAX : to;
	r.to_year = icaltime_from_timet_with_zone((time_t)r.to, 0, icaltimezone_get_utc_timezone()).year;
	r.err = err;
	if (!(r.home = home_zone(default_zone)))
		return bt_fail(err, BT_BAD_INPUT, "default_zone", 0, "unknown time zone \"%s\"", default_zone);
	/* libical's error switches are process-wide: set them as icalparser_parse_string does, and
	 * put them back so nothing leaks into the next call */
	fatal = icalerror_get_errors_are_fatal();
	es = icalerror_get_error_state(ICAL_MALFORMEDDATA_ERROR);
	icalerror_set_errors_are_fatal(0);
	icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, ICAL_ERROR_NONFATAL);
	rc = text_read(&r, text, len);
	if (rc) {
		/* markers double libical's memory: only spent to name the line of an error */
		r.n = r.nov = r.nskip = r.nskipday = 0;
		r.steps = 0;
		r.walk = r.zone_changes = 0;
		r.zone_parts = 0;
		r.marks = 1;
		again = text_read(&r, text, len);
		rc = again ? again : rc;
	}
	icalerror_set_error_state(ICAL_MALFORMEDDATA_ERROR, es);
	icalerror_set_errors_are_fatal(fatal);
	icalerror_clear_errno();
	free(r.ov);
	free(r.skip);
	free(r.skipday);
	free(r.zones);
	if (rc) {
		free(r.v);
		return rc;
	}
	if (r.n > 1)
		qsort(r.v, r.n, sizeof(*r.v), cmp_busy);
	for (i = 0, k = 0; i < r.n; i++) {
		if (k && r.v[i].start <= r.v[k - 1].end) {
			if (r.v[i].end > r.v[k - 1].end)
				r.v[k - 1].end = r.v[i].end;
		} else {
			r.v[k++] = r.v[i];
		}
	}
	if (!k) {
		free(r.v);
		r.v = NULL;
	}
	*out = r.v;
	*n = k;
	return 0;
}
