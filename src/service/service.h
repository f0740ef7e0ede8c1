/* service.h - the service every use case runs on (the store, the playbook in force, the
 * clock, the fit model). The use cases run on it, each with its own header: admin.h, act.h,
 * intake.h, tick.h, meeting.h, task.h, model.h, token.h, session.h, views.h, import.h,
 * simulate.h, webhook.h; each loads what the core needs, lets the core decide and records the result
 * (record.h) in one unit of work (work.h, begun caught up with the clock by usecase.h), or
 * nothing on refusal. */
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

/* service_open with the store read only (STORE_READONLY: every write through it fails, and a
 * store this baton would migrate is refused); what replay reads its history from. Returns 0 or
 * a negative code; close with service_close(). */
int service_open_readonly(struct service *svc, const char *url, int64_t now, struct bt_error *err);

/* Reloads the playbook (and fit model) if another process applied a new version since;
 * 0 or a negative code. Long-lived processes (the server) call it per request. */
int service_refresh(struct service *svc, struct bt_error *err);

/* Frees what svc holds. */
void service_close(struct service *svc);

/* The meta key of a role's rotation cursor ("rotation.mrr"), in a. */
const char *service_cursor_key(struct arena *a, int role);

/* Sets *boss to the manager of rep `name` (in arena a): NULL when name is NULL, names no rep
 * (any more) or a rep without a manager. Returns 0, or a storage failure, passed up: a failed
 * read never becomes "nobody's team". The core lets a manager act only on its team's leads. */
int service_manager_of(struct service *svc, struct arena *a, const char *name, const char **boss, struct bt_error *err);

#endif
