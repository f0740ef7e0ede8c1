/* meeting.c - meeting statuses and initiators, and the overlap rule; see meeting.h. */
#include "core/meeting.h"

#include "util/names.h"

static const char *const names[MEETING_STATUS_COUNT] = {"booked", "held", "no_show", "rescheduled", "cancelled"};
static const char *const initiator_names[INITIATOR_COUNT] = {
	[INITIATOR_SELLER] = "seller", [INITIATOR_PROSPECT] = "prospect"};

const char *meeting_status_name(enum meeting_status s)
{
	return names_at(names, MEETING_STATUS_COUNT, (int)s, "?");
}

int meeting_status_parse(const char *name, enum meeting_status *out)
{
	int i = names_find(names, MEETING_STATUS_COUNT, name);

	if (i >= 0)
		*out = (enum meeting_status)i;
	return i < 0 ? -1 : 0;
}

const char *meeting_initiator_name(enum meeting_initiator who)
{
	return names_at(initiator_names, INITIATOR_COUNT, (int)who, "?");
}

int meeting_initiator_parse(const char *name, enum meeting_initiator *out)
{
	int i = names_find(initiator_names, INITIATOR_COUNT, name);

	if (i >= 0)
		*out = (enum meeting_initiator)i;
	return i < 0 ? -1 : 0;
}

const struct meeting *meeting_conflict(const struct meeting *ms, size_t n, int64_t start, int minutes)
{
	int64_t end = start + (int64_t)minutes * 60;
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t s = ms[i].start, e = s + (int64_t)ms[i].minutes * 60;

		if (ms[i].status == MEETING_BOOKED && s < end && start < e)
			return &ms[i];
	}
	return NULL;
}
