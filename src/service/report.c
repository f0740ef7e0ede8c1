/* report.c - runs a report of SPEC section 6: loads the reps, streams what the report reads
 * from the store into the core (core/report.c), and returns the finished table. Reads only;
 * one read transaction so that every input is of the same moment. */
#include <string.h>

#include "core/advise.h"
#include "service/service.h"
#include "service/views.h"
#include "util/arena.h"

static void on_fact(void *ctx, const struct report_fact *f)
{
	report_fact(ctx, f);
}

static void on_obligation(void *ctx, const struct report_obligation *o)
{
	report_obligation(ctx, o);
}

static void on_event(void *ctx, const struct report_event *ev)
{
	report_event(ctx, ev);
}

static int on_routed(void *ctx, const struct event *ev)
{
	report_routed(ctx, ev);
	return 0;
}

static void on_routed_count(void *ctx, const char *rep, const char *kind, int64_t n)
{
	report_routed_count(ctx, rep, kind, n);
}

int service_report(struct service *svc, struct arena *a, const char *name, enum report_by by, int64_t from, int64_t to,
		   struct report *out, struct bt_error *err)
{
	struct report_opts o = {.by = by, .from = from, .to = to, .now = svc->now, .pb = svc->pb};
	struct report_rep *reps;
	struct report_run *run;
	struct rep *list;
	size_t n, i;
	unsigned needs = report_needs(name);
	int rc = store_rep_list(svc->store, a, -1, &list, &n, err);

	if (rc)
		return rc;
	reps = arena_alloc(a, (n + 1) * sizeof(*reps));
	for (i = 0; i < n; i++)
		reps[i] = (struct report_rep){list[i].name,         list[i].role,       list[i].team,
					      rep_weight(&list[i]), list[i].created_at, list[i].active};
	o.reps = reps;
	o.nreps = n;
	run = report_start(name, &o, a, err);
	if (!run)
		return -err->code;
	rc = store_read_begin(svc->store, err);
	if (rc)
		return rc;
	if ((needs & NEED_FACTS) && report_counted_facts(name, by) != REPORT_FACTS_EACH)
		rc = store_report_facts_counted(svc->store, report_counted_facts(name, by), from, to, on_fact, run,
						err);
	else if (needs & NEED_FACTS)
		rc = store_report_facts(svc->store, report_light(name), on_fact, run, err);
	if (!rc && (needs & NEED_OBLIGATIONS))
		rc = store_report_obligations(svc->store, report_obligations_how(name, by), from, to, on_obligation,
					      run, err);
	if (!rc && (needs & NEED_EVENTS))
		rc = store_report_events(svc->store, on_event, run, err);
	if (!rc && (needs & NEED_CUSTOMERS))
		rc = store_report_customers(svc->store, on_event, run, err);
	if (!rc && (needs & NEED_ROUTING))
		rc = store_report_routing(svc->store, from, to, on_routed, on_routed_count, run, err);
	if (!rc && (needs & NEED_HISTORY)) {
		int64_t history = 0;

		rc = store_report_history_count(svc->store, from, to, &history, err);
		report_history(run, history);
	}
	store_read_end(svc->store);
	return rc ? rc : report_finish(run, out, err);
}

static void on_touch(void *ctx, int64_t at, const char *actor, const char *kind, int64_t minutes,
		     const struct report_fact *lead)
{
	advise_touch(ctx, actor, kind, minutes, at, lead);
}

static void on_lead(void *ctx, const struct report_fact *f)
{
	advise_lead(ctx, f);
}

int service_advise(struct service *svc, struct arena *a, struct report *out, struct bt_error *err)
{
	struct report_rep *reps;
	struct advise *ad;
	struct rep *list;
	size_t n, i;
	int *active;
	int rc = store_rep_list(svc->store, a, -1, &list, &n, err);

	if (rc)
		return rc;
	reps = arena_alloc(a, (n + 1) * sizeof(*reps));
	active = arena_alloc(a, (n + 1) * sizeof(*active));
	for (i = 0; i < n; i++) {
		reps[i] = (struct report_rep){list[i].name,         list[i].role,       list[i].team,
					      rep_weight(&list[i]), list[i].created_at, list[i].active};
		active[i] = list[i].active;
	}
	ad = advise_start(reps, active, n, svc->now, a);
	rc = store_read_begin(svc->store, err);
	if (rc)
		return rc;
	rc = store_report_touches(svc->store, on_touch, ad, err);
	if (!rc)
		rc = store_report_facts(svc->store, 1, on_lead, ad, err);
	store_read_end(svc->store);
	if (!rc)
		advise_finish(ad, out);
	return rc;
}
