/* ical_fault.c - where a calendar read by ical.c is wrong. libical keeps no line numbers, so
 * after an error the reader reads the text again, feeding libical one content line at a time and
 * slipping a marker property (LINE_MARK) after each into the open component: the marker after a
 * property, or after an error libical inserted, carries its line. This file reads those markers
 * (ical_fail_at names the line at fault) and decides which of the errors libical recorded make
 * the calendar invalid for baton (ical_check_errors). */
#include <libical/ical.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ical_reader.h"

/* The component's kind as a name ("VEVENT"); static. */
const char *ical_kind_name(icalcomponent *c)
{
	const char *s = icalcomponent_kind_to_string(icalcomponent_isa(c));

	return s && s[0] ? s : "an unknown component";
}

/* ---------------------------------------------------------------- lines */

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
int ical_fail_at(struct reader *r, icalcomponent *c, icalproperty *p, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return bt_fail(r->err, BT_BAD_INPUT, field, c ? line_of(c, p) : 0, "%s", msg);
}

/* ---------------------------------------------------------------- libical's errors */

/* Properties whose value decides busy time: libical dropping one of them is always fatal. */
static const char *const timing_props[] = {
	"DTSTART", "DTEND",  "DURATION", "RRULE", "RDATE",        "EXDATE",     "RECURRENCE-ID",
	"STATUS",  "TRANSP", "FREEBUSY", "TZID",  "TZOFFSETFROM", "TZOFFSETTO", NULL,
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
int ical_check_errors(struct reader *r, icalcomponent *cal)
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
	return bt_fail(r->err, BT_BAD_INPUT, f.prop[0] ? f.prop : ical_kind_name(f.comp), f.line,
		       "not valid iCalendar (in %s): %s", ical_kind_name(f.comp), msg);
}
