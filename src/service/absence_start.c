/* absence_start.c - the start of an absence, processed by the timers; see absence_start.h. */
#include "service/absence_start.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "service/notify.h"
#include "service/record.h"
#include "service/service.h"
#include "service/tick.h"
#include "service/work.h"
#include "util/arena.h"

int absence_next(struct work *w, struct arena *a, int64_t until, struct absence *out, int *found, struct bt_error *err)
{
	int rc = store_absence_next_due(w->svc->store, a, until, out, err);

	*found = rc == 0;
	if (rc == -BT_NOT_FOUND) {
		bt_error_clear(err);
		rc = 0;
	}
	return rc;
}

static void report(struct tick_report *r, const char *type, int64_t lead, const char *rep, int64_t at,
		   const char *detail)
{
	struct tick_item *it;

	if (!r)
		return;
	it = arena_push(r->a, (void **)&r->items, &r->n, &r->cap, sizeof(*it));
	it->type = type;
	it->rule = "absence";
	it->lead = lead;
	it->rep = arena_strdup(r->a, rep);
	it->at = at;
	it->detail = detail ? arena_strdup(r->a, detail) : NULL;
}

/* The managers told of rep r's absence: its manager, else every active manager; into *to. */
static int recipients(struct work *w, const struct rep *r, json_t *to, struct bt_error *err)
{
	size_t i;
	int rc = 0;

	if (r->manager) {
		json_array_append_new(to, json_string(r->manager));
		return 0;
	}
	rc = work_managers(w, err);
	for (i = 0; !rc && i < w->nmanagers; i++)
		if (w->managers[i].active && strcmp(w->managers[i].name, r->name) != 0)
			json_array_append_new(to, json_string(w->managers[i].name));
	return rc;
}

/* Tells the managers in `to` (outbox, one row each) and records the plan's "absence" event
 * naming them. */
static int tell(struct work *w, struct arena *a, const struct absence *ab, const struct absence_plan *plan,
		const struct lead *leads, json_t *to, int64_t at, struct bt_error *err)
{
	char from[CLOCK_RFC3339_LEN], until[CLOCK_RFC3339_LEN];
	json_t *moved = json_array(), *payload;
	char *text;
	size_t i;
	int rc = 0;

	for (i = 0; i < plan->nmoved; i++)
		json_array_append_new(moved, json_integer(leads[plan->moved[i]].id));
	payload = json_pack("{s:s, s:I, s:s, s:s, s:s?, s:o, s:I}", "rep", ab->rep, "absence", (json_int_t)ab->id,
			    "from", clock_format_rfc3339(ab->start, from), "to",
			    clock_format_rfc3339(ab->finish, until), "reason", ab->reason, "moved", moved, "kept",
			    (json_int_t)plan->kept);
	text = json_dumps(payload, JSON_COMPACT);
	for (i = 0; !rc && i < json_array_size(to); i++)
		rc = notify_add(w->svc,
				&(struct notice){"absence", json_string_value(json_array_get(to, i)), 0, text, at, 0},
				err);
	for (i = 0; i < json_array_size(to); i++)
		event_put_item(plan->event, a, "recipients", json_string_value(json_array_get(to, i)));
	if (json_array_size(to) == 0)
		event_put_str(plan->event, a, "note", "no active manager to tell");
	if (!rc)
		rc = store_event_append(w->svc->store, plan->event, err);
	free(text);
	json_decref(payload);
	return rc;
}

int absence_start(struct work *w, struct arena *a, struct absence *ab, struct tick_report *r, struct bt_error *err)
{
	struct service *svc = w->svc;
	struct absence_plan plan;
	int64_t at = absence_due(ab);
	struct lead *leads = NULL;
	json_t *to = json_array();
	struct rep rep;
	size_t n = 0, i;
	int rc = store_rep_get(svc->store, a, ab->rep, &rep, err);

	if (!rc)
		rc = store_leads_owned(svc->store, a, ab->rep, &leads, &n, err);
	if (rc)
		goto done;
	absence_start_decide(svc->pb, ab, leads, n, at, a, &plan);
	if (r) {
		char until[CLOCK_RFC3339_LEN];

		report(r, "absence", 0, ab->rep, at,
		       arena_printf(a, "away until %s: %zu lead%s back to the rotation, %zu kept",
				    clock_format_rfc3339(ab->finish, until), plan.nmoved, plan.nmoved == 1 ? "" : "s",
				    plan.kept));
	}
	for (i = 0; !rc && i < plan.nmoved; i++) {
		struct lead *l = &leads[plan.moved[i]];

		rc = service_record(svc, a, l, &plan.d[i], 0, err);
		work_release(w, ab->rep); /* one open lead less: its capacity when it is back */
		report(r, "unassigned", l->id, ab->rep, at, event_get_str(plan.d[i].events[0], "routing"));
	}
	if (!rc)
		rc = recipients(w, &rep, to, err);
	if (!rc)
		rc = tell(w, a, ab, &plan, leads, to, at, err);
	if (!rc) {
		ab->begun_at = at;
		rc = store_absence_update(svc->store, ab, err);
	}
done:
	json_decref(to);
	return rc;
}
