/* ical.c - reading calendars (the iCalendar adapter's input side; see ical.h): ical_busy_read()
 * feeds the text to libical's parser line by line, reads each VCALENDAR as it completes (its
 * VTIMEZONEs counted, its overrides collected, then its VEVENTs and VFREEBUSYs: ical_busy.c) and
 * returns the busy intervals sorted and merged. After an error it reads the text again with line
 * markers so that the error names its line (ical_fault.c). The invitation is written by
 * ical_write.c. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "io/ical_reader.h"

/* ---------------------------------------------------------------- the calendar */

/* Counts c into the file's VTIMEZONE, STANDARD and DAYLIGHT components; refuses it, with its
 * BEGIN line, past ICAL_MAX_ZONE_PARTS. */
static int zone_part(struct reader *r, icalcomponent *c)
{
	if (++r->zone_parts <= ICAL_MAX_ZONE_PARTS)
		return 0;
	return ical_fail_at(
		r, c, NULL, ical_kind_name(c),
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
		return ical_fail_at(r, cal, NULL, "VCALENDAR", "%s where BEGIN:VCALENDAR was expected",
				    ical_kind_name(cal));
	if ((rc = ical_check_errors(r, cal)))
		return rc;
	r->cal = cal;
	r->nzones = 0;
	if ((rc = zone_parts_count(r)))
		return rc;
	if ((rc = ical_overrides_collect(r)))
		return rc;
	for (it = icalcomponent_begin_component(cal, ICAL_ANY_COMPONENT); (c = icalcompiter_deref(&it));
	     icalcompiter_next(&it)) {
		if (icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT)
			rc = ical_event_read(r, c);
		else if (icalcomponent_isa(c) == ICAL_VFREEBUSY_COMPONENT)
			rc = ical_freebusy_read(r, c);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---------------------------------------------------------------- the parser */

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
		if (c && (rc = ical_check_errors(r, c)) == 0)
			rc = bt_fail(r->err, BT_BAD_INPUT, NULL, g.line,
				     "not iCalendar: the text ends inside a component");
	}
	if (!rc && !calendars)
		rc = bt_fail(r->err, BT_BAD_INPUT, NULL, 1, "not iCalendar: no BEGIN:VCALENDAR");
	icalparser_free(parser);
	return rc;
}

/* ---------------------------------------------------------------- the entry */

static int cmp_busy(const void *a, const void *b)
{
	const struct busy *x = a, *y = b;

	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	return (x->end > y->end) - (x->end < y->end);
}

/* The zone of default_zone: UTC for NULL, "" or "UTC". */
static icaltimezone *home_zone(const char *name)
{
	if (!name || !name[0] || strcmp(name, "UTC") == 0)
		return icaltimezone_get_utc_timezone();
	return icaltimezone_get_builtin_timezone(name);
}

/* Sorts v[0..n) and merges the intervals that meet; returns how many remain. */
static size_t merge(struct busy *v, size_t n)
{
	size_t i, k;

	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_busy);
	for (i = 0, k = 0; i < n; i++) {
		if (k && v[i].start <= v[k - 1].end) {
			if (v[i].end > v[k - 1].end)
				v[k - 1].end = v[i].end;
		} else {
			v[k++] = v[i];
		}
	}
	return k;
}

/* Hands list *v of k intervals to the caller (NULL when empty). */
static void hand_over(struct busy **v, size_t k, struct busy **out, size_t *n)
{
	if (!k) {
		free(*v);
		*v = NULL;
	}
	if (out) {
		*out = *v;
		*n = k;
	} else {
		free(*v);
	}
}

int ical_read(const char *text, size_t len, int64_t from, int64_t to, const char *default_zone, struct busy **out,
	      size_t *n, struct busy **away, size_t *naway, struct bt_error *err)
{
	struct reader r = {0};
	icalerrorstate es;
	const char *nul;
	size_t i, k;
	int fatal, rc, again;

	*out = NULL;
	*n = 0;
	if (away) {
		*away = NULL;
		*naway = 0;
	}
	if (len > ICAL_MAX_BYTES)
		return bt_fail(err, BT_BAD_INPUT, NULL, 0,
			       "the calendar is %zu bytes; baton reads calendars up to 10 MB", len);
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
		r.n = r.naway = r.nov = r.nskip = r.nskipday = 0;
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
		free(r.away);
		return rc;
	}
	hand_over(&r.v, merge(r.v, r.n), out, n);
	hand_over(&r.away, merge(r.away, r.naway), away, naway);
	return 0;
}

int ical_busy_read(const char *text, size_t len, int64_t from, int64_t to, const char *default_zone, struct busy **out,
		   size_t *n, struct bt_error *err)
{
	return ical_read(text, len, from, to, default_zone, out, n, NULL, NULL, err);
}
