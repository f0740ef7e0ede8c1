/* routes_dash.h - the handlers of routes_dash.c (the dashboard's read-only API routes),
 * routes_list.c (the paged lists), routes_playbook.c (a manager's edit of the playbook),
 * routes_replay.c (a playbook change replayed over the history) and routes_web.c (the dashboard's embedded files), listed in the route table of routes.c. */
#ifndef BATON_ROUTES_DASH_H
#define BATON_ROUTES_DASH_H

#include <jansson.h>

#include "core/report.h"
#include "http/http.h"

/* GET /api/v1/me: the token's rep, the server's clock and the org's name and time zone. */
int dash_me(struct http_req *req, struct http_resp *resp);

/* GET /api/v1/playbook: the playbook in force as JSON (as `playbook show --json`); with
 * ?format=yaml its text (playbook_yaml_get). */
int dash_playbook(struct http_req *req, struct http_resp *resp);

/* GET /api/v1/reps?role=: the rep directory (name, role, team, manager, pod, territories,
 * active); for a manager also each rep's load (capacity, open_leads), weight and away_until. */
int dash_reps(struct http_req *req, struct http_resp *resp);

/* GET /api/v1/reps/{name}/slots?from=&days=&minutes=: an AE's free meeting starts. */
int dash_slots(struct http_req *req, struct http_resp *resp);

/* GET /api/v1/simulate?quarters=&runs=&seed=&reps=: `simulate --json`, managers only. */
int dash_simulate(struct http_req *req, struct http_resp *resp);

/* For a token that is not a manager's: answers 403 unless report `name` is one a rep may read
 * (speed, sla, followup, handoff, credit), and sets *by to BY_REP for those grouped by rep
 * (by_given: the request named a by). 0 when the report may run. */
int dash_report_rep_rule(struct http_req *req, struct http_resp *resp, const char *name, int by_given,
			 enum report_by *by);

/* Trims report o to the token's own rows (and drops the org-wide totals) unless the token is a
 * manager's; returns o. */
json_t *dash_report_own(struct http_req *req, json_t *o);

/* GET /api/v1/leads?stage=&owner=&source=&unassigned=&waiting=&q=&limit=&offset=&sort=: the
 * leads the token may see (routes_list.c), the count in all in X-Total-Count. */
int leads_get(struct http_req *req, struct http_resp *resp);

/* GET /api/v1/sla?status=&waiting=&limit=&offset=&sort=: the obligations the token may see. */
int sla_get(struct http_req *req, struct http_resp *resp);

/* GET /api/v1/queue?working=&limit=&offset=&sort=: the token's work list, most urgent first by
 * default (working=true: and the leads it works that owe nothing now). */
int queue_get(struct http_req *req, struct http_resp *resp);

/* The same for the struct of a report (its CSV): keeps the rows of its main table whose key or
 * rep is the token's rep, unless the token is a manager's. */
void dash_report_own_rows(struct http_req *req, struct report *r);

/* GET /api/v1/playbook?format=yaml: the playbook's YAML text, URL passwords masked, managers
 * only (routes_playbook.c); its version in X-Playbook-Version. */
int playbook_yaml_get(struct http_req *req, struct http_resp *resp);

/* POST /api/v1/playbook/check (body: YAML): 200 {"valid": true, "errors": []}, or 422 with every
 * error and its line; managers only. */
int playbook_check_post(struct http_req *req, struct http_resp *resp);

/* A manager's playbook text, checked: `given` (a query's), or the body (YAML, else 415) when
 * given is NULL, its masked passwords put back from the playbook in force. Returns the text
 * (malloc'd, the caller frees it) or NULL with the answer set: 403 for a rep, 422 with every
 * error and its line as POST /api/v1/playbook/check answers (routes_playbook.c). */
char *playbook_checked_text(struct http_req *req, struct http_resp *resp, const char *given);

/* GET and POST /api/v1/replay?from=&to=[&playbook=YAML] (POST body: the YAML): the comparison of
 * `baton replay --json` (service_replay_compare), managers only; no proposal replays the
 * playbook in force; 413 past REPLAY_HTTP_MAX_EVENTS events (routes_replay.c). */
int replay_get(struct http_req *req, struct http_resp *resp);
int replay_post(struct http_req *req, struct http_resp *resp);

/* PUT /api/v1/playbook (body: YAML; If-Match: the version edited, optional): checks it, then
 * applies it as a new version as `playbook apply` does; 200 {"version", "previous"}; managers
 * only. */
int playbook_put(struct http_req *req, struct http_resp *resp);

/* GET /: the dashboard's page. */
int web_index(struct http_req *req, struct http_resp *resp);

/* GET /assets/PATH: one of the dashboard's embedded files. */
int web_file(struct http_req *req, struct http_resp *resp);

#endif
