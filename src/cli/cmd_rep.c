/* cmd_rep.c - `baton rep add|list|set|away`: the people leads are routed between (their
 * settings: the options below, checked and applied by core/rep_settings.c, and the rows of
 * core/action_args.c's rep_args, the weight), and their absences (SPEC 8.3). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/action_args.h"
#include "core/bizclock.h"
#include "core/clock.h"
#include "core/rep_settings.h"
#include "core/tz.h"
#include "io/lead_json.h"
#include "io/table_out.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "service/absence.h"
#include "service/admin.h"

static int check_name(struct cli *cli, const char *name)
{
	const char *p;

	static const char *const reserved[] = {"marketing", "system", "admin", "import"};
	size_t i;

	if (!name[0] || strlen(name) > 64)
		return bt_fail(&cli->err, BT_BAD_INPUT, "name", 0, "a rep name has 1 to 64 characters");
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(name, reserved[i]) == 0)
			return bt_fail(&cli->err, BT_BAD_INPUT, "name", 0, "'%s' is reserved (it names baton itself or marketing)", name);
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '_' || *p == '-'))
			return bt_fail(&cli->err, BT_BAD_INPUT, "name", 0,
				       "rep name '%s': use letters, digits, '.', '_' and '-' only", name);
	return 0;
}

/* The words of `rep add` and `rep set`: the settings both take (core/rep_settings.h), add's
 * --role and set's --active, as given (NULL: not given), and the rep's name. */
struct rep_words {
	const char *role;
	struct rep_settings set;
	const char *pos[1];
};

/* Parses the words of `rep add` (add) or `rep set` into w; cli_parse's return. */
static int parse_words(struct cli *cli, int argc, char **argv, int add, struct rep_words *w)
{
	struct cli_opt opts[9 + sizeof(w->set.rep_args) / sizeof(w->set.rep_args[0])] = {
		{add ? "role" : "active", OPT_STR, add ? &w->role : &w->set.active},
		{"team", OPT_STR, &w->set.team},
		{"manager", OPT_STR, &w->set.manager},
		{"territory", OPT_STR, &w->set.territory},
		{"pod", OPT_STR, &w->set.pod},
		{"capacity", OPT_STR, &w->set.capacity},
		{"hours", OPT_STR, &w->set.hours},
		{"timezone", OPT_STR, &w->set.timezone},
	};
	size_t i, k = 8;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < rep_args_n && i < sizeof(w->set.rep_args) / sizeof(w->set.rep_args[0]); i++)
		opts[k++] = (struct cli_opt){arg_cli_name(&rep_args[i]), OPT_STR, &w->set.rep_args[i]};
	opts[k] = (struct cli_opt){NULL, 0, NULL};
	return cli_parse(cli, cli->cmd, argc, argv, opts, w->pos, 1, 1, NULL);
}

static void print_rep(struct cli *cli, const struct rep *r, const char *verb)
{
	if (cli->json)
		cli_print_json(rep_json(r));
	else
		printf("%s rep %s (%s)%s%s%s%s.\n", verb, r->name, role_name(r->role), r->team ? ", team " : "",
		       r->team ? r->team : "", r->pod ? ", pod " : "", r->pod ? r->pod : "");
}

static int rep_add(struct cli *cli, int argc, char **argv)
{
	struct rep_words w;
	struct rep r = {0};
	struct strbuf changed;
	int rc = parse_words(cli, argc, argv, 1, &w);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (!w.role)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, "role", 0, "rep add: --role is required (mrr, sdr, ae, csm or manager)"));
	if (role_parse(w.role, &r.role))
		return cli_exit(bt_fail(&cli->err, BT_BAD_INPUT, "role", 0,
					"--role must be mrr, sdr, ae, csm or manager, got '%s'", w.role));
	if ((rc = check_name(cli, w.pos[0])))
		return cli_exit(rc);
	r.name = w.pos[0];
	r.capacity = -1;
	r.hours_start = r.hours_end = -1;
	r.active = 1;
	r.weight = 1;
	strbuf_init(&changed);
	rc = rep_settings_apply(&r, &w.set, cli->a, &changed, &cli->err);
	strbuf_release(&changed);
	if (rc)
		return cli_exit(rc);
	if (!rc)
		rc = service_rep_add(cli->svc, &r, &cli->err);
	if (!rc)
		print_rep(cli, &r, "Added");
	return cli_exit(rc);
}

static int rep_set(struct cli *cli, int argc, char **argv)
{
	struct rep_words w;
	struct rep r;
	struct strbuf changed;
	int rc = parse_words(cli, argc, argv, 0, &w);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	strbuf_init(&changed);
	rc = store_rep_get(cli->svc->store, cli->a, w.pos[0], &r, &cli->err);
	if (!rc)
		rc = rep_settings_apply(&r, &w.set, cli->a, &changed, &cli->err);
	if (!rc && !changed.len)
		rc = bt_fail(&cli->err, BT_USAGE, NULL, 0, "rep set: nothing to change (see `baton rep --help`)");
	if (!rc)
		rc = service_rep_set(cli->svc, &r, changed.buf, &cli->err);
	if (!rc)
		print_rep(cli, &r, "Updated");
	strbuf_release(&changed);
	return cli_exit(rc);
}

static int rep_list(struct cli *cli, int argc, char **argv)
{
	static const char *const head[] = {"NAME", "ROLE", "TEAM", "MANAGER", "POD", "TERRITORIES", "CAPACITY", "OPEN", "HOURS", "TIMEZONE", "WEIGHT", "ACTIVE", "EMAIL", "SLACK", "FULL NAME"};
	struct cli_rows rows = {0};
	const char *role = NULL;
	const struct cli_opt opts[] = {{"role", OPT_STR, &role}, {NULL, 0, NULL}};
	struct rep *reps;
	size_t n, i;
	enum role rl;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (role && role_parse(role, &rl))
		return cli_exit(bt_fail(&cli->err, BT_BAD_INPUT, "role", 0, "--role must be mrr, sdr, ae, csm or manager"));
	if (!rc)
		rc = store_rep_list(cli->svc->store, cli->a, role ? (int)rl : -1, &reps, &n, &cli->err);
	for (i = 0; !rc && i < n; i++) /* people want the real count, capacity or not */
		rc = store_rep_open_leads(cli->svc->store, reps[i].name, &reps[i].open_leads, &cli->err);
	if (!rc)
		cli_rows_begin(cli, &rows, 15, head);
	for (i = 0; !rc && i < n; i++) {
		const struct rep *r = &reps[i];
		const struct pb_team *team = playbook_team(cli->svc->pb, r->team);
		char cap[CLI_NUM_LEN], open[CLI_NUM_LEN], weight[CLI_NUM_LEN], hours[48], zone[96];
		const char *cells[] = {r->name,
				       role_name(r->role),
				       r->team,
				       r->manager,
				       r->pod,
				       r->territories,
				       r->capacity >= 0 ? cli_num(cap, r->capacity) : "none",
				       cli_num(open, r->open_leads),
				       hours,
				       zone,
				       cli_num(weight, rep_weight(r)),
				       r->active ? "yes" : "no",
				       r->email,
				       r->slack,
				       r->full_name};
		struct bizclock bc;

		if (r->hours_start >= 0)
			snprintf(hours, sizeof(hours), "%02d:%02d-%02d:%02d", r->hours_start / 60, r->hours_start % 60,
				 r->hours_end / 60, r->hours_end % 60);
		else
			snprintf(hours, sizeof(hours), "%s", team && team->has_hours ? "team" : "org");
		/* the zone its hours are read in: its own, else its team's or the org's (SPEC 8.4) */
		bizclock_init(&bc, cli->svc->pb, NULL, r);
		snprintf(zone, sizeof(zone), "%s%s", bc.zone,
			 r->timezone ? "" : team && team->cal.timezone ? " (team)" : " (org)");
		cli_rows_add(&rows, rows.arr ? rep_json(r) : NULL, cells);
	}
	return cli_exit(cli_rows_end(&rows, rc));
}

/* ---------------------------------------------------------------- rep away */

/* Prints absence ab of rep r for people (times in the rep's zone) or as JSON. */
static void print_absence(struct cli *cli, const struct rep *r, const struct absence *ab, const char *verb)
{
	const char *zone = rep_zone(cli->svc->pb, r);
	char from[24], to[24];

	if (cli->json) {
		cli_print_json(absence_json(ab, cli->svc->now));
		return;
	}
	printf("%s absence %lld: %s away from %s to %s (%s)%s%s; %s.\n", verb, (long long)ab->id, ab->rep,
	       tz_format(zone, ab->start, from), tz_format(zone, ab->finish, to), zone, ab->reason ? ", " : "",
	       ab->reason ? ab->reason : "", absence_status_name(absence_status(ab, cli->svc->now)));
}

static int away_list(struct cli *cli, const struct rep *r)
{
	static const char *const head[] = {"ID", "FROM", "TO", "STATUS", "SOURCE", "REASON"};
	const char *zone = rep_zone(cli->svc->pb, r);
	struct cli_rows rows = {0};
	struct absence *v;
	size_t n, i;
	int rc = service_absence_list(cli->svc, cli->a, NULL, r->name, &v, &n, &cli->err);

	if (!rc)
		cli_rows_begin(cli, &rows, 6, head);
	for (i = 0; !rc && i < n; i++) {
		char id[CLI_NUM_LEN], from[24], to[24];
		const char *cells[] = {cli_num(id, v[i].id),
				       tz_format(zone, v[i].start, from),
				       tz_format(zone, v[i].finish, to),
				       absence_status_name(absence_status(&v[i], cli->svc->now)),
				       absence_source_name(v[i].source),
				       v[i].reason};

		cli_rows_add(&rows, rows.arr ? absence_json(&v[i], cli->svc->now) : NULL, cells);
	}
	rc = cli_rows_end(&rows, rc);
	if (!rc && !cli->json)
		printf("%zu absence%s of %s (times in %s; TO is the first moment back)\n", n, n == 1 ? "" : "s", r->name,
		       zone);
	return rc;
}

static int rep_away_cmd(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *reason = NULL, *cancel = NULL, *pos[1];
	int list = 0, rc;
	const struct cli_opt opts[] = {{"from", OPT_STR, &from},     {"to", OPT_STR, &to},
				       {"reason", OPT_STR, &reason}, {"list", OPT_FLAG, &list},
				       {"cancel", OPT_STR, &cancel}, {NULL, 0, NULL}};
	struct absence ab;
	struct rep r;
	int64_t id;

	rc = cli_parse(cli, cli->cmd, argc, argv, opts, pos, 1, 1, NULL);
	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if ((list || cancel) && (from || to || reason || (list && cancel)))
		return cli_exit(bt_fail(&cli->err, BT_USAGE, list ? "list" : "cancel", 0,
					"rep away: --list and --cancel ID go alone (no --from, --to or --reason)"));
	rc = store_rep_get(cli->svc->store, cli->a, pos[0], &r, &cli->err);
	if (rc)
		return cli_exit(rc);
	if (list)
		return cli_exit(away_list(cli, &r));
	if (cancel) {
		rc = cli_id(cli, cancel, "cancel", "an absence id", &id);
		if (!rc)
			rc = service_absence_cancel(cli->svc, cli->a, NULL, r.name, id, &ab, &cli->err);
		if (!rc)
			print_absence(cli, &r, &ab, "Cancelled");
		return cli_exit(rc);
	}
	if (!from || !to)
		return cli_exit(bt_fail(&cli->err, BT_USAGE, from ? "to" : "from", 0,
					"rep away: --from and --to are required (or --list, or --cancel ID)"));
	rc = service_absence_add(cli->svc, cli->a, NULL, r.name, from, to, reason, &ab, &cli->err);
	if (!rc)
		print_absence(cli, &r, &ab, "Added");
	return cli_exit(rc);
}

int cmd_rep(struct cli *cli, int argc, char **argv)
{
	static const struct cli_sub subs[] = {{"add", rep_add},	  {"list", rep_list}, {"set", rep_set},
					      {"away", rep_away_cmd}, {NULL, NULL}};

	return cli_dispatch(cli, cli->cmd, subs, argc, argv);
}
