/* act.h - the lifecycle actions as one use case (service_act). */
#ifndef BATON_SVC_ACT_H
#define BATON_SVC_ACT_H

#include <stdint.h>

#include "core/lifecycle.h"
#include "util/error.h"

struct service;
struct arena;

/* Runs lifecycle action req on lead `id`, by the rep named `by`; for a handoff `to` names the
 * AE (NULL: routing picks), for an assign the new owner. Returns 0 with *out holding the new state (in a). */
int service_act(struct service *svc, struct arena *a, int64_t id, const char *by, const char *to,
		struct action_req *req, struct lead *out, struct bt_error *err);

#endif
