/* stream.c - which facts concern which rep on the live dashboard; see stream.h. */
#include "core/stream.h"

#include <string.h>

#include "util/names.h"

static const char *const type_names[STREAM_TYPE_COUNT] = {
	[STREAM_ASSIGNED] = "assigned",         [STREAM_REASSIGNED] = "reassigned", [STREAM_UNASSIGNED] = "unassigned",
	[STREAM_HANDOFF] = "handoff",           [STREAM_BREACH] = "breach",         [STREAM_DUE_SOON] = "due_soon",
	[STREAM_LEAD_CHANGED] = "lead_changed",
};

/* The events a line names for what they are; every other event on a lead is a change. */
static const struct {
	enum event_type ev;
	enum stream_type type;
} event_lines[] = {
	{EV_ASSIGNED, STREAM_ASSIGNED}, {EV_REASSIGNED, STREAM_REASSIGNED}, {EV_UNASSIGNED, STREAM_UNASSIGNED},
	{EV_HANDOFF, STREAM_HANDOFF},   {EV_BREACH, STREAM_BREACH},
};

/* The payload key of each rep a fact names (NAMED_ACTOR is the event's actor). */
static const char *const named_keys[NAMED_COUNT] = {
	[NAMED_OWNER] = "owner", [NAMED_PREVIOUS] = "previous_owner", [NAMED_AE] = "ae",
	[NAMED_ACTOR] = NULL,    [NAMED_RECIPIENT] = "recipient",
};

const char *stream_type_name(enum stream_type t)
{
	return names_at(type_names, STREAM_TYPE_COUNT, (int)t, "?");
}

static void fact_clear(struct stream_fact *f)
{
	memset(f, 0, sizeof(*f));
}

int stream_fact_of(const struct event *ev, struct stream_fact *f)
{
	size_t i;
	int k;

	fact_clear(f);
	if (!ev->lead)
		return -1;
	f->lead = ev->lead;
	f->type = STREAM_LEAD_CHANGED;
	for (i = 0; i < sizeof(event_lines) / sizeof(event_lines[0]); i++)
		if (event_lines[i].ev == ev->type)
			f->type = event_lines[i].type;
	for (k = 0; k < NAMED_COUNT; k++)
		f->named[k] = named_keys[k] ? event_get_str(ev, named_keys[k]) : ev->actor;
	/* a manager's hand that takes an owned lead from its owner moves it, as a breach does */
	if (f->type == STREAM_ASSIGNED && f->named[NAMED_PREVIOUS] && f->named[NAMED_OWNER] &&
	    strcmp(f->named[NAMED_PREVIOUS], f->named[NAMED_OWNER]) != 0)
		f->type = STREAM_REASSIGNED;
	return 0;
}

int stream_fact_due(const struct obligation *ob, struct stream_fact *f)
{
	fact_clear(f);
	if (!ob->owner)
		return -1;
	f->type = STREAM_DUE_SOON;
	f->lead = ob->lead;
	f->named[NAMED_OWNER] = ob->owner;
	return 0;
}

int64_t stream_due_window(const struct playbook *pb)
{
	if (pb && pb->notify.kind_on[PB_NOTICE_REMINDER] && pb->notify.before_due > 0)
		return pb->notify.before_due * 60;
	return STREAM_DUE_WINDOW;
}

int stream_concerns(const struct stream_fact *f, const struct rep *me)
{
	int k;

	if (!me)
		return 0; /* an intake token only creates leads */
	for (k = 0; k < NAMED_COUNT; k++)
		if (visible_held(me, f->named[k], f->named_boss[k]))
			return 1;
	return f->l && visible_lead(me, f->l, f->boss);
}
