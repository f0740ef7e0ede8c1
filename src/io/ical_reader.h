/* ical_reader.h - internal to the iCalendar reader (src/io/ical*.c), below ical_busy_read()
 * of ical.h: the state of one read, and what its files share. ical.c parses the text and reads
 * each VCALENDAR; ical_busy.c turns its VEVENTs and VFREEBUSYs into busy intervals; ical_time.c
 * finds the instants and zones; ical_fault.c names the line at fault and judges libical's
 * errors; ical_budget.c estimates libical's hidden work. */
#ifndef BATON_ICAL_READER_H
#define BATON_ICAL_READER_H

#include <libical/ical.h>
#include <stdint.h>
#include <stdlib.h>

#include "io/ical.h"

/* the marker property slipped after each content line on the second read (ical_fault.c) */
#define LINE_MARK "X-BATON-SOURCE-LINE"

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
	struct busy *away;         /* the out-of-office events' intervals (also in v); owned likewise */
	size_t naway, capaway;
	int away_on;               /* 1 while the VEVENT being read is out of office */
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

/* Makes room for need items of size bytes in *p (capacity *cap); 0 or -1. */
static inline int grow(void *p, size_t *cap, size_t need, size_t size)
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

/* ical_fault.c */

/* The component's kind as a name ("VEVENT"); static string. */
const char *ical_kind_name(icalcomponent *c);
/* Fails with the line of p in c (c's BEGIN if p is NULL), the message formatted from fmt; returns
 * -BT_BAD_INPUT. */
int ical_fail_at(struct reader *r, icalcomponent *c, icalproperty *p, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* 0, or -BT_BAD_INPUT for the first error libical recorded in cal that matters. */
int ical_check_errors(struct reader *r, icalcomponent *cal);

/* ical_time.c */

/* Lets libical cover zone z up to `year` when z is one of the calendar's VTIMEZONEs, charging
 * the changes it computes against ICAL_MAX_ZONE_CHANGES (refused with the line of p in c). 0 or
 * -BT_BAD_INPUT. */
int ical_zone_charge(struct reader *r, icaltimezone *z, int year, icalcomponent *c, icalproperty *p);
/* Sets *at to the instant of t, the value of p: UTC when it ends in Z, in the zone of p's TZID,
 * else in `floating`; a DATE is local midnight in the default zone. *zone (if not NULL) gets
 * the zone used. 0 or -BT_BAD_INPUT. */
int ical_instant_of(struct reader *r, icalproperty *p, struct icaltimetype t, icaltimezone *floating,
		    icaltimezone **zone, int64_t *at);

/* ical_busy.c */

/* Reads one VEVENT c: checks it, then keeps its instances in the window if it blocks time. 0 or
 * -BT_BAD_INPUT. */
int ical_event_read(struct reader *r, icalcomponent *c);
/* Records the calendar's overrides (VEVENTs with a UID and a RECURRENCE-ID), whose instances
 * ical_event_read excludes from their master's expansion. 0 or -BT_BAD_INPUT. */
int ical_overrides_collect(struct reader *r);
/* Keeps the FREEBUSY periods of the VFREEBUSY c but those marked FBTYPE=FREE. 0 or
 * -BT_BAD_INPUT. */
int ical_freebusy_read(struct reader *r, icalcomponent *c);

#endif
