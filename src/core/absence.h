/* absence.h - a rep away for a while (SPEC 8.3): a holiday entered by hand (`rep away`, the API,
 * the dashboard) or an out-of-office event of its imported calendar. While away a rep gets no
 * leads and no meetings (route_eligible, the booking's free time); when an absence starts, the
 * rep's untouched mql leads go back to the rotation (routing.absence: reassign_untouched, or
 * keep) and its manager is told; its end is an instant at which the rep is eligible again.
 * Pure: the periods a rep's words name, who is away when, and what the start decides. */
#ifndef BATON_ABSENCE_H
#define BATON_ABSENCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/lifecycle.h"
#include "core/playbook.h"
#include "core/rep.h"
#include "util/error.h"

struct arena;

/* Where an absence comes from: entered by hand, or an out-of-office event of an iCalendar. */
enum absence_source { ABSENCE_MANUAL, ABSENCE_ICS, ABSENCE_SOURCE_COUNT };

/* Where an absence stands at an instant (its status in listings). */
enum absence_status { ABSENCE_UPCOMING, ABSENCE_AWAY, ABSENCE_OVER, ABSENCE_CANCELLED, ABSENCE_STATUS_COUNT };

/* The longest absence, in days (one entry; a longer leave is made inactive). */
#define ABSENCE_MAX_DAYS 366

struct absence {
	int64_t id;                 /* 0 until stored */
	const char *rep;            /* the rep away (borrowed) */
	int64_t start;              /* the first instant away, UTC */
	int64_t finish;             /* the first instant back (exclusive), UTC */
	const char *reason;         /* may be NULL */
	enum absence_source source;
	int64_t created_at;
	/* when it was cancelled, 0 if not; one cancelled once begun ends then (finish cut to it) */
	int64_t cancelled_at;
	/* when its start was processed (leads back to the rotation, manager told), 0 before */
	int64_t begun_at;
};

/* The source's name ("manual", "ics"); static string, "?" if none. */
const char *absence_source_name(enum absence_source s);
/* Sets *out to the source named name; 0 or -1. */
int absence_source_parse(const char *name, enum absence_source *out);
/* The status's name ("upcoming", "away", "over", "cancelled"); static string. */
const char *absence_status_name(enum absence_status s);

/* Where ab stands at `now`. */
enum absence_status absence_status(const struct absence *ab, int64_t now);

/* 1 if ab makes its rep away during [start, finish): not cancelled, or cancelled after it began. */
int absence_counts(const struct absence *ab);

/* The absence of v[0..n) that makes its rep away at `at`, or NULL; borrowed from v. */
const struct absence *absence_at(const struct absence *v, size_t n, int64_t at);

/* The first absence of v[0..n) that makes its rep away during some of [from, to), or NULL. */
const struct absence *absence_overlap(const struct absence *v, size_t n, int64_t from, int64_t to);

/* The absence that makes rep r away at `at` (of those the store loaded with it), or NULL. */
const struct absence *rep_away(const struct rep *r, int64_t at);

/* When the start of ab is processed: its start, or its creation when it was entered late. */
int64_t absence_due(const struct absence *ab);

/* Reads the period of `rep away`: from and to are each an RFC 3339 time or a date YYYY-MM-DD,
 * a date meaning whole days in `zone` (the rep's: rep_zone) — from its midnight, to the
 * midnight after it (--to inclusive). Fills *start and *finish (exclusive); 0, or
 * -BT_BAD_INPUT naming "from" or "to" (not a time or a date; to not after from; longer than
 * ABSENCE_MAX_DAYS), or -BT_STORAGE for an unknown zone. */
int absence_period(const char *zone, const char *from, const char *to, int64_t *start, int64_t *finish,
		   struct bt_error *err);

/* Whether `me` (NULL: the command line, an admin) may enter or cancel (write) or read the
 * absences of rep r: the admin any; a manager its team's reps' (those it manages) and its own;
 * a rep reads its own. 0, or -BT_DENIED saying who may. */
int absence_may(const struct rep *me, const struct rep *r, int write, struct bt_error *err);

/* Checks a new absence ab of a rep whose other absences are v[0..n) at `now`: its reason's
 * text, not over already (-BT_BAD_INPUT "to"), not overlapping one that counts (-BT_REFUSED
 * naming it). 0 or the negative code. */
int absence_check_new(const struct absence *ab, const struct absence *v, size_t n, int64_t now, struct bt_error *err);

/* Checks that absence ab may be cancelled at `now`: not cancelled already, not over
 * (-BT_REFUSED). 0 or the negative code. */
int absence_check_cancel(const struct absence *ab, int64_t now, struct bt_error *err);

/* What the start of an absence does: each untouched mql lead of the rep back to the rotation
 * (an "unassigned" event naming the absence, its obligation keeping its due time), the others
 * kept, and the org-level "absence" event that tells the manager. */
struct absence_plan {
	size_t *moved;            /* indexes into the leads given, of those that go back */
	size_t nmoved;
	struct decision *d;       /* d[k]: the events of leads[moved[k]] */
	size_t kept;              /* the rep's open leads that stay its */
	struct event *event;      /* the "absence" event (no lead) */
};

/* Decides the start of absence ab at `at` for its rep, whose open leads are leads[0..n), by
 * pb's routing.absence; fills *out (in a). */
void absence_start_decide(const struct playbook *pb, const struct absence *ab, const struct lead *leads, size_t n,
			  int64_t at, struct arena *a, struct absence_plan *out);

#endif
