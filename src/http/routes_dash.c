/* routes_dash.c - the read-only API routes the dashboard needs besides the core ones of
 * routes.c (docs/api.md): who the token is (/me), the playbook in force, the rep directory,
 * an AE's free slots and the lumped-against-specialized simulation, and the rule that trims a
 * report to a rep's own rows. Each is a thin adapter over the same services as the CLI. */
#include <stdlib.h>
#include <string.h>

#include "core/absence.h"
#include "core/bizclock.h"
#include "core/clock.h"
#include "core/visibility.h"
#include "http/http.h"
#include "http/routes_dash.h"
#include "io/lead_json.h"
#include "io/playbook_json.h"
#include "service/simulate.h"
#include "service/views.h"
#include "util/arena.h"
#include "service/meeting.h"

#define SLOTS_MAX 400          /* slots one answer may list */
#define SIM_HTTP_MAX_RUNS 2000 /* a simulation holds a request thread: bounded */
#define SIM_HTTP_MAX_QUARTERS 12

/* Reads query argument `name` as a whole number in [min, max] (def when absent); 0, or a 422
 * naming it answered. */
static int query_int(struct http_req *req, struct http_resp *resp, const char *name, long long min, long long max,
		     long long def, long long *out)
{
	const char *s = http_query(req, name);
	char *end;

	*out = def;
	if (!s)
		return 0;
	*out = strtoll(s, &end, 10);
	if (!*s || *end || *out < min || *out > max)
		return http_error(resp, 422, "unprocessable",
				  arena_printf(req->a, "%s must be a whole number from %lld to %lld", name, min, max), name);
	return 0;
}

/* ---------------------------------------------------------------- GET /api/v1/me */

int dash_me(struct http_req *req, struct http_resp *resp)
{
	const struct rep *me = &req->who.rep;
	const struct playbook *pb;
	struct bizclock bc;
	json_t *o, *org;

	if (http_need_rep(req, resp))
		return resp->status;
	pb = req->svc->pb;
	o = json_object();
	json_object_set_new(o, "name", json_string(me->name));
	json_object_set_new(o, "role", json_string(role_name(me->role)));
	json_object_set_new(o, "team", json_str_or_null(me->team));
	json_object_set_new(o, "manager", json_str_or_null(me->manager));
	json_object_set_new(o, "pod", json_str_or_null(me->pod));
	json_object_set_new(o, "territories", json_str_or_null(me->territories));
	json_object_set_new(o, "active", json_boolean(me->active));
	bizclock_init(&bc, pb, NULL, me); /* the rep's own zone, else its team's, else the org's (SPEC 8.4) */
	json_object_set_new(o, "timezone", json_string(bc.zone));
	json_object_set_new(o, "now", json_time_or_null(req->svc->now));
	json_object_set_new(o, "playbook_version", json_integer(req->svc->pb_version));
	org = json_object();
	json_object_set_new(org, "name", json_string(pb->org.name));
	json_object_set_new(org, "timezone", json_string(pb->org.timezone));
	json_object_set_new(o, "org", org);
	return http_json(resp, 200, o);
}

/* ---------------------------------------------------------------- GET /api/v1/playbook */

int dash_playbook(struct http_req *req, struct http_resp *resp)
{
	const char *format = http_query(req, "format");

	if (format && strcmp(format, "yaml") == 0)
		return playbook_yaml_get(req, resp); /* the text a manager edits */
	if (format && strcmp(format, "json") != 0)
		return http_error(resp, 422, "unprocessable", "format must be json or yaml", "format");
	if (http_need_rep(req, resp))
		return resp->status;
	/* delivery settings are not a rep's to read; a manager sees them with passwords masked */
	return http_json(resp, 200,
			 playbook_to_json_view(req->svc->pb, req->who.rep.role == ROLE_MANAGER ? PLAYBOOK_VIEW_MANAGER
											   : PLAYBOOK_VIEW_REP));
}

/* ---------------------------------------------------------------- GET /api/v1/reps */

int dash_reps(struct http_req *req, struct http_resp *resp)
{
	const char *role = http_query(req, "role");
	struct bt_error err;
	struct rep *reps = NULL;
	enum role r = ROLE_COUNT;
	const struct absence *ab;
	int manager = req->who.rep.role == ROLE_MANAGER;
	size_t n = 0, i;
	json_t *arr;

	if (http_need_rep(req, resp))
		return resp->status;
	if (role && role_parse(role, &r))
		return http_error(resp, 422, "unprocessable", "role must be mrr, sdr, ae, csm or manager", "role");
	bt_error_clear(&err);
	if (store_rep_list(req->svc->store, req->a, role ? (int)r : -1, &reps, &n, &err))
		return http_fail(resp, &err);
	for (i = 0; manager && i < n; i++) /* the real count, capacity or not (as `rep list`) */
		if (store_rep_open_leads(req->svc->store, reps[i].name, &reps[i].open_leads, &err))
			return http_fail(resp, &err);
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "name", json_string(reps[i].name));
		json_object_set_new(e, "role", json_string(role_name(reps[i].role)));
		json_object_set_new(e, "team", json_str_or_null(reps[i].team));
		json_object_set_new(e, "manager", json_str_or_null(reps[i].manager));
		json_object_set_new(e, "pod", json_str_or_null(reps[i].pod));
		json_object_set_new(e, "territories", json_str_or_null(reps[i].territories));
		json_object_set_new(e, "active", json_boolean(reps[i].active));
		if (visible_contact(&req->who.rep, &reps[i])) { /* its own, and a manager's view */
			json_object_set_new(e, "email", json_str_or_null(reps[i].email));
			json_object_set_new(e, "slack", json_str_or_null(reps[i].slack));
		}
		json_array_append_new(arr, e);
		if (!manager)
			continue;
		/* for a manager, its load: open leads against its capacity (null: none), its weight in
		 * the rotation and whether it is away now */
		json_object_set_new(e, "capacity", reps[i].capacity >= 0 ? json_integer(reps[i].capacity) : json_null());
		json_object_set_new(e, "open_leads", json_integer(reps[i].open_leads));
		json_object_set_new(e, "weight", json_integer(rep_weight(&reps[i])));
		ab = rep_away(&reps[i], req->svc->now);
		json_object_set_new(e, "away_until", ab ? json_time_or_null(ab->finish) : json_null());
	}
	return http_json(resp, 200, arr);
}

/* ---------------------------------------------------------------- GET /api/v1/reps/{name}/slots */

int dash_slots(struct http_req *req, struct http_resp *resp)
{
	const char *name = req->params[0], *s;
	int64_t from, to, slots[SLOTS_MAX];
	long long days, minutes;
	struct bt_error err;
	struct rep ae;
	struct bizclock bc;
	size_t n, i;
	json_t *o, *arr;
	char buf[CLOCK_RFC3339_LEN];

	if (http_need_rep(req, resp))
		return resp->status;
	bt_error_clear(&err);
	if (store_rep_get(req->svc->store, req->a, name, &ae, &err))
		return err.code == BT_NOT_FOUND ? http_error(resp, 404, "not_found",
							     arena_printf(req->a, "no rep named %s", name), "name")
						: http_fail(resp, &err);
	if (ae.role != ROLE_AE)
		return http_error(resp, 422, "unprocessable",
				  arena_printf(req->a, "%s is not an AE: meetings are booked with AEs", name), "name");
	from = req->svc->now;
	if ((s = http_query(req, "from")) && view_parse_bound(req->svc, s, "from", &from, &err))
		return http_fail(resp, &err);
	if (from < req->svc->now)
		from = req->svc->now; /* nothing is booked in the past */
	if (query_int(req, resp, "days", 1, 14, 5, &days) || query_int(req, resp, "minutes", 5, 480, 30, &minutes))
		return resp->status;
	to = from + days * 86400;
	if (service_free_slots(req->svc, req->a, &ae, from, to, (int)minutes, slots, SLOTS_MAX, &n, &err))
		return http_fail(resp, &err);
	o = json_object();
	json_object_set_new(o, "rep", json_string(ae.name));
	json_object_set_new(o, "minutes", json_integer(minutes));
	json_object_set_new(o, "from", json_string(clock_format_rfc3339(from, buf)));
	json_object_set_new(o, "to", json_string(clock_format_rfc3339(to, buf)));
	bizclock_init(&bc, req->svc->pb, NULL, &ae); /* the AE's own calendar (SPEC 8.4) */
	json_object_set_new(o, "timezone", json_string(bc.zone));
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(clock_format_rfc3339(slots[i], buf)));
	json_object_set_new(o, "slots", arr);
	return http_json(resp, 200, o);
}

/* ---------------------------------------------------------------- GET /api/v1/simulate */

int dash_simulate(struct http_req *req, struct http_resp *resp)
{
	long long quarters, runs, seed, reps;
	struct sim_request rq;
	struct sim_result *res;
	struct bt_error err;
	json_t *o;

	if (http_need_rep(req, resp))
		return resp->status;
	if (req->who.rep.role != ROLE_MANAGER)
		return http_error(resp, 403, "forbidden", "simulations are for managers", "authorization");
	if (query_int(req, resp, "quarters", 1, SIM_HTTP_MAX_QUARTERS, 4, &quarters) ||
	    query_int(req, resp, "runs", 1, SIM_HTTP_MAX_RUNS, 500, &runs) ||
	    query_int(req, resp, "seed", 0, 1LL << 53, 1, &seed) ||
	    query_int(req, resp, "reps", SIM_MIN_REPS_SPECIALIZED, SIM_MAX_REPS, -1, &reps))
		return resp->status;
	rq.quarters = (int)quarters;
	rq.runs = (int)runs;
	rq.seed = (uint64_t)seed;
	rq.reps = reps;
	res = malloc(sizeof(*res));
	if (!res)
		return http_error(resp, 500, "storage", "out of memory", NULL);
	bt_error_clear(&err);
	if (service_simulate(req->svc, &rq, res, &err)) {
		free(res);
		return http_fail(resp, &err);
	}
	o = sim_result_json(res);
	free(res);
	return http_json(resp, 200, o);
}

/* ---------------------------------------------------------------- a rep's own report rows */

/* The reports a rep (not a manager) may read, and whether each is grouped by rep for it. */
static const struct {
	const char *name;
	int by_rep; /* 1: the report is run by rep; 0: it takes no by and names the rep in "rep" */
} own_reports[] = {
	{"speed", 1}, {"sla", 1}, {"followup", 1}, {"handoff", 0}, {"credit", 0},
};

int dash_report_rep_rule(struct http_req *req, struct http_resp *resp, const char *name, int by_given,
			 enum report_by *by)
{
	size_t i;

	if (req->who.rep.role == ROLE_MANAGER)
		return 0;
	for (i = 0; i < sizeof(own_reports) / sizeof(own_reports[0]); i++)
		if (strcmp(own_reports[i].name, name) == 0)
			break;
	if (i == sizeof(own_reports) / sizeof(own_reports[0]))
		return http_error(resp, 403, "forbidden",
				  "this report is for managers; a rep may read its own rows of speed, sla, followup, "
				  "handoff and credit",
				  "authorization");
	if (own_reports[i].by_rep) {
		if (by_given && *by != BY_REP)
			return http_error(resp, 403, "forbidden", "a rep reads its own rows: by may only be rep", "by");
		*by = BY_REP;
	}
	return 0;
}

json_t *dash_report_own(struct http_req *req, json_t *o)
{
	static const char *const keep[] = {"report", "from", "to", "by", "rows", "cadence", "sla_minutes",
					   "business_time", NULL};
	const char *me = req->who.rep.name, *k;
	json_t *rows, *kept, *row, *v;
	void *tmp;
	size_t i, j;

	if (req->who.rep.role == ROLE_MANAGER || !json_is_object(o))
		return o;
	json_object_foreach_safe(o, tmp, k, v) {
		for (j = 0; keep[j] && strcmp(keep[j], k) != 0; j++)
			;
		if (!keep[j])
			json_object_del(o, k); /* org-wide totals and tables: not a rep's to read */
	}
	rows = json_object_get(o, "rows");
	kept = json_array();
	json_array_foreach(rows, i, row) {
		const char *key = json_string_value(json_object_get(row, "key"));
		const char *rep = json_string_value(json_object_get(row, "rep"));

		if ((key && strcmp(key, me) == 0) || (rep && strcmp(rep, me) == 0))
			json_array_append(kept, row);
	}
	json_object_set_new(o, "rows", kept);
	return o;
}

void dash_report_own_rows(struct http_req *req, struct report *r)
{
	struct report_table *t = &r->tables[0];
	const char *me = req->who.rep.name;
	size_t i, k, kept = 0;

	if (req->who.rep.role == ROLE_MANAGER || !r->ntables)
		return;
	for (i = 0; i < t->nrows; i++) {
		const struct cell *row = &t->cells[i * t->ncols];
		int mine = 0;

		for (k = 0; k < t->ncols; k++)
			if ((strcmp(t->cols[k], "key") == 0 || strcmp(t->cols[k], "rep") == 0) && row[k].kind == CELL_STR &&
			    strcmp(row[k].s, me) == 0)
				mine = 1;
		if (mine)
			memmove(&t->cells[kept++ * t->ncols], row, t->ncols * sizeof(*row));
	}
	t->nrows = kept;
}
