/* meeting.c - meetings and calendars: booking into an AE's free time (availability blocks or
 * working hours, minus its calendar's busy blocks and its meetings), the outcomes of a meeting
 * (held, no-show, reschedule, cancel, with who initiated it and how much notice), and the
 * calendar imports. The rules are the core's (calendar.c, credit.c, sla.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizclock.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/tz.h"
#include "io/ical.h"
#include "service/absence.h"
#include "service/usecase.h"
#include "service/service.h"
#include "util/arena.h"
#include "service/meeting.h"
#include "service/record.h"

#define LOOKAHEAD (15 * 86400) /* how far the free-slot search and the calendar load go */

/* Loads the AE's calendar around `at` into *c. */
static int load_calendar(struct service *svc, struct arena *a, const struct rep *ae, int64_t at, struct calendar *c,
			 struct bt_error *err)
{
	struct block *all, *blocks;
	struct meeting *ms;
	size_t nall, nb, nm, i;
	int rc;

	memset(c, 0, sizeof(*c));
	c->pb = svc->pb;
	c->ae = ae;
	rc = store_block_list(svc->store, a, ae->name, INT64_MIN / 2, INT64_MAX / 2, &all, &nall, err);
	if (!rc)
		rc = store_block_list(svc->store, a, ae->name, at - 86400, at + LOOKAHEAD, &blocks, &nb, err);
	if (!rc)
		rc = store_meeting_list(svc->store, a, 0, ae->name, at - 86400, &ms, &nm, err);
	if (rc)
		return rc;
	for (i = 0; i < nall; i++)
		c->has_free |= !all[i].busy;
	c->blocks = blocks;
	c->nblocks = nb;
	c->meetings = ms;
	c->nmeetings = nm;
	return 0;
}

int service_book(struct service *svc, struct arena *a, const struct rep *ae, struct meeting *m, int64_t skip,
		 struct bt_error *err)
{
	struct calendar c;
	const char *why = NULL;
	int64_t slots[3];
	size_t n, i;
	int rc = load_calendar(svc, a, ae, m->start, &c, err);

	if (rc)
		return rc;
	c.skip = skip;
	if (!calendar_free(&c, m->start, m->minutes, &why)) {
		char when[24], buf[200] = "";
		struct bizclock bc;
		size_t len = 0;

		bizclock_init(&bc, svc->pb, NULL, ae); /* in the AE's own time (SPEC 8.4) */
		n = calendar_next_free(&c, m->start, m->minutes, slots, 3);
		for (i = 0; i < n; i++) {
			char s[24];

			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? ", " : "",
						tz_format(bc.zone, slots[i], s));
		}
		return bt_fail(err, BT_REFUSED, "meeting", 0, "%s is not free at %s (%s): %s; next free: %s", ae->name,
			       tz_format(bc.zone, m->start, when), bc.zone, why, n ? buf : "nothing in the next 14 days");
	}
	m->ae = ae->name;
	m->status = MEETING_BOOKED;
	m->created_at = svc->now;
	return store_meeting_add(svc->store, m, err);
}

static const char *const action_names[MEET_ACTION_COUNT] = {"held", "no-show", "reschedule", "cancel"};

int meeting_action_parse(const char *s, enum meeting_action *out)
{
	int i;

	for (i = 0; s && i < MEET_ACTION_COUNT; i++)
		if (strcmp(s, action_names[i]) == 0 || (i == MEET_NO_SHOW && strcmp(s, "no_show") == 0)) {
			*out = (enum meeting_action)i;
			return 0;
		}
	return -1;
}

/* Checks that the rep may do act on meeting m; a move (reschedule, cancel) names its initiator,
 * read into *who. */
static int check_meeting(struct service *svc, const struct meeting *m, enum meeting_action act, const struct rep *by,
			 const char *initiator, enum meeting_initiator *who, struct bt_error *err)
{
	int is_ae = strcmp(by->name, m->ae) == 0, is_booker = strcmp(by->name, m->booked_by) == 0;
	int is_manager = by->role == ROLE_MANAGER;

	if (!by->active)
		return bt_fail(err, BT_DENIED, "by", 0, "rep %s is inactive", by->name);
	if (m->status != MEETING_BOOKED)
		return bt_fail(err, BT_REFUSED, "meeting", 0, "meeting %lld is %s: only a booked meeting can be marked %s",
			       (long long)m->id, meeting_status_name(m->status), action_names[act]);
	if (act == MEET_HELD || act == MEET_NO_SHOW) {
		if (!is_ae && !is_manager)
			return bt_fail(err, BT_DENIED, "by", 0, "only the meeting's AE (%s) or a manager may mark it %s",
				       m->ae, action_names[act]);
		if (svc->now < m->start)
			return bt_fail(err, BT_REFUSED, "meeting", 0, "meeting %lld has not started yet", (long long)m->id);
		return 0;
	}
	if (!is_ae && !is_booker && !is_manager)
		return bt_fail(err, BT_DENIED, "by", 0, "only the meeting's AE (%s), the rep who booked it (%s) or a manager may %s it",
			       m->ae, m->booked_by, action_names[act]);
	if (!initiator)
		return bt_fail(err, BT_USAGE, "initiator", 0, "initiator is required to %s a meeting: seller or prospect", action_names[act]);
	if (meeting_initiator_parse(initiator, who))
		return bt_fail(err, BT_BAD_INPUT, "initiator", 0, "initiator must be seller or prospect, got '%s'", initiator);
	if (*who == INITIATOR_SELLER && !is_ae && !is_manager)
		return bt_fail(err, BT_DENIED, "initiator", 0,
			       "only the seller (the meeting's AE, %s) or a manager may move it as the seller", m->ae);
	if (svc->now >= m->start)
		return bt_fail(err, BT_REFUSED, "meeting", 0,
			       "meeting %lld has started: mark it held or no-show instead of moving it", (long long)m->id);
	return 0;
}

int service_meeting(struct service *svc, struct arena *a, int64_t id, enum meeting_action act, const char *by,
		    int64_t at, const char *initiator, struct meeting *out, struct bt_error *err)
{
	struct work w;
	static const enum event_type types[] = {EV_MEETING_HELD, EV_MEETING_NO_SHOW, EV_MEETING_RESCHEDULED, EV_MEETING_CANCELLED};
	struct decision d = {0};
	struct meeting m, moved = {0};
	struct rep actor, ae;
	struct lead l;
	struct event *ev;
	enum meeting_initiator who = INITIATOR_PROSPECT; /* read by check_meeting for a move */
	char buf[CLOCK_RFC3339_LEN];
	int rc = usecase_begin(&w, svc, err);

	if (rc)
		return rc;
	rc = store_meeting_get(svc->store, a, id, &m, err);
	if (!rc) {
		rc = store_rep_get(svc->store, a, by, &actor, err);
		if (rc == -BT_NOT_FOUND)
			rc = bt_fail(err, BT_NOT_FOUND, "by", 0, "--by %s: no rep named %s", by, by);
	}
	if (!rc)
		rc = check_meeting(svc, &m, act, &actor, initiator, &who, err);
	if (!rc && at && act != MEET_RESCHEDULE)
		rc = bt_fail(err, BT_USAGE, "at", 0, "at goes with a reschedule only");
	if (!rc && at && at <= svc->now)
		rc = bt_fail(err, BT_BAD_INPUT, "at", 0, "at must be in the future");
	if (!rc)
		rc = store_lead_get(svc->store, a, m.lead, &l, err);
	if (rc)
		goto done;
	ev = event_new(a, types[act], svc->now, l.id, actor.name);
	event_put_int(ev, a, "meeting", m.id);
	event_put_str(ev, a, "ae", m.ae);
	event_put_str(ev, a, "booked_by", m.booked_by);
	event_put_str(ev, a, "start", clock_format_rfc3339(m.start, buf));
	if (act == MEET_NO_SHOW) {
		int64_t before = 0;

		/* the AE's attempts since the meeting started count toward the no-show rule */
		rc = store_touches_since(svc->store, l.id, m.ae, m.start, &before, err);
		if (rc)
			goto done;
		event_put_int(ev, a, "attempts_before", before);
	}
	if (act == MEET_RESCHEDULE || act == MEET_CANCEL) {
		int64_t notice = (m.start - svc->now) / 60;
		int late = who == INITIATOR_SELLER && svc->pb->sla.reschedule_notice > 0 &&
			   notice < svc->pb->sla.reschedule_notice;

		event_put_str(ev, a, "initiator", meeting_initiator_name(who));
		event_put_int(ev, a, "notice_minutes", notice);
		event_put_bool(ev, a, "late", late);
	}
	rc = store_meeting_set_status(svc->store, m.id,
				      act == MEET_HELD      ? MEETING_HELD
				      : act == MEET_NO_SHOW ? MEETING_NO_SHOW
				      : act == MEET_CANCEL  ? MEETING_CANCELLED
							    : MEETING_RESCHEDULED,
				      err);
	if (!rc && act == MEET_RESCHEDULE && at) {
		rc = store_rep_get(svc->store, a, m.ae, &ae, err);
		moved.lead = m.lead;
		moved.booked_by = m.booked_by;
		moved.start = at;
		moved.minutes = m.minutes;
		moved.sequence = m.sequence + 1;
		if (!rc)
			rc = service_book(svc, a, &ae, &moved, m.id, err);
		if (!rc) {
			event_put_int(ev, a, "new_meeting", moved.id);
			event_put_str(ev, a, "new_start", clock_format_rfc3339(at, buf));
		}
	}
	if (rc)
		goto done;
	decision_add(&d, a, ev);
	if ((act == MEET_RESCHEDULE && !at) || act == MEET_CANCEL) {
		/* somebody must find a new time: the task goes to the role the playbook names */
		enum pb_task kind = who == INITIATOR_SELLER ? PB_TASK_RESCHEDULE_SELLER_INITIATED
							    : PB_TASK_RESCHEDULE_PROSPECT_INITIATED;

		rc = record_follow_up(svc, a, &l, kind, m.id, -1, svc->now, &d, err);
	}
	if (!rc)
		rc = service_record(svc, a, &l, &d, 0, err);
done:
	rc = work_end(&w, rc, err);
	if (!rc) {
		*out = moved.id ? moved : m;
		if (!moved.id)
			out->status = act == MEET_HELD ? MEETING_HELD : act == MEET_NO_SHOW ? MEETING_NO_SHOW
							 : act == MEET_CANCEL ? MEETING_CANCELLED : MEETING_RESCHEDULED;
	}
	return rc;
}

/* Checks that rep `name` exists; loads it. */
static int rep_of(struct service *svc, struct arena *a, const char *name, struct rep *r, struct bt_error *err)
{
	int rc = store_rep_get(svc->store, a, name, r, err);

	if (rc == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "rep", 0, "no rep named %s", name);
	return rc;
}

int service_availability_ics(struct service *svc, const char *name, const char *text, size_t len, size_t *n,
			     size_t *absences, struct bt_error *err)
{
	struct work w;
	struct arena *a = arena_new();
	struct busy *busy = NULL, *away = NULL;
	struct bizclock bc;
	struct rep r;
	size_t i, naway = 0;
	int rc = rep_of(svc, a, name, &r, err);

	*n = *absences = 0;
	if (!rc)
		bizclock_init(&bc, svc->pb, NULL, &r); /* floating times are the rep's own (SPEC 8.4) */
	if (!rc)
		rc = ical_read(text, len, svc->now - 86400, svc->now + 180 * 86400, bc.zone, &busy, n, &away, &naway, err);
	if (!rc)
		rc = usecase_begin(&w, svc, err);
	if (rc)
		goto out;
	rc = store_block_clear(svc->store, name, "ics", err);
	for (i = 0; !rc && i < *n; i++) {
		struct block b = {busy[i].start, busy[i].end, 1};

		rc = store_block_add(svc->store, name, &b, "ics", err);
	}
	if (!rc) {
		struct event *ev = event_new(a, EV_AVAILABILITY_SET, svc->now, 0, "admin");

		event_put_str(ev, a, "rep", name);
		event_put_int(ev, a, "busy_blocks", (int64_t)*n);
		if (naway)
			event_put_int(ev, a, "out_of_office", (int64_t)naway);
		rc = store_event_append(svc->store, ev, err);
	}
	/* its out-of-office events are absences (SPEC 8.3) */
	if (!rc)
		rc = absence_calendar_sync(&w, a, name, away, naway, absences, err);
	rc = work_end(&w, rc, err);
out:
	free(busy);
	free(away);
	arena_free(&a);
	return rc;
}

int service_availability_add(struct service *svc, const char *name, int64_t from, int64_t to, struct bt_error *err)
{
	struct work w;
	struct arena *a = arena_new();
	struct block b = {from, to, 0};
	struct rep r;
	int rc = rep_of(svc, a, name, &r, err);

	if (!rc && to <= from)
		rc = bt_fail(err, BT_BAD_INPUT, "to", 0, "the availability must end after it starts");
	if (!rc && to - from > 31 * 86400)
		rc = bt_fail(err, BT_BAD_INPUT, "to", 0, "one availability block may span at most 31 days");
	if (!rc)
		rc = usecase_begin(&w, svc, err);
	if (!rc) {
		struct event *ev = event_new(a, EV_AVAILABILITY_ADDED, svc->now, 0, "admin");
		char buf[CLOCK_RFC3339_LEN];

		rc = store_block_add(svc->store, name, &b, "manual", err);
		event_put_str(ev, a, "rep", name);
		event_put_str(ev, a, "start", clock_format_rfc3339(from, buf));
		event_put_str(ev, a, "finish", clock_format_rfc3339(to, buf));
		if (!rc)
			rc = store_event_append(svc->store, ev, err);
		rc = work_end(&w, rc, err);
	}
	arena_free(&a);
	return rc;
}

int service_free_slots(struct service *svc, struct arena *a, const struct rep *ae, int64_t from, int64_t to,
		       int minutes, int64_t *slots, size_t max, size_t *n, struct bt_error *err)
{
	struct calendar c;
	size_t i, k = 0;
	int rc = load_calendar(svc, a, ae, from, &c, err);

	*n = 0;
	if (rc)
		return rc;
	*n = calendar_next_free(&c, from, minutes, slots, max);
	for (i = 0; i < *n; i++)
		if (slots[i] + minutes * 60 <= to)
			slots[k++] = slots[i];
	*n = k;
	return 0;
}
