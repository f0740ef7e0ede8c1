/* absence.c - absences: the period a rep's words name, who is away when, and what the start of
 * an absence decides; see absence.h. */
#include "core/absence.h"

#include <string.h>

#include "core/clock.h"
#include "core/tz.h"
#include "util/arena.h"
#include "util/names.h"
#include "util/text.h"

static const char *const source_names[ABSENCE_SOURCE_COUNT] = {[ABSENCE_MANUAL] = "manual", [ABSENCE_ICS] = "ics"};
static const char *const status_names[ABSENCE_STATUS_COUNT] = {[ABSENCE_UPCOMING] = "upcoming",
							       [ABSENCE_AWAY] = "away",
							       [ABSENCE_OVER] = "over",
							       [ABSENCE_CANCELLED] = "cancelled"};

const char *absence_source_name(enum absence_source s)
{
	return names_at(source_names, ABSENCE_SOURCE_COUNT, (int)s, "?");
}

int absence_source_parse(const char *name, enum absence_source *out)
{
	int i = names_find(source_names, ABSENCE_SOURCE_COUNT, name);

	if (i >= 0)
		*out = (enum absence_source)i;
	return i < 0 ? -1 : 0;
}

const char *absence_status_name(enum absence_status s)
{
	return names_at(status_names, ABSENCE_STATUS_COUNT, (int)s, "?");
}

int absence_counts(const struct absence *ab)
{
	return ab->finish > ab->start && (!ab->cancelled_at || ab->begun_at);
}

enum absence_status absence_status(const struct absence *ab, int64_t now)
{
	if (ab->cancelled_at && !ab->begun_at)
		return ABSENCE_CANCELLED;
	if (now >= ab->finish)
		return ABSENCE_OVER;
	return now >= ab->start ? ABSENCE_AWAY : ABSENCE_UPCOMING;
}

const struct absence *absence_overlap(const struct absence *v, size_t n, int64_t from, int64_t to)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (absence_counts(&v[i]) && v[i].start < to && from < v[i].finish)
			return &v[i];
	return NULL;
}

const struct absence *absence_at(const struct absence *v, size_t n, int64_t at)
{
	return absence_overlap(v, n, at, at + 1);
}

const struct absence *rep_away(const struct rep *r, int64_t at)
{
	return absence_at(r->away, r->naway, at);
}

int64_t absence_due(const struct absence *ab)
{
	return ab->start > ab->created_at ? ab->start : ab->created_at;
}

/* Reads one end of a period: an RFC 3339 time, or the midnight that begins (from) or ends (to:
 * the next day's) date s in zone. */
static int period_end(const char *zone, const char *s, const char *field, int to, int64_t *out, struct bt_error *err)
{
	int64_t day;

	if (s && clock_parse_rfc3339(s, out) == 0)
		return 0;
	if (!s || clock_parse_date(s, &day))
		return bt_fail(err, BT_BAD_INPUT, field, 0,
			       "%s must be a date (YYYY-MM-DD) or an RFC 3339 time, got '%s'", field, s ? s : "");
	if (tz_utc(zone, day + (to ? 1 : 0), 0, out))
		return bt_fail(err, BT_STORAGE, "timezone", 0, "unknown time zone %s", zone ? zone : "");
	return 0;
}

int absence_period(const char *zone, const char *from, const char *to, int64_t *start, int64_t *finish,
		   struct bt_error *err)
{
	int rc = period_end(zone, from, "from", 0, start, err);

	if (!rc)
		rc = period_end(zone, to, "to", 1, finish, err);
	if (rc)
		return rc;
	if (*finish <= *start)
		return bt_fail(err, BT_BAD_INPUT, "to", 0,
			       "the end (to) must come after the start (from); a date as the end is the last day away");
	if (*finish - *start > (int64_t)ABSENCE_MAX_DAYS * 86400)
		return bt_fail(err, BT_BAD_INPUT, "to", 0,
			       "an absence lasts at most %d days; for a longer leave make the rep inactive",
			       ABSENCE_MAX_DAYS);
	return 0;
}

static int same(const char *x, const char *y)
{
	return x && y && strcmp(x, y) == 0;
}

int absence_may(const struct rep *me, const struct rep *r, int write, struct bt_error *err)
{
	int manager = me && me->role == ROLE_MANAGER;

	if (!me || (manager && (same(r->manager, me->name) || same(r->name, me->name))))
		return 0;
	if (!write && same(r->name, me->name))
		return 0;
	if (!manager)
		return bt_fail(err, BT_DENIED, "by", 0, "absences are entered by managers; %s is a %s rep%s", me->name,
			       role_name(me->role), write ? "" : " and may read only its own");
	return bt_fail(err, BT_DENIED, "by", 0, "%s's manager is %s; manager %s handles the absences of its team only",
		       r->name, r->manager ? r->manager : "nobody", me->name);
}

int absence_check_new(const struct absence *ab, const struct absence *v, size_t n, int64_t now, struct bt_error *err)
{
	const struct absence *o;
	char a[CLOCK_RFC3339_LEN], b[CLOCK_RFC3339_LEN];
	int rc = text_check("reason", ab->reason, 500, 0, err);

	if (rc)
		return rc;
	if (ab->finish <= now)
		return bt_fail(err, BT_BAD_INPUT, "to", 0, "the absence is over already (it ends %s)",
			       clock_format_rfc3339(ab->finish, a));
	o = absence_overlap(v, n, ab->start, ab->finish);
	if (o)
		return bt_fail(err, BT_REFUSED, "from", 0, "%s is already away from %s to %s (absence %lld)", ab->rep,
			       clock_format_rfc3339(o->start, a), clock_format_rfc3339(o->finish, b), (long long)o->id);
	return 0;
}

int absence_check_cancel(const struct absence *ab, int64_t now, struct bt_error *err)
{
	switch (absence_status(ab, now)) {
	case ABSENCE_CANCELLED:
		return bt_fail(err, BT_REFUSED, "cancel", 0, "absence %lld is cancelled already", (long long)ab->id);
	case ABSENCE_OVER: return bt_fail(err, BT_REFUSED, "cancel", 0, "absence %lld is over", (long long)ab->id);
	default: return 0;
	}
}

/* 1 if lead l goes back to the rotation when its owner's absence starts: in mql, untouched
 * since it became one, and the playbook says so. */
static int goes_back(const struct playbook *pb, const struct lead *l)
{
	return pb->routing.absence == PB_ABSENCE_REASSIGN_UNTOUCHED && l->stage == STAGE_MQL &&
	       (!l->first_touch_at || l->first_touch_at < l->mql_at);
}

void absence_start_decide(const struct playbook *pb, const struct absence *ab, const struct lead *leads, size_t n,
			  int64_t at, struct arena *a, struct absence_plan *out)
{
	char buf[CLOCK_RFC3339_LEN];
	size_t i;

	memset(out, 0, sizeof(*out));
	out->moved = arena_alloc(a, (n ? n : 1) * sizeof(*out->moved));
	out->d = arena_alloc(a, (n ? n : 1) * sizeof(*out->d));
	for (i = 0; i < n; i++) {
		struct event *ev;

		if (!goes_back(pb, &leads[i])) {
			out->kept++;
			continue;
		}
		ev = event_new(a, EV_UNASSIGNED, at, leads[i].id, "system");
		event_put_str(ev, a, "previous_owner", ab->rep);
		event_put_int(ev, a, "absence", ab->id);
		event_put_str(ev, a, "routing",
			      arena_printf(a,
					   "%s is away until %s: back to the rotation (routing.absence: "
					   "reassign_untouched)",
					   ab->rep, clock_format_rfc3339(ab->finish, buf)));
		memset(&out->d[out->nmoved], 0, sizeof(out->d[out->nmoved]));
		decision_add(&out->d[out->nmoved], a, ev);
		out->moved[out->nmoved++] = i;
	}
	out->event = event_new(a, EV_ABSENCE, at, 0, "system");
	event_put_str(out->event, a, "rep", ab->rep);
	event_put_int(out->event, a, "absence", ab->id);
	event_put_str(out->event, a, "from", clock_format_rfc3339(ab->start, buf));
	event_put_str(out->event, a, "to", clock_format_rfc3339(ab->finish, buf));
	event_put_str(out->event, a, "reason", ab->reason);
	event_put_str(out->event, a, "policy", pb->routing.absence == PB_ABSENCE_KEEP ? "keep" : "reassign_untouched");
	event_put_int(out->event, a, "moved", (int64_t)out->nmoved);
	event_put_int(out->event, a, "kept", (int64_t)out->kept);
}
