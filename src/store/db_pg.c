/* db_pg.c - the PostgreSQL backend of db.h over libpq: one connection (PGconn) per struct db,
 * so one per thread (the server keeps a store per worker thread), statements prepared on the
 * server on first use and cached by the address of their SQL text, every value sent as text
 * beside its type. SQLSTATE decides the error: class 23 is a refusal, and a deadlock, a
 * serialization failure, a unique key taken meanwhile or a lock waited for too long (a claim's
 * lock_timeout) is also a conflict (db_conflict). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

#define STMT_CACHE 256
#define MAX_PARAMS 64
#define OID_INT8 20    /* bigint: every integer is bound as one */
#define OID_FLOAT8 701 /* double precision */

extern const char schema_postgres_text[];

struct pg_db;

struct pg_stmt {
	struct pg_db *d;
	const char *sql;                /* the constant it was prepared from (compared by address) */
	char name[16];                  /* its name on the server: "b<index>" */
	int prepared;                   /* 1 once prepared on the current connection */
	int returning;                  /* 1 if prepared for db_insert, with " RETURNING id" */
	int nparams;                    /* the highest $N of the text */
	Oid types[MAX_PARAMS];          /* types of this execution's bindings; 0 = let the server infer */
	const char *vals[MAX_PARAMS];   /* text of each value, NULL = SQL NULL (borrowed or in num) */
	char num[MAX_PARAMS][32];       /* numbers formatted for vals */
	PGresult *res;                  /* the result of the execution, NULL before */
	int row;                        /* the current row, -1 before the first step */
	int nrows;
};

struct pg_db {
	struct db base;                 /* must be first */
	PGconn *conn;
	struct pg_stmt *cache[STMT_CACHE];
	int ncache;
	int64_t changes;                /* rows changed by the last statement */
	int conflict;                   /* this transaction failed on a conflict (see db_conflict) */
	int in_tx;                      /* between BEGIN and COMMIT/ROLLBACK */
};

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* NOTICEs ("there is no transaction in progress") are not for the user */
}

/* Records a failure of res (or of the connection when res is NULL); returns the negative code. */
static int fail(struct pg_db *d, const PGresult *res, struct bt_error *err, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(d->conn);
	enum bt_code code = BT_STORAGE;
	int len = (int)strlen(msg);

	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (state && strncmp(state, "23", 2) == 0)
		code = BT_REFUSED;
	/* 55P03: a claim's lock_timeout (store_claim_begin) */
	if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "23505") == 0 ||
		      strcmp(state, "55P03") == 0))
		d->conflict = 1; /* until the next transaction begins */
	return bt_fail(err, code, NULL, 0, "%s: %.*s", what, len, len ? msg : "no answer from the server");
}

/* Forgets every statement prepared on the connection (after a reconnect). */
static void forget_prepared(struct pg_db *d)
{
	for (int i = 0; i < d->ncache; i++)
		d->cache[i]->prepared = 0;
}

/* A broken connection is opened again, once, unless a transaction was open on it (that one is
 * lost: its statements fail until the caller rolls back); 0 if usable. */
static int ensure_connected(struct pg_db *d, struct bt_error *err)
{
	if (PQstatus(d->conn) == CONNECTION_OK)
		return 0;
	if (d->in_tx)
		return fail(d, NULL, err, "store: lost the connection to PostgreSQL in a transaction");
	PQreset(d->conn);
	forget_prepared(d);
	if (PQstatus(d->conn) != CONNECTION_OK)
		return fail(d, NULL, err, "store: lost the connection to PostgreSQL");
	return 0;
}

/* 1 if a failure outside a transaction came from a connection that just broke (the server
 * restarted, a pooler or firewall dropped it): reconnected, the statement may run again. */
static int reconnected(struct pg_db *d)
{
	if (d->in_tx || PQstatus(d->conn) == CONNECTION_OK)
		return 0;
	PQreset(d->conn);
	forget_prepared(d);
	return PQstatus(d->conn) == CONNECTION_OK;
}

static void pg_close(struct db *db)
{
	struct pg_db *d = (struct pg_db *)db;

	for (int i = 0; i < d->ncache; i++) {
		PQclear(d->cache[i]->res);
		free(d->cache[i]);
	}
	PQfinish(d->conn);
	free(d);
}

static int pg_exec(struct db *db, const char *sql, struct bt_error *err)
{
	struct pg_db *d = (struct pg_db *)db;
	PGresult *res;
	ExecStatusType st;
	int rc = 0;

	if (strncmp(sql, "BEGIN", 5) == 0)
		d->conflict = 0; /* a new transaction: no conflict yet */
	if (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0)
		d->in_tx = 0;
	if (strcmp(sql, "COMMIT") == 0 && PQtransactionStatus(d->conn) == PQTRANS_INERROR) {
		/* PostgreSQL answers COMMIT of a failed transaction with ROLLBACK, not an error */
		PQclear(PQexec(d->conn, "ROLLBACK"));
		return bt_fail(err, BT_STORAGE, NULL, 0, "store: the transaction failed earlier and was rolled back");
	}
	if ((rc = ensure_connected(d, err)))
		return rc;
	res = PQexec(d->conn, sql);
	st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && strncmp(sql, "BEGIN", 5) == 0 && reconnected(d)) {
		PQclear(res); /* a transaction may begin on a new connection */
		res = PQexec(d->conn, sql);
		st = PQresultStatus(res);
	}
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
		d->changes = strtoll(PQcmdTuples(res), NULL, 10);
		if (strncmp(sql, "BEGIN", 5) == 0)
			d->in_tx = 1;
	} else {
		rc = fail(d, res, err, "store");
	}
	PQclear(res);
	return rc;
}

/* The highest $N in sql outside quotes: how many parameters the statement takes. */
static int count_params(const char *sql)
{
	int max = 0;

	for (const char *p = sql; (p = db_param_next(p)) != NULL; p++) {
		int n = (int)strtol(p + 1, NULL, 10);

		if (n > max)
			max = n;
	}
	return max;
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql, struct bt_error *err)
{
	struct pg_db *d = (struct pg_db *)db;
	struct pg_stmt *st;
	int i;

	for (i = 0; i < d->ncache; i++)
		if (d->cache[i]->sql == sql)
			return (struct db_stmt *)d->cache[i];
	if (d->ncache == STMT_CACHE) {
		bt_fail(err, BT_STORAGE, NULL, 0, "store: more than %d distinct statements", STMT_CACHE);
		return NULL;
	}
	st = bt_calloc(sizeof(*st), err);
	if (!st)
		return NULL;
	st->d = d;
	st->sql = sql;
	st->nparams = count_params(sql);
	st->row = -1;
	if (st->nparams > MAX_PARAMS) {
		free(st);
		bt_fail(err, BT_STORAGE, NULL, 0, "store: a statement with more than %d parameters", MAX_PARAMS);
		return NULL;
	}
	snprintf(st->name, sizeof(st->name), "b%d", d->ncache);
	d->cache[d->ncache++] = st;
	return (struct db_stmt *)st;
}

static void pg_bind_int(struct db_stmt *s, int i, int64_t v)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	if (i < 1 || i > st->nparams)
		return;
	snprintf(st->num[i - 1], sizeof(st->num[0]), "%lld", (long long)v);
	st->vals[i - 1] = st->num[i - 1];
	st->types[i - 1] = OID_INT8;
}

static void pg_bind_real(struct db_stmt *s, int i, double v)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	if (i < 1 || i > st->nparams)
		return;
	snprintf(st->num[i - 1], sizeof(st->num[0]), "%.17g", v);
	st->vals[i - 1] = st->num[i - 1];
	st->types[i - 1] = OID_FLOAT8;
}

static void pg_bind_text(struct db_stmt *s, int i, const char *v)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	if (i < 1 || i > st->nparams)
		return;
	st->vals[i - 1] = v;
	st->types[i - 1] = 0; /* text or NULL: typed by where it stands */
}

static int run_once(struct pg_stmt *st, int returning, struct bt_error *err);

/* Runs st (run_once), again once if the connection had broken outside a transaction. */
static int run(struct pg_stmt *st, int returning, struct bt_error *err)
{
	int rc = run_once(st, returning, err);

	if (rc && reconnected(st->d))
		rc = run_once(st, returning, err);
	return rc;
}

/* Prepares (the first time, with the types of this execution's bindings) and runs st. */
static int run_once(struct pg_stmt *st, int returning, struct bt_error *err)
{
	struct pg_db *d = st->d;
	ExecStatusType status;
	int rc;

	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	if ((rc = ensure_connected(d, err)))
		return rc;
	if (st->prepared && st->returning != returning) {
		char sql[32];

		snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
		PQclear(PQexec(d->conn, sql));
		st->prepared = 0;
	}
	if (!st->prepared) {
		size_t n = strlen(st->sql);
		char *text = malloc(n + 16);
		PGresult *res;

		if (!text)
			return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
		memcpy(text, st->sql, n + 1);
		if (returning)
			memcpy(text + n, " RETURNING id", 14);
		res = PQprepare(d->conn, st->name, text, st->nparams, st->types);
		free(text);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			rc = fail(d, res, err, "store: prepare");
			PQclear(res);
			return rc;
		}
		PQclear(res);
		st->prepared = 1;
		st->returning = returning;
	}
	st->res = PQexecPrepared(d->conn, st->name, st->nparams, st->vals, NULL, NULL, 0);
	status = PQresultStatus(st->res);
	if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
		st->nrows = status == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
		d->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
		return 0;
	}
	rc = fail(d, st->res, err, "store");
	PQclear(st->res);
	st->res = NULL;
	return rc;
}

static int pg_step(struct db_stmt *s, struct bt_error *err)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	int rc;

	if (!st->res && (rc = run(st, 0, err)))
		return rc;
	if (st->row < st->nrows)
		st->row++;
	return st->row < st->nrows ? 1 : 0;
}

static int pg_insert(struct db_stmt *s, int64_t *id, struct bt_error *err)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	int rc = run(st, 1, err);

	if (rc)
		return rc;
	if (st->nrows != 1 || PQgetisnull(st->res, 0, 0))
		return bt_fail(err, BT_STORAGE, NULL, 0, "store: the new row's id was not returned");
	*id = strtoll(PQgetvalue(st->res, 0, 0), NULL, 10);
	return 0;
}

/* 1 if column i of the current row exists and is not NULL. */
static int has_value(const struct pg_stmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res) &&
	       !PQgetisnull(st->res, st->row, i);
}

static int pg_col_null(struct db_stmt *s, int i)
{
	return !has_value((struct pg_stmt *)s, i);
}

static int64_t pg_col_int(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	const char *v;

	if (!has_value(st, i))
		return 0;
	v = PQgetvalue(st->res, st->row, i);
	if (v[0] == 't' || v[0] == 'f') /* a boolean */
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static double pg_col_real(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	return has_value(st, i) ? strtod(PQgetvalue(st->res, st->row, i), NULL) : 0;
}

static const char *pg_col_text(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	return has_value(st, i) ? PQgetvalue(st->res, st->row, i) : NULL;
}

static void pg_done(struct db_stmt *s)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	memset(st->vals, 0, sizeof(st->vals));
	memset(st->types, 0, sizeof(st->types));
}

static int64_t pg_changes(struct db *db)
{
	return ((struct pg_db *)db)->changes;
}

static int pg_conflict(struct db *db)
{
	return ((struct pg_db *)db)->conflict;
}

static const struct db_ops pg_ops = {
	.name = "postgres",
	.schema = schema_postgres_text,
	.begin_write = "BEGIN", /* READ COMMITTED: row locks (FOR UPDATE) order the writers */
	.begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", /* one snapshot */
	.lock_schema = "SELECT pg_advisory_xact_lock(7368530)", /* 'baton' migrations, one at a time */
	.reseed = "SELECT setval(pg_get_serial_sequence('%s', 'id'), COALESCE((SELECT MAX(id) FROM %s), 0) + 1, false)",
	.features = DB_ROW_LOCKS,
	/* a scratch store is SQLite */
	.disposable = NULL,
	.close = pg_close,       .exec = pg_exec,           .prepare = pg_prepare,
	.bind_int = pg_bind_int, .bind_real = pg_bind_real, .bind_text = pg_bind_text, .step = pg_step,
	.insert = pg_insert,     .col_null = pg_col_null,   .col_int = pg_col_int,     .col_real = pg_col_real,
	.col_text = pg_col_text, .done = pg_done,           .changes = pg_changes,
	.conflict = pg_conflict, .cache = NULL,
};

/* every session's settings; a read-only one adds default_transaction_read_only */
#define SESSION_SETUP                                                                          \
	"SET synchronous_commit = on; SET default_transaction_isolation = 'read committed'; " \
	"SET client_min_messages = warning; SET application_name = 'baton'"

int db_open_pg(const char *url, enum db_mode mode, struct db **out, struct bt_error *err)
{
	struct pg_db *d = calloc(1, sizeof(*d));
	PGresult *res;

	/* DB_CREATE: the database itself is made with createdb; init makes the tables */
	if (!d)
		return bt_fail(err, BT_STORAGE, "db", 0, "out of memory");
	d->base.ops = &pg_ops;
	d->conn = PQconnectdb(url);
	if (PQstatus(d->conn) != CONNECTION_OK) {
		const char *msg = PQerrorMessage(d->conn);
		int len = (int)strlen(msg);

		while (len > 0 && msg[len - 1] == '\n')
			len--;
		bt_fail(err, BT_STORAGE, "db", 0, "cannot connect to PostgreSQL: %.*s", len, msg);
		PQfinish(d->conn);
		free(d);
		return -BT_STORAGE;
	}
	PQsetNoticeProcessor(d->conn, quiet, NULL);
	/* acknowledged means durable: the commit waits for the WAL flush (the default, made sure) */
	res = PQexec(d->conn, mode == DB_READONLY ? SESSION_SETUP "; SET default_transaction_read_only = on" : SESSION_SETUP);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fail(d, res, err, "store: cannot set up the session");
		PQclear(res);
		pg_close(&d->base);
		return -BT_STORAGE;
	}
	PQclear(res);
	*out = &d->base;
	return 0;
}
