/* store.c - the domain store over db.h in portable SQL ($N parameters, no backend-specific
 * syntax in the queries): migrations, reps, accounts, leads, events, meetings, cursors.
 * See store.h for the contract. */
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/event_json.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/strbuf.h"

#include "store/store_priv.h"

/* ---------------------------------------------------------------- migrations */

static int schema_version(struct db *db)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'schema_version'";
	struct bt_error ignored;
	struct db_stmt *st = db_prepare(db, sql, &ignored);
	int v = 0;

	if (!st)
		return 0;
	if (db_step(db, st, &ignored) == 1)
		v = (int)strtol(db_col_text(db, st, 0), NULL, 10);
	db_done(db, st);
	return v;
}

/* The schema version read inside the migration's open transaction: behind a savepoint, since
 * on a new PostgreSQL database the meta table does not exist yet and a failed statement would
 * end the whole transaction there. */
static int schema_version_tx(struct db *db)
{
	struct bt_error ignored;
	int v;

	if (db_exec(db, "SAVEPOINT version", &ignored))
		return 0;
	v = schema_version(db);
	if (v == 0)
		db_exec(db, "ROLLBACK TO version", &ignored);
	db_exec(db, "RELEASE version", &ignored);
	return v;
}

/* Runs migration section n (sql) unless another process already did: the version is read
 * again under the write lock (SQLite) or the schema's advisory lock (PostgreSQL), so two
 * processes opening a new store never race. */
static int migrate_one(struct store *s, long n, const char *sql, struct bt_error *err)
{
	char vbuf[160];
	int rc = db_begin(s->db, err);

	if (!rc && (rc = db_lock_schema(s->db, err)))
		db_rollback(s->db);
	if (rc)
		return rc;
	if (schema_version_tx(s->db) >= n) {
		db_rollback(s->db);
		return 0;
	}
	snprintf(vbuf, sizeof(vbuf),
		 "INSERT INTO meta(key, value) VALUES ('schema_version', '%ld') "
		 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		 n);
	rc = db_exec(s->db, sql, err);
	if (!rc)
		rc = db_exec(s->db, vbuf, err);
	if (!rc)
		rc = db_commit(s->db, err);
	if (rc) {
		db_rollback(s->db);
		return bt_fail(err, BT_STORAGE, NULL, 0, "migration %ld failed: %s", n, err->message);
	}
	return 0;
}

/* Runs every "-- migration N" section of `schema` with N > the store's version, in order;
 * refuses a store migrated by a newer baton (a version past the last section here). */
static int migrate(struct store *s, const char *schema, struct bt_error *err)
{
	const char *p = schema, *marker = "-- migration ";
	int current = schema_version(s->db);
	long last = 0;

	s->version = current;
	while ((p = strstr(p, marker)) != NULL) {
		long n = strtol(p + strlen(marker), NULL, 10);
		const char *body = strchr(p, '\n'), *next;
		char *sql;
		size_t len;
		int rc;

		if (!body)
			break;
		next = strstr(body, marker);
		len = next ? (size_t)(next - body) : strlen(body);
		p = next ? next : body + len;
		last = n;
		if (n <= current)
			continue;
		sql = malloc(len + 1);
		if (!sql)
			return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
		memcpy(sql, body, len);
		sql[len] = '\0';
		rc = migrate_one(s, n, sql, err);
		free(sql);
		if (rc)
			return rc;
		s->version = (int)n;
	}
	if (current > last) /* a newer baton migrated it: no section here ran */
		return bt_fail(err, BT_REFUSED, "db", 0,
			       "the store is at schema version %d, written by a newer baton; this one knows up to "
			       "version %ld: upgrade baton",
			       current, last);
	return 0;
}

int store_open(const char *url, int create, struct store **out, struct bt_error *err)
{
	struct store *s;
	int rc;

	if (!url || !url[0])
		return bt_fail(err, BT_USAGE, "db", 0, "no store given");
	s = calloc(1, sizeof(*s));
	if (!s)
		return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	strbuf_init(&s->scratch);
	rc = db_open(url, create, &s->db, err);
	/* never write baton's tables into a file that is not a baton store */
	if (!rc && !create && schema_version(s->db) == 0)
		rc = bt_fail(err, BT_NOT_FOUND, "db", 0, "%s is not a baton store: run `baton init` first", url);
	if (!rc)
		rc = migrate(s, db_schema(s->db), err);
	if (rc) {
		store_close(&s);
		return rc;
	}
	*out = s;
	return 0;
}

void store_close(struct store **s)
{
	if (!s || !*s)
		return;
	db_close(&(*s)->db);
	strbuf_release(&(*s)->scratch);
	free((*s)->answers_text);
	free((*s)->notes_text);
	free(*s);
	*s = NULL;
}

int store_schema_version(struct store *s)
{
	return s->version;
}

int store_cache(struct store *s, int kb, struct bt_error *err)
{
	return db_cache(s->db, kb, err);
}

int store_healthy(struct store *s, struct bt_error *err)
{
	return db_healthy(s->db, err);
}

int store_retryable(struct store *s)
{
	return db_conflict(s->db);
}

int store_locking(const struct store *s)
{
	return s->writing && db_has(s->db, DB_ROW_LOCKS);
}

int store_begin(struct store *s, struct bt_error *err)
{
	int rc;

	s->claim_due = s->claim_id = 0;
	if (s->batch)
		return db_exec(s->db, "SAVEPOINT use_case", err);
	rc = db_begin(s->db, err);
	s->writing = rc == 0;
	return rc;
}

int store_commit(struct store *s, struct bt_error *err)
{
	if (s->batch)
		return db_exec(s->db, "RELEASE use_case", err);
	s->writing = 0;
	return db_commit(s->db, err);
}

void store_rollback(struct store *s)
{
	struct bt_error ignored = {0};

	s->claim_due = s->claim_id = 0; /* what was claimed since is open again */
	if (!s->batch) {
		s->writing = 0;
		db_rollback(s->db);
		return;
	}
	db_exec(s->db, "ROLLBACK TO use_case", &ignored);
	db_exec(s->db, "RELEASE use_case", &ignored);
}

int store_read_begin(struct store *s, struct bt_error *err)
{
	return s->batch ? 0 : db_read_begin(s->db, err);
}

void store_read_end(struct store *s)
{
	struct bt_error ignored = {0};

	if (!s->batch)
		db_exec(s->db, "COMMIT", &ignored);
}

int store_batch_begin(struct store *s, struct bt_error *err)
{
	int rc;

	if (s->batch)
		return bt_fail(err, BT_USAGE, "batch", 0, "a batch is already open");
	rc = db_begin(s->db, err);
	if (!rc)
		s->batch = s->writing = 1;
	return rc;
}

int store_batch_end(struct store *s, int commit, struct bt_error *err)
{
	int rc = 0;

	if (!s->batch)
		return 0;
	s->batch = s->writing = 0;
	if (commit)
		rc = db_commit(s->db, err);
	else
		db_rollback(s->db);
	return rc;
}

/* ---------------------------------------------------------------- helpers */

int store_run(struct db *db, struct db_stmt *st, struct bt_error *err)
{
	int rc = db_step(db, st, err);

	db_done(db, st);
	return rc < 0 ? rc : 0;
}

const char *store_col_str(struct db *db, struct db_stmt *st, int i, struct arena *a)
{
	return db_col_null(db, st, i) ? NULL : arena_strdup(a, db_col_text(db, st, i));
}

int64_t store_col_int_or(struct db *db, struct db_stmt *st, int i, int64_t dflt)
{
	return db_col_null(db, st, i) ? dflt : db_col_int(db, st, i);
}

/* ---------------------------------------------------------------- playbooks */

/* Reads the latest row of a versioned table (sql selects version, text); `field` and
 * `missing` make the -BT_NOT_FOUND error when the table is empty. */
static int latest(struct store *s, struct arena *a, const char *sql, const char *field, const char *missing,
		  const char **text, int64_t *version, struct bt_error *err)
{
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		*version = db_col_int(s->db, st, 0);
		*text = store_col_str(s->db, st, 1, a);
		rc = 0;
	} else if (rc == 0) {
		rc = bt_fail(err, BT_NOT_FOUND, field, 0, "%s", missing);
	}
	db_done(s->db, st);
	return rc;
}

int store_playbook_current(struct store *s, struct arena *a, const char **text, int64_t *version, struct bt_error *err)
{
	static const char sql[] = "SELECT version, text FROM playbooks ORDER BY version DESC LIMIT 1";

	return latest(s, a, sql, "playbook", "the store has no playbook: run `baton init`", text, version, err);
}

int store_versions(struct store *s, int64_t *playbook, int64_t *model, struct bt_error *err)
{
	static const char sql[] = "SELECT (SELECT COALESCE(MAX(version), 0) FROM playbooks), "
				  "(SELECT COALESCE(MAX(version), 0) FROM models)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	rc = db_step(s->db, st, err);
	*playbook = rc == 1 ? db_col_int(s->db, st, 0) : 0;
	*model = rc == 1 ? db_col_int(s->db, st, 1) : 0;
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_playbook_put(struct store *s, const char *text, int64_t at, const char *actor, int64_t *version,
		       struct bt_error *err)
{
	static const char sql[] = "INSERT INTO playbooks(version, applied_at, actor, text) "
				  "SELECT COALESCE(MAX(version), 0) + 1, $1, $2, $3 FROM playbooks RETURNING version";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	struct arena *a;
	struct event *ev;
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, at);
	db_bind_text(s->db, st, 2, actor);
	db_bind_text(s->db, st, 3, text);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		*version = db_col_int(s->db, st, 0);
		rc = 0;
	}
	db_done(s->db, st);
	if (rc)
		return rc < 0 ? rc : bt_fail(err, BT_STORAGE, NULL, 0, "playbook version not returned");
	a = arena_new();
	ev = event_new(a, EV_PLAYBOOK_APPLIED, at, 0, actor);
	event_put_int(ev, a, "version", *version);
	rc = store_event_append(s, ev, err);
	arena_free(&a);
	return rc;
}

/* ---------------------------------------------------------------- reps */

#define REP_COLS "id, name, role, team, manager, territories, pod, capacity, hours_start, hours_end, active, created_at"

static void read_rep(struct db *db, struct db_stmt *st, struct arena *a, struct rep *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(db, st, 0);
	r->name = store_col_str(db, st, 1, a);
	role_parse(db_col_text(db, st, 2), &r->role);
	r->team = store_col_str(db, st, 3, a);
	r->manager = store_col_str(db, st, 4, a);
	r->territories = store_col_str(db, st, 5, a);
	r->pod = store_col_str(db, st, 6, a);
	r->capacity = db_col_int(db, st, 7);
	r->hours_start = (int)db_col_int(db, st, 8);
	r->hours_end = (int)db_col_int(db, st, 9);
	r->active = (int)db_col_int(db, st, 10);
	r->created_at = db_col_int(db, st, 11);
}

static void bind_rep(struct db *db, struct db_stmt *st, const struct rep *r)
{
	db_bind_text(db, st, 1, r->name);
	db_bind_text(db, st, 2, role_name(r->role));
	db_bind_text(db, st, 3, r->team);
	db_bind_text(db, st, 4, r->manager);
	db_bind_text(db, st, 5, r->territories);
	db_bind_text(db, st, 6, r->pod);
	db_bind_int(db, st, 7, r->capacity);
	db_bind_int(db, st, 8, r->hours_start);
	db_bind_int(db, st, 9, r->hours_end);
	db_bind_int(db, st, 10, r->active);
	db_bind_int(db, st, 11, r->created_at);
}

int store_rep_add(struct store *s, struct rep *r, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO reps(name, role, team, manager, territories, pod, capacity, hours_start, "
				  "hours_end, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	bind_rep(s->db, st, r);
	rc = db_insert(s->db, st, &r->id, err);
	if (rc == -BT_REFUSED) {
		rc = bt_fail(err, BT_REFUSED, "name", 0, "a rep named %s already exists", r->name);
	}
	db_done(s->db, st);
	return rc;
}

int store_rep_update(struct store *s, const struct rep *r, struct bt_error *err)
{
	static const char sql[] = "UPDATE reps SET name = $1, role = $2, team = $3, manager = $4, territories = $5, "
				  "pod = $6, capacity = $7, hours_start = $8, hours_end = $9, active = $10, "
				  "created_at = $11 WHERE id = $12";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	if (!st)
		return -BT_STORAGE;
	bind_rep(s->db, st, r);
	db_bind_int(s->db, st, 12, r->id);
	return store_run(s->db, st, err);
}

int store_rep_get(struct store *s, struct arena *a, const char *name, struct rep *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " REP_COLS " FROM reps WHERE name = $1";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, name);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		read_rep(s->db, st, a, out);
		rc = 0;
	} else if (rc == 0) {
		rc = bt_fail(err, BT_NOT_FOUND, "rep", 0, "no rep named %s", name);
	}
	db_done(s->db, st);
	return rc;
}

int store_rep_list(struct store *s, struct arena *a, int role, struct rep **out, size_t *n, struct bt_error *err)
{
	static const char sql[] =
		"SELECT " REP_COLS ", CASE WHEN r.capacity >= 0 THEN (SELECT COUNT(*) FROM leads l WHERE l.owner = r.name "
		"AND l.stage IN ('mql', 'target', 'working', 'handoff', 'sql')) ELSE 0 END "
		"FROM reps r WHERE ($1 = '' OR role = $1) ORDER BY id";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	size_t cap = 0;
	int rc;

	*n = 0;
	*out = NULL;
	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, role >= 0 ? role_name((enum role)role) : "");
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct rep *r = arena_push(a, (void **)out, n, &cap, sizeof(*r));

		read_rep(s->db, st, a, r);
		r->open_leads = db_col_int(s->db, st, 12);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- accounts */

#define ACCOUNT_COLS                                                                                                  \
	"id, name, domain, segment, employees, territory, owner, sdr, target, created_at, "                           \
	"(SELECT active FROM reps r WHERE r.name = accounts.owner), (SELECT active FROM reps r WHERE r.name = accounts.sdr)"

static void read_account(struct db *db, struct db_stmt *st, struct arena *a, struct account *acc)
{
	memset(acc, 0, sizeof(*acc));
	acc->id = db_col_int(db, st, 0);
	acc->name = store_col_str(db, st, 1, a);
	acc->domain = store_col_str(db, st, 2, a);
	acc->segment = store_col_str(db, st, 3, a);
	acc->employees = store_col_int_or(db, st, 4, -1);
	acc->territory = store_col_str(db, st, 5, a);
	acc->owner = store_col_str(db, st, 6, a);
	acc->sdr = store_col_str(db, st, 7, a);
	acc->target = (int)db_col_int(db, st, 8);
	acc->created_at = db_col_int(db, st, 9);
	acc->owner_active = db_col_null(db, st, 10) ? 0 : (int)db_col_int(db, st, 10);
	acc->sdr_active = db_col_null(db, st, 11) ? 0 : (int)db_col_int(db, st, 11);
}

int store_account_add(struct store *s, struct account *acc, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO accounts(name, domain, segment, employees, territory, owner, sdr, target, "
				  "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, acc->name);
	db_bind_text(s->db, st, 2, acc->domain);
	db_bind_text(s->db, st, 3, acc->segment);
	if (acc->employees >= 0)
		db_bind_int(s->db, st, 4, acc->employees);
	else
		db_bind_text(s->db, st, 4, NULL);
	db_bind_text(s->db, st, 5, acc->territory);
	db_bind_text(s->db, st, 6, acc->owner);
	db_bind_text(s->db, st, 7, acc->sdr);
	db_bind_int(s->db, st, 8, acc->target);
	db_bind_int(s->db, st, 9, acc->created_at);
	rc = db_insert(s->db, st, &acc->id, err);
	if (rc == -BT_REFUSED) {
		rc = bt_fail(err, BT_REFUSED, "domain", 0, "an account with domain %s already exists", acc->domain);
	}
	db_done(s->db, st);
	return rc;
}

int store_account_by_domain(struct store *s, struct arena *a, const char *domain, struct account *out,
			    struct bt_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS " FROM accounts WHERE domain = $1";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, domain);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		read_account(s->db, st, a, out);
		rc = 0;
	} else if (rc == 0) {
		rc = bt_fail(err, BT_NOT_FOUND, "account", 0, "no account with domain %s", domain);
	}
	db_done(s->db, st);
	return rc;
}

int store_account_list(struct store *s, struct arena *a, struct account **out, size_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS " FROM accounts ORDER BY id";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	size_t cap = 0;
	int rc;

	*n = 0;
	*out = NULL;
	if (!st)
		return -BT_STORAGE;
	while ((rc = db_step(s->db, st, err)) == 1)
		read_account(s->db, st, a, arena_push(a, (void **)out, n, &cap, sizeof(**out)));
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- leads */

#define LEAD_COLS                                                                                                     \
	"l.id, l.email, l.name, l.title, l.company, l.phone, l.mobile, l.source, l.channel, l.segment, l.employees, " \
	"l.country, l.account, l.stage, l.owner, l.handed_by, l.ae, l.score, l.grade, l.reason, l.answers, l.notes, " \
	"l.reviewed, l.nurture_until, l.amount, l.touches, l.first_touch_at, l.created_at, l.updated_at, "           \
	"l.territory, l.mql_at, f.reached, f.worked_by, f.speed, f.variant, f.replied, " FACT_AT_COLS
#define FACT_AT_COLS                                                                                                  \
	"f.at_inquiry, f.at_mql, f.at_working, f.at_handoff, f.at_sql, f.at_won, f.at_live, f.at_lost, "             \
	"f.at_filtered, f.at_nurture, f.at_disqualified, f.at_target"
#define LEAD_FROM " FROM leads l LEFT JOIN lead_facts f ON f.lead = l.id "

static void read_lead(struct db *db, struct db_stmt *st, struct arena *a, struct lead *l)
{
	lead_init(l);
	l->id = db_col_int(db, st, 0);
	l->email = store_col_str(db, st, 1, a);
	l->name = store_col_str(db, st, 2, a);
	l->title = store_col_str(db, st, 3, a);
	l->company = store_col_str(db, st, 4, a);
	l->phone = store_col_str(db, st, 5, a);
	l->mobile = store_col_str(db, st, 6, a);
	l->source = store_col_str(db, st, 7, a);
	channel_parse(db_col_text(db, st, 8), &l->channel);
	l->segment = store_col_str(db, st, 9, a);
	l->employees = store_col_int_or(db, st, 10, -1);
	l->country = store_col_str(db, st, 11, a);
	l->account = store_col_int_or(db, st, 12, 0);
	stage_parse(db_col_text(db, st, 13), &l->stage);
	l->owner = store_col_str(db, st, 14, a);
	l->handed_by = store_col_str(db, st, 15, a);
	l->ae = store_col_str(db, st, 16, a);
	l->score = db_col_null(db, st, 17) ? -1 : db_col_real(db, st, 17);
	l->grade = store_col_str(db, st, 18, a);
	l->reason = store_col_str(db, st, 19, a);
	kvlist_parse(&l->answers, a, db_col_text(db, st, 20));
	kvlist_parse(&l->notes, a, db_col_text(db, st, 21));
	l->reviewed = (int)db_col_int(db, st, 22);
	l->nurture_until = store_col_int_or(db, st, 23, 0);
	l->amount = db_col_int(db, st, 24);
	l->touches = db_col_int(db, st, 25);
	l->first_touch_at = store_col_int_or(db, st, 26, 0);
	l->created_at = db_col_int(db, st, 27);
	l->updated_at = db_col_int(db, st, 28);
	l->territory = store_col_str(db, st, 29, a);
	l->mql_at = store_col_int_or(db, st, 30, 0);
	l->reached = (unsigned)store_col_int_or(db, st, 31, 0);
	l->worked_by = store_col_str(db, st, 32, a);
	l->speed_minutes = store_col_int_or(db, st, 33, -1);
	l->variant = store_col_str(db, st, 34, a);
	l->replied = (int)store_col_int_or(db, st, 35, 0);
	for (int i = 0; i < STAGE_COUNT; i++)
		l->reached_at[i] = store_col_int_or(db, st, 36 + i, 0);
}

/* Writes the lead's lead_facts row (the part of its projection the reports scan). */
static int write_facts(struct store *s, const struct lead *l, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO lead_facts(lead, created_at, channel, source, segment, grade, worked_by, stage, reached, "
		"speed, amount, variant, replied, at_inquiry, at_mql, at_working, at_handoff, at_sql, at_won, at_live, "
		"at_lost, at_filtered, at_nurture, at_disqualified, at_target) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		"$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25) "
		"ON CONFLICT (lead) DO UPDATE SET created_at = excluded.created_at, channel = excluded.channel, "
		"source = excluded.source, segment = excluded.segment, grade = excluded.grade, "
		"worked_by = excluded.worked_by, stage = excluded.stage, reached = excluded.reached, "
		"speed = excluded.speed, amount = excluded.amount, variant = excluded.variant, "
		"replied = excluded.replied, at_inquiry = excluded.at_inquiry, at_mql = excluded.at_mql, "
		"at_working = excluded.at_working, at_handoff = excluded.at_handoff, at_sql = excluded.at_sql, "
		"at_won = excluded.at_won, at_live = excluded.at_live, at_lost = excluded.at_lost, "
		"at_filtered = excluded.at_filtered, at_nurture = excluded.at_nurture, "
		"at_disqualified = excluded.at_disqualified, at_target = excluded.at_target";
	struct db *db = s->db;
	struct db_stmt *st = db_prepare(db, sql, err);

	if (!st)
		return -BT_STORAGE;
	db_bind_int(db, st, 1, l->id);
	db_bind_int(db, st, 2, l->created_at);
	db_bind_int(db, st, 3, l->channel);
	db_bind_text(db, st, 4, l->source);
	db_bind_text(db, st, 5, l->segment);
	db_bind_text(db, st, 6, l->grade);
	db_bind_text(db, st, 7, l->worked_by);
	db_bind_int(db, st, 8, l->stage);
	db_bind_int(db, st, 9, l->reached);
	store_bind_opt_int(db, st, 10, l->speed_minutes, l->speed_minutes >= 0);
	db_bind_int(db, st, 11, l->amount);
	db_bind_text(db, st, 12, l->variant);
	db_bind_int(db, st, 13, l->replied);
	for (int i = 0; i < STAGE_COUNT; i++)
		store_bind_opt_int(db, st, 14 + i, l->reached_at[i], l->reached_at[i] > 0);
	return store_run(db, st, err);
}

void store_bind_opt_int(struct db *db, struct db_stmt *st, int i, int64_t v, int present)
{
	if (present)
		db_bind_int(db, st, i, v);
	else
		db_bind_text(db, st, i, NULL);
}

/* Binds the 30 state columns (everything but id) as $1..$30; the JSON texts of answers and
 * notes live in the store until the next bind. */
static void bind_lead(struct store *s, struct db_stmt *st, const struct lead *l)
{
	struct db *db = s->db;
	json_t *answers = l->answers.n ? kvlist_json(&l->answers) : NULL;
	json_t *notes = l->notes.n ? kvlist_json(&l->notes) : NULL;
	char *a, *n;

	free(s->answers_text);
	free(s->notes_text);
	a = s->answers_text = answers ? json_dumps(answers, JSON_COMPACT) : NULL;
	n = s->notes_text = notes ? json_dumps(notes, JSON_COMPACT) : NULL;

	db_bind_text(db, st, 1, l->email);
	db_bind_text(db, st, 2, l->name);
	db_bind_text(db, st, 3, l->title);
	db_bind_text(db, st, 4, l->company);
	db_bind_text(db, st, 5, l->phone);
	db_bind_text(db, st, 6, l->mobile);
	db_bind_text(db, st, 7, l->source);
	db_bind_text(db, st, 8, channel_name(l->channel));
	db_bind_text(db, st, 9, l->segment);
	store_bind_opt_int(db, st, 10, l->employees, l->employees >= 0);
	db_bind_text(db, st, 11, l->country);
	store_bind_opt_int(db, st, 12, l->account, l->account > 0);
	db_bind_text(db, st, 13, stage_name(l->stage));
	db_bind_text(db, st, 14, l->owner);
	db_bind_text(db, st, 15, l->handed_by);
	db_bind_text(db, st, 16, l->ae);
	if (l->score >= 0)
		db_bind_real(db, st, 17, l->score);
	else
		db_bind_text(db, st, 17, NULL);
	db_bind_text(db, st, 18, l->grade);
	db_bind_text(db, st, 19, l->reason);
	db_bind_text(db, st, 20, a ? a : "{}");
	db_bind_text(db, st, 21, n ? n : "{}");
	db_bind_int(db, st, 22, l->reviewed);
	store_bind_opt_int(db, st, 23, l->nurture_until, l->nurture_until > 0);
	db_bind_int(db, st, 24, l->amount);
	db_bind_int(db, st, 25, l->touches);
	store_bind_opt_int(db, st, 26, l->first_touch_at, l->first_touch_at > 0);
	db_bind_int(db, st, 27, l->created_at);
	db_bind_int(db, st, 28, l->updated_at);
	db_bind_text(db, st, 29, l->territory);
	store_bind_opt_int(db, st, 30, l->mql_at, l->mql_at > 0);
	json_decref(answers);
	json_decref(notes);
}

int store_lead_insert(struct store *s, struct lead *l, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO leads(email, name, title, company, phone, mobile, source, channel, "
				  "segment, employees, country, account, stage, owner, handed_by, ae, score, grade, "
				  "reason, answers, notes, reviewed, nurture_until, amount, touches, first_touch_at, "
				  "created_at, updated_at, territory, mql_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
				  "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, "
				  "$27, $28, $29, $30)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	bind_lead(s, st, l);
	rc = db_insert(s->db, st, &l->id, err);
	db_done(s->db, st);
	return rc ? rc : write_facts(s, l, err);
}

int store_lead_update(struct store *s, const struct lead *l, struct bt_error *err)
{
	static const char sql[] = "UPDATE leads SET email = $1, name = $2, title = $3, company = $4, phone = $5, "
				  "mobile = $6, source = $7, channel = $8, segment = $9, employees = $10, country = $11, "
				  "account = $12, stage = $13, owner = $14, handed_by = $15, ae = $16, score = $17, "
				  "grade = $18, reason = $19, answers = $20, notes = $21, reviewed = $22, "
				  "nurture_until = $23, amount = $24, touches = $25, first_touch_at = $26, "
				  "created_at = $27, updated_at = $28, territory = $29, mql_at = $30 WHERE id = $31";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	bind_lead(s, st, l);
	db_bind_int(s->db, st, 31, l->id);
	rc = store_run(s->db, st, err);
	return rc ? rc : write_facts(s, l, err);
}

static int lead_one(struct store *s, struct arena *a, const char *sql, int64_t id, const char *email, struct lead *out,
		    struct bt_error *err)
{
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	if (email)
		db_bind_text(s->db, st, 1, email);
	else
		db_bind_int(s->db, st, 1, id);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		read_lead(s->db, st, a, out);
		rc = 0;
	} else if (rc == 0) {
		rc = email ? bt_fail(err, BT_NOT_FOUND, "email", 0, "no lead with email %s", email)
			   : bt_fail(err, BT_NOT_FOUND, "lead", 0, "no lead %lld", (long long)id);
	}
	db_done(s->db, st);
	return rc;
}

/* In a write transaction on PostgreSQL a lead is read with its row locked until commit (the
 * lock an UPDATE takes, which inserts referring to the lead do not wait for): two servers
 * never both decide from the same state of a lead and overwrite each other. */
#define LEAD_LOCK " FOR NO KEY UPDATE OF l"

int store_lead_get(struct store *s, struct arena *a, int64_t id, struct lead *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.id = $1";
	static const char sql_lock[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.id = $1" LEAD_LOCK;

	return lead_one(s, a, store_locking(s) ? sql_lock : sql, id, NULL, out, err);
}

int store_lead_by_email(struct store *s, struct arena *a, const char *email, struct lead *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.email = $1";
	static const char sql_lock[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE l.email = $1" LEAD_LOCK;

	return lead_one(s, a, store_locking(s) ? sql_lock : sql, 0, email, out, err);
}

int store_lead_each(struct store *s, const struct lead_filter *f, int (*fn)(void *ctx, const struct lead *l),
		    void *ctx, struct bt_error *err)
{
	static const char sql[] = "SELECT " LEAD_COLS LEAD_FROM "WHERE ($1 = '' OR l.stage = $1) AND "
				  "($2 = '' OR l.owner = $2) AND ($3 = '' OR l.source = $3) AND ($5 = 0 OR l.owner IS NULL) "
				  "ORDER BY l.id LIMIT $4";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	struct arena *a = NULL;
	struct lead l;
	int rc, stop = 0;

	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, f->stage ? f->stage : "");
	db_bind_text(s->db, st, 2, f->owner ? f->owner : "");
	db_bind_text(s->db, st, 3, f->source ? f->source : "");
	db_bind_int(s->db, st, 4, f->limit > 0 ? f->limit : INT64_MAX);
	db_bind_int(s->db, st, 5, f->unassigned);
	while ((rc = db_step(s->db, st, err)) == 1) {
		if (!a)
			a = arena_new();
		read_lead(s->db, st, a, &l);
		stop = fn(ctx, &l);
		arena_reset(a);
		if (stop)
			break;
	}
	arena_free(&a);
	db_done(s->db, st);
	return rc < 0 ? rc : stop;
}

/* ---------------------------------------------------------------- events */

int store_event_append(struct store *s, struct event *ev, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO events(at, type, lead, actor, from_stage, to_stage, data) "
				  "VALUES ($1, $2, $3, $4, $5, $6, $7)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	strbuf_reset(&s->scratch);
	event_payload_text(ev, &s->scratch);
	db_bind_int(s->db, st, 1, ev->at);
	db_bind_text(s->db, st, 2, event_type_name(ev->type));
	store_bind_opt_int(s->db, st, 3, ev->lead, ev->lead > 0);
	db_bind_text(s->db, st, 4, ev->actor);
	db_bind_text(s->db, st, 5, ev->sets_stage && ev->from >= 0 ? stage_name((enum stage)ev->from) : NULL);
	db_bind_text(s->db, st, 6, ev->sets_stage ? stage_name((enum stage)ev->to) : NULL);
	db_bind_text(s->db, st, 7, s->scratch.buf);
	rc = db_insert(s->db, st, &ev->id, err);
	db_done(s->db, st);
	return rc;
}

int store_event_each(struct store *s, int64_t lead, int (*fn)(void *ctx, const struct event *ev), void *ctx,
		     struct bt_error *err)
{
	static const char sql_all[] = "SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events ORDER BY id";
	static const char sql_lead[] = "SELECT id, at, type, lead, actor, from_stage, to_stage, data FROM events "
				       "WHERE lead = $1 ORDER BY id";
	struct db_stmt *st = db_prepare(s->db, lead ? sql_lead : sql_all, err);
	int rc, stop = 0;

	if (!st)
		return -BT_STORAGE;
	if (lead)
		db_bind_int(s->db, st, 1, lead);
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct arena *a;
		struct event *ev;
		enum event_type type;
		enum stage to, from;

		if (event_type_parse(db_col_text(s->db, st, 2), &type)) {
			rc = bt_fail(err, BT_STORAGE, "events", 0, "event %lld has a type this baton does not know: %s",
				     (long long)db_col_int(s->db, st, 0), db_col_text(s->db, st, 2));
			break;
		}
		a = arena_new();
		ev = event_new(a, type, db_col_int(s->db, st, 1), store_col_int_or(s->db, st, 3, 0), db_col_text(s->db, st, 4));

		ev->id = db_col_int(s->db, st, 0);
		if (!db_col_null(s->db, st, 6) && stage_parse(db_col_text(s->db, st, 6), &to) == 0) {
			int f = -1;

			if (!db_col_null(s->db, st, 5) && stage_parse(db_col_text(s->db, st, 5), &from) == 0)
				f = (int)from;
			event_set_stage(ev, f, to);
		}
		event_payload_parse(ev, a, db_col_text(s->db, st, 7));
		stop = fn(ctx, ev);
		arena_free(&a);
		if (stop)
			break;
	}
	db_done(s->db, st);
	return rc < 0 ? rc : stop;
}

/* ---------------------------------------------------------------- meetings */

int store_meeting_add(struct store *s, struct meeting *m, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO meetings(lead, ae, booked_by, start, minutes, status, created_at, "
				  "sequence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, m->lead);
	db_bind_text(s->db, st, 2, m->ae);
	db_bind_text(s->db, st, 3, m->booked_by);
	db_bind_int(s->db, st, 4, m->start);
	db_bind_int(s->db, st, 5, m->minutes);
	db_bind_text(s->db, st, 6, meeting_status_name(m->status));
	db_bind_int(s->db, st, 7, m->created_at);
	db_bind_int(s->db, st, 8, m->sequence);
	rc = db_insert(s->db, st, &m->id, err);
	db_done(s->db, st);
	return rc;
}

int store_meetings_cancel(struct store *s, int64_t lead, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "UPDATE meetings SET status = 'cancelled' WHERE lead = $1 AND status = 'booked'";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, lead);
	rc = store_run(s->db, st, err);
	*n = rc ? 0 : db_changes(s->db);
	return rc;
}

int store_meeting_list(struct store *s, struct arena *a, int64_t lead, const char *ae, int64_t since,
		       struct meeting **out, size_t *n, struct bt_error *err)
{
	/* one statement per case, so that each uses its index (meetings_lead, meetings_ae) */
	static const char by_lead[] = "SELECT id, lead, ae, booked_by, start, minutes, status, created_at, sequence "
				      "FROM meetings WHERE lead = $1 AND ($2 = '' OR ae = $2) AND "
				      "start + minutes * 60 > $3 ORDER BY start, id";
	static const char by_ae[] = "SELECT id, lead, ae, booked_by, start, minutes, status, created_at, sequence "
				    "FROM meetings WHERE $1 = 0 AND ae = $2 AND start >= $3 - 86400 AND "
				    "start + minutes * 60 > $3 ORDER BY start, id";
	static const char all[] = "SELECT id, lead, ae, booked_by, start, minutes, status, created_at, sequence "
				  "FROM meetings WHERE $1 = 0 AND $2 = '' AND start + minutes * 60 > $3 ORDER BY start, id";
	struct db_stmt *st = db_prepare(s->db, lead ? by_lead : ae && *ae ? by_ae : all, err);
	size_t cap = 0;
	int rc;

	*n = 0;
	*out = NULL;
	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, lead);
	db_bind_text(s->db, st, 2, ae ? ae : "");
	db_bind_int(s->db, st, 3, since);
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct meeting *m = arena_push(a, (void **)out, n, &cap, sizeof(*m));

		m->id = db_col_int(s->db, st, 0);
		m->lead = db_col_int(s->db, st, 1);
		m->ae = store_col_str(s->db, st, 2, a);
		m->booked_by = store_col_str(s->db, st, 3, a);
		m->start = db_col_int(s->db, st, 4);
		m->minutes = (int)db_col_int(s->db, st, 5);
		meeting_status_parse(db_col_text(s->db, st, 6), &m->status);
		m->created_at = db_col_int(s->db, st, 7);
		m->sequence = (int)db_col_int(s->db, st, 8);
	}
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

/* ---------------------------------------------------------------- cursors */

int store_cursor_get(struct store *s, const char *key, int64_t *val, struct bt_error *err)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = $1";
	/* PostgreSQL, writing: the cursor's row is created if need be and locked until commit, so
	 * concurrent rotations take their turns one after the other and never give the same turn */
	static const char sql_lock[] = "INSERT INTO meta(key, value) VALUES ($1, '0') ON CONFLICT (key) "
				       "DO UPDATE SET value = meta.value RETURNING value";
	struct db_stmt *st = db_prepare(s->db, store_locking(s) ? sql_lock : sql, err);
	int rc;

	*val = 0;
	if (!st)
		return -BT_STORAGE;
	db_bind_text(s->db, st, 1, key);
	rc = db_step(s->db, st, err);
	if (rc == 1)
		*val = strtoll(db_col_text(s->db, st, 0), NULL, 10);
	db_done(s->db, st);
	return rc < 0 ? rc : 0;
}

int store_cursor_set(struct store *s, const char *key, int64_t val, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO meta(key, value) VALUES ($1, $2) "
				  "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	char buf[32];

	if (!st)
		return -BT_STORAGE;
	snprintf(buf, sizeof(buf), "%lld", (long long)val);
	db_bind_text(s->db, st, 1, key);
	db_bind_text(s->db, st, 2, buf);
	return store_run(s->db, st, err);
}

/* ---------------------------------------------------------------- outbox and models */

int store_outbox_add(struct store *s, int64_t at, const char *kind, const char *rep, int64_t lead, const char *payload,
		     int64_t *id, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO outbox(at, kind, rep, lead, payload, next_at) VALUES ($1, $2, $3, $4, $5, $1)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, at);
	db_bind_text(s->db, st, 2, kind);
	db_bind_text(s->db, st, 3, rep);
	store_bind_opt_int(s->db, st, 4, lead, lead > 0);
	db_bind_text(s->db, st, 5, payload ? payload : "{}");
	rc = db_insert(s->db, st, id ? id : &(int64_t){0}, err);
	db_done(s->db, st);
	return rc;
}

int store_model_put(struct store *s, int64_t at, const char *data, int64_t *version, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO models(version, trained_at, data) "
				  "SELECT COALESCE(MAX(version), 0) + 1, $1, $2 FROM models RETURNING version";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (!st)
		return -BT_STORAGE;
	db_bind_int(s->db, st, 1, at);
	db_bind_text(s->db, st, 2, data);
	rc = db_step(s->db, st, err);
	if (rc == 1) {
		*version = db_col_int(s->db, st, 0);
		rc = 0;
	}
	db_done(s->db, st);
	return rc;
}

int store_model_current(struct store *s, struct arena *a, const char **data, int64_t *version, struct bt_error *err)
{
	static const char sql[] = "SELECT version, data FROM models ORDER BY version DESC LIMIT 1";

	return latest(s, a, sql, "model", "no fit model has been trained: run `baton model train`", data, version, err);
}
