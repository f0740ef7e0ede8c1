/* bizclock.c - business time; see bizclock.h and docs/business-time.md. Each business day is
 * turned into the UTC spans whose local wall time lies in [start, end) of its weekday's hours
 * (one span, or two around a DST change inside the hours), and durations are consumed span by
 * span. Whole weeks with no offset change are skipped arithmetically (the week's hours, less the
 * holidays in the week), so a year of business time costs a few hundred zone look-ups. */
#include "core/bizclock.h"

#include "core/clock.h"
#include "core/tz.h"

#define DAY_SECONDS 86400
/* More than any UTC offset (-12h .. +14h): every instant whose local time falls on day d lies
 * within MARGIN of d's local midnight-to-midnight, read as UTC. */
#define MARGIN (15 * 3600)

/* A half-open interval [s, e) of UTC seconds. */
struct span {
	int64_t s, e;
};

void bizclock_init(struct bizclock *bc, const struct playbook *pb, const char *team, const struct rep *r)
{
	const struct pb_team *t = playbook_team(pb, r ? r->team : team);
	const struct pb_org *holidays = t && t->has_holidays ? &t->cal : &pb->org;
	int d;

	bc->zone = r && r->timezone ? r->timezone : t && t->cal.timezone ? t->cal.timezone : pb->org.timezone;
	bc->hours = t && t->has_hours ? t->cal.hours : pb->org.hours;
	for (d = 0; r && r->hours_start >= 0 && d < 7; d++)
		if (bc->hours.start[d] < bc->hours.end[d]) {
			bc->hours.start[d] = r->hours_start;
			bc->hours.end[d] = r->hours_end;
		}
	bc->holidays = holidays->holidays;
	bc->nholidays = holidays->nholidays;
}

/* 1 if weekday d (0 = monday) has hours. */
static int open_on(const struct bizclock *bc, int d)
{
	return bc->hours.start[d] < bc->hours.end[d];
}

int bizclock_valid(const struct bizclock *bc)
{
	int d, any = 0;

	for (d = 0; d < 7; d++) {
		if (!open_on(bc, d))
			continue;
		if (bc->hours.start[d] < 0 || bc->hours.end[d] > 1440)
			return 0;
		any = 1;
	}
	return any && tz_known(bc->zone);
}

/* 0 = monday ... 6 = sunday (1970-01-01 was a thursday). */
static int weekday_of(int64_t day)
{
	return (int)(((day % 7) + 7 + 3) % 7);
}

/* Index of the first holiday >= day. */
static size_t holiday_lower_bound(const struct bizclock *bc, int64_t day)
{
	size_t lo = 0, hi = bc->nholidays;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (bc->holidays[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int is_business_day(const struct bizclock *bc, int64_t day)
{
	size_t i;

	if (!open_on(bc, weekday_of(day)))
		return 0;
	i = holiday_lower_bound(bc, day);
	return !(i < bc->nholidays && bc->holidays[i] == day);
}

/* Minutes of weekday d's hours (0 on a closed day). */
static int64_t day_minutes(const struct bizclock *bc, int d)
{
	return open_on(bc, d) ? bc->hours.end[d] - bc->hours.start[d] : 0;
}

/* Business minutes of the local days [day, day + 7) when no offset change touches them: every
 * weekday's hours once, less those of the holidays (counted once each) in the week. */
static int64_t week_minutes(const struct bizclock *bc, int64_t day)
{
	int64_t n = 0, prev = day - 1;
	size_t i;
	int d;

	for (d = 0; d < 7; d++)
		n += day_minutes(bc, d);
	for (i = holiday_lower_bound(bc, day); i < bc->nholidays && bc->holidays[i] < day + 7; i++) {
		if (bc->holidays[i] != prev)
			n -= day_minutes(bc, weekday_of(bc->holidays[i]));
		prev = bc->holidays[i];
	}
	return n;
}

/* The UTC offset in force at t; returns 0, or -1 for an unknown zone. */
static int offset_at(const struct bizclock *bc, int64_t t, int *off)
{
	struct local_time lt;

	/* the window around the first or last day of the range reaches past it, where tz gives
	 * no answer: the offset at the end of the range stands in (fuzz/regressions/time) */
	if (t < CLOCK_MIN)
		t = CLOCK_MIN;
	else if (t > CLOCK_MAX)
		t = CLOCK_MAX;
	if (tz_local(bc->zone, t, &lt))
		return -1;
	*off = lt.offset;
	return 0;
}

/* 1 if the offset is the same at both ends of the UTC window around local days [day, day + 7),
 * i.e. no change touches them (changes are assumed more than 8 days apart). */
static int week_is_steady(const struct bizclock *bc, int64_t day)
{
	int a, b;

	if (offset_at(bc, day * DAY_SECONDS - MARGIN, &a) || offset_at(bc, (day + 7) * DAY_SECONDS + MARGIN, &b))
		return 0;
	return a == b;
}

/* Fills sp with the UTC spans of local day `day` inside business hours, in order; returns how
 * many (0 on a day off or a day whose hours fall in a DST gap, 1, or 2 when a clock change
 * inside the hours repeats some of them), or -1 for an unknown zone. At most one offset change
 * is assumed within the day's 30-odd-hour window. */
static int day_spans(const struct bizclock *bc, int64_t day, struct span sp[2])
{
	int wd = weekday_of(day);
	int64_t ws = day * DAY_SECONDS + (int64_t)bc->hours.start[wd] * 60;
	int64_t we = day * DAY_SECONDS + (int64_t)bc->hours.end[wd] * 60;
	int64_t lo = ws - MARGIN, hi = we + MARGIN, change;
	int off1, off2, off, n = 0;

	if (!is_business_day(bc, day))
		return 0;
	if (offset_at(bc, lo, &off1) || offset_at(bc, hi, &off2))
		return -1;
	if (off1 == off2) {
		sp[0].s = ws - off1;
		sp[0].e = we - off1;
		return 1;
	}
	/* one change: its instant is the first second with the new offset */
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;

		if (offset_at(bc, mid, &off))
			return -1;
		if (off == off1)
			lo = mid;
		else
			hi = mid;
	}
	change = hi;
	/* the hours read with the old offset before the change, with the new one after */
	if (ws - off1 < change) {
		sp[n].s = ws - off1;
		sp[n].e = we - off1 < change ? we - off1 : change;
		n++;
	}
	if (we - off2 > change) {
		int64_t s = ws - off2 > change ? ws - off2 : change;

		if (n && sp[0].e == s) {
			sp[0].e = we - off2;
		} else {
			sp[n].s = s;
			sp[n].e = we - off2;
			n++;
		}
	}
	return n;
}

/* The local day of instant t, or -1 (with *day untouched) for an unknown zone. */
static int local_day(const struct bizclock *bc, int64_t t, int64_t *day)
{
	struct local_time lt;

	if (tz_local(bc->zone, t, &lt))
		return -1;
	*day = lt.day;
	return 0;
}

/* More business minutes than bc can give from `from` to CLOCK_MAX: each week gives at most its
 * days' hours, plus one day's hours more when a clock change (at most one a week, as assumed
 * below) repeats some of them. */
static int64_t max_minutes_until_never(const struct bizclock *bc, int64_t from)
{
	int64_t weeks = (CLOCK_MAX - from) / (7 * DAY_SECONDS) + 2, week = 0, longest = 0;
	int d;

	for (d = 0; d < 7; d++) {
		week += day_minutes(bc, d);
		if (day_minutes(bc, d) > longest)
			longest = day_minutes(bc, d);
	}
	return weeks * (week + longest);
}

/* The walk over days starts one local day early: around a change at midnight, an instant of the
 * previous day can follow `from`. Whole weeks are skipped only two days past it. */
int64_t bizclock_add(const struct bizclock *bc, int64_t from, int64_t minutes)
{
	int64_t day0, day, rem;
	struct span sp[2];
	int i, n;

	if (minutes <= 0)
		return from;
	if (!bizclock_valid(bc) || from < CLOCK_MIN || from > CLOCK_MAX || minutes > (CLOCK_MAX - from) / 60)
		return BIZCLOCK_NEVER;
	if (minutes > max_minutes_until_never(bc, from))
		return BIZCLOCK_NEVER; /* known now, not after a walk to the year 9999 */
	if (local_day(bc, from, &day0))
		return BIZCLOCK_NEVER;
	rem = minutes * 60;
	for (day = day0 - 1; day * DAY_SECONDS - MARGIN <= CLOCK_MAX; day++) {
		while (day >= day0 + 2) {
			int64_t week = week_minutes(bc, day) * 60;

			if (week >= rem || !week_is_steady(bc, day))
				break;
			rem -= week;
			day += 7;
		}
		n = day_spans(bc, day, sp);
		if (n < 0)
			return BIZCLOCK_NEVER;
		for (i = 0; i < n; i++) {
			int64_t cur = sp[i].s > from ? sp[i].s : from;

			if (sp[i].e <= from)
				continue;
			if (rem <= sp[i].e - cur)
				return cur + rem > CLOCK_MAX ? BIZCLOCK_NEVER : cur + rem;
			rem -= sp[i].e - cur;
		}
	}
	return BIZCLOCK_NEVER;
}

/* Same walk as bizclock_add, in seconds, clipped to [a, b); a whole week is skipped when it lies
 * entirely inside. */
int64_t bizclock_between(const struct bizclock *bc, int64_t a, int64_t b)
{
	int64_t day0, day1, day, total = 0;
	struct span sp[2];
	int i, n;

	if (a < CLOCK_MIN)
		a = CLOCK_MIN;
	if (b > CLOCK_MAX)
		b = CLOCK_MAX;
	if (b <= a || !bizclock_valid(bc) || local_day(bc, a, &day0) || local_day(bc, b, &day1))
		return 0;
	for (day = day0 - 1; day <= day1 + 1; day++) {
		while (day >= day0 + 2 && (day + 7) * DAY_SECONDS + MARGIN <= b && week_is_steady(bc, day)) {
			total += week_minutes(bc, day) * 60;
			day += 7;
		}
		n = day_spans(bc, day, sp);
		if (n < 0)
			return 0;
		for (i = 0; i < n; i++) {
			int64_t s = sp[i].s > a ? sp[i].s : a, e = sp[i].e < b ? sp[i].e : b;

			if (e > s)
				total += e - s;
		}
	}
	return total / 60;
}

int bizclock_open(const struct bizclock *bc, int64_t t)
{
	struct local_time lt;

	if (!bizclock_valid(bc) || tz_local(bc->zone, t, &lt))
		return 0;
	return is_business_day(bc, lt.day) && lt.minute >= bc->hours.start[lt.weekday] &&
	       lt.minute < bc->hours.end[lt.weekday];
}

/* The first stretch of business hours that matters after t: with `strict` 0 the first instant
 * >= t inside hours (t itself if open), with `strict` 1 the first start of a stretch strictly
 * after t; BIZCLOCK_NEVER if none. The walk starts one local day early, as bizclock_add's. */
static int64_t next_hours(const struct bizclock *bc, int64_t t, int strict)
{
	int64_t day0, day;
	struct span sp[2];
	int i, n;

	if (!bizclock_valid(bc) || t < CLOCK_MIN || t > CLOCK_MAX || local_day(bc, t, &day0))
		return BIZCLOCK_NEVER;
	for (day = day0 - 1; day * DAY_SECONDS - MARGIN <= CLOCK_MAX; day++) {
		n = day_spans(bc, day, sp);
		if (n < 0)
			return BIZCLOCK_NEVER;
		for (i = 0; i < n; i++) {
			int64_t at = strict ? sp[i].s : sp[i].s > t ? sp[i].s : t;

			if (strict ? sp[i].s > t : sp[i].e > t)
				/* the last day's window reaches past the range (fuzz/regressions/time) */
				return at > CLOCK_MAX ? BIZCLOCK_NEVER : at;
		}
	}
	return BIZCLOCK_NEVER;
}

int64_t bizclock_next_open(const struct bizclock *bc, int64_t t)
{
	return next_hours(bc, t, 0);
}

int64_t bizclock_next_start(const struct bizclock *bc, int64_t t)
{
	return next_hours(bc, t, 1);
}

int64_t bizclock_add_calendar(int64_t from, int64_t minutes)
{
	if (minutes > 0 && (minutes > INT64_MAX / 60 || from > INT64_MAX - minutes * 60))
		return BIZCLOCK_NEVER;
	if (minutes < 0 && (minutes < INT64_MIN / 60 || from < INT64_MIN - minutes * 60))
		return INT64_MIN;
	return from + minutes * 60;
}

int64_t bizclock_shift(const struct bizclock *from, int64_t got, int64_t at, const struct bizclock *to, int64_t got2)
{
	int64_t minutes = bizclock_between(from, got, at), reach, t;

	if (at <= got)
		return got2 + (at - got);
	reach = bizclock_add(from, got, minutes);
	if (reach == BIZCLOCK_NEVER || reach > at) /* no business time in `from`: calendar time */
		return got2 + (at - got);
	t = bizclock_add(to, got2, minutes);
	return t == BIZCLOCK_NEVER || at - reach > BIZCLOCK_NEVER - t ? BIZCLOCK_NEVER : t + (at - reach);
}
