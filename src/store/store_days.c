/* store_days.c - the counts per UTC day that `report sla` and `report routing` read (migration
 * 20): obligation_days (obligations by due day, rule and status) and routing_days (what the
 * routing events of a day count for each rep, by the report's column). A write adds to them in
 * memory (store_days_add); the store's commit adds them to their tables, one upsert per day and
 * key in key order (store_days_flush), so that a batch of a thousand leads writes a few rows;
 * a rolled back use case takes back what it added. On PostgreSQL each connection adds to rows
 * of its own slot (its backend's pid modulo 64): servers committing at once do not wait on one
 * row. */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_priv.h"

/* One count: which table, the day, the key (rule and status, or rep and kind), its delta
 * committed in the transaction so far and its delta since the open use case's savepoint. */
struct day_count {
	int table; /* enum store_days_table */
	int64_t day;
	char *a, *b; /* owned */
	int64_t n, open;
};

struct store_days {
	struct day_count *v;
	size_t n, cap;
	size_t *slots; /* hash: index + 1, 0 empty; nslots a power of two */
	size_t nslots;
};

static size_t hash_of(int table, int64_t day, const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)table ^ ((uint64_t)day << 8);

	for (const char *p = a; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;
	for (const char *p = b; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return (size_t)h;
}

static int same(const struct day_count *c, int table, int64_t day, const char *a, const char *b)
{
	return c->table == table && c->day == day && strcmp(c->a, a) == 0 && strcmp(c->b, b) == 0;
}

/* Rebuilds the hash at twice the size. 0, or -1 out of memory. */
static int grow_slots(struct store_days *d)
{
	size_t nslots = d->nslots ? d->nslots * 2 : 64, *slots = calloc(nslots, sizeof(*slots));

	if (!slots)
		return -1;
	for (size_t i = 0; i < d->n; i++) {
		const struct day_count *c = &d->v[i];
		size_t k = hash_of(c->table, c->day, c->a, c->b) & (nslots - 1);

		while (slots[k])
			k = (k + 1) & (nslots - 1);
		slots[k] = i + 1;
	}
	free(d->slots);
	d->slots = slots;
	d->nslots = nslots;
	return 0;
}

int store_days_add(struct store *s, enum store_days_table table, int64_t day, const char *a, const char *b, int64_t n,
		   struct bt_error *err)
{
	struct store_days *d = s->days;
	size_t k;

	if (!a || !b)
		return 0;
	if (!d && !(d = s->days = calloc(1, sizeof(*d))))
		return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	if ((d->n + 1) * 2 > d->nslots && grow_slots(d))
		return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	k = hash_of((int)table, day, a, b) & (d->nslots - 1);
	for (; d->slots[k]; k = (k + 1) & (d->nslots - 1))
		if (same(&d->v[d->slots[k] - 1], (int)table, day, a, b)) {
			d->v[d->slots[k] - 1].open += n;
			return 0;
		}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct day_count *v = realloc(d->v, cap * sizeof(*v));

		if (!v)
			return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n] = (struct day_count){(int)table, day, strdup(a), strdup(b), 0, n};
	if (!d->v[d->n].a || !d->v[d->n].b) {
		free(d->v[d->n].a);
		free(d->v[d->n].b);
		return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	}
	d->slots[k] = ++d->n;
	return 0;
}

void store_days_settle(struct store *s, int keep)
{
	struct store_days *d = s->days;

	for (size_t i = 0; d && i < d->n; i++) {
		if (keep)
			d->v[i].n += d->v[i].open;
		d->v[i].open = 0;
	}
}

void store_days_clear(struct store *s)
{
	struct store_days *d = s->days;

	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].a);
		free(d->v[i].b);
	}
	free(d->v);
	free(d->slots);
	free(d);
	s->days = NULL;
}

static int by_key(const void *x, const void *y)
{
	const struct day_count *p = x, *q = y;
	int c;

	if (p->table != q->table)
		return p->table - q->table;
	if (p->day != q->day)
		return p->day < q->day ? -1 : 1;
	return (c = strcmp(p->a, q->a)) ? c : strcmp(p->b, q->b);
}

int store_days_flush(struct store *s, struct bt_error *err)
{
	/* the table's name, its key's columns, and the slot: 0 on SQLite (one writer) */
	static const char *const sql[2][2] = {
		{"INSERT INTO obligation_days(due_day, rule, status, slot, n) VALUES ($1, $2, $3, 0, $4) "
		 "ON CONFLICT (due_day, rule, status, slot) DO UPDATE SET n = obligation_days.n + excluded.n",
		 "INSERT INTO obligation_days(due_day, rule, status, slot, n) VALUES ($1, $2, $3, pg_backend_pid() % 64, $4) "
		 "ON CONFLICT (due_day, rule, status, slot) DO UPDATE SET n = obligation_days.n + excluded.n"},
		{"INSERT INTO routing_days(at_day, rep, kind, slot, n) VALUES ($1, $2, $3, 0, $4) "
		 "ON CONFLICT (at_day, rep, kind, slot) DO UPDATE SET n = routing_days.n + excluded.n",
		 "INSERT INTO routing_days(at_day, rep, kind, slot, n) VALUES ($1, $2, $3, pg_backend_pid() % 64, $4) "
		 "ON CONFLICT (at_day, rep, kind, slot) DO UPDATE SET n = routing_days.n + excluded.n"},
	};
	struct store_days *d = s->days;
	int pg = db_has(s->db, DB_ROW_LOCKS), rc = 0;

	if (!d)
		return 0;
	store_days_settle(s, 1);
	/* in key order: two connections that share a slot take its rows' locks in the same order */
	qsort(d->v, d->n, sizeof(*d->v), by_key);
	for (size_t i = 0; !rc && i < d->n; i++)
		if (d->v[i].n)
			rc = db_run(s->db, sql[d->v[i].table][pg], "itti", err, d->v[i].day, d->v[i].a, d->v[i].b,
				    d->v[i].n);
	store_days_clear(s);
	return rc;
}

int store_routing_count(struct store *s, int64_t at, const char *rep, const char *kind, struct bt_error *err)
{
	return store_days_add(s, DAYS_ROUTING, at / 86400, rep, kind, 1, err);
}
