/* absence.c - the absences' use cases: enter, list, cancel, and those of an imported calendar;
 * see absence.h. The start of an absence is the timers' (absence_start.c), run here through the
 * catch-up when it is due by now. */
#include "service/absence.h"

#include <string.h>

#include "core/clock.h"
#include "service/service.h"
#include "service/tick.h"
#include "service/usecase.h"
#include "service/waiting.h"
#include "util/arena.h"

/* Loads rep `name` into *r; -BT_NOT_FOUND naming the rep. */
static int rep_of(struct service *svc, struct arena *a, const char *name, struct rep *r, struct bt_error *err)
{
	int rc = store_rep_get(svc->store, a, name, r, err);

	if (rc == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "rep", 0, "no rep named %s", name);
	return rc;
}

/* Appends the org-level event `type` about absence ab by `by` (NULL: admin). */
static int note(struct service *svc, struct arena *a, enum event_type type, const struct rep *by,
		const struct absence *ab, struct bt_error *err)
{
	struct event *ev = event_new(a, type, svc->now, 0, by ? by->name : "admin");
	char buf[CLOCK_RFC3339_LEN];

	event_put_str(ev, a, "rep", ab->rep);
	event_put_int(ev, a, "absence", ab->id);
	event_put_str(ev, a, "from", clock_format_rfc3339(ab->start, buf));
	event_put_str(ev, a, "to", clock_format_rfc3339(ab->finish, buf));
	event_put_str(ev, a, "reason", ab->reason);
	event_put_str(ev, a, "source", absence_source_name(ab->source));
	return store_event_append(svc->store, ev, err);
}

/* Runs in w what the new absences make due by now (their starts: absence_start.c), reading the
 * reps anew (the pools cached before knew none of them). */
static int catch_up(struct work *w, struct bt_error *err)
{
	int rc = work_settle(w, err);

	return rc ? rc : tick_catch_up(w, err);
}

int service_absence_add(struct service *svc, struct arena *a, const struct rep *by, const char *name, const char *from,
			const char *to, const char *reason, struct absence *out, struct bt_error *err)
{
	struct work w;
	struct rep r;
	int rc = usecase_begin(&w, svc, err);

	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	rc = rep_of(svc, a, name, &r, err);
	if (!rc)
		rc = absence_may(by, &r, 1, err);
	if (!rc)
		rc = absence_period(rep_zone(svc->pb, &r), from, to, &out->start, &out->finish, err);
	out->rep = r.name;
	out->reason = reason && reason[0] ? reason : NULL;
	out->source = ABSENCE_MANUAL;
	out->created_at = svc->now;
	if (!rc)
		rc = absence_check_new(out, r.away, r.naway, svc->now, err);
	if (!rc)
		rc = store_absence_add(svc->store, out, err);
	if (!rc)
		rc = note(svc, a, EV_ABSENCE_ADDED, by, out, err);
	if (!rc)
		rc = catch_up(&w, err);
	if (!rc) /* as the catch-up left it: begun when it starts by now */
		rc = store_absence_get(svc->store, a, r.name, out->id, out, err);
	return work_end(&w, rc, err);
}

int service_absence_list(struct service *svc, struct arena *a, const struct rep *by, const char *name,
			 struct absence **out, size_t *n, struct bt_error *err)
{
	struct rep r;
	int rc = rep_of(svc, a, name, &r, err);

	*out = NULL;
	*n = 0;
	if (!rc)
		rc = absence_may(by, &r, 0, err);
	return rc ? rc : store_absence_list(svc->store, a, r.name, out, n, err);
}

int service_absence_cancel(struct service *svc, struct arena *a, const struct rep *by, const char *name, int64_t id,
			   struct absence *out, struct bt_error *err)
{
	struct work w;
	struct rep r;
	int on, rc = usecase_begin(&w, svc, err);

	if (rc)
		return rc;
	rc = rep_of(svc, a, name, &r, err);
	if (!rc)
		rc = absence_may(by, &r, 1, err);
	if (!rc)
		rc = store_absence_get(svc->store, a, r.name, id, out, err);
	if (!rc)
		rc = absence_check_cancel(out, svc->now, err);
	if (rc)
		return work_end(&w, rc, err);
	on = absence_status(out, svc->now) == ABSENCE_AWAY;
	out->cancelled_at = svc->now;
	if (on && out->begun_at)
		out->finish = svc->now; /* it ends now: the rep is back */
	rc = store_absence_update(svc->store, out, err);
	if (!rc)
		rc = note(svc, a, EV_ABSENCE_CANCELLED, by, out, err);
	/* back early: its rep may take the leads waiting now (SPEC 8.1) */
	if (!rc && on)
		rc = work_settle(&w, err);
	if (!rc && on)
		rc = waiting_settle(&w, a, svc->now, NULL, err);
	return work_end(&w, rc, err);
}

/* 1 if absence ab read from a calendar before covers exactly [start, finish). */
static int same_period(const struct absence *ab, int64_t start, int64_t finish)
{
	return ab->source == ABSENCE_ICS && ab->start == start && ab->finish == finish && absence_counts(ab);
}

int absence_calendar_sync(struct work *w, struct arena *a, const char *name, const struct busy *away, size_t n,
			  size_t *added, struct bt_error *err)
{
	struct service *svc = w->svc;
	struct absence *old = NULL;
	size_t nold = 0, i, j;
	int rc = store_absence_clear(svc->store, name, ABSENCE_ICS, err);

	*added = 0;
	if (!rc)
		rc = store_absence_list(svc->store, a, name, &old, &nold, err);
	for (i = 0; !rc && i < n; i++) {
		struct absence ab = {0};

		if (away[i].end <= svc->now)
			continue; /* over already */
		for (j = 0; j < nold && !same_period(&old[j], away[i].start, away[i].end); j++)
			;
		if (j < nold)
			continue; /* begun already, read again */
		ab.rep = name;
		ab.start = away[i].start;
		ab.finish = away[i].end;
		ab.reason = "out of office (calendar)";
		ab.source = ABSENCE_ICS;
		ab.created_at = svc->now;
		rc = store_absence_add(svc->store, &ab, err);
		if (!rc)
			rc = note(svc, a, EV_ABSENCE_ADDED, NULL, &ab, err);
		*added += rc == 0;
	}
	return rc ? rc : catch_up(w, err);
}
