/* task.h - follow-up tasks owned by the role the playbook names: created by the use cases
 * that need them (a reschedule, a no-show: record_follow_up, record.h), added and closed by
 * hand here. */
#ifndef BATON_SVC_TASK_H
#define BATON_SVC_TASK_H

#include <stdint.h>

#include "core/lifecycle.h"
#include "core/playbook.h"
#include "core/sla.h"
#include "store/store.h"

struct service;
struct arena;

/* `task add`: gives task `kind` on lead `id` to rep `to`, by `by`; refused (-BT_REFUSED) when
 * the playbook gives that task to another role. */
int service_task_add(struct service *svc, struct arena *a, int64_t id, const char *kind, const char *to, const char *by,
		     struct task *out, struct bt_error *err);

/* `task done`: closes task `id` by its holder or a manager. */
int service_task_done(struct service *svc, struct arena *a, int64_t id, const char *by, struct task *out,
		      struct bt_error *err);

#endif
