/* store.h - where baton records what the core decided: reps, accounts, leads, append-only
 * events, meetings, playbook versions and rotation cursors. Every write happens inside
 * store_begin() .. store_commit(); a command's events and the current-state rows it changes
 * commit together or not at all. Strings read back are allocated in the caller's arena. Each
 * table is implemented in its own file, named in the banners below (store_rep.c, ...). */
#ifndef BATON_STORE_H
#define BATON_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/absence.h"
#include "core/event.h"
#include "core/lead.h"
#include "core/meeting.h"
#include "core/rep.h"
#include "core/route.h"
#include "core/calendar.h"
#include "core/credit.h"
#include "core/sla.h"
#include "core/report.h"
#include "core/task.h"
#include "util/error.h"

struct arena;
struct store;

/* How store_open opens a store. */
enum store_mode {
	STORE_EXISTING = 0, /* an existing store, migrated to this baton's schema */
	STORE_CREATE = 1,   /* created if missing (init) */
	/* an existing store read only, at this baton's schema (no migration; an older store is
	 * refused): every write through it fails (replay's source) */
	STORE_READONLY = 2,
};

/* Opens the store at url (a file path for SQLite, postgres://... for PostgreSQL), creating it
 * with STORE_CREATE (PostgreSQL: the tables; the database must exist), and runs the pending
 * migrations (STORE_READONLY: refuses a store that has any). Returns 0 and *out (closed with
 * store_close), or a negative code. */
int store_open(const char *url, enum store_mode mode, struct store **out, struct bt_error *err);

/* Closes the store and sets *s to NULL; NULL-safe. */
void store_close(struct store **s);

/* The schema version after migrations. */
int store_schema_version(struct store *s);

/* Sets the page cache of this connection (kB); the server's many connections keep it small. */
int store_cache(struct store *s, int kb, struct bt_error *err);

/* Makes the store fast and not durable (no sync; SQLite: the rollback journal in memory, a
 * large page cache), for a scratch store thrown away after use (replay); 0 or a negative code. */
int store_disposable(struct store *s, struct bt_error *err);

/* 0 if the store answers and its database is still where it was opened, else -BT_STORAGE. */
int store_healthy(struct store *s, struct bt_error *err);

/* 1 if the last write transaction failed on a conflict with a concurrent writer (PostgreSQL:
 * deadlock, serialization failure, a unique key taken meanwhile): the caller may run the whole
 * transaction again. Always 0 on SQLite, whose writers never overlap. */
int store_retryable(struct store *s);

/* Starts a write transaction. */
int store_begin(struct store *s, struct bt_error *err);
/* Commits: durable on return 0. */
int store_commit(struct store *s, struct bt_error *err);
/* Rolls back whatever the open transaction wrote. */
void store_rollback(struct store *s);

/* Starts a read transaction: every read until store_read_end sees the same moment. */
int store_read_begin(struct store *s, struct bt_error *err);
/* Ends the read transaction. */
void store_read_end(struct store *s);

/* Opens one outer transaction in which every use case's begin/commit/rollback becomes a
 * savepoint (a refused use case still changes nothing); for bulk drivers such as `demo`.
 * Nothing is durable until store_batch_end(s, 1, ...) commits it. */
int store_batch_begin(struct store *s, struct bt_error *err);
/* Commits (commit = 1) or rolls back the outer transaction; no-op when none is open. */
int store_batch_end(struct store *s, int commit, struct bt_error *err);

/* ---------------------------------------------------------------- store_playbook.c: playbooks and fit models */

/* The playbook in force: its YAML text (in a) and version; -BT_NOT_FOUND if none. */
int store_playbook_current(struct store *s, struct arena *a, const char **text, int64_t *version, struct bt_error *err);
/* The versions of the playbook and of the fit model in force (0 when none); cheap. */
int store_versions(struct store *s, int64_t *playbook, int64_t *model, struct bt_error *err);
/* Stores a new playbook version and its "playbook_applied" event; sets *version. */
int store_playbook_put(struct store *s, const char *text, int64_t at, const char *actor, int64_t *version,
		       struct bt_error *err);
/* Stores a new fit model version (its JSON text); sets *version. */
int store_model_put(struct store *s, int64_t at, const char *data, int64_t *version, struct bt_error *err);
/* The latest fit model's JSON text (in a) and version; -BT_NOT_FOUND if none was trained. */
int store_model_current(struct store *s, struct arena *a, const char **data, int64_t *version, struct bt_error *err);

/* ---------------------------------------------------------------- store_rep.c */

/* Adds a rep (sets r->id); -BT_REFUSED if the name is taken. */
int store_rep_add(struct store *s, struct rep *r, struct bt_error *err);
/* Saves a rep's changed settings (by id). */
int store_rep_update(struct store *s, const struct rep *r, struct bt_error *err);
/* Loads the rep named `name` into *out with its absences (away); -BT_NOT_FOUND if none. */
int store_rep_get(struct store *s, struct arena *a, const char *name, struct rep *out, struct bt_error *err);
/* Sets *email to rep `name`'s email (in a), NULL when it has none or there is no such rep:
 * the one column a notification needs, without the rep's absences. */
int store_rep_email(struct store *s, struct arena *a, const char *name, const char **email, struct bt_error *err);
/* Loads the rep whose email is `email` (normalised: email_normalize) into *out with its
 * absences; -BT_NOT_FOUND if no rep has it (sign-in by link finds the rep so). */
int store_rep_by_email(struct store *s, struct arena *a, const char *email, struct rep *out, struct bt_error *err);
/* Loads the reps of `role` (-1: all), ordered by id, with their absences (away); open_leads
 * is counted for the reps that have a capacity (0 for the others, whom nothing limits); *out
 * in a. */
int store_rep_list(struct store *s, struct arena *a, int role, struct rep **out, size_t *n, struct bt_error *err);
/* Loads the reps of `role`, ordered by id, as they are set (open_leads not counted: 0); *out
 * in a. For what needs only who they are, their team and calendar. */
int store_rep_roster(struct store *s, struct arena *a, int role, struct rep **out, size_t *n, struct bt_error *err);
/* How many leads rep `name` owns in an open stage; *n. */
int store_rep_open_leads(struct store *s, const char *name, int64_t *n, struct bt_error *err);

/* ---------------------------------------------------------------- store_account.c */

/* Adds an account (sets acc->id); -BT_REFUSED if the domain is taken. */
int store_account_add(struct store *s, struct account *acc, struct bt_error *err);
/* Loads the account with that domain (lower case); -BT_NOT_FOUND if none. */
int store_account_by_domain(struct store *s, struct arena *a, const char *domain, struct account *out,
			    struct bt_error *err);
/* Loads every account ordered by id; *out in a. */
int store_account_list(struct store *s, struct arena *a, struct account **out, size_t *n, struct bt_error *err);

/* ---------------------------------------------------------------- store_lead.c */

/* Inserts a new lead row from its projected state (sets l->id). */
int store_lead_insert(struct store *s, struct lead *l, struct bt_error *err);
/* Writes the projected state of an existing lead. */
int store_lead_update(struct store *s, const struct lead *l, struct bt_error *err);
/* Writes updated_at alone of lead `id`: what store_lead_update() writes after events that
 * change nothing else of it (lead_apply_stamps_only). */
int store_lead_stamp(struct store *s, int64_t id, int64_t updated_at, struct bt_error *err);
/* Loads lead `id`; -BT_NOT_FOUND if none. */
int store_lead_get(struct store *s, struct arena *a, int64_t id, struct lead *out, struct bt_error *err);
/* Loads the lead with that email (lower case); -BT_NOT_FOUND if none. */
int store_lead_by_email(struct store *s, struct arena *a, const char *email, struct lead *out, struct bt_error *err);
struct lead_filter {
	const char *stage;  /* NULL: any */
	const char *owner;  /* NULL: any */
	const char *source; /* NULL: any */
	int unassigned;     /* 1: only leads with no owner */
	int waiting;        /* 1: only leads waiting for a rotation (no owner, in mql or target: SPEC 8.1) */
	int64_t limit;      /* <= 0: no limit */
};
/* Calls fn for each matching lead in id order (each lead's strings live until fn returns);
 * stops and returns fn's value if it returns non-zero. */
int store_lead_each(struct store *s, const struct lead_filter *f, int (*fn)(void *ctx, const struct lead *l),
		    void *ctx, struct bt_error *err);
/* The leads that wait for a rotation (SPEC 8.1: nobody owns them, in mql or target) and were
 * waiting at `at`, in id order, of the inbound channel if `inbound` and of the outbound one if
 * `outbound`; *out in a. On PostgreSQL locked, skipping those another server holds. */
int store_leads_waiting(struct store *s, struct arena *a, int64_t at, int inbound, int outbound, struct lead **out,
			size_t *n, struct bt_error *err);
/* The leads rep `rep` owns in an open stage (mql, target, working, handoff, sql), in id order;
 * *out in a. On PostgreSQL locked. */
int store_leads_owned(struct store *s, struct arena *a, const char *rep, struct lead **out, size_t *n,
		      struct bt_error *err);
/* How many leads wait for a rotation (*n) and since when the oldest waits (*since, 0 if none). */
int store_leads_waiting_count(struct store *s, int64_t *n, int64_t *since, struct bt_error *err);
/* How many leads are in stage `stage`; *n. */
int store_lead_count(struct store *s, const char *stage, int64_t *n, struct bt_error *err);

/* ---------------------------------------------------------------- store_event.c */

/* Appends an event (sets ev->id). */
int store_event_append(struct store *s, struct event *ev, struct bt_error *err);
/* Calls fn for each event of lead `lead` (0: every event) in id order; stops on non-zero. */
int store_event_each(struct store *s, int64_t lead, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		     struct bt_error *err);
/* Calls fn for each routing event (assigned, reassigned, unassigned) at a time in [from, to),
 * in id order; stops on non-zero (`report routing`). */
int store_event_routing(struct store *s, int64_t from, int64_t to, int (*fn)(void *ctx, const struct event *ev),
			void *ctx, struct bt_error *err);
/* How many touches `actor` logged on lead `lead` at or after `since`; *n. */
int store_touches_since(struct store *s, int64_t lead, const char *actor, int64_t since, int64_t *n, struct bt_error *err);
/* The largest event id stored, 0 when none; *id. For the live dashboard's feed. */
int store_event_last(struct store *s, int64_t *id, struct bt_error *err);
/* The ids of the events after < id <= upto, in id order, at most cap of them into ids[]; *n. */
int store_event_ids(struct store *s, int64_t after, int64_t upto, int64_t *ids, size_t cap, size_t *n,
		    struct bt_error *err);
/* Calls fn for each event after < id <= upto, in id order, at most limit of them, until fn
 * returns non-zero; db_step's error, else fn's last return. */
int store_event_range(struct store *s, int64_t after, int64_t upto, size_t limit,
		      int (*fn)(void *ctx, const struct event *ev), void *ctx, struct bt_error *err);
/* store_event_range(), the data (payload) read only for the types t with data[t] = 1 (data has
 * EV_COUNT entries): the others come with none, as a reader of a few types wants (replay). */
int store_event_range_some(struct store *s, int64_t after, int64_t upto, size_t limit, const unsigned char *data,
			   int (*fn)(void *ctx, const struct event *ev), void *ctx, struct bt_error *err);

/* ---------------------------------------------------------------- store_meeting.c */

/* Books a meeting (sets m->id). */
int store_meeting_add(struct store *s, struct meeting *m, struct bt_error *err);
/* Cancels every booked meeting of lead `lead`; sets *n to how many. */
int store_meetings_cancel(struct store *s, int64_t lead, int64_t *n, struct bt_error *err);
/* Loads the meetings of lead `lead`, or (lead = 0) of AE `ae` from `since` on; *out in a. */
int store_meeting_list(struct store *s, struct arena *a, int64_t lead, const char *ae, int64_t since,
		       struct meeting **out, size_t *n, struct bt_error *err);
/* Loads meeting `id`; -BT_NOT_FOUND if none. */
int store_meeting_get(struct store *s, struct arena *a, int64_t id, struct meeting *out, struct bt_error *err);
/* Sets a meeting's status. */
int store_meeting_set_status(struct store *s, int64_t id, enum meeting_status st, struct bt_error *err);

/* ---------------------------------------------------------------- store_sla.c: obligations */

/* Stores a new obligation (sets ob->id). */
int store_obligation_add(struct store *s, struct obligation *ob, struct bt_error *err);
/* Writes an obligation's owner, status, progress and closed_at (by id). */
int store_obligation_update(struct store *s, const struct obligation *ob, struct bt_error *err);
/* Writes ob over its row, which held `was` when read (NULL: unknown): when only the timer's
 * own columns changed (status, closed_at, settled_at, done_at; owner, pool and progress as
 * stored) those alone, else as store_obligation_update(). */
int store_obligation_change(struct store *s, const struct obligation *ob, const struct obligation *was,
			    struct bt_error *err);
/* Loads the open obligations of lead `lead`; *out in a. */
int store_obligations_open(struct store *s, struct arena *a, int64_t lead, struct obligation **out, size_t *n,
			   struct bt_error *err);
/* Loads obligation `id` into *out (strings in a); -BT_NOT_FOUND if there is none. */
int store_obligation_get(struct store *s, struct arena *a, int64_t id, struct obligation *out, struct bt_error *err);
/* Loads the open obligation due first at or before `now` (ties by id); -BT_NOT_FOUND if none. */
int store_obligation_next_due(struct store *s, struct arena *a, int64_t now, struct obligation *out,
			      struct bt_error *err);
struct ob_filter {
	int64_t lead;       /* 0: any */
	const char *owner;  /* NULL: any */
	int status;         /* enum ob_status, -1: any */
	int waiting;        /* 1: only those nobody owns, waiting for a pool (SPEC 8.1) */
	/* 1: only those still owed (open, or breached and not settled): with an owner, a range of
	 * the partial index obligations_owed (its work list) instead of a walk of every obligation */
	int owed;
};
/* Calls fn for each matching obligation, by due time then id; stops on non-zero. */
int store_obligation_each(struct store *s, const struct ob_filter *f, int (*fn)(void *ctx, const struct obligation *ob),
			  void *ctx, struct bt_error *err);
/* Loads the open obligations due in (from, to], by due time then id, resuming after the one
 * due at after_due with id after_id (0, 0: from the start), at most limit; *out in a. */
int store_obligations_due(struct store *s, struct arena *a, int64_t from, int64_t to, int64_t after_due,
			  int64_t after_id, size_t limit, struct obligation **out, size_t *n, struct bt_error *err);
/* How many obligations have status st; *n. */
int store_obligation_count(struct store *s, enum ob_status st, int64_t *n, struct bt_error *err);

/* ---------------------------------------------------------------- store_task.c */

struct task {
	int64_t id;
	enum pb_task kind;   /* PB_TASK_RESCHEDULE_NO_SHOW, ... (pb_task_name: "reschedule_no_show") */
	int64_t lead;
	int64_t meeting;     /* 0 if none */
	enum role role;      /* the role the playbook gives it to */
	const char *rep;     /* who holds it */
	enum task_status status; /* TASK_OPEN, TASK_DONE, TASK_CANCELLED (task_status_name) */
	int64_t created_at;
	int64_t done_at;
	const char *done_by;
	const char *note;
};
/* Stores a new task (sets t->id). */
int store_task_add(struct store *s, struct task *t, struct bt_error *err);
/* Loads task `id`; -BT_NOT_FOUND if none. */
int store_task_get(struct store *s, struct arena *a, int64_t id, struct task *out, struct bt_error *err);
/* Writes a task's status, done_at, done_by (by id). */
int store_task_update(struct store *s, const struct task *t, struct bt_error *err);
/* Calls fn for each task of `rep` (NULL: every rep; lead > 0: of that lead), open ones only if
 * open_only, oldest first; stops on non-zero. */
int store_task_each(struct store *s, const char *rep, int64_t lead, int open_only,
		    int (*fn)(void *ctx, const struct task *t), void *ctx, struct bt_error *err);
/* Cancels the open tasks of lead `lead`. */
int store_tasks_cancel(struct store *s, int64_t lead, int64_t at, struct bt_error *err);

/* ---------------------------------------------------------------- store_credit.c: credits and rejection streaks */

/* Records a credit (the event that earned it, the lead, who, what, amount in cents). */
int store_credit_add(struct store *s, int64_t event, int64_t lead, const char *rep, enum credit_kind kind,
		     int64_t amount, int64_t at, struct bt_error *err);
/* Calls fn(ctx, rep, role, kind, count, amount) for each (rep, kind) earned in [from, to) (a
 * kind stored under a name no longer known comes as CREDIT_KIND_COUNT). */
int store_credit_sum(struct store *s, int64_t from, int64_t to,
		     int (*fn)(void *ctx, const char *rep, const char *role, enum credit_kind kind, int64_t count,
			       int64_t amount),
		     void *ctx, struct bt_error *err);
/* How many credits of `kind` lead `lead` has earned; *n. */
int store_credit_count(struct store *s, int64_t lead, enum credit_kind kind, int64_t *n, struct bt_error *err);
/* Adds one to (reset: sets to 0) the run of rejections of AE `ae` on `source`; *count is the
 * new run. */
int store_streak(struct store *s, const char *ae, const char *source, int reset, int64_t *count, struct bt_error *err);

/* ---------------------------------------------------------------- store_calendar.c */

/* Adds a free or busy block of rep's calendar, from `source` ("manual", "ics"). */
int store_block_add(struct store *s, const char *rep, const struct block *b, const char *source, struct bt_error *err);
/* Removes the rep's blocks from `source`. */
int store_block_clear(struct store *s, const char *rep, const char *source, struct bt_error *err);
/* Loads the rep's blocks overlapping [from, to), by start; *out in a. */
int store_block_list(struct store *s, struct arena *a, const char *rep, int64_t from, int64_t to, struct block **out,
		     size_t *n, struct bt_error *err);

/* ---------------------------------------------------------------- store_absence.c */

/* Adds absence ab (sets ab->id); its start is due at absence_due(ab) unless begun or cancelled. */
int store_absence_add(struct store *s, struct absence *ab, struct bt_error *err);
/* Writes ab's finish, cancelled_at and begun_at (by id); its start is no longer due once begun
 * or cancelled. */
int store_absence_update(struct store *s, const struct absence *ab, struct bt_error *err);
/* Loads absence `id` of rep `rep` into *out; -BT_NOT_FOUND if that rep has none with that id. */
int store_absence_get(struct store *s, struct arena *a, const char *rep, int64_t id, struct absence *out,
		      struct bt_error *err);
/* Loads every absence of rep `rep` (cancelled ones too), by start; *out in a. */
int store_absence_list(struct store *s, struct arena *a, const char *rep, struct absence **out, size_t *n,
		       struct bt_error *err);
/* Deletes the absences of rep `rep` from `source` that have not begun (a calendar imported again). */
int store_absence_clear(struct store *s, const char *rep, enum absence_source source, struct bt_error *err);
/* The absence whose start is due first, at or before `until` (by due, then id) into *out;
 * -BT_NOT_FOUND if none. On PostgreSQL locked, skipping one another server holds. */
int store_absence_next_due(struct store *s, struct arena *a, int64_t until, struct absence *out, struct bt_error *err);
/* Points each of reps[0..n)'s away/naway at its absences that count (absence_counts), by
 * start, loaded into a (all reps when n > 1, else the one rep's). */
int store_absence_attach(struct store *s, struct arena *a, struct rep *reps, size_t n, struct bt_error *err);

/* store_outbox.c: the outbox, store_outbox.h (written through service/notify.c's notify_add) */

/* ---------------------------------------------------------------- store.c: cursors, rotations */

/* Reads a named integer (a rotation cursor); *val = 0 if never set. */
int store_cursor_get(struct store *s, const char *key, int64_t *val, struct bt_error *err);
/* Writes a named integer. */
int store_cursor_set(struct store *s, const char *key, int64_t val, struct bt_error *err);
/* Reads the state of the rotation named `key` (SPEC 8.5): its cursor (store_cursor_get, which
 * locks it on PostgreSQL) and the balancer of its last pick, kept as the text
 * "id:weight:current,..." under key + ".wrr" (peers in a; none when never set or unreadable:
 * the balancer then starts from zero). */
int store_rotation_get(struct store *s, struct arena *a, const char *key, struct route_wrr *out, struct bt_error *err);
/* Writes the state of the rotation named `key`: its cursor and its balancer. */
int store_rotation_set(struct store *s, const char *key, const struct route_wrr *w, struct bt_error *err);

/* ---------------------------------------------------------------- store_claim.c: claims */

/* 1 if several writers may write the store at once (PostgreSQL), 0 if it has one (SQLite). */
int store_shared(struct store *s);
/* *held = 1 if the open write transaction wrote or locked a row (PostgreSQL: it has a
 * transaction id), else 0 (always 0 on SQLite); 0 or a negative code. */
int store_holds_rows(struct store *s, int *held, struct bt_error *err);
/* PostgreSQL, in a write transaction: holds names[0..n) (emails) until it ends, waiting
 * for any other transaction that holds one (advisory locks, taken in one order: no row, no
 * transaction id), then sets known[i] = 1 for the names a lead has (read after the wait).
 * Elsewhere it holds nothing and sets every known[i] = 0. 0 or a negative code. */
int store_hold_new(struct store *s, const char *const *names, size_t n, int *known, struct bt_error *err);
/* This connection's writer id (PostgreSQL: its backend's pid) in *id; 0 on SQLite. 0 or a
 * negative code. */
int store_writer_id(struct store *s, int64_t *id, struct bt_error *err);
/* Starts the short write transaction of a claim: on PostgreSQL its commit does not wait for
 * its flush (a later synchronous commit on the cluster flushes it first). 0 or a negative
 * code with nothing left open. */
int store_claim_begin(struct store *s, struct bt_error *err);
/* Reads the in-flight rows of the live writers other than `self` (the leads they routed and
 * have not committed yet; PostgreSQL only, none on SQLite) into *texts (*n of them, in a),
 * locking them until this transaction ends: read before the open leads are counted, so that a
 * writer whose batch commits in between is counted once, stored (its row is gone) or in
 * flight (its commit waits for the lock). route_inflight_add() adds each to the reps.
 * 0 or a negative code. */
int store_inflight_read(struct store *s, int64_t self, struct arena *a, const char ***texts, size_t *n,
			struct bt_error *err);
/* Writes writer self's in-flight leads: counts[i] leads routed to rep ids[i] (none positive:
 * the row is deleted). PostgreSQL only; 0 or a negative code. */
int store_inflight_set(struct store *s, int64_t self, const int64_t *ids, const int64_t *counts, size_t n,
		       struct bt_error *err);
/* store_rotation_set of rotation `rotation` and store_inflight_set (an empty row for none) in
 * one statement on PostgreSQL (a claim of one rotation); 0 or a negative code. */
int store_claim_set(struct store *s, const char *rotation, const struct route_wrr *w, int64_t self, const int64_t *ids,
		    const int64_t *counts, size_t n, struct bt_error *err);

/* ---------------------------------------------------------------- store_report.c */

/* Reports (store_report.c): stream every lead's facts in id order, every obligation with its
 * lead's facts, and the handoff report's events in id order; strings are borrowed for the call. */
/* light = 1 reads only created_at, channel, stage, reached, source, segment, worked_by,
 * speed and amount (the rest zero). Obligations (report_obligations_how): with their lead's
 * facts, all of them; bare, those due in [from, to) with rule, owner and status only; counted,
 * one row per rule and status with its count of those due in [from, to). Bare and counted rows
 * have due and opened_at set to `from`. */
/* How many leads created in [from, to) were imported as history with their window over
 * (lead_facts.speed LEAD_SPEED_HISTORY, SPEC 8.8) into *n; 0 or a storage failure. */
int store_report_history_count(struct store *s, int64_t from, int64_t to, int64_t *n, struct bt_error *err);
int store_report_facts(struct store *s, int light, void (*fn)(void *ctx, const struct report_fact *f), void *ctx,
		       struct bt_error *err);
/* Streams the leads created in [from, to) counted as `how` says (enum report_facts, not
 * REPORT_FACTS_EACH): one fact per group with reached, count, created_at = from and what it is
 * grouped by (source, channel, speed; the rest zero, speed -1); strings borrowed for the call. */
int store_report_facts_counted(struct store *s, enum report_facts how, int64_t from, int64_t to,
			       void (*fn)(void *ctx, const struct report_fact *f), void *ctx, struct bt_error *err);
int store_report_obligations(struct store *s, enum report_obligations how, int64_t from, int64_t to,
			     void (*fn)(void *ctx, const struct report_obligation *o), void *ctx, struct bt_error *err);
/* What the routing events (assigned, reassigned, unassigned) at a time in [from, to) count for
 * `report routing`: the whole UTC days of the period as counted(rep, kind, n) rows of
 * routing_days (migration 20; kind a column of the report, strings borrowed for the call), the
 * parts of a day at either end as the events themselves (routed, in id order per part). 0, a
 * storage failure, or routed's non-zero return. */
/* Counts one more in column `kind` of `report routing` for rep on the UTC day of instant at
 * (routing_days, migration 20; report_routing_each() says what a routing event counts), in the
 * write transaction: added to the table at its commit, dropped by a rollback. Every routing
 * event appended must be counted so. 0, or -BT_STORAGE. */
int store_routing_count(struct store *s, int64_t at, const char *rep, const char *kind, struct bt_error *err);
int store_report_routing(struct store *s, int64_t from, int64_t to, int (*routed)(void *ctx, const struct event *ev),
			 void (*counted)(void *ctx, const char *rep, const char *kind, int64_t n), void *ctx,
			 struct bt_error *err);
int store_report_events(struct store *s, void (*fn)(void *ctx, const struct report_event *ev), void *ctx,
			struct bt_error *err);
/* Streams the customers' events (SPEC 8.12: won, live, renewed, churned), in id order, with
 * their owner, amounts and dates read from the payload (strings borrowed for the call). */
int store_report_customers(struct store *s, void (*fn)(void *ctx, const struct report_event *ev), void *ctx,
			   struct bt_error *err);
/* Streams every touch (time, rep, kind, logged minutes or 0) with its lead's facts, in order. */
int store_report_touches(struct store *s,
			 void (*fn)(void *ctx, int64_t at, const char *actor, const char *kind, int64_t minutes,
				    const struct report_fact *lead),
			 void *ctx, struct bt_error *err);

#endif
