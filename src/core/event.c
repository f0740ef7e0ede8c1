/* event.c - building and reading event payloads; see event.h. */
#include "core/event.h"

#include <string.h>

#include "util/arena.h"

struct event *event_new(struct arena *a, const char *type, int64_t at, int64_t lead, const char *actor)
{
	struct event *ev = arena_alloc(a, sizeof(*ev));

	ev->type = arena_strdup(a, type);
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
