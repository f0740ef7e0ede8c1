/* breach.c - what an obligation that comes due does; see breach.h. */
#include "core/breach.h"

#include <string.h>

#include "util/arena.h"

static void line(struct breach_out *out, const char *type, const char *rep, const char *detail)
{
	if (out->nlines < BREACH_MAX_LINES)
		out->lines[out->nlines++] = (struct breach_line){type, rep, detail};
}

static void notice(struct breach_out *out, enum event_type kind, const char *to)
{
	if (out->nnotices < BREACH_MAX_NOTICES)
		out->notices[out->nnotices++] = (struct breach_notice){kind, to};
}

int breach_rotation(const struct playbook *pb, const struct lead *l, const struct obligation *ob, int owner_active)
{
	if (ob->rule == OB_RECYCLE)
		return l->owner && owner_active ? -1 : intake_rotation(pb, l, 0);
	if (ob->rule == OB_LAPSE)
		return -1;
	if (!ob->owner && ob->has_pool)
		return (int)ob->pool;
	if (sla_breach_actions(pb, ob->rule) & PB_ACT_REASSIGN)
		return intake_rotation(pb, l, 1);
	return -1;
}

/* Routes lead l to its rotation's next rep other than `exclude` at `at` (a rep eligible at
 * that instant: nobody is a lead that waits for its pool). Fills out->route. */
static void reroute(const struct playbook *pb, const struct breach_in *in, const struct lead *l, const char *exclude,
		    int64_t at, struct arena *a, struct breach_out *out)
{
	struct intake_req req = {0};

	req.lead = (struct lead *)l;
	req.exclude = exclude;
	req.rotation_only = exclude != NULL;
	req.pool = in->pool;
	req.npool = in->npool;
	req.rotation = in->rotation;
	out->role = intake_rotation(pb, l, exclude != NULL);
	memset(&out->route, 0, sizeof(out->route));
	intake_route(pb, &req, at, a, &out->route);
	out->routed = 1;
}

/* The reassignment a breach of ob asks for (SPEC 8.2): to the rotation's next rep other than
 * the owner, as the reassigns+1-th move; back to the pool to wait when nobody else is eligible
 * now. Returns 0, or -1 when the rule's max_reassign is reached (the lead stays put). */
static int reassign(const struct playbook *pb, const struct breach_in *in, struct arena *a, struct breach_out *out)
{
	const struct obligation *ob = in->ob;
	size_t i;

	if (ob->reassigns >= sla_max_reassign(pb, ob->rule))
		return -1;
	reroute(pb, in, in->lead, ob->owner, ob->due, a, out);
	for (i = 0; i < out->route.d.n; i++) {
		struct event *ev = out->route.d.events[i];

		if (ev->type == EV_ASSIGNED)
			ev->type = EV_REASSIGNED;
		if (ev->type == EV_REASSIGNED || ev->type == EV_UNASSIGNED) {
			event_put_str(ev, a, "previous_owner", ob->owner);
			event_put_int(ev, a, "reassigns", ob->reassigns + 1);
		}
		decision_add(&out->d, a, ev);
	}
	line(out, out->route.owner ? "reassign" : "unassigned", out->route.owner, out->route.why);
	return 0;
}

/* A nurtured lead's recycle date: back to mql, to its owner if still active, else routed. */
static int recycle(const struct playbook *pb, const struct breach_in *in, struct arena *a, struct breach_out *out,
		   struct bt_error *err)
{
	const struct obligation *ob = in->ob;
	const struct lead *l = in->lead;
	struct action_req act = {.action = ACT_RECYCLE};
	struct lead after = *l;
	struct bt_error why;
	size_t i;
	int rc;

	out->status = OB_MET;
	bt_error_clear(&why);
	rc = lifecycle_decide(pb, l, &act, ob->due, a, &out->d, &why);
	if (rc == -BT_REFUSED || rc == -BT_DENIED) {
		/* the lead moved on, or the playbook now forbids it: say so, never pretend it was met */
		struct event *ev = event_new(a, EV_RECYCLE_REFUSED, ob->due, l->id, "system");
		const char *reason = arena_strdup(a, why.message);

		out->status = OB_CANCELLED;
		event_put_str(ev, a, "reason", reason);
		decision_add(&out->d, a, ev);
		line(out, "recycle_refused", NULL, reason);
		return 0;
	}
	if (rc) {
		*err = why;
		return rc;
	}
	for (i = 0; i < out->d.n; i++)
		lead_apply(&after, out->d.events[i], a);
	if (l->owner && in->owner_active) {
		/* back to the rep who nurtured it: it knows the lead */
		struct event *ev = event_new(a, EV_ASSIGNED, ob->due, l->id, "system");

		memset(&out->route, 0, sizeof(out->route));
		out->route.owner = arena_strdup(a, l->owner);
		out->route.why = "back to its owner after nurture";
		event_put_str(ev, a, "owner", out->route.owner);
		event_put_str(ev, a, "routing", out->route.why);
		decision_add(&out->d, a, ev);
	} else {
		reroute(pb, in, &after, NULL, ob->due, a, out);
		for (i = 0; i < out->route.d.n; i++)
			decision_add(&out->d, a, out->route.d.events[i]);
	}
	line(out, "recycle", out->route.owner, "nurture -> mql");
	if (out->route.owner)
		line(out, "assign", out->route.owner, out->route.why);
	return 0;
}

/* A contract not renewed by its renewal date churns then, with the reason lapsed (SPEC 8.12). */
static int lapse(const struct playbook *pb, const struct breach_in *in, struct arena *a, struct breach_out *out,
		 struct bt_error *err)
{
	const struct obligation *ob = in->ob;
	struct action_req act = {.action = ACT_LAPSE};
	struct bt_error why;
	int rc;

	out->status = OB_MET;
	bt_error_clear(&why);
	rc = lifecycle_decide(pb, in->lead, &act, ob->due, a, &out->d, &why);
	if (rc == -BT_REFUSED) { /* the customer already left: nothing lapses */
		out->status = OB_CANCELLED;
		return 0;
	}
	if (rc) {
		*err = why;
		return rc;
	}
	line(out, "churn", in->lead->owner, "lapsed: not renewed by its renewal date");
	return 0;
}

int breach_decide(const struct playbook *pb, const struct breach_in *in, struct arena *a, struct breach_out *out,
		  struct bt_error *err)
{
	const struct obligation *ob = in->ob;
	struct sla_breach br;
	int limit = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->role = -1;
	sla_breach(pb, ob, a, &out->d, &br);
	if (br.recycle)
		return recycle(pb, in, a, out, err);
	if (br.lapse)
		return lapse(pb, in, a, out, err);
	out->status = OB_BREACHED;
	notice(out, EV_BREACH, ob->owner); /* every breach reaches the webhook, whatever else the rule does */
	line(out, "breach", ob->owner, NULL);
	/* a waiting lead has nobody to take it from: it stays in its pool, routed when someone is
	 * eligible; an owned one moves at most max_reassign times, then escalates and stays put */
	if ((br.actions & PB_ACT_REASSIGN) && ob->owner && reassign(pb, in, a, out) < 0) {
		limit = 1;
		br.actions |= PB_ACT_ESCALATE_MANAGER;
	}
	{
		static const struct {
			unsigned action;
			enum event_type type;
			int to_manager;
		} tell[] = {{PB_ACT_NOTIFY_MANAGER, EV_NOTIFY, 1},
			    {PB_ACT_ESCALATE_MANAGER, EV_ESCALATE, 1},
			    {PB_ACT_FLAG, EV_FLAG, 0}};
		const char **managers = arena_alloc(a, (in->npool + in->nmanagers + 1) * sizeof(*managers));
		size_t nm = 0, k;

		if (ob->owner)
			managers[nm++] = in->manager;
		else
			nm = route_pool_managers(in->pool, in->npool, in->managers, in->nmanagers, managers);
		for (i = 0; i < sizeof(tell) / sizeof(tell[0]); i++) {
			if (!(br.actions & tell[i].action))
				continue;
			for (k = 0; k < (tell[i].to_manager ? (nm ? nm : 1) : 1); k++) {
				const char *to = tell[i].to_manager ? (nm ? managers[k] : NULL) : ob->owner;
				struct event *ev = event_new(a, tell[i].type, ob->due, ob->lead, "system");

				event_put_str(ev, a, "rule", ob_rule_name(ob->rule));
				event_put_str(ev, a, "recipient", to);
				if (!to)
					event_put_str(ev, a, "note",
						      ob->owner ? "nobody to tell: the owner has no manager"
								: "nobody to tell: the pool has no manager");
				if (limit && tell[i].type == EV_ESCALATE)
					event_put_str(
						ev, a, "reason",
						arena_printf(
							a,
							"reassigned %d time%s already (max_reassign): the lead stays with %s",
							ob->reassigns, ob->reassigns == 1 ? "" : "s", ob->owner));
				decision_add(&out->d, a, ev);
				if (to)
					notice(out, tell[i].type, to);
				line(out, event_type_name(tell[i].type), to, NULL);
			}
		}
	}
	out->pass_task = br.pass_task;
	out->pass_to = br.pass_to;
	return 0;
}
