/* service.h - the service every use case runs on (the store, the playbook in force, the
 * clock, the fit model) and the use cases of service.c: the playbook, reps and accounts, and
 * the lifecycle actions. Each use case loads what the core needs, lets the core decide and
 * records the result in one unit of work (work.h), or nothing on refusal. The other use cases
 * have their own headers: intake.h, tick.h, meeting.h, task.h, record.h, model.h, token.h,
 * views.h, import.h, simulate.h, webhook.h. */
#ifndef BATON_SERVICE_H
#define BATON_SERVICE_H

#include "core/intake.h"
#include "core/lifecycle.h"
#include "core/playbook.h"
#include "store/store.h"

struct service {
	struct store *store;     /* owned */
	struct playbook *pb;     /* the playbook in force, owned */
	int64_t pb_version;
	int64_t now;             /* the clock of this command or request */
	struct fit_model *model; /* the latest learned fit model, NULL if none (owned) */
};

/* Opens the store at url and loads its playbook; returns 0 or a negative code. Close with
 * service_close(). */
int service_open(struct service *svc, const char *url, int64_t now, struct bt_error *err);

/* Creates a new store at url with the given playbook text (NULL: the built-in default);
 * -BT_REFUSED if the store already holds a playbook. */
int service_init(struct service *svc, const char *url, const char *playbook_text, const char *playbook_name,
		 int64_t now, struct bt_error *err);

/* Reloads the playbook (and fit model) if another process applied a new version since;
 * 0 or a negative code. Long-lived processes (the server) call it per request. */
int service_refresh(struct service *svc, struct bt_error *err);

/* Frees what svc holds. */
void service_close(struct service *svc);

/* Validates and stores a new playbook version (a playbook_applied event); sets *version. */
int service_playbook_apply(struct service *svc, const char *text, const char *name, int64_t *version,
			   struct bt_error *err);

/* Adds a rep (r->id set); checks the manager exists. */
int service_rep_add(struct service *svc, struct rep *r, struct bt_error *err);

/* Saves changed settings of rep r (loaded with store_rep_get) with an event naming them. */
int service_rep_set(struct service *svc, struct rep *r, const char *changed, struct bt_error *err);

/* Adds an account (acc->id set); checks owner is an AE and sdr an SDR or MRR. */
int service_account_add(struct service *svc, struct account *acc, struct bt_error *err);

/* The meta key of a role's rotation cursor ("rotation.mrr"), in a. */
const char *service_cursor_key(struct arena *a, int role);

/* Sets *boss to the manager of rep `name` (in arena a): NULL when name is NULL, names no rep
 * (any more) or a rep without a manager. Returns 0, or a storage failure, passed up: a failed
 * read never becomes "nobody's team". The core lets a manager act only on its team's leads. */
int service_manager_of(struct service *svc, struct arena *a, const char *name, const char **boss, struct bt_error *err);

/* Runs lifecycle action req on lead `id`, by the rep named `by`; for a handoff `to` names the
 * AE (NULL: routing picks). Returns 0 with *out holding the new state (in a). */
int service_act(struct service *svc, struct arena *a, int64_t id, const char *by, const char *to,
		struct action_req *req, struct lead *out, struct bt_error *err);

#endif
