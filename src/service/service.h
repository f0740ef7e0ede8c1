/* service.h - baton's use cases, shared by the command line and the HTTP API: each loads what
 * the core needs from the store, lets the core decide, and records the events and the new
 * state in one transaction (or nothing, on refusal). */
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
};

/* Opens the store at url and loads its playbook; returns 0 or a negative code. Close with
 * service_close(). */
int service_open(struct service *svc, const char *url, int64_t now, struct bt_error *err);

/* Creates a new store at url with the given playbook text (NULL: the built-in default);
 * -BT_REFUSED if the store already holds a playbook. */
int service_init(struct service *svc, const char *url, const char *playbook_text, const char *playbook_name,
		 int64_t now, struct bt_error *err);

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

struct intake_outcome {
	int64_t lead;   /* the lead's id (the existing one for a duplicate) */
	int duplicate;  /* 1 if the email was already known */
	int filtered;   /* 1 if the fit filter kept it out */
};

/* Takes in a lead (validated, deduped, filtered, routed) in its own transaction when
 * `own_tx`, else inside the caller's; strings of *in may be rewritten (lower-cased email). */
int service_intake(struct service *svc, struct arena *a, struct lead *in, const char *actor, int own_tx,
		   struct intake_outcome *out, struct bt_error *err);

/* Runs lifecycle action req on lead `id`, by the rep named `by`; for a handoff `to` names the
 * AE (NULL: routing picks). Returns 0 with *out holding the new state (in a). */
int service_act(struct service *svc, struct arena *a, int64_t id, const char *by, const char *to,
		struct action_req *req, struct lead *out, struct bt_error *err);

#endif
