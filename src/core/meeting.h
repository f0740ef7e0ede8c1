/* meeting.h - a meeting between a lead, the rep who booked it and an AE (SPEC section 2).
 * Booking goes only into the AE's free time: meeting_conflict() finds the clash. */
#ifndef BATON_MEETING_H
#define BATON_MEETING_H

#include <stddef.h>
#include <stdint.h>

enum meeting_status { MEETING_BOOKED, MEETING_HELD, MEETING_NO_SHOW, MEETING_RESCHEDULED, MEETING_CANCELLED, MEETING_STATUS_COUNT };

struct meeting {
	int64_t id;
	int64_t lead;
	const char *ae;         /* the AE's name (borrowed) */
	const char *booked_by;  /* the rep who booked it (borrowed) */
	int64_t start;          /* UTC */
	int minutes;
	enum meeting_status status;
	int64_t created_at;
	int sequence;           /* 0, bumped for the invitation each time it is moved */
};

/* The status name ("no_show"); static string. */
const char *meeting_status_name(enum meeting_status s);
/* Finds a status by name; 0 or -1. */
int meeting_status_parse(const char *name, enum meeting_status *out);

/* Who moved a meeting (a reschedule or a cancel): a seller's late move keeps the booking rep's
 * credit, and each side's move is its own follow-up task. */
enum meeting_initiator { INITIATOR_SELLER, INITIATOR_PROSPECT, INITIATOR_COUNT };

/* The initiator's name ("seller"); static string, "?" if none. */
const char *meeting_initiator_name(enum meeting_initiator i);
/* Finds an initiator by name; 0 or -1. */
int meeting_initiator_parse(const char *name, enum meeting_initiator *out);

/* The first booked meeting of ms[0..n) that overlaps [start, start + minutes), or NULL. */
const struct meeting *meeting_conflict(const struct meeting *ms, size_t n, int64_t start, int minutes);

#endif
