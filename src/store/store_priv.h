/* store_priv.h - what the store's source files share and nobody else sees: the store itself
 * and the small helpers over db.h (whose row helpers, db_row and friends, do most of the
 * work). One file a table: store_rep.c, store_account.c, store_lead.c, store_event.c,
 * store_meeting.c, store_sla.c (obligations), store_task.c, store_credit.c, store_calendar.c,
 * store_playbook.c, store_outbox.c, store_token.c, store_session.c (sign-in links and
 * sessions), store_days.c (the reports' counts per day); store.c opens, migrates and holds the
 * transactions. */
#ifndef BATON_STORE_PRIV_H
#define BATON_STORE_PRIV_H

#include "core/rep.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/strbuf.h"

struct route_wrr;

#define STORE_REP_CACHE 32

struct store {
	struct db *db;
	int version;           /* schema version after migrations */
	struct strbuf scratch; /* reused to build payload text */
	char *answers_text;    /* bound JSON of the last lead written (malloc'd) */
	char *notes_text;
	int batch;             /* inside store_batch_begin: use cases nest as savepoints */
	int writing;           /* inside a write transaction (store_begin or a batch) */
	int64_t claim_due;     /* the last obligation claimed in this transaction (PostgreSQL: the */
	int64_t claim_id;      /* next claim resumes after it); 0 when none */
	/* 1: no lead waits for a rotation, as counted in this write transaction and unchanged
	 * since (no lead written without an owner); SQLite only, whose writer holds the store */
	int none_waiting;
	struct store_days *days; /* the counts per day added in this write transaction (store_days.c) */
	/* store_writer_id's answer once read (PostgreSQL: the backend's pid), 0 before */
	int64_t writer_id;
	/* the reps store_rep_get() read in this write transaction, with their absences (copies in
	 * rep_arena): routing and the timers ask for the same few reps once per lead. Emptied by
	 * store_rep_forget() at every begin, commit and rollback and by every write to reps or
	 * absences, so a read never sees less than the transaction wrote. */
	struct arena *rep_arena;
	struct rep rep_cache[STORE_REP_CACHE];
	size_t nrep_cache;
};

/* The tables of counts per day (migration 20, store_days.c). */
enum store_days_table { DAYS_OBLIGATIONS, DAYS_ROUTING };
/* Adds n to the count of (day, a, b) of `table` in this transaction (a, b: rule and status, or
 * rep and kind; copied; nothing when either is NULL). 0, or -BT_STORAGE out of memory. */
int store_days_add(struct store *s, enum store_days_table table, int64_t day, const char *a, const char *b, int64_t n,
		   struct bt_error *err);
/* The open use case ends (a savepoint released or rolled back): keep (1) or drop (0) what it added. */
void store_days_settle(struct store *s, int keep);
/* Writes what the transaction added to the tables (before its commit) and clears it; 0 or the error. */
int store_days_flush(struct store *s, struct bt_error *err);
/* Drops what the transaction added (a rollback). */
void store_days_clear(struct store *s);

/* Empties the reps remembered in this transaction (see struct store). Inline: store.c (the
 * transactions) and store_absence.c (absence writes) call it, and the store's files call one
 * way (tools/file_calls.sh). */
static inline void store_rep_forget(struct store *s)
{
	if (s->nrep_cache)
		arena_reset(s->rep_arena);
	s->nrep_cache = 0;
}

/* 1 if reads that decide a write must lock their rows: inside a write transaction on a
 * backend whose writers run concurrently (db_has DB_ROW_LOCKS: PostgreSQL). */
int store_locking(const struct store *s);

/* The text of a rotation's balancer, "id:weight:current,..." (store_rotation_get), into sb. */
void store_balancer_text(const struct route_wrr *w, struct strbuf *sb);

/* Runs a prepared statement that returns no rows, then ends its use; 0 or the error. */
int store_run(struct db *db, struct db_stmt *st, struct bt_error *err);
/* Column i as a string copied into a, NULL for SQL NULL. */
const char *store_col_str(struct db *db, struct db_stmt *st, int i, struct arena *a);
/* Column i as an integer, dflt for SQL NULL. */
int64_t store_col_int_or(struct db *db, struct db_stmt *st, int i, int64_t dflt);
/* Binds v to parameter i, or SQL NULL when !present. */
void store_bind_opt_int(struct db *db, struct db_stmt *st, int i, int64_t v, int present);

/* Steps st (from db_query; NULL when its prepare failed, *err filled) once, reads the row
 * with `reader` (a row reader: fills *out, a struct rep, lead ..., from the current row, strings
 * copied into a) and ends the statement: 1 if a row was read, 0 if none, negative on error.
 * store_found() turns that into the lookup's answer. */
int store_one(struct db *db, struct db_stmt *st,
	      void (*reader)(struct db *db, struct db_stmt *st, struct arena *a, void *out), struct arena *a, void *out,
	      struct bt_error *err);

/* Reads every row of st (from db_query) with `reader` into a new array in a: *out (NULL when
 * none) and *n; size is the size of one element. Ends st; 0 or negative. */
int store_list(struct db *db, struct db_stmt *st,
	       void (*reader)(struct db *db, struct db_stmt *st, struct arena *a, void *out), struct arena *a,
	       void **out, size_t *n, size_t size, struct bt_error *err);

/* Walks st (from db_query) one row a call: steps, empties *a (made on the first row) and
 * reads the row with `reader` into out. 1 with a row, 0 at the end, negative on error; then
 * store_walk_end(). */
int store_next(struct db *db, struct db_stmt *st,
	       void (*reader)(struct db *db, struct db_stmt *st, struct arena *a, void *out), struct arena **a,
	       void *out, struct bt_error *err);
/* Ends a walk: frees *a, ends st and returns rc. */
int store_walk_end(struct db *db, struct db_stmt *st, struct arena **a, int rc);

/* The answer of a lookup from its db_step / db_row code: 0 if a row was read (rc 1), a
 * negative rc as is, and for no row (rc 0) -BT_NOT_FOUND with err naming `field` and the
 * printf-style message. */
int store_found(int rc, struct bt_error *err, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Runs a COUNT(*) statement that takes $1 an integer, $2 a text and $3 an integer; *n (0 on
 * error). 0 or the error. */
int store_count(struct store *s, const char *sql, int64_t a, const char *text, int64_t b, int64_t *n,
		struct bt_error *err);

#endif
