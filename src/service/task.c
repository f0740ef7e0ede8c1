/* task.c - follow-up tasks (SPEC section 4, tasks): who owns the work after a handoff is the
 * playbook's decision, by role. baton creates each task for the role the playbook names and
 * refuses to give a task to a rep of another role. The holder is the rep of that role on the
 * lead: the meeting's AE, the rep who booked it or handed the lead off, the owning CSM, or the
 * owner's manager. */
#include <string.h>

#include "service/work.h"
#include "service/service.h"
#include "util/arena.h"
#include "service/record.h"
#include "service/task.h"

/* Sets *out to the rep of `role` on lead l (and meeting m, may be NULL), or NULL; 0, or a
 * storage failure passed up. */
static int holder(struct service *svc, struct arena *a, const struct lead *l, const struct meeting *m, enum role role,
		  const char **out, struct bt_error *err)
{
	*out = NULL;
	switch (role) {
	case ROLE_AE:
		*out = m ? m->ae : l->ae ? l->ae : l->owner;
		return 0;
	case ROLE_SDR:
	case ROLE_MRR:
		*out = m ? m->booked_by : l->handed_by ? l->handed_by : l->owner;
		return 0;
	case ROLE_CSM:
		*out = l->owner;
		return 0;
	case ROLE_MANAGER:
		return service_manager_of(svc, a, l->owner, out, err);
	default:
		return 0;
	}
}

int service_task_create(struct service *svc, struct arena *a, const struct lead *l, enum pb_task kind, int64_t meeting,
			int role, int64_t at, struct decision *d, struct bt_error *err)
{
	struct meeting m, *mp = NULL;
	struct task t = {0};
	struct event *ev;
	int rc;

	if (role < 0) {
		if (!svc->pb->tasks_on || !svc->pb->task_set[kind])
			return 0; /* the playbook gives this work to nobody: no task */
		role = (int)svc->pb->tasks[kind];
	}
	if (meeting) {
		rc = store_meeting_get(svc->store, a, meeting, &m, err);
		if (rc == -BT_NOT_FOUND)
			bt_error_clear(err); /* the meeting is gone: the lead's own holders */
		else if (rc)
			return rc;
		else
			mp = &m;
	}
	t.kind = pb_task_name(kind);
	t.lead = l->id;
	t.meeting = meeting;
	t.role = (enum role)role;
	rc = holder(svc, a, l, mp, t.role, &t.rep, err);
	if (rc)
		return rc;
	t.created_at = at;
	rc = store_task_add(svc->store, &t, err);
	if (rc)
		return rc;
	ev = event_new(a, EV_TASK, at, l->id, "system");
	event_put_int(ev, a, "task", t.id);
	event_put_str(ev, a, "kind", t.kind);
	event_put_str(ev, a, "role", role_name(t.role));
	event_put_str(ev, a, "holder", t.rep);
	decision_add(d, a, ev);
	return 0;
}

static int task_kind(const char *name, enum pb_task *out)
{
	int i;

	for (i = 0; i < PB_TASK_COUNT; i++)
		if (strcmp(pb_task_name((enum pb_task)i), name) == 0) {
			*out = (enum pb_task)i;
			return 0;
		}
	return -1;
}

int service_task_add(struct service *svc, struct arena *a, int64_t id, const char *kind, const char *to,
		     const char *by, struct task *out, struct bt_error *err)
{
	struct work w;
	struct decision d = {0};
	struct rep target, actor;
	struct lead l;
	enum pb_task k;
	int rc;

	if (task_kind(kind, &k))
		return bt_fail(err, BT_BAD_INPUT, "kind", 0,
			       "unknown task '%s' (reschedule_prospect_initiated, reschedule_seller_initiated, "
			       "reengage_stalled_opportunity, reschedule_no_show)",
			       kind);
	rc = work_begin(&w, svc, 0, err);
	if (rc)
		return rc;
	rc = store_lead_get(svc->store, a, id, &l, err);
	if (!rc && (rc = store_rep_get(svc->store, a, to, &target, err)) == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "to", 0, "--to %s: no rep named %s", to, to);
	if (!rc && (rc = store_rep_get(svc->store, a, by, &actor, err)) == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "by", 0, "--by %s: no rep named %s", by, by);
	if (!rc && !actor.active)
		rc = bt_fail(err, BT_DENIED, "by", 0, "rep %s is inactive", by);
	if (!rc && (!svc->pb->tasks_on || !svc->pb->task_set[k]))
		rc = bt_fail(err, BT_REFUSED, "kind", 0, "the playbook gives %s to no role", kind);
	if (!rc && target.role != svc->pb->tasks[k])
		rc = bt_fail(err, BT_REFUSED, "to", 0, "the playbook gives %s to the %s, not to %s (a %s rep)", kind,
			     role_name(svc->pb->tasks[k]), to, role_name(target.role));
	if (!rc && !target.active)
		rc = bt_fail(err, BT_REFUSED, "to", 0, "rep %s is inactive", to);
	if (rc)
		goto done;
	memset(out, 0, sizeof(*out));
	out->kind = pb_task_name(k);
	out->lead = l.id;
	out->role = target.role;
	out->rep = target.name;
	out->created_at = svc->now;
	rc = store_task_add(svc->store, out, err);
	if (!rc) {
		struct event *ev = event_new(a, EV_TASK, svc->now, l.id, actor.name);

		event_put_int(ev, a, "task", out->id);
		event_put_str(ev, a, "kind", out->kind);
		event_put_str(ev, a, "role", role_name(out->role));
		event_put_str(ev, a, "holder", out->rep);
		decision_add(&d, a, ev);
		rc = service_record(svc, a, &l, &d, 0, err);
	}
	if (!rc)
		rc = work_commit(&w, err);
done:
	if (rc)
		work_abort(&w);
	return rc;
}

int service_task_done(struct service *svc, struct arena *a, int64_t id, const char *by, struct task *out,
		      struct bt_error *err)
{
	struct work w;
	struct decision d = {0};
	struct rep actor;
	struct lead l;
	int rc = work_begin(&w, svc, 0, err);

	if (rc)
		return rc;
	rc = store_task_get(svc->store, a, id, out, err);
	if (!rc && (rc = store_rep_get(svc->store, a, by, &actor, err)) == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "by", 0, "--by %s: no rep named %s", by, by);
	if (!rc && strcmp(out->status, "open") != 0)
		rc = bt_fail(err, BT_REFUSED, "task", 0, "task %lld is already %s", (long long)id, out->status);
	if (!rc && !(out->rep && strcmp(out->rep, actor.name) == 0) && actor.role != ROLE_MANAGER)
		rc = bt_fail(err, BT_DENIED, "by", 0, "task %lld is %s's; only %s or a manager may close it", (long long)id,
			     out->rep ? out->rep : "nobody", out->rep ? out->rep : "a manager");
	if (!rc)
		rc = store_lead_get(svc->store, a, out->lead, &l, err);
	if (rc)
		goto done;
	out->status = "done";
	out->done_at = svc->now;
	out->done_by = actor.name;
	rc = store_task_update(svc->store, out, err);
	if (!rc) {
		struct event *ev = event_new(a, EV_TASK_DONE, svc->now, l.id, actor.name);

		event_put_int(ev, a, "task", out->id);
		event_put_str(ev, a, "kind", out->kind);
		decision_add(&d, a, ev);
		rc = service_record(svc, a, &l, &d, 0, err);
	}
	if (!rc)
		rc = work_commit(&w, err);
done:
	if (rc)
		work_abort(&w);
	return rc;
}
