/* record.h - recording what the core decided for a lead, inside the open unit of work: the
 * events, the lead's projected state, its obligations (sla_after), the credit it earned, the
 * tune-out streaks and the follow-up tasks that became moot; and what the use cases and the
 * timers record alongside: a follow-up task, the managers told of a lead nobody can take. */
#ifndef BATON_SVC_RECORD_H
#define BATON_SVC_RECORD_H

#include "core/lifecycle.h"
#include "core/playbook.h"
#include "store/store.h"
#include "util/error.h"

struct service;
struct work;
struct arena;

/* Appends the decided events of lead l (projecting each onto it) and writes its state
 * (inserting it when is_new); inside the caller's transaction. */
int service_record(struct service *svc, struct arena *a, struct lead *l, struct decision *d, int is_new,
		   struct bt_error *err);

/* service_record() for stored lead l whose obligation `due` came due: `due`, as the caller
 * changed it (its new status) and has not written it, is what the SLA rules see of it, and it
 * is written once, with whatever they change on it too (the timer's consequences, one row
 * write). */
int record_due(struct service *svc, struct arena *a, struct lead *l, struct decision *d, const struct obligation *due,
	       struct bt_error *err);

/* Stores task t (sets t->id, status open) and appends its "task" event by `actor`, at
 * t->created_at, to d. */
int record_task(struct service *svc, struct arena *a, struct task *t, const char *actor, struct decision *d,
		struct bt_error *err);

/* Creates the follow-up task `kind` for lead l (and meeting, or 0) for the role the playbook
 * names (or `role` when >= 0), held by that role's rep on the lead (record_task). Does nothing
 * if the playbook's tasks section is off or gives `kind` to nobody, and role < 0. */
int record_follow_up(struct service *svc, struct arena *a, const struct lead *l, enum pb_task kind, int64_t meeting,
		     int role, int64_t at, struct decision *d, struct bt_error *err);

/* Tells the managers (outbox + a "notified" event) that lead l waits unassigned, and why: the
 * managers of the reps of w's pool of `role`, or every active manager when they name none. */
int record_unassigned(struct work *w, struct arena *a, const struct lead *l, int role, const char *why, int64_t at,
		      struct bt_error *err);

#endif
