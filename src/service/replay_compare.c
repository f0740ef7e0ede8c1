/* replay_compare.c - a replay's comparison (SPEC 8.10): the scratch store under the proposal,
 * the history replayed into it (replay.c), then the reports of the store (current) and of the
 * scratch (proposed), read at the same moment, with their difference (io/json_delta.h). What
 * `baton replay` prints and GET /api/v1/replay answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/open_load.h"
#include "io/json_delta.h"
#include "io/report_out.h"
#include "service/admin.h"
#include "store/store_outbox.h"
#include "service/service.h"
#include "service/replay.h"
#include "service/replay_changes.h"
#include "service/views.h"
#include "util/arena.h"

/* One report of a comparison: its name in the JSON and how it is read (*json a new reference). */
static int report_plain(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
			struct bt_error *err);
static int report_credit(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
			 struct bt_error *err);
static int report_load(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
		       struct bt_error *err);
static int report_notifications(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
				struct bt_error *err);

static const struct replay_report {
	const char *name;
	int (*read)(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
		    struct bt_error *err);
} replay_reports[] = {
	{"sla", report_plain},
	{"speed", report_plain},
	{"routing", report_plain},
	{"funnel", report_plain},
	{"credit", report_credit},
	{"load", report_load},
	{"notifications", report_notifications},
};

/* A report of service_report() as `report NAME --json` prints it. */
static int report_plain(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
			struct bt_error *err)
{
	struct arena *a = arena_new();
	struct report r;
	int rc = service_report(svc, a, name, BY_NONE, from, to, &r, err);

	if (!rc)
		*json = report_json(&r, from, to, BY_NONE);
	arena_free(&a);
	return rc;
}

/* `report credit --json` (views.c). */
static int report_credit(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
			 struct bt_error *err)
{
	return view_report_credit(svc, from, to, json, err);
}

/* A count of open leads and where its failure is told. */
struct load_run {
	struct open_load *l;
	struct bt_error *err;
};

static int load_event(void *ctx, const struct event *ev)
{
	struct load_run *lr = ctx;

	if (open_load_event(lr->l, ev))
		return bt_fail(lr->err, BT_STORAGE, "load", 0, "event %lld could not be counted", (long long)ev->id);
	return 0;
}

/* The peak of open leads per rep in the window, counted from the store's events (the same
 * count for both sides: core/open_load.c): {"rows": [{"rep", "peak_open"}]}, every rep of the
 * store a row. */
static int report_load(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
		       struct bt_error *err)
{
	struct arena *a = arena_new();
	struct open_load *l = open_load_new(from, to);
	struct rep *reps = NULL;
	size_t n = 0, i;
	int rc = l ? store_rep_list(svc->store, a, -1, &reps, &n, err)
		   : bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");

	for (i = 0; !rc && i < n; i++)
		if (reps[i].role != ROLE_MANAGER && open_load_rep(l, reps[i].name))
			rc = bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	if (!rc) {
		struct load_run lr = {l, err};

		rc = replay_each_event(svc, load_event, &lr, err);
	}
	if (!rc) {
		json_t *rows = json_array();
		int64_t peak;
		const char *rep;

		for (i = 0; (rep = open_load_row(l, i, &peak)) != NULL; i++)
			json_array_append_new(rows, json_pack("{s:s, s:I}", "rep", rep, "peak_open", (json_int_t)peak));
		*json = json_pack("{s:o}", "rows", rows);
	}
	open_load_free(&l);
	arena_free(&a);
	return rc;
}

static void notification_kind(void *ctx, const char *kind, int64_t n)
{
	json_t *o = ctx, *rows = json_object_get(o, "rows");

	json_array_append_new(rows, json_pack("{s:s, s:I}", "kind", kind, "count", (json_int_t)n));
	json_object_set_new(o, "total", json_integer(json_integer_value(json_object_get(o, "total")) + n));
}

/* The notifications queued in the window, per kind (one per channel, whatever became of
 * them): {"rows": [{"kind", "count"}], "total"}. */
static int report_notifications(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
				struct bt_error *err)
{
	json_t *o = json_pack("{s:[], s:i}", "rows", "total", 0);
	int rc = store_outbox_kinds(svc->store, from, to, notification_kind, o, err);

	if (rc)
		json_decref(o);
	else
		*json = o;
	return rc;
}

/* Fills out's current, proposed and delta with the reports of src and dst. */
static int compare(struct service *src, struct service *dst, int64_t from, int64_t to, json_t *out,
		   struct bt_error *err)
{
	json_t *cur = json_object(), *pro = json_object(), *delta = json_object();
	size_t i;
	int rc = 0;

	json_object_set_new(out, "current", cur);
	json_object_set_new(out, "proposed", pro);
	json_object_set_new(out, "delta", delta);
	for (i = 0; !rc && i < sizeof(replay_reports) / sizeof(replay_reports[0]); i++) {
		const struct replay_report *rr = &replay_reports[i];
		json_t *c = NULL, *p = NULL;

		rc = rr->read(src, rr->name, from, to, &c, err);
		if (!rc)
			rc = rr->read(dst, rr->name, from, to, &p, err);
		if (rc) {
			json_decref(c);
			break;
		}
		json_object_set_new(delta, rr->name, json_delta(c, p));
		json_object_set_new(cur, rr->name, c);
		json_object_set_new(pro, rr->name, p);
	}
	return rc;
}

/* What the replay did: {"events", "replayed", "moved", "skipped", "skipped_reasons": [{"reason",
 * "count"}]} (the first reasons met). */
static json_t *stats_json(const struct replay_stats *st)
{
	json_t *reasons = json_array();
	size_t i;

	for (i = 0; i < st->nreasons; i++)
		json_array_append_new(reasons, json_pack("{s:s, s:I}", "reason", st->reasons[i].reason, "count",
							 (json_int_t)st->reasons[i].count));
	return json_pack("{s:I, s:I, s:I, s:I, s:o}", "events", (json_int_t)st->events, "replayed",
			 (json_int_t)st->replayed, "moved", (json_int_t)st->moved, "skipped", (json_int_t)st->skipped,
			 "skipped_reasons", reasons);
}

/* Removes the scratch store's file and SQLite's companions. */
static void scratch_remove(const char *path)
{
	char side[4096 + 8];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

int service_replay_compare(struct service *src, const struct replay_request *rq, json_t **out, struct bt_error *err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	char when[CLOCK_RFC3339_LEN];
	struct replay_changes *changes = NULL;
	struct service dst;
	struct replay_stats st;
	json_t *o;
	int fd, rc;

	*out = NULL;
	rc = replay_changes_load(src, rq->changes, &changes, err); /* checked before anything runs */
	if (rc)
		return rc;
	snprintf(path, sizeof(path), "%s/baton-replay-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		replay_changes_free(&changes);
		return bt_fail(err, BT_STORAGE, "replay", 0, "cannot create a scratch store in %s", path);
	}
	close(fd);
	unlink(path); /* the store creates it */
	rc = service_init(&dst, path, rq->text, rq->name, rq->now, err);
	if (!rc && (rc = store_disposable(dst.store, err))) /* thrown away at the end: nothing to sync */
		service_close(&dst);
	if (rc) {
		scratch_remove(path);
		replay_changes_free(&changes);
		return rc; /* the proposal does not parse: its error names the line */
	}
	rc = service_replay(src, &dst, changes, &st, err);
	replay_changes_free(&changes);
	o = json_object();
	json_object_set_new(o, "from",
			    rq->from > INT64_MIN / 2 ? json_string(clock_format_rfc3339(rq->from, when)) : json_null());
	json_object_set_new(o, "to",
			    rq->to < INT64_MAX / 2 ? json_string(clock_format_rfc3339(rq->to, when)) : json_null());
	json_object_set_new(o, "assumption", json_string(REPLAY_ASSUMPTION));
	json_object_set(o, "changes", rq->changes ? rq->changes : json_null());
	json_object_set_new(o, "replayed", stats_json(&st));
	if (!rc) {
		dst.now = rq->now; /* both sides are read at the same moment */
		rc = compare(src, &dst, rq->from, rq->to, o, err);
	}
	service_close(&dst);
	if (getenv("BATON_REPLAY_KEEP")) /* to compare `export events` of both sides */
		fprintf(stderr, "replay: the scratch store is kept at %s\n", path);
	else
		scratch_remove(path);
	if (rc)
		json_decref(o);
	else
		*out = o;
	return rc;
}
