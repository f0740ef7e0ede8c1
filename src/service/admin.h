/* admin.h - the organisation's use cases: the store and its playbook, reps, accounts. */
#ifndef BATON_SVC_ADMIN_H
#define BATON_SVC_ADMIN_H

#include <stdint.h>

#include "core/rep.h"
#include "store/store.h"
#include "util/error.h"

struct service;

/* Creates a new store at url with the given playbook text (NULL: the built-in default);
 * -BT_REFUSED if the store already holds a playbook. */
int service_init(struct service *svc, const char *url, const char *playbook_text, const char *playbook_name,
		 int64_t now, struct bt_error *err);

/* Validates and stores a new playbook version (a playbook_applied event); sets *version. */
int service_playbook_apply(struct service *svc, const char *text, const char *name, int64_t *version,
			   struct bt_error *err);

/* The same, the playbook_applied event's actor `actor` (a manager's API edit) instead of "admin". */
int service_playbook_apply_by(struct service *svc, const char *text, const char *name, const char *actor,
			      int64_t *version, struct bt_error *err);

/* Adds a rep (r->id set); checks the manager exists. */
int service_rep_add(struct service *svc, struct rep *r, struct bt_error *err);

/* Saves changed settings of rep r (loaded with store_rep_get) with an event naming them. */
int service_rep_set(struct service *svc, struct rep *r, const char *changed, struct bt_error *err);

/* Adds an account (acc->id set); checks owner is an AE and sdr an SDR or MRR. */
int service_account_add(struct service *svc, struct account *acc, struct bt_error *err);

#endif
