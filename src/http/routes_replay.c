/* routes_replay.c - a playbook change replayed over the store's history, over the API (SPEC 8.10,
 * docs/api.md "Replay"): GET /api/v1/replay?playbook=YAML and POST /api/v1/replay (body: the
 * YAML) answer what `baton replay --json` prints (service_replay_compare); `changes` (URL-encoded
 * JSON, as `--changes` reads it: docs/replay.md) changes reps. Managers only; the
 * proposal is checked as POST /api/v1/playbook/check checks it (routes_playbook.c); no proposal
 * replays the playbook in force. A replay holds its request thread for seconds, so it is bounded
 * like a simulation: past REPLAY_HTTP_MAX_EVENTS recorded events it is refused (413) for the
 * command line. It reads the store through the thread's own connection, a batch of events per
 * query, and writes only its scratch store: no lock another request needs is held. */
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "http/routes_dash.h"
#include "service/replay.h"
#include "service/service.h"
#include "service/views.h"
#include "store/store.h"
#include "util/arena.h"

/* the most recorded events a request may replay: about 30 s of a request thread at today's pace
 * (the 23,589 events of the default `baton demo` replay in 2 to 3 s; BENCHMARKS.md, "Issue 18:
 * replay"); past it `baton replay` on the command line does it */
#define REPLAY_HTTP_MAX_EVENTS 200000

/* The replay of text (malloc'd, freed here) over the store, the window from the query. */
static int replay_answer(struct http_req *req, struct http_resp *resp, char *text)
{
	struct replay_request rq = {text, "playbook", req->svc->now, INT64_MIN / 2, INT64_MAX / 2, NULL};
	const char *changes = http_query(req, "changes");
	json_error_t jerr;
	struct bt_error err;
	int64_t events = 0;
	json_t *out = NULL;
	const char *s;
	int rc;

	bt_error_clear(&err);
	if (changes && *changes && !(rq.changes = json_loads(changes, JSON_REJECT_DUPLICATES, &jerr)))
		rc = http_error(resp, 422, "unprocessable",
				arena_printf(req->a, "changes is not JSON: %s (column %d)", jerr.text, jerr.column),
				"changes");
	else if ((s = http_query(req, "from")) && view_parse_bound(req->svc, s, "from", &rq.from, &err))
		rc = http_fail(resp, &err);
	else if ((s = http_query(req, "to")) && view_parse_bound(req->svc, s, "to", &rq.to, &err))
		rc = http_fail(resp, &err);
	else if (rq.from >= rq.to)
		rc = http_error(resp, 422, "unprocessable", "to must come after from", "to");
	else if (store_event_last(req->svc->store, &events, &err)) /* ids count the events: none is deleted */
		rc = http_fail(resp, &err);
	else if (events > REPLAY_HTTP_MAX_EVENTS)
		rc = http_error(resp, 413, "too_large",
				arena_printf(req->a,
					     "the store has %lld events, more than the %d a request may replay: run "
					     "`baton replay --playbook FILE` on the command line",
					     (long long)events, REPLAY_HTTP_MAX_EVENTS),
				"store");
	else if (service_replay_compare(req->svc, &rq, &out, &err))
		rc = http_fail(resp, &err);
	else
		rc = http_json(resp, 200, out);
	json_decref(rq.changes);
	free(text);
	return rc;
}

/* No proposal: the playbook in force (a copy the caller frees), for a manager; else NULL with
 * the answer set (403 for a rep). */
static char *in_force(struct http_req *req, struct http_resp *resp)
{
	char *text;

	if (http_need_rep(req, resp))
		return NULL;
	if (req->who.rep.role != ROLE_MANAGER) {
		http_error(resp, 403, "forbidden", "replays are for managers", "authorization");
		return NULL;
	}
	if (!(text = strdup(req->svc->pb->text)))
		http_error(resp, 500, "storage", "out of memory", NULL);
	return text;
}

int replay_get(struct http_req *req, struct http_resp *resp)
{
	const char *given = http_query(req, "playbook");
	char *text = given && *given ? playbook_checked_text(req, resp, given) : in_force(req, resp);

	return text ? replay_answer(req, resp, text) : resp->status;
}

int replay_post(struct http_req *req, struct http_resp *resp)
{
	/* no body: the playbook in force (identity) */
	char *text = req->len ? playbook_checked_text(req, resp, NULL) : in_force(req, resp);

	return text ? replay_answer(req, resp, text) : resp->status;
}
