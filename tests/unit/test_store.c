/* test_store.c - the SQLite store: migrations on open, WAL and foreign keys, reps, accounts,
 * leads round-tripped with every field, append-only events, cursors, transactions that roll
 * back whole; the waiting count a write transaction remembers, and an obligation's write of
 * the columns that changed, and the counts per day written at commit and taken back by a
 * rollback. Each test uses a fresh file in a temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "store/store.h"
#include "util/arena.h"

struct fixture {
	char dir[64];
	char path[128];
	struct store *s;
	struct arena *a;
};

static int setup(void **state)
{
	static struct fixture f;
	struct bt_error err;

	memset(&f, 0, sizeof(f));
	snprintf(f.dir, sizeof(f.dir), "/tmp/baton-test-XXXXXX");
	assert_non_null(mkdtemp(f.dir));
	snprintf(f.path, sizeof(f.path), "%s/t.db", f.dir);
	assert_int_equal(store_open(f.path, 1, &f.s, &err), 0);
	f.a = arena_new();
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[200];

	store_close(&f->s);
	arena_free(&f->a);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_open_missing_store_without_create_is_not_found(void **state)
{
	struct store *s = NULL;
	struct bt_error err;

	assert_int_equal(store_open("/tmp/baton-no-such-dir/x.db", 0, &s, &err), -BT_NOT_FOUND);
	assert_null(s);
	assert_non_null(strstr(err.message, "baton init"));
}

static void test_migrations_run_once_and_set_wal(void **state)
{
	struct fixture *f = *state;
	struct store *again = NULL;
	struct bt_error err;
	sqlite3 *db;
	sqlite3_stmt *st;

	assert_int_equal(store_schema_version(f->s), 21);
	assert_int_equal(store_open(f->path, 0, &again, &err), 0);
	assert_int_equal(store_schema_version(again), 21);
	store_close(&again);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	/* a store a newer baton migrated is refused, naming both versions, and left as it is */
	assert_int_equal(
		sqlite3_exec(db, "UPDATE meta SET value = '22' WHERE key = 'schema_version'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(store_open(f->path, 0, &again, &err), -BT_REFUSED);
	assert_null(again);
	assert_string_equal(err.field, "db");
	assert_non_null(strstr(err.message, "schema version 22"));
	assert_non_null(strstr(err.message, "up to version 21"));
	assert_int_equal(
		sqlite3_exec(db, "UPDATE meta SET value = '21' WHERE key = 'schema_version'", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, 0, &again, &err), 0);
	store_close(&again);
}

/* A store opened read only (replay's source) reads what is there, every write through it fails,
 * and a store this baton would migrate is refused, not migrated. */
static void test_readonly_store_reads_refuses_writes_and_is_not_migrated(void **state)
{
	struct fixture *f = *state;
	struct store *ro = NULL;
	struct rep r = {0}, *list;
	struct bt_error err;
	size_t n;
	sqlite3 *db;
	sqlite3_stmt *st;

	r.name = "alice";
	r.role = ROLE_AE;
	r.active = 1;
	r.created_at = 100;
	assert_int_equal(store_rep_add(f->s, &r, &err), 0);
	assert_int_equal(store_open(f->path, STORE_READONLY, &ro, &err), 0);
	assert_int_equal(store_schema_version(ro), 21);
	assert_int_equal(store_rep_list(ro, f->a, -1, &list, &n, &err), 0);
	assert_int_equal(n, 1);
	r.name = "bob";
	r.id = 0;
	assert_true(store_rep_add(ro, &r, &err) < 0);
	store_close(&ro);
	assert_int_equal(store_rep_list(f->s, f->a, -1, &list, &n, &err), 0);
	assert_int_equal(n, 1);
	/* an older store: refused, and left at its version */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(db, "UPDATE meta SET value = '16' WHERE key = 'schema_version'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(store_open(f->path, STORE_READONLY, &ro, &err), -BT_REFUSED);
	assert_null(ro);
	assert_non_null(strstr(err.message, "schema version 16"));
	assert_non_null(strstr(err.message, "read only is not migrated"));
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "16");
	sqlite3_finalize(st);
	assert_int_equal(
		sqlite3_exec(db, "UPDATE meta SET value = '17' WHERE key = 'schema_version'", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
}

static void test_rep_round_trip_and_unique_name(void **state)
{
	struct fixture *f = *state;
	struct rep r = {0}, got, *list;
	struct bt_error err;
	size_t n;

	r.name = "alice";
	r.role = ROLE_MRR;
	r.team = "emea";
	r.pod = "p1";
	r.capacity = 20;
	r.hours_start = 480;
	r.hours_end = 960;
	r.active = 1;
	r.created_at = 100;
	assert_int_equal(store_rep_add(f->s, &r, &err), 0);
	assert_true(r.id > 0);
	assert_int_equal(store_rep_add(f->s, &r, &err), -BT_REFUSED);
	assert_int_equal(store_rep_get(f->s, f->a, "alice", &got, &err), 0);
	assert_int_equal(got.role, ROLE_MRR);
	assert_string_equal(got.team, "emea");
	assert_int_equal(got.capacity, 20);
	assert_int_equal(got.hours_start, 480);
	assert_int_equal(got.weight, 1); /* not set: the default weight */
	assert_null(got.manager);
	got.weight = 3;
	assert_int_equal(store_rep_update(f->s, &got, &err), 0);
	assert_int_equal(store_rep_get(f->s, f->a, "alice", &got, &err), 0);
	assert_int_equal(got.weight, 3);
	assert_int_equal(store_rep_get(f->s, f->a, "bob", &got, &err), -BT_NOT_FOUND);
	assert_int_equal(store_rep_list(f->s, f->a, ROLE_AE, &list, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_rep_list(f->s, f->a, -1, &list, &n, &err), 0);
	assert_int_equal(n, 1);
}

static void test_lead_round_trip_keeps_every_field(void **state)
{
	struct fixture *f = *state;
	struct lead l, got;
	struct bt_error err;

	lead_init(&l);
	l.email = "ada@acme.com";
	l.name = "Ada";
	l.channel = CHANNEL_OUTBOUND;
	l.stage = STAGE_HANDOFF;
	l.employees = 250;
	l.score = 0.42;
	l.grade = "A";
	kv_set(&l.answers, f->a, "budget", "yes");
	kv_set(&l.notes, f->a, "summary", "quote \" and, comma");
	l.nurture_until = 5000;
	l.amount = 123456;
	l.created_at = 10;
	l.updated_at = 20;
	assert_int_equal(store_lead_insert(f->s, &l, &err), 0);
	assert_true(l.id > 0);
	assert_int_equal(store_lead_get(f->s, f->a, l.id, &got, &err), 0);
	assert_string_equal(got.email, "ada@acme.com");
	assert_int_equal(got.channel, CHANNEL_OUTBOUND);
	assert_int_equal(got.stage, STAGE_HANDOFF);
	assert_int_equal(got.employees, 250);
	assert_true(got.score > 0.419 && got.score < 0.421);
	assert_string_equal(got.grade, "A");
	assert_string_equal(kv_get(&got.answers, "budget"), "yes");
	assert_string_equal(kv_get(&got.notes, "summary"), "quote \" and, comma");
	assert_int_equal(got.nurture_until, 5000);
	assert_int_equal(got.amount, 123456);
	assert_null(got.owner);
	assert_int_equal(store_lead_by_email(f->s, f->a, "ada@acme.com", &got, &err), 0);
	assert_int_equal(got.id, l.id);
	assert_int_equal(store_lead_get(f->s, f->a, 999, &got, &err), -BT_NOT_FOUND);
	assert_int_equal(store_lead_insert(f->s, &l, &err), -BT_REFUSED); /* same email */
}

static int count_events(void *ctx, const struct event *ev)
{
	int *n = ctx;

	(*n)++;
	if (*n == 1) {
		assert_int_equal(ev->type, EV_CREATED);
		assert_true(ev->sets_stage);
		assert_int_equal(ev->from, -1);
		assert_int_equal(ev->to, STAGE_INQUIRY);
		assert_string_equal(event_get_str(ev, "notes.summary"), "hi");
		assert_int_equal(event_get_int(ev, "employees", 0), 12);
	}
	return 0;
}

static void test_events_round_trip_and_are_append_only(void **state)
{
	struct fixture *f = *state;
	struct event *ev = event_new(f->a, EV_CREATED, 1000, 0, "admin");
	struct bt_error err;
	int n = 0;
	sqlite3 *db;

	event_set_stage(ev, -1, STAGE_INQUIRY);
	event_put_str(ev, f->a, "notes.summary", "hi");
	event_put_int(ev, f->a, "employees", 12);
	assert_int_equal(store_event_append(f->s, ev, &err), 0);
	assert_true(ev->id > 0);
	assert_int_equal(store_event_each(f->s, 0, count_events, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE events SET type = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_rollback_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct rep r = {0}, got;
	struct bt_error err;
	int64_t v;

	r.name = "ghost";
	r.role = ROLE_SDR;
	r.active = 1;
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_rep_add(f->s, &r, &err), 0);
	assert_int_equal(store_cursor_set(f->s, "rotation.sdr", 7, &err), 0);
	store_rollback(f->s);
	assert_int_equal(store_rep_get(f->s, f->a, "ghost", &got, &err), -BT_NOT_FOUND);
	assert_int_equal(store_cursor_get(f->s, "rotation.sdr", &v, &err), 0);
	assert_int_equal(v, 0);
	assert_int_equal(store_cursor_set(f->s, "rotation.sdr", 7, &err), 0);
	assert_int_equal(store_cursor_set(f->s, "rotation.sdr", 9, &err), 0);
	assert_int_equal(store_cursor_get(f->s, "rotation.sdr", &v, &err), 0);
	assert_int_equal(v, 9);
}

/* A rotation's state (SPEC 8.5) reads back as written: its cursor under the cursor's own key,
 * its balancer beside it; never written, or unreadable, it has no balancer. */
static void test_rotation_state_round_trips(void **state)
{
	struct fixture *f = *state;
	struct route_wrr_peer peers[3] = {{1, 3, -2}, {2, 1, 1}, {5, 1, 1}};
	struct route_wrr w = {1, peers, 3}, got;
	struct bt_error err;
	int64_t v;

	assert_int_equal(store_rotation_get(f->s, f->a, "rotation.mrr", &got, &err), 0);
	assert_int_equal(got.last, 0);
	assert_int_equal(got.n, 0);
	assert_int_equal(store_rotation_set(f->s, "rotation.mrr", &w, &err), 0);
	assert_int_equal(store_cursor_get(f->s, "rotation.mrr", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(store_rotation_get(f->s, f->a, "rotation.mrr", &got, &err), 0);
	assert_int_equal(got.last, 1);
	assert_int_equal(got.n, 3);
	assert_memory_equal(got.peers, peers, sizeof(peers));
	assert_int_equal(store_cursor_set(f->s, "rotation.mrr.wrr", 12, &err), 0); /* not a balancer */
	assert_int_equal(store_rotation_get(f->s, f->a, "rotation.mrr", &got, &err), 0);
	assert_int_equal(got.last, 1);
	assert_int_equal(got.n, 0);
}

static void test_foreign_keys_are_enforced(void **state)
{
	struct fixture *f = *state;
	struct lead l;
	struct bt_error err;

	lead_init(&l);
	l.email = "x@y.example";
	l.owner = "nobody"; /* no such rep */
	assert_int_equal(store_lead_insert(f->s, &l, &err), -BT_REFUSED);
}

/* How many leads wait for a rotation, as the store answers now. */
static int64_t waiting(struct fixture *f)
{
	struct bt_error err;
	int64_t n = -1, since;

	assert_int_equal(store_leads_waiting_count(f->s, &n, &since, &err), 0);
	return n;
}

static void test_waiting_count_remembered_only_while_no_lead_is_written_unowned(void **state)
{
	struct fixture *f = *state;
	struct rep r = {0};
	struct lead l;
	struct bt_error err;

	r.name = "r1";
	r.role = ROLE_MRR;
	r.active = 1;
	assert_int_equal(store_rep_add(f->s, &r, &err), 0);
	lead_init(&l);
	l.email = "w@y.example";
	l.stage = STAGE_MQL;
	l.created_at = l.updated_at = 100;
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(waiting(f), 0); /* remembered from here */
	assert_int_equal(store_lead_insert(f->s, &l, &err), 0);
	assert_int_equal(waiting(f), 1);
	l.owner = "r1";
	assert_int_equal(store_lead_update(f->s, &l, &err), 0);
	assert_int_equal(waiting(f), 0);
	assert_int_equal(store_lead_stamp(f->s, l.id, 200, &err), 0); /* not a change of owner */
	assert_int_equal(waiting(f), 0);
	l.owner = NULL;
	assert_int_equal(store_lead_update(f->s, &l, &err), 0);
	assert_int_equal(waiting(f), 1);
	assert_int_equal(store_commit(f->s, &err), 0);
	/* routed, counted none, rolled back: the lead waits again */
	assert_int_equal(store_begin(f->s, &err), 0);
	l.owner = "r1";
	assert_int_equal(store_lead_update(f->s, &l, &err), 0);
	assert_int_equal(waiting(f), 0);
	store_rollback(f->s);
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(waiting(f), 1);
	store_rollback(f->s);
}

/* Obligation `id` of lead `lead` as stored (an owed one). */
static struct obligation stored_ob(struct fixture *f, int64_t lead, int64_t id)
{
	struct obligation *obs;
	struct bt_error err;
	size_t n, i;

	assert_int_equal(store_obligations_open(f->s, f->a, lead, &obs, &n, &err), 0);
	for (i = 0; i < n && obs[i].id != id; i++)
		;
	assert_true(i < n);
	return obs[i];
}

/* issue 20: inside a write transaction the reps read are remembered (routing asks for the same
 * few once per lead), yet a read never sees less than the transaction wrote: a rep's update and
 * an absence added are seen by the next read; a copy handed out is the caller's (changing it
 * changes nothing remembered); after commit the store is read again. */
static void test_reps_remembered_in_a_transaction_see_its_writes(void **state)
{
	struct fixture *f = *state;
	struct rep r = {0}, got;
	struct absence ab = {0};
	struct bt_error err;
	sqlite3 *db;

	r.name = "carol";
	r.role = ROLE_MRR;
	r.team = "emea";
	r.capacity = -1;
	r.hours_start = r.hours_end = -1;
	r.active = 1;
	r.created_at = 100;
	assert_int_equal(store_rep_add(f->s, &r, &err), 0);
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_rep_get(f->s, f->a, "carol", &got, &err), 0);
	assert_int_equal(got.naway, 0);
	got.team = "amer"; /* the caller's copy */
	assert_int_equal(store_rep_get(f->s, f->a, "carol", &got, &err), 0);
	assert_string_equal(got.team, "emea");
	got.team = "apac";
	got.weight = 5;
	assert_int_equal(store_rep_update(f->s, &got, &err), 0);
	assert_int_equal(store_rep_get(f->s, f->a, "carol", &got, &err), 0);
	assert_string_equal(got.team, "apac");
	assert_int_equal(got.weight, 5);
	ab.rep = "carol";
	ab.start = 1000;
	ab.finish = 90000;
	ab.reason = "vacation";
	ab.source = ABSENCE_MANUAL;
	ab.created_at = 100;
	assert_int_equal(store_absence_add(f->s, &ab, &err), 0);
	assert_int_equal(store_rep_get(f->s, f->a, "carol", &got, &err), 0);
	assert_int_equal(got.naway, 1);
	assert_string_equal(got.away[0].rep, "carol");
	assert_string_equal(got.away[0].reason, "vacation");
	assert_int_equal(store_commit(f->s, &err), 0);
	/* another connection changes the rep: the next transaction reads it anew */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE reps SET team = 'latam' WHERE name = 'carol'", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_rep_get(f->s, f->a, "carol", &got, &err), 0);
	assert_string_equal(got.team, "latam");
	store_rollback(f->s);
	assert_int_equal(store_absence_clear(f->s, "carol", ABSENCE_MANUAL, &err), 0);
	assert_int_equal(store_rep_get(f->s, f->a, "carol", &got, &err), 0);
	assert_int_equal(got.naway, 0);
}

static void test_obligation_change_writes_what_changed_as_update_would(void **state)
{
	struct fixture *f = *state;
	struct rep r = {0};
	struct lead l;
	struct obligation ob = {0}, was, got;
	struct bt_error err;
	sqlite3 *db;
	sqlite3_stmt *st;

	r.name = "r1";
	r.role = ROLE_MRR;
	r.active = 1;
	assert_int_equal(store_rep_add(f->s, &r, &err), 0);
	r.name = "r2";
	assert_int_equal(store_rep_add(f->s, &r, &err), 0);
	lead_init(&l);
	l.email = "o@y.example";
	assert_int_equal(store_lead_insert(f->s, &l, &err), 0);
	ob.rule = OB_SPEED_TO_LEAD;
	ob.lead = l.id;
	ob.owner = "r1";
	ob.due = 500;
	ob.status = OB_OPEN;
	ob.opened_at = 100;
	assert_int_equal(store_obligation_add(f->s, &ob, &err), 0);
	/* the timer's own columns: written alone */
	was = stored_ob(f, l.id, ob.id);
	ob.status = OB_BREACHED;
	ob.closed_at = 500;
	assert_int_equal(store_obligation_change(f->s, &ob, &was, &err), 0);
	got = stored_ob(f, l.id, ob.id);
	assert_int_equal(got.status, OB_BREACHED);
	assert_int_equal(got.closed_at, 500);
	assert_string_equal(got.owner, "r1");
	/* a new owner (and a settled breach) too: the whole row */
	was = got;
	ob.owner = "r2";
	ob.settled_at = 600;
	assert_int_equal(store_obligation_change(f->s, &ob, &was, &err), 0);
	/* settled, it is no longer owed: read the row itself */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(db, "SELECT owner, status, closed_at, settled_at FROM obligations", -1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "r2");
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "breached");
	assert_int_equal(sqlite3_column_int64(st, 2), 500);
	assert_int_equal(sqlite3_column_int64(st, 3), 600);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The number that `sql` (one integer) reads from the store's file, through a connection of its own. */
static int64_t count_of(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t n;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

#define OPEN_ON_DAY_1 "SELECT coalesce(SUM(n), 0) FROM obligation_days WHERE due_day = 1 AND status = 'open'"
#define MET_ON_DAY_1 "SELECT coalesce(SUM(n), 0) FROM obligation_days WHERE due_day = 1 AND status = 'met'"
#define ANA_ASSIGNED "SELECT coalesce(SUM(n), 0) FROM routing_days WHERE at_day = 2 AND rep = 'ana'"

/* The counts per day (migration 20) reach their tables when the transaction commits, as many as
 * were written; a rollback, of the transaction or of a use case in a batch, takes its part back;
 * a change of status moves the obligation from one count to the other. */
static void test_day_counts_are_written_at_commit_and_taken_back_by_a_rollback(void **state)
{
	struct fixture *f = *state;
	struct lead l;
	struct obligation ob = {0}, was;
	struct bt_error err;

	lead_init(&l);
	l.email = "d@y.example";
	assert_int_equal(store_lead_insert(f->s, &l, &err), 0);
	ob.rule = OB_SPEED_TO_LEAD;
	ob.lead = l.id;
	ob.due = 86400 + 600; /* day 1 */
	ob.status = OB_OPEN;
	ob.opened_at = 100;
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_obligation_add(f->s, &ob, &err), 0);
	assert_int_equal(store_routing_count(f->s, 2 * 86400 + 5, "ana", "assignments", &err), 0);
	assert_int_equal(count_of(f, OPEN_ON_DAY_1), 0); /* not before the commit */
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_int_equal(count_of(f, OPEN_ON_DAY_1), 1);
	assert_int_equal(count_of(f, ANA_ASSIGNED), 1);
	/* rolled back: nothing */
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_obligation_add(f->s, &(struct obligation){.rule = OB_SPEED_TO_LEAD, .lead = l.id,
									  .due = 86400, .status = OB_OPEN},
					      &err),
			 0);
	assert_int_equal(store_routing_count(f->s, 2 * 86400, "ana", "assignments", &err), 0);
	store_rollback(f->s);
	assert_int_equal(count_of(f, OPEN_ON_DAY_1), 1);
	assert_int_equal(count_of(f, ANA_ASSIGNED), 1);
	/* in a batch: the use case rolled back takes its part back, the others stay */
	assert_int_equal(store_batch_begin(f->s, &err), 0);
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_routing_count(f->s, 2 * 86400, "ana", "assignments", &err), 0);
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_routing_count(f->s, 2 * 86400, "ana", "assignments", &err), 0);
	store_rollback(f->s);
	assert_int_equal(store_begin(f->s, &err), 0);
	/* met: out of open, into met (the status read from the row when no `was` is given) */
	ob.status = OB_MET;
	assert_int_equal(store_obligation_update(f->s, &ob, &err), 0);
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_int_equal(store_batch_end(f->s, 1, &err), 0);
	assert_int_equal(count_of(f, ANA_ASSIGNED), 2);
	assert_int_equal(count_of(f, OPEN_ON_DAY_1), 0);
	assert_int_equal(count_of(f, MET_ON_DAY_1), 1);
	/* a change of the timer's own columns, from what was read */
	assert_int_equal(store_begin(f->s, &err), 0);
	was = ob;
	ob.status = OB_CANCELLED;
	assert_int_equal(store_obligation_change(f->s, &ob, &was, &err), 0);
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_int_equal(count_of(f, MET_ON_DAY_1), 0);
	assert_int_equal(count_of(f, "SELECT SUM(n) FROM obligation_days WHERE status = 'cancelled'"), 1);
	assert_int_equal(count_of(f, "SELECT SUM(n) FROM obligation_days"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_missing_store_without_create_is_not_found),
		cmocka_unit_test_setup_teardown(test_migrations_run_once_and_set_wal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_day_counts_are_written_at_commit_and_taken_back_by_a_rollback, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_readonly_store_reads_refuses_writes_and_is_not_migrated, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rep_round_trip_and_unique_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reps_remembered_in_a_transaction_see_its_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lead_round_trip_keeps_every_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_round_trip_and_are_append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rotation_state_round_trips, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_keys_are_enforced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waiting_count_remembered_only_while_no_lead_is_written_unowned,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_obligation_change_writes_what_changed_as_update_would, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
