/* store_playbook.c - the versioned documents of the store: the playbooks applied (each with
 * its "playbook_applied" event) and the fit models trained, the latest of each in force.
 * Portable SQL through db.h's row helpers; see store.h. */
#include "store/store.h"

#include "store/store_priv.h"
#include "util/arena.h"

/* Reads the latest row of a versioned table (sql selects version, text); `field` and
 * `missing` make the -BT_NOT_FOUND error when the table is empty. */
static int latest(struct store *s, struct arena *a, const char *sql, const char *field, const char *missing,
		  const char **text, int64_t *version, struct bt_error *err)
{
	int rc = db_row(s->db, sql, "", "it", a, err, version, text);

	return store_found(rc, err, field, "%s", missing);
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
	int rc;

	*playbook = *model = 0;
	rc = db_row(s->db, sql, "", "ii", NULL, err, playbook, model);
	return rc < 0 ? rc : 0;
}

int store_playbook_put(struct store *s, const char *text, int64_t at, const char *actor, int64_t *version,
		       struct bt_error *err)
{
	static const char sql[] = "INSERT INTO playbooks(version, applied_at, actor, text) "
				  "SELECT COALESCE(MAX(version), 0) + 1, $1, $2, $3 FROM playbooks RETURNING version";
	struct arena *a;
	struct event *ev;
	int rc = db_row(s->db, sql, "itt", "i", NULL, err, at, actor, text, version);

	if (rc != 1)
		return rc < 0 ? rc : bt_fail(err, BT_STORAGE, NULL, 0, "playbook version not returned");
	a = arena_new();
	ev = event_new(a, EV_PLAYBOOK_APPLIED, at, 0, actor);
	event_put_int(ev, a, "version", *version);
	rc = store_event_append(s, ev, err);
	arena_free(&a);
	return rc;
}

int store_model_put(struct store *s, int64_t at, const char *data, int64_t *version, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO models(version, trained_at, data) "
				  "SELECT COALESCE(MAX(version), 0) + 1, $1, $2 FROM models RETURNING version";
	int rc = db_row(s->db, sql, "it", "i", NULL, err, at, data, version);

	return rc < 0 ? rc : 0;
}

int store_model_current(struct store *s, struct arena *a, const char **data, int64_t *version, struct bt_error *err)
{
	static const char sql[] = "SELECT version, data FROM models ORDER BY version DESC LIMIT 1";

	return latest(s, a, sql, "model", "no fit model has been trained: run `baton model train`", data, version, err);
}
