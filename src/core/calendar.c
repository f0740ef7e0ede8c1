/* calendar.c - free time and the search for free slots; see calendar.h. */
#include "core/calendar.h"

#include "core/absence.h"
#include "core/route.h"

/* 1 if [s, e) is covered by the union of the free blocks. */
static int covered(const struct calendar *c, int64_t s, int64_t e)
{
	int64_t at = s;
	int moved = 1;

	/* blocks are few: sweep until no block extends the covered prefix */
	while (at < e && moved) {
		size_t i;

		moved = 0;
		for (i = 0; i < c->nblocks; i++) {
			const struct block *b = &c->blocks[i];

			if (!b->busy && b->start <= at && b->finish > at) {
				at = b->finish;
				moved = 1;
			}
		}
	}
	return at >= e;
}

int calendar_free(const struct calendar *c, int64_t start, int minutes, const char **why)
{
	int64_t end = start + (int64_t)minutes * 60;
	size_t i;

	if (absence_overlap(c->ae->away, c->ae->naway, start, end)) {
		*why = "the AE is away (an absence)"; /* no meetings while away (SPEC 8.3) */
		return 0;
	}
	if (c->has_free) {
		if (!covered(c, start, end)) {
			*why = "outside the AE's availability";
			return 0;
		}
	} else if (!route_rep_working(c->pb, c->ae, start) || !route_rep_working(c->pb, c->ae, end - 60)) {
		*why = "outside the AE's working hours on a business day";
		return 0;
	} else {
		/* the whole slot within one working day: no span across a closing time */
		int64_t t;

		for (t = start; t < end; t += 15 * 60)
			if (!route_rep_working(c->pb, c->ae, t)) {
				*why = "outside the AE's working hours on a business day";
				return 0;
			}
	}
	for (i = 0; i < c->nblocks; i++) {
		if (c->blocks[i].busy && c->blocks[i].start < end && start < c->blocks[i].finish) {
			*why = "busy in the AE's calendar";
			return 0;
		}
	}
	for (i = 0; i < c->nmeetings; i++) {
		const struct meeting *m = &c->meetings[i];

		if (m->id != c->skip && m->status == MEETING_BOOKED && m->start < end &&
		    start < m->start + (int64_t)m->minutes * 60) {
			*why = "another meeting of the AE";
			return 0;
		}
	}
	return 1;
}

size_t calendar_next_free(const struct calendar *c, int64_t after, int minutes, int64_t *slots, size_t max)
{
	int64_t t = (after + 1799) / 1800 * 1800, limit = after + 14 * 86400;
	const char *why;
	size_t n = 0;

	for (; t < limit && n < max; t += 1800)
		if (calendar_free(c, t, minutes, &why))
			slots[n++] = t;
	return n;
}
