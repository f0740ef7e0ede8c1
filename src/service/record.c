/* record.c - the one place where a lead's decided events are recorded, inside the caller's
 * transaction: each event is projected onto the lead (lead_apply), the lead's row and the
 * events are written, then the consequences that follow from events alone are decided by the
 * core and stored: SLA obligations (sla_after), credit (credit_after), tune-out alerts. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/credit.h"
#include "core/sla.h"
#include "service/service.h"
#include "util/arena.h"
#include "service/record.h"

/* Stores what the SLA rules decided. */
static int record_sla(struct service *svc, struct arena *a, const struct lead *before, const struct lead *l,
		      const struct decision *d, int is_new, struct bt_error *err)
{
	struct obligation *open = NULL;
	struct sla_plan plan;
	size_t nopen = 0, i;
	int rc = 0;

	if (!is_new)
		rc = store_obligations_open(svc->store, a, l->id, &open, &nopen, err);
	if (rc)
		return rc;
	sla_after(svc->pb, before, l, d->events, d->n, open, nopen, a, &plan);
	for (i = 0; !rc && i < plan.nopen; i++) {
		plan.open[i].lead = l->id;
		rc = store_obligation_add(svc->store, &plan.open[i], err);
	}
	for (i = 0; !rc && i < plan.nchange; i++)
		rc = store_obligation_update(svc->store, &plan.change[i], err);
	return rc;
}

/* Stores the credit the events earned: a "credit" event and a credits row each. */
static int record_credit(struct service *svc, struct arena *a, const struct lead *l, const struct decision *d,
			 struct bt_error *err)
{
	struct credit_list cl = {0};
	size_t i;
	int rc = 0;

	int64_t held = 0, late = 0;

	credit_after(svc->pb, l, d->events, d->n, a, &cl);
	for (i = 0; !rc && i < cl.n; i++)
		if (credit_is_meeting(&cl.items[i])) { /* has the lead earned one before? read only then */
			rc = store_credit_count(svc->store, l->id, "meeting_held", &held, err);
			if (!rc)
				rc = store_credit_count(svc->store, l->id, "seller_late_cancel", &late, err);
			break;
		}
	if (rc)
		return rc;
	credit_meeting_once(&cl, held || late);
	for (i = 0; !rc && i < cl.n; i++) {
		const struct credit *c = &cl.items[i];
		const struct event *why = d->events[c->event];
		struct event *ev = event_new(a, EV_CREDIT, why->at, l->id, "system");

		event_put_str(ev, a, "kind", c->kind);
		event_put_str(ev, a, "rep", c->rep);
		if (c->amount)
			event_put_int(ev, a, "amount_cents", c->amount);
		event_put_str(ev, a, "reason", c->reason);
		event_put_int(ev, a, "for_event", why->id);
		rc = store_event_append(svc->store, ev, err);
		if (!rc)
			rc = store_credit_add(svc->store, ev->id, l->id, c->rep, c->kind, c->amount, why->at, err);
	}
	return rc;
}

/* Tune-out (sla.tune_out): an AE's run of rejections on one source; the Nth raises an alert. */
static int record_tune_out(struct service *svc, struct arena *a, const struct lead *before, const struct lead *l,
			   const struct decision *d, struct bt_error *err)
{
	const char *source = l->source ? l->source : "(none)";
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < d->n; i++) {
		const struct event *e = d->events[i];
		int reject = e->type == EV_REJECT;
		const char *ae = before->owner ? before->owner : e->actor; /* the AE who received it */
		int64_t run = 0;

		if (!reject && e->type != EV_ACCEPT)
			continue;
		rc = store_streak(svc->store, ae, source, !reject, &run, err);
		if (!rc && reject && svc->pb->sla.tune_out > 0 && run == svc->pb->sla.tune_out) {
			struct event *ev = event_new(a, EV_TUNE_OUT, e->at, l->id, "system");
			struct rep aer;
			json_t *j;
			char *payload;

			event_put_str(ev, a, "ae", ae);
			event_put_str(ev, a, "source", source);
			event_put_int(ev, a, "rejections", run);
			rc = store_event_append(svc->store, ev, err);
			if (rc)
				break;
			j = json_pack("{s:s, s:s, s:I}", "ae", ae, "source", source, "rejections", (json_int_t)run);
			payload = json_dumps(j, JSON_COMPACT);
			/* the AE's manager hears of it */
			if (store_rep_get(svc->store, a, ae, &aer, err) == 0 && aer.manager)
				rc = store_outbox_add(svc->store, e->at, "tune_out", aer.manager, l->id, payload, NULL,
						      err);
			else
				rc = store_outbox_add(svc->store, e->at, "tune_out", NULL, l->id, payload, NULL, err);
			free(payload);
			json_decref(j);
		}
	}
	return rc;
}

int service_record(struct service *svc, struct arena *a, struct lead *l, struct decision *d, int is_new,
		   struct bt_error *err)
{
	struct lead before = *l;
	size_t i;
	int rc;

	for (i = 0; i < d->n; i++) {
		if (lead_apply(l, d->events[i], a))
			return bt_fail(err, BT_STORAGE, NULL, 0, "event %s cannot be applied",
				       event_type_name(d->events[i]->type));
	}
	rc = is_new ? store_lead_insert(svc->store, l, err) : store_lead_update(svc->store, l, err);
	for (i = 0; !rc && i < d->n; i++) {
		d->events[i]->lead = l->id;
		rc = store_event_append(svc->store, d->events[i], err);
	}
	if (!rc)
		rc = record_sla(svc, a, is_new ? NULL : &before, l, d, is_new, err);
	if (!rc && !is_new)
		rc = record_credit(svc, a, l, d, err);
	if (!rc && !is_new)
		rc = record_tune_out(svc, a, &before, l, d, err);
	for (i = 0; !rc && !is_new && i < d->n; i++) {
		/* follow-up work on a lead that ended or went back is moot */
		if (event_type_flags(d->events[i]->type) & (EVF_ENDS_WORK | EVF_SENDS_BACK))
			rc = store_tasks_cancel(svc->store, l->id, d->events[i]->at, err);
	}
	return rc;
}
