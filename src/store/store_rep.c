/* store_rep.c - the reps table: the people the agreement binds (name, role, team, manager,
 * territories, pod, capacity, hours, weight, time zone), how many open leads each owns, and
 * (store_absence.c) the absences each is loaded with. Portable SQL through db.h; see store.h. */
#include "store/store.h"

#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

#define REP_NCOLS 17 /* the columns of REP_COLS */
#define REP_COLS                                                                                                       \
	"id, name, role, team, manager, territories, pod, capacity, hours_start, hours_end, active, created_at, "      \
	"weight, timezone, email, slack, full_name"

static void read_rep(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct rep *r = out;
	const char *role;

	memset(r, 0, sizeof(*r));
	db_read(db, st, "itsttttidddiitttt", a, NULL, &r->id, &r->name, &role, &r->team, &r->manager, &r->territories,
		&r->pod, &r->capacity, &r->hours_start, &r->hours_end, &r->active, &r->created_at, &r->weight,
		&r->timezone, &r->email, &r->slack, &r->full_name);
	role_parse(role, &r->role);
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
	db_bind_int(db, st, 12, rep_weight(r));
	db_bind_text(db, st, 13, r->timezone);
	db_bind_text(db, st, 14, r->email);
	db_bind_text(db, st, 15, r->slack);
	db_bind_text(db, st, 16, r->full_name);
}

int store_rep_add(struct store *s, struct rep *r, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO reps(name, role, team, manager, territories, pod, capacity, hours_start, "
		"hours_end, active, created_at, weight, timezone, email, slack, full_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		"$9, $10, $11, $12, $13, $14, $15, $16)";
	struct db_stmt *st = db_prepare(s->db, sql, err);
	int rc;

	store_rep_forget(s);
	if (!st)
		return -BT_STORAGE;
	bind_rep(s->db, st, r);
	rc = db_insert(s->db, st, &r->id, err);
	db_done(s->db, st);
	if (rc == -BT_REFUSED)
		rc = bt_fail(err, BT_REFUSED, "name", 0, "a rep named %s already exists", r->name);
	return rc;
}

int store_rep_update(struct store *s, const struct rep *r, struct bt_error *err)
{
	static const char sql[] =
		"UPDATE reps SET name = $1, role = $2, team = $3, manager = $4, territories = $5, "
		"pod = $6, capacity = $7, hours_start = $8, hours_end = $9, active = $10, "
		"created_at = $11, weight = $12, timezone = $13, email = $14, slack = $15, full_name = $16 WHERE id = $17";
	struct db_stmt *st = db_prepare(s->db, sql, err);

	store_rep_forget(s);
	if (!st)
		return -BT_STORAGE;
	bind_rep(s->db, st, r);
	db_bind_int(s->db, st, 17, r->id);
	return store_run(s->db, st, err);
}

/* Copies rep `from` (and its absences) into `to`, every string in a. */
static void copy_rep(struct arena *a, const struct rep *from, struct rep *to)
{
	struct absence *away = from->naway ? arena_alloc(a, from->naway * sizeof(*away)) : NULL;
	size_t i;

	*to = *from;
	to->name = arena_strdup(a, from->name);
	to->team = from->team ? arena_strdup(a, from->team) : NULL;
	to->manager = from->manager ? arena_strdup(a, from->manager) : NULL;
	to->territories = from->territories ? arena_strdup(a, from->territories) : NULL;
	to->pod = from->pod ? arena_strdup(a, from->pod) : NULL;
	to->timezone = from->timezone ? arena_strdup(a, from->timezone) : NULL;
	to->email = from->email ? arena_strdup(a, from->email) : NULL;
	to->slack = from->slack ? arena_strdup(a, from->slack) : NULL;
	to->full_name = from->full_name ? arena_strdup(a, from->full_name) : NULL;
	for (i = 0; i < from->naway; i++) {
		away[i] = from->away[i];
		away[i].rep = to->name;
		away[i].reason = from->away[i].reason ? arena_strdup(a, from->away[i].reason) : NULL;
	}
	to->away = away;
}

int store_rep_get(struct store *s, struct arena *a, const char *name, struct rep *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " REP_COLS " FROM reps WHERE name = $1";
	size_t i;
	int rc;

	for (i = 0; s->writing && name && i < s->nrep_cache; i++)
		if (strcmp(s->rep_cache[i].name, name) == 0) {
			copy_rep(a, &s->rep_cache[i], out);
			return 0;
		}
	rc = store_one(s->db, db_query(s->db, sql, "t", err, name), read_rep, a, out, err);
	rc = store_found(rc, err, "rep", "no rep named %s", name);
	if (!rc)
		rc = store_absence_attach(s, a, out, 1, err);
	if (!rc && s->writing && s->nrep_cache < STORE_REP_CACHE) {
		if (!s->rep_arena)
			s->rep_arena = arena_new();
		copy_rep(s->rep_arena, out, &s->rep_cache[s->nrep_cache++]);
	}
	return rc;
}

int store_rep_email(struct store *s, struct arena *a, const char *name, const char **email, struct bt_error *err)
{
	static const char sql[] = "SELECT email FROM reps WHERE name = $1";
	int rc;

	*email = NULL;
	rc = db_row(s->db, sql, "t", "t", a, err, name, email);
	return rc < 0 ? rc : 0;
}

int store_rep_by_email(struct store *s, struct arena *a, const char *email, struct rep *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " REP_COLS " FROM reps WHERE email = $1";
	int rc = store_one(s->db, db_query(s->db, sql, "t", err, email ? email : ""), read_rep, a, out, err);

	rc = store_found(rc, err, "email", "no rep has the email %s", email ? email : "");
	return rc ? rc : store_absence_attach(s, a, out, 1, err);
}

int store_rep_list(struct store *s, struct arena *a, int role, struct rep **out, size_t *n, struct bt_error *err)
{
	static const char sql[] =
		"SELECT " REP_COLS
		", CASE WHEN r.capacity >= 0 THEN (SELECT COUNT(*) FROM leads l WHERE l.owner = r.name "
		"AND l.stage IN ('mql', 'target', 'working', 'handoff', 'sql')) ELSE 0 END "
		"FROM reps r WHERE ($1 = '' OR role = $1) ORDER BY id";
	struct db_stmt *st = db_query(s->db, sql, "t", err, role >= 0 ? role_name((enum role)role) : "");
	size_t cap = 0;
	int rc;

	*n = 0;
	*out = NULL;
	while ((rc = db_step(s->db, st, err)) == 1) {
		struct rep *r = arena_push(a, (void **)out, n, &cap, sizeof(*r));

		read_rep(s->db, st, a, r);
		r->open_leads = db_col_int(s->db, st, REP_NCOLS); /* the column after REP_COLS */
	}
	db_done(s->db, st);
	return rc < 0 ? rc : store_absence_attach(s, a, *out, *n, err);
}

int store_rep_roster(struct store *s, struct arena *a, int role, struct rep **out, size_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT " REP_COLS " FROM reps WHERE role = $1 ORDER BY id";

	return store_list(s->db, db_query(s->db, sql, "t", err, role_name((enum role)role)), read_rep, a, (void **)out,
			  n, sizeof(**out), err);
}

int store_rep_open_leads(struct store *s, const char *name, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "SELECT COUNT(*) FROM leads WHERE $1 = $1 AND owner = $2 AND $3 = $3 AND "
				  "stage IN ('mql', 'target', 'working', 'handoff', 'sql')";

	return store_count(s, sql, 0, name, 0, n, err);
}
