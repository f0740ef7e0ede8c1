/* replay_compare.c - a replay's comparison (SPEC 8.10): the scratch store under the proposal,
 * the history replayed into it (replay.c), then the reports of the store (current) and of the
 * scratch (proposed), read at the same moment, with their difference (io/json_delta.h). What
 * `baton replay` prints and GET /api/v1/replay answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "io/json_delta.h"
#include "io/report_out.h"
#include "service/admin.h"
#include "service/replay.h"
#include "service/views.h"
#include "util/arena.h"

/* One report of a comparison: its name in the JSON and how it is read (*json a new reference). */
static int report_plain(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
			struct bt_error *err);

static const struct replay_report {
	const char *name;
	int (*read)(struct service *svc, const char *name, int64_t from, int64_t to, json_t **json,
		    struct bt_error *err);
} replay_reports[] = {
	{"sla", report_plain},
	{"funnel", report_plain},
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
	struct service dst;
	struct replay_stats st;
	json_t *o;
	int fd, rc;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/baton-replay-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return bt_fail(err, BT_STORAGE, "replay", 0, "cannot create a scratch store in %s", path);
	close(fd);
	unlink(path); /* the store creates it */
	rc = service_init(&dst, path, rq->text, rq->name, rq->now, err);
	if (!rc && (rc = store_disposable(dst.store, err))) /* thrown away at the end: nothing to sync */
		service_close(&dst);
	if (rc) {
		scratch_remove(path);
		return rc; /* the proposal does not parse: its error names the line */
	}
	rc = service_replay(src, &dst, &st, err);
	o = json_object();
	json_object_set_new(o, "from",
			    rq->from > INT64_MIN / 2 ? json_string(clock_format_rfc3339(rq->from, when)) : json_null());
	json_object_set_new(o, "to",
			    rq->to < INT64_MAX / 2 ? json_string(clock_format_rfc3339(rq->to, when)) : json_null());
	json_object_set_new(o, "assumption", json_string(REPLAY_ASSUMPTION));
	json_object_set_new(o, "replayed",
			    json_pack("{s:I, s:I, s:I}", "events", (json_int_t)st.events, "replayed",
				      (json_int_t)st.replayed, "skipped", (json_int_t)st.skipped));
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
