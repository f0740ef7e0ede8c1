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
	struct fit_model *model; /* the latest learned fit model, NULL if none (owned) */
	int in_tick;             /* 1 while due obligations are being run (no nested catch-up) */
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

struct intake_outcome {
	int64_t lead;   /* the lead's id (the existing one for a duplicate) */
	int duplicate;  /* 1 if the email was already known */
	int filtered;   /* 1 if the fit filter kept it out */
	int unassigned; /* 1 if nobody could take it (a manager was told) */
};

/* An intake batch: one write transaction and the routing pools loaded once, kept up to date
 * in memory (open leads, rotation cursors) while leads are added; the cursors are written at
 * commit. `lead add` is a batch of one; `lead import` commits every few thousand leads. */
struct intake_batch {
	struct service *svc;
	struct arena *a;               /* the pools, freed at commit or abort */
	struct rep *pool[ROLE_COUNT];  /* reps of each role, sorted by id, NULL until needed */
	size_t npool[ROLE_COUNT];
	int loaded[ROLE_COUNT];        /* 1 once pool[role] was read (it may be empty) */
	int64_t cursor[ROLE_COUNT];    /* id of the last rep each rotation gave a lead to */
	int moved[ROLE_COUNT];         /* 1 if the cursor changed in this batch */
	struct rep *managers;          /* every manager, loaded when first needed */
	size_t nmanagers;
	int managers_loaded;
	int64_t added;                 /* leads stored in this batch */
};

/* Begins a batch (a write transaction); 0 or a negative code. */
int intake_batch_begin(struct service *svc, struct intake_batch *b, struct bt_error *err);

/* Takes in one lead (validated, deduped, matched, filtered, scored, routed) inside the batch;
 * row strings may live in `a`, which the caller may free after the call. A bad lead returns
 * -BT_BAD_INPUT and writes nothing; any other error leaves the batch to be aborted. */
int intake_batch_add(struct intake_batch *b, struct arena *a, struct lead *in, const char *actor,
		     struct intake_outcome *out, struct bt_error *err);

/* Writes the rotation cursors and commits the batch; 0 or a negative code (then aborted). */
int intake_batch_commit(struct intake_batch *b, struct bt_error *err);

/* Uses the caller's open transaction for a batch (no begin/commit): for the catch-up. */
void intake_batch_attach(struct service *svc, struct intake_batch *b);
/* Writes the batch's rotation cursors and frees it, leaving the transaction open. */
int intake_batch_detach(struct intake_batch *b, struct bt_error *err);
/* Records in the batch's cache that rep `name` no longer owns one of its open leads. */
void intake_batch_release(struct intake_batch *b, const char *name);

/* Runs, inside the caller's open transaction, every obligation due by svc->now, so that
 * what a command does happens after what the clock already decided (a touch after the
 * speed-to-lead deadline finds the lead reassigned, whether tick ran or not). Every use case
 * that writes calls it right after it begins; a refusal rolls it back with the rest. */
int service_catch_up(struct service *svc, struct bt_error *err);

/* Begins a use case's write transaction and runs in it what is already due (catch-up); on
 * failure nothing is left open. Every use case that writes starts with it. */
int service_begin(struct service *svc, struct bt_error *err);

/* Loads (once per batch) the reps of `role` into b->pool[role]; 0 or a negative code. */
int intake_batch_pool(struct intake_batch *b, int role, struct bt_error *err);

/* Records in the batch's cache that the rotation of `role` gave a lead to rep `owner`
 * (cursor, open-lead counts). */
void intake_batch_assigned(struct intake_batch *b, int role, const struct intake_result *res);

/* Tells the managers (outbox + a "notified" event) that lead l waits unassigned, and why. */
int intake_batch_notify_unassigned(struct intake_batch *b, struct arena *a, const struct lead *l, int role,
				   const char *why, int64_t at, struct bt_error *err);

/* Rolls the batch back and frees it. */
void intake_batch_abort(struct intake_batch *b);

/* Takes in one lead in its own transaction (a batch of one). */
int service_intake(struct service *svc, struct arena *a, struct lead *in, const char *actor, struct intake_outcome *out,
		   struct bt_error *err);

/* Brings a filtered lead back (filtered -> mql) by the rep named `by`, and routes it. */
int service_restore(struct service *svc, struct arena *a, int64_t id, const char *by, struct lead *out,
		    struct bt_error *err);

struct tick_item {
	const char *type;   /* breach, reassign, notify, escalate, flag, task, recycle, assign, unassigned */
	const char *rule;   /* the obligation's rule */
	int64_t lead;
	const char *rep;    /* who it concerns: the owner in breach, the new owner, the manager told */
	int64_t at;         /* when it took effect: the obligation's due time */
	const char *detail; /* in words, may be NULL */
};

struct tick_report {
	struct arena *a;    /* owns items and their strings */
	struct tick_item *items;
	size_t n, cap;
	int64_t obligations; /* obligations processed */
};

/* Runs every obligation due by svc->now, in due order (those that come due while it runs
 * included): breaches with their actions, reassignments, escalations, recycles, each taking
 * effect at its due time. Idempotent: a second run at the same time finds nothing due.
 * Fills *rep (free with tick_report_release). */
int service_tick(struct service *svc, struct tick_report *rep, struct bt_error *err);

/* Frees what the report holds. */
void tick_report_release(struct tick_report *rep);

/* Appends the decided events of lead l (projecting each onto it) and writes its state
 * (inserting it when is_new); inside the caller's transaction. */
int service_record(struct service *svc, struct arena *a, struct lead *l, struct decision *d, int is_new,
		   struct bt_error *err);

/* The meta key of a role's rotation cursor ("rotation.mrr"), in a. */
const char *service_cursor_key(struct arena *a, int role);

/* Books meeting m (lead, ae, booked_by, start, minutes set) into the free time of `ae`,
 * ignoring meeting `skip` (one being moved); sets m->id. A clash is refused (-BT_REFUSED)
 * with what is in the way and the next free slots. */
int service_book(struct service *svc, struct arena *a, const struct rep *ae, struct meeting *m, int64_t skip,
		 struct bt_error *err);

/* Fills slots[0..max) with the free starts (on the half hour) of a `minutes` meeting with AE
 * `ae` from `from` on, ending by `to` and within 14 days, as service_book would accept them;
 * *n says how many. Reads only. */
int service_free_slots(struct service *svc, struct arena *a, const struct rep *ae, int64_t from, int64_t to,
		       int minutes, int64_t *slots, size_t max, size_t *n, struct bt_error *err);

enum meeting_action { MEET_HELD, MEET_NO_SHOW, MEET_RESCHEDULE, MEET_CANCEL };

/* A meeting outcome by the rep named `by`: held, no-show, reschedule (to `at`, or a task to
 * find a new time when at is 0) or cancel, initiated by "seller" or "prospect". Records the
 * lead's event (credit, SLA and tasks follow); fills *out with the meeting (the new one after
 * a reschedule). */
int service_meeting(struct service *svc, struct arena *a, int64_t id, enum meeting_action act, const char *by,
		    int64_t at, const char *initiator, struct meeting *out, struct bt_error *err);

struct tick_report;

/* Creates the follow-up task `kind` for lead l (and meeting, or 0) for the role the playbook
 * names (or `role` when >= 0), held by that role's rep on the lead; appends a "task" event to
 * d. Does nothing if the playbook's tasks section is off and role < 0. */
int service_task_create(struct service *svc, struct arena *a, const struct lead *l, enum pb_task kind, int64_t meeting,
			int role, int64_t at, struct decision *d, struct bt_error *err);

/* No-show breach: the task passes to `role`; adds a tick item to r. */
int service_task_pass(struct service *svc, struct arena *a, const struct lead *l, const struct obligation *ob,
		      enum role role, struct decision *d, struct tick_report *r, struct bt_error *err);

/* `task add`: gives task `kind` on lead `id` to rep `to`, by `by`; refused (-BT_REFUSED) when
 * the playbook gives that task to another role. */
int service_task_add(struct service *svc, struct arena *a, int64_t id, const char *kind, const char *to, const char *by,
		     struct task *out, struct bt_error *err);

/* `task done`: closes task `id` by its holder or a manager. */
int service_task_done(struct service *svc, struct arena *a, int64_t id, const char *by, struct task *out,
		      struct bt_error *err);

/* Replaces the busy blocks of rep `name` from source "ics" with those read from an
 * iCalendar text over the next 180 days; sets *n to how many. */
int service_availability_ics(struct service *svc, const char *name, const char *text, size_t len, size_t *n,
			     struct bt_error *err);

/* Adds a free block [from, to) to rep `name`'s availability. */
int service_availability_add(struct service *svc, const char *name, int64_t from, int64_t to, struct bt_error *err);

struct train_report;

/* Trains a fit model on the store's closed history and stores it as the next version; fills
 * *rep and *version. Refuses (-BT_REFUSED) with too little or one-sided history. */
int service_model_train(struct service *svc, struct train_report *rep, int64_t *version, struct bt_error *err);

/* Sets *boss to the manager of rep `name` (in arena a): NULL when name is NULL, names no rep
 * (any more) or a rep without a manager. Returns 0, or a storage failure, passed up: a failed
 * read never becomes "nobody's team". The core lets a manager act only on its team's leads. */
int service_manager_of(struct service *svc, struct arena *a, const char *name, const char **boss, struct bt_error *err);

/* Runs lifecycle action req on lead `id`, by the rep named `by`; for a handoff `to` names the
 * AE (NULL: routing picks). Returns 0 with *out holding the new state (in a). */
int service_act(struct service *svc, struct arena *a, int64_t id, const char *by, const char *to,
		struct action_req *req, struct lead *out, struct bt_error *err);

#endif
