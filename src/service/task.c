/* task.c - follow-up tasks (SPEC section 4, tasks): who owns the work after a handoff is the
 * playbook's decision, by role. baton creates each task for the role the playbook names
 * (record_follow_up, record.c: held by the rep of that role on the lead) and refuses to give a
 * task by hand to a rep of another role; `task add` and `task done` are the use cases here. */
#include "service/task.h"

#include <string.h>

#include "service/record.h"
#include "service/service.h"
#include "service/usecase.h"
#include "util/arena.h"

int service_task_add(struct service *svc, struct arena *a, int64_t id, const char *kind, const char *to, const char *by,
		     struct task *out, struct bt_error *err)
{
	struct work w;
	struct decision d = {0};
	struct rep target, actor;
	struct lead l;
	enum pb_task k;
	int rc;

	if (task_kind_parse(kind, &k))
		return bt_fail(err, BT_BAD_INPUT, "kind", 0,
			       "unknown task '%s' (reschedule_prospect_initiated, reschedule_seller_initiated, "
			       "reengage_stalled_opportunity, reschedule_no_show)",
			       kind);
	rc = usecase_begin(&w, svc, err);
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
	if (!rc) {
		memset(out, 0, sizeof(*out));
		out->kind = k;
		out->lead = l.id;
		out->role = target.role;
		out->rep = target.name;
		out->created_at = svc->now;
		rc = record_task(svc, a, out, actor.name, &d, err);
	}
	if (!rc)
		rc = service_record(svc, a, &l, &d, 0, err);
	return work_end(&w, rc, err);
}

int service_task_done(struct service *svc, struct arena *a, int64_t id, const char *by, struct task *out,
		      struct bt_error *err)
{
	struct work w;
	struct decision d = {0};
	struct rep actor;
	struct lead l;
	int rc = usecase_begin(&w, svc, err);

	if (rc)
		return rc;
	rc = store_task_get(svc->store, a, id, out, err);
	if (!rc && (rc = store_rep_get(svc->store, a, by, &actor, err)) == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "by", 0, "--by %s: no rep named %s", by, by);
	if (!rc && out->status != TASK_OPEN)
		rc = bt_fail(err, BT_REFUSED, "task", 0, "task %lld is already %s", (long long)id,
			     task_status_name(out->status));
	if (!rc && !(out->rep && strcmp(out->rep, actor.name) == 0) && actor.role != ROLE_MANAGER)
		rc = bt_fail(err, BT_DENIED, "by", 0, "task %lld is %s's; only %s or a manager may close it",
			     (long long)id, out->rep ? out->rep : "nobody", out->rep ? out->rep : "a manager");
	if (!rc)
		rc = store_lead_get(svc->store, a, out->lead, &l, err);
	if (!rc) {
		out->status = TASK_DONE;
		out->done_at = svc->now;
		out->done_by = actor.name;
		rc = store_task_update(svc->store, out, err);
	}
	if (!rc) {
		struct event *ev = event_new(a, EV_TASK_DONE, svc->now, l.id, actor.name);

		event_put_int(ev, a, "task", out->id);
		event_put_str(ev, a, "kind", pb_task_name(out->kind));
		decision_add(&d, a, ev);
		rc = service_record(svc, a, &l, &d, 0, err);
	}
	return work_end(&w, rc, err);
}
