/* ical.h - the iCalendar adapter, on libical. In: a person's calendar export (Google, Outlook,
 * Apple, any RFC 5545 file) becomes the busy intervals of a window, for `availability set REP
 * --ics FILE` and the booking check. Out: a meeting becomes an invitation (`meeting ics`,
 * GET /api/v1/meetings/{id}.ics). docs/calendar.md is the user's page. */
#ifndef BATON_ICAL_H
#define BATON_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define ICAL_MAX_BYTES (10 * 1024 * 1024) /* the largest calendar text read */
#define ICAL_MAX_INTERVALS 100000         /* the most busy intervals one window may hold */
#define ICAL_MAX_WALK 2000000LL           /* candidate times libical may walk for a file's RRULEs (estimated first) */
#define ICAL_MAX_ZONE_PARTS 1000          /* VTIMEZONE, STANDARD and DAYLIGHT components in one file */
#define ICAL_MAX_ZONE_CHANGES 20000LL     /* changes libical may expand a file's VTIMEZONEs to (estimated first) */

struct busy {
	int64_t start, end; /* UTC seconds, start < end */
};

/* Reads an iCalendar text (VEVENTs with RRULE/RDATE/EXDATE and RECURRENCE-ID overrides, TZIDs
 * from VTIMEZONEs or libical's zones, all-day dates and floating times in default_zone (NULL or
 * "UTC" for UTC), VFREEBUSY periods; CANCELLED and TRANSPARENT events block nothing) and sets
 * *out to the busy intervals overlapping [from, to), sorted and merged (not clipped to the
 * window); *out is malloc'd (NULL when *n is 0) and the caller frees it. Returns 0, or
 * -BT_BAD_INPUT with err->line (1-based) and err->field (the property, or the component) for a
 * text that is not a valid calendar, is over ICAL_MAX_BYTES, or holds more than
 * ICAL_MAX_INTERVALS intervals in the window, has RRULEs that would make libical walk more than
 * ICAL_MAX_WALK candidate times, or VTIMEZONEs of more than ICAL_MAX_ZONE_PARTS components or
 * that would expand to more than ICAL_MAX_ZONE_CHANGES changes, each refused before libical
 * starts the work (docs/calendar.md lists the cases). Never reads
 * the wall clock; sets libical's process-wide error switches for the call and puts them back. */
int ical_busy_read(const char *text, size_t len, int64_t from, int64_t to, const char *default_zone,
		   struct busy **out, size_t *n, struct bt_error *err);

/* The same read (ical_busy_read), also setting *away (when away is not NULL) to the intervals
 * of the out-of-office events among them — X-MICROSOFT-CDO-BUSYSTATUS:OOF, or a SUMMARY that
 * begins "Out of office" in any case — sorted and merged the same way (malloc'd, NULL when
 * *naway is 0; the caller frees it): the times the calendar's owner is away (SPEC 8.3). */
int ical_read(const char *text, size_t len, int64_t from, int64_t to, const char *default_zone, struct busy **out,
	      size_t *n, struct busy **away, size_t *naway, struct bt_error *err);

struct ical_invite {
	int64_t meeting_id;                           /* UID = "meeting-<id>@<uid_domain>" */
	int64_t start;                                /* UTC seconds */
	int minutes;                                  /* length, >= 1 */
	const char *organizer_name, *organizer_email; /* the AE; either may be NULL (email: noreply@<uid_domain>) */
	const char *attendee_name, *attendee_email;   /* the lead; name may be NULL */
	const char *booked_by;                        /* the SDR/MRR who booked it; may be NULL */
	const char *summary, *description;            /* may be NULL: a summary is made up */
	/* the AE's and the lead's time zones (SPEC 8.4): the description gives the meeting's time
	 * in each; NULL: not written (the lead's when unknown or the AE's own) */
	const char *organizer_zone, *attendee_zone;
	const char *status;  /* "booked" -> CONFIRMED, "cancelled" -> CANCELLED (METHOD:CANCEL), else TENTATIVE */
	int sequence;        /* bumped on each reschedule */
	int64_t stamp;       /* DTSTAMP, UTC seconds: the command's --now, never the wall clock */
	const char *uid_domain; /* e.g. "baton.local" */
};

/* Writes the meeting as a METHOD:REQUEST (METHOD:CANCEL when cancelled) VCALENDAR with one
 * VEVENT, times in UTC (the description says them in the AE's and the lead's local times), CRLF
 * line endings, lines folded by libical. Returns malloc'd text the
 * caller frees, or NULL if the attendee's email, the domain or the length is missing. */
char *ical_invite_write(const struct ical_invite *inv);

#endif
