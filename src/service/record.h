/* record.h - recording what the core decided for a lead, inside the open unit of work: the
 * events, the lead's projected state, its obligations (sla_after), the credit it earned, the
 * tune-out streaks and the follow-up tasks that became moot. */
#ifndef BATON_SVC_RECORD_H
#define BATON_SVC_RECORD_H

#include "core/lifecycle.h"
#include "util/error.h"

struct service;
struct arena;

/* Appends the decided events of lead l (projecting each onto it) and writes its state
 * (inserting it when is_new); inside the caller's transaction. */
int service_record(struct service *svc, struct arena *a, struct lead *l, struct decision *d, int is_new,
		   struct bt_error *err);

#endif
