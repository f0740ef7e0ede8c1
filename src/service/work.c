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
	int rc = write_cursors(w, err);

	arena_free(&w->a);
	memset(w, 0, sizeof(*w));
	w->svc = svc;
	w->a = arena_new();
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

void work_abort(struct work *w)
{
	if (w->svc)
		store_rollback(w->svc->store);
	arena_free(&w->a);
	w->svc = NULL;
}

int work_pool(struct work *w, int role, const struct rep **pool, size_t *npool, const struct route_wrr **rotation,
	      struct bt_error *err)
{
	struct route_wrr stored;
	int rc = 0;

	if (!w->loaded[role]) {
		/* the state first: on PostgreSQL reading its cursor locks the rotation until commit, so
		 * the open leads counted next already include every lead another server routed before */
		rc = store_rotation_get(w->svc->store, w->a, service_cursor_key(w->a, role), &stored, err);
		if (!rc)
			rc = store_rep_list(w->svc->store, w->a, role, &w->pool[role], &w->npool[role], err);
		if (!rc) {
			/* room for a pick among every rep of the pool */
			w->cap[role] = w->npool[role];
			w->rotation[role].peers = arena_alloc(w->a, (w->cap[role] ? w->cap[role] : 1) *
									    sizeof(struct route_wrr_peer));
			keep_rotation(w, role, &stored);
		}
		w->loaded[role] = rc == 0;
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

int work_managers(struct work *w, struct bt_error *err)
{
	int rc = 0;

	if (!w->managers_loaded) {
		rc = store_rep_list(w->svc->store, w->a, ROLE_MANAGER, &w->managers, &w->nmanagers, err);
		w->managers_loaded = rc == 0;
	}
	return rc;
}
