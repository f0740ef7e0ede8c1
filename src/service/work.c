/* work.c - the unit of work: the store's transaction and the routing state it caches; see
 * work.h. It calls no use case (the catch-up is usecase.c's). */
#include "service/work.h"

#include <string.h>

#include "service/service.h"
#include "util/arena.h"

/* Writes the rotations' states the work moved. */
static int write_cursors(struct work *w, struct bt_error *err)
{
	int role, rc = 0;

	for (role = 0; !rc && role < ROLE_COUNT; role++)
		if (w->moved[role])
			rc = store_rotation_set(w->svc->store, service_cursor_key(w->a, role), &w->rotation[role], err);
	return rc;
}

/* Copies state `from` into w->rotation[role], growing its room in w->a when need be. */
static void keep_rotation(struct work *w, int role, const struct route_wrr *from)
{
	struct route_wrr *to = &w->rotation[role];

	if (from->n > w->cap[role]) {
		to->peers = arena_alloc(w->a, from->n * sizeof(*to->peers));
		w->cap[role] = from->n;
	}
	if (from->n)
		memmove(to->peers, from->peers, from->n * sizeof(*to->peers));
	to->n = from->n;
	to->last = from->last;
}

int work_settle(struct work *w, struct bt_error *err)
{
	struct service *svc = w->svc;
	struct store *claims = w->claims;
	unsigned locked = w->locked;
	int rc = write_cursors(w, err), inflight = w->inflight;

	arena_free(&w->a);
	memset(w, 0, sizeof(*w));
	w->svc = svc;
	w->a = arena_new();
	w->locked = locked;
	w->claims = claims;
	w->inflight = inflight;
	return rc;
}

int work_begin(struct work *w, struct service *svc, struct bt_error *err)
{
	int rc;

	memset(w, 0, sizeof(*w));
	rc = store_begin(svc->store, err);
	if (rc)
		return rc;
	w->svc = svc;
	w->a = arena_new();
	return 0;
}

int work_commit(struct work *w, struct bt_error *err)
{
	int rc;

	if (!w->svc)
		return bt_fail(err, BT_STORAGE, NULL, 0, "no unit of work is open");
	rc = write_cursors(w, err);
	if (!rc && w->inflight) { /* its leads are stored as it commits: in flight no more */
		int64_t self;

		rc = store_writer_id(w->svc->store, &self, err);
		if (!rc)
			rc = store_inflight_set(w->svc->store, self, NULL, NULL, 0, err);
	}
	if (!rc)
		rc = store_commit(w->svc->store, err);
	if (rc) {
		work_abort(w);
		return rc;
	}
	arena_free(&w->a);
	w->svc = NULL;
	return 0;
}

int work_end(struct work *w, int rc, struct bt_error *err)
{
	if (!rc)
		return work_commit(w, err);
	work_abort(w);
	return rc;
}

/* Rolls the open claim back, if any. */
static void claim_abort(struct work *w)
{
	int role;

	if (w->claim_open)
		store_rollback(w->claims);
	w->claim_open = 0;
	for (role = 0; role < ROLE_COUNT; role++)
		if (w->claimed[role])
			w->claimed[role] = w->loaded[role] = w->moved[role] = 0;
}

/* Deletes the in-flight row a committed claim wrote for a work that will not commit (its
 * turns stay taken: they are skipped). */
static void clear_inflight(struct work *w)
{
	struct bt_error ignored = {0};
	int64_t self;

	if (!w->inflight || !w->claims || store_writer_id(w->svc->store, &self, &ignored))
		return;
	if (store_begin(w->claims, &ignored) == 0) {
		if (store_inflight_set(w->claims, self, NULL, NULL, 0, &ignored) == 0)
			store_commit(w->claims, &ignored);
		else
			store_rollback(w->claims);
	}
	w->inflight = 0;
}

void work_abort(struct work *w)
{
	if (w->svc) {
		claim_abort(w);
		store_rollback(w->svc->store);
		clear_inflight(w);
	}
	arena_free(&w->a);
	w->svc = NULL;
}

/* Reads the state of role's rotation and its reps on store s (the work's own, or its claim's)
 * into the work's cache; 0 or a negative code. */
static int load_pool(struct work *w, struct store *s, int role, struct bt_error *err)
{
	struct route_wrr stored;
	int64_t self = 0;
	const char **inflight = NULL;
	size_t ninflight = 0, i;
	/* the state first: on PostgreSQL reading its cursor locks the rotation until the
	 * transaction ends, so the open leads counted next include every lead another writer
	 * routed before, stored or still in flight; the other writers' in-flight rows are locked
	 * before the count (a batch committing between the two would be counted in neither) */
	int rc = store_rotation_get(s, w->a, service_cursor_key(w->a, role), &stored, err);

	if (!rc)
		rc = store_writer_id(w->svc->store, &self, err);
	if (!rc)
		rc = store_inflight_read(s, self, w->a, &inflight, &ninflight, err);
	if (!rc)
		rc = store_rep_list(s, w->a, role, &w->pool[role], &w->npool[role], err);
	for (i = 0; !rc && i < ninflight; i++)
		route_inflight_add(w->pool[role], w->npool[role], inflight[i]); /* an unreadable one: what it could */
	if (!rc) {
		/* room for a pick among every rep of the pool */
		w->cap[role] = w->npool[role];
		w->rotation[role].peers = arena_alloc(w->a, (w->cap[role] ? w->cap[role] : 1) *
								    sizeof(struct route_wrr_peer));
		keep_rotation(w, role, &stored);
	}
	w->loaded[role] = rc == 0;
	return rc;
}

int work_pool(struct work *w, int role, const struct rep **pool, size_t *npool, const struct route_wrr **rotation,
	      struct bt_error *err)
{
	int rc = 0;

	if (!w->loaded[role]) {
		rc = load_pool(w, w->svc->store, role, err);
		w->locked |= 1u << role;
	}
	if (rc)
		return rc;
	if (pool)
		*pool = w->pool[role];
	if (npool)
		*npool = w->npool[role];
	if (rotation)
		*rotation = &w->rotation[role];
	return 0;
}

/* Adds delta to the open leads of rep `name` in every cached pool. */
static void count_open(struct work *w, const char *name, int delta)
{
	size_t i;
	int role;

	for (role = 0; name && role < ROLE_COUNT; role++)
		for (i = 0; w->pool[role] && i < w->npool[role]; i++)
			if (strcmp(w->pool[role][i].name, name) == 0 && (delta > 0 || w->pool[role][i].open_leads > 0))
				w->pool[role][i].open_leads += delta;
}

void work_assigned(struct work *w, int role, const struct intake_result *res)
{
	if (res->moved_cursor && role >= 0) {
		keep_rotation(w, role, &res->rotation);
		w->moved[role] = 1;
	}
	if (res->owner)
		count_open(w, res->owner, 1);
}

void work_release(struct work *w, const char *name)
{
	count_open(w, name, -1);
}

int work_claimable(const struct work *w)
{
	return w->svc && !w->locked;
}

int work_claim(struct work *w, struct store *side, const int *roles, size_t n, struct bt_error *err)
{
	size_t i, j;
	int rc, role, held;

	if (!work_claimable(w))
		return 1;
	/* a claim may wait for another writer: only while this work holds nothing that one waits for */
	rc = store_holds_rows(w->svc->store, &held, err);
	if (rc || held)
		return rc ? rc : 1;
	w->claims = side;
	rc = store_claim_begin(side, err);
	w->claim_open = rc == 0;
	/* roles in increasing order, as every claim takes them: two claims never wait on each other */
	for (role = 0; !rc && role < ROLE_COUNT; role++) {
		for (i = 0; i < n && roles[i] != role; i++)
			;
		if (i == n || w->loaded[role])
			continue;
		rc = load_pool(w, side, role, err);
		if (rc)
			break;
		w->claimed[role] = 1;
		w->base[role] = arena_alloc(w->a, (w->npool[role] ? w->npool[role] : 1) * sizeof(int64_t));
		for (j = 0; j < w->npool[role]; j++)
			w->base[role][j] = w->pool[role][j].open_leads;
	}
	if (rc)
		claim_abort(w);
	return rc;
}

/* Writes the claimed rotations' states and the owners they routed since the claim (this
 * writer's in-flight leads) on the claim's connection; sets *any if there were some. */
static int write_claim(struct work *w, int *any, struct bt_error *err)
{
	int64_t *ids, *counts, self;
	size_t n = 0, i, total = 0, nclaimed = 0;
	int rc = store_writer_id(w->svc->store, &self, err), role, one = -1;

	for (role = 0; role < ROLE_COUNT; role++) {
		total += w->claimed[role] ? w->npool[role] : 0;
		nclaimed += w->claimed[role] != 0;
		one = w->claimed[role] ? role : one;
	}
	ids = arena_alloc(w->a, (total ? total : 1) * sizeof(int64_t));
	counts = arena_alloc(w->a, (total ? total : 1) * sizeof(int64_t));
	for (role = 0; role < ROLE_COUNT; role++) {
		for (i = 0; w->claimed[role] && i < w->npool[role]; i++) {
			ids[n] = w->pool[role][i].id;
			counts[n] = w->pool[role][i].open_leads - w->base[role][i];
			*any |= counts[n++] > 0;
		}
	}
	if (!rc && nclaimed == 1) /* the usual claim: its rotation and the leads in flight at once */
		return store_claim_set(w->claims, service_cursor_key(w->a, one), &w->rotation[one], self, ids, counts,
				       n, err);
	for (role = 0; !rc && role < ROLE_COUNT; role++)
		if (w->claimed[role] && w->moved[role])
			rc = store_rotation_set(w->claims, service_cursor_key(w->a, role), &w->rotation[role], err);
	if (!rc)
		rc = store_inflight_set(w->claims, self, ids, counts, n, err);
	return rc;
}

int work_claim_commit(struct work *w, struct bt_error *err)
{
	int rc, any = 0, role;

	if (!w->claim_open)
		return 0;
	rc = write_claim(w, &any, err);
	if (!rc)
		rc = store_commit(w->claims, err);
	if (rc) {
		claim_abort(w);
		return rc;
	}
	w->claim_open = 0;
	w->inflight |= any;
	/* released: what routes in these pools again reads them anew, in the work's own transaction */
	for (role = 0; role < ROLE_COUNT; role++)
		if (w->claimed[role])
			w->claimed[role] = w->loaded[role] = w->moved[role] = 0;
	return 0;
}

int work_managers(struct work *w, struct bt_error *err)
{
	int rc = 0;

	if (!w->managers_loaded) {
		rc = store_rep_list(w->svc->store, w->a, ROLE_MANAGER, &w->managers, &w->nmanagers, err);
		w->managers_loaded = rc == 0;
	}
	return rc;
}
