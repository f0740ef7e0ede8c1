/* event.c - building and reading event payloads; see event.h. */
#include "core/event.h"

#include <string.h>

#include "util/arena.h"

static const struct {
	const char *name;
	unsigned flags;
} event_types[EV_COUNT] = {
	[EV_CREATED] = {"created", 0},
	[EV_MQL] = {"mql", 0},
	[EV_SCORED] = {"scored", 0},
	[EV_FILTERED] = {"filtered", 0},
	[EV_RESTORED] = {"restored", 0},
	[EV_ASSIGNED] = {"assigned", 0},
	[EV_REASSIGNED] = {"reassigned", 0},
	[EV_UNASSIGNED] = {"unassigned", 0},
	[EV_TOUCH] = {"touch", 0},
	[EV_QUALIFY] = {"qualify", 0},
	[EV_HANDOFF] = {"handoff", 0},
	[EV_REVIEW] = {"review", 0},
	[EV_ACCEPT] = {"accept", 0},
	[EV_REJECT] = {"reject", EVF_SENDS_BACK},
	[EV_NURTURE] = {"nurture", EVF_ENDS_WORK},
	[EV_DISQUALIFY] = {"disqualify", EVF_ENDS_WORK},
	[EV_WON] = {"won", EVF_ENDS_WORK},
	[EV_LOST] = {"lost", EVF_ENDS_WORK},
	[EV_LIVE] = {"live", 0},
	[EV_RECYCLED] = {"recycled", 0},
	[EV_RECYCLE_REFUSED] = {"recycle_refused", 0},
	[EV_REINQUIRY] = {"reinquiry", 0},
	[EV_BREACH] = {"breach", 0},
	[EV_NOTIFY] = {"notify", 0},
	[EV_ESCALATE] = {"escalate", 0},
	[EV_FLAG] = {"flag", 0},
	[EV_NOTIFIED] = {"notified", 0},
	[EV_TASK] = {"task", 0},
	[EV_TASK_DONE] = {"task_done", 0},
	[EV_CREDIT] = {"credit", 0},
	[EV_TUNE_OUT] = {"tune_out", 0},
	[EV_MEETING_HELD] = {"meeting_held", 0},
	[EV_MEETING_NO_SHOW] = {"meeting_no_show", 0},
	[EV_MEETING_RESCHEDULED] = {"meeting_rescheduled", 0},
	[EV_MEETING_CANCELLED] = {"meeting_cancelled", 0},
	[EV_PLAYBOOK_APPLIED] = {"playbook_applied", 0},
	[EV_REP_ADDED] = {"rep_added", 0},
	[EV_REP_UPDATED] = {"rep_updated", 0},
	[EV_ACCOUNT_ADDED] = {"account_added", 0},
	[EV_TOKEN_CREATED] = {"token_created", 0},
	[EV_TOKEN_REVOKED] = {"token_revoked", 0},
	[EV_MODEL_TRAINED] = {"model_trained", 0},
	[EV_AVAILABILITY_SET] = {"availability_set", 0},
	[EV_AVAILABILITY_ADDED] = {"availability_added", 0},
	[EV_OBLIGATION_CANCELLED] = {"obligation_cancelled", 0},
	[EV_ABSENCE_ADDED] = {"absence_added", 0},
	[EV_ABSENCE_CANCELLED] = {"absence_cancelled", 0},
	[EV_ABSENCE] = {"absence", 0},
	[EV_SIGNED_IN] = {"signed_in", 0},
	[EV_SIGNED_OUT] = {"signed_out", 0},
	[EV_IMPORTED] = {"imported", 0},
	[EV_RENEWED] = {"renewed", 0},
	[EV_CHURNED] = {"churned", EVF_ENDS_WORK},
	[EV_EXPANSION] = {"expansion", 0},
	[EV_EXPANDED] = {"expanded", 0},
};

const char *event_type_name(enum event_type t)
{
	return (unsigned)t < EV_COUNT ? event_types[t].name : "?";
}

int event_type_parse(const char *name, enum event_type *out)
{
	int t;

	for (t = 0; name && t < EV_COUNT; t++)
		if (strcmp(event_types[t].name, name) == 0) {
			*out = (enum event_type)t;
			return 0;
		}
	return -1;
}

unsigned event_type_flags(enum event_type t)
{
	return (unsigned)t < EV_COUNT ? event_types[t].flags : 0;
}

struct event *event_new(struct arena *a, enum event_type type, int64_t at, int64_t lead, const char *actor)
{
	struct event *ev = arena_alloc(a, sizeof(*ev));

	ev->type = type;
	ev->at = at;
	ev->lead = lead;
	ev->actor = arena_strdup(a, actor ? actor : "system");
	ev->from = -1;
	ev->to = -1;
	return ev;
}

void event_set_stage(struct event *ev, int from, enum stage to)
{
	ev->sets_stage = 1;
	ev->from = from;
	ev->to = (int)to;
}

static struct field *add(struct event *ev, struct arena *a, const char *key, enum field_type t)
{
	struct field *f = arena_push(a, (void **)&ev->fields, &ev->nfields, &ev->cap, sizeof(*f));

	f->key = arena_strdup(a, key);
	f->type = t;
	return f;
}

void event_put_str(struct event *ev, struct arena *a, const char *key, const char *val)
{
	if (val)
		add(ev, a, key, FIELD_STR)->s = arena_strdup(a, val);
}

void event_put_int(struct event *ev, struct arena *a, const char *key, int64_t val)
{
	add(ev, a, key, FIELD_INT)->i = val;
}

void event_put_real(struct event *ev, struct arena *a, const char *key, double val)
{
	add(ev, a, key, FIELD_REAL)->r = val;
}

void event_put_bool(struct event *ev, struct arena *a, const char *key, int val)
{
	add(ev, a, key, FIELD_BOOL)->i = val != 0;
}

void event_put_item(struct event *ev, struct arena *a, const char *key, const char *val)
{
	struct field *f;

	if (!val)
		return;
	f = add(ev, a, key, FIELD_STR);
	f->s = arena_strdup(a, val);
	f->item = 1;
}

const struct field *event_get(const struct event *ev, const char *key)
{
	size_t i;

	for (i = 0; i < ev->nfields; i++)
		if (strcmp(ev->fields[i].key, key) == 0)
			return &ev->fields[i];
	return NULL;
}

const char *event_get_str(const struct event *ev, const char *key)
{
	const struct field *f = event_get(ev, key);

	return f && f->type == FIELD_STR ? f->s : NULL;
}

int64_t event_get_int(const struct event *ev, const char *key, int64_t dflt)
{
	const struct field *f = event_get(ev, key);

	if (!f)
		return dflt;
	if (f->type == FIELD_REAL)
		return (int64_t)f->r;
	return f->type == FIELD_STR ? dflt : f->i;
}
