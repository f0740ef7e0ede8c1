/* cmd_demo.c - `baton demo [--leads N] [--seed S]`: a new store with a realistic organisation
 * and a quarter of history up to --now, built by demo_build (demo/demo.c) through the real
 * use cases; a progress line on a terminal, then the summary as a table or --json. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "io/table_out.h"
#include "demo/demo.h"

struct progress {
	int shown;
};

static void draw(void *ctx, int day, int days, int64_t arrivals, int64_t use_cases)
{
	struct progress *p = ctx;

	fprintf(stderr, "\rdemo: day %d of %d, %lld leads arrived, %lld use cases run", day, days, (long long)arrivals,
		(long long)use_cases);
	fflush(stderr);
	p->shown = 1;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A key of the JSON summary and the count of struct demo_report it shows. */
struct count {
	const char *key;
	size_t off; /* offsetof(struct demo_report, ...) of an int64_t */
};

#define COUNT(key, field) {key, offsetof(struct demo_report, field)}
#define NCOUNTS(c) (sizeof(c) / sizeof((c)[0]))

/* Sets the n counts of r that c names in o, in c's order; returns o. */
static json_t *add_counts(json_t *o, const struct demo_report *r, const struct count *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		json_object_set_new(o, c[i].key, json_integer(*(const int64_t *)((const char *)r + c[i].off)));
	return o;
}

static json_t *summary_json(const struct cli *cli, const struct demo_report *r, uint64_t seed, double secs)
{
	static const struct count intake[] = {
		COUNT("accounts", accounts),
		COUNT("target_accounts", target_accounts),
		COUNT("customer_accounts", customer_accounts),
		COUNT("arrivals", arrivals),
		COUNT("leads", leads),
		COUNT("duplicates", duplicates),
		COUNT("filtered", filtered),
		COUNT("restored", restored),
		COUNT("unassigned", unassigned),
	};
	static const struct count runs[] = {COUNT("events", events), COUNT("use_cases", use_cases),
					    COUNT("ticks", ticks)};
	static const struct count refusals[] = {COUNT("total", refusals), COUNT("meeting_clash", refused_clash),
						COUNT("handoff_rules", refused_handoff), COUNT("other", refused_other)};
	static const struct count work[] = {COUNT("touches", touches),   COUNT("qualifications", qualifications),
					    COUNT("handoffs", handoffs), COUNT("reviews", reviews),
					    COUNT("accepted", accepted), COUNT("rejected", rejected)};
	static const struct count meetings[] = {COUNT("booked", meetings), COUNT("held", held),
						COUNT("no_show", no_shows), COUNT("rescheduled", rescheduled),
						COUNT("cancelled", cancelled)};
	static const struct count ends[] = {COUNT("year_won", year_won),
					    COUNT("lost", lost),
					    COUNT("live", lives),
					    COUNT("renewed", renewed),
					    COUNT("repriced", repriced),
					    COUNT("churned", churned),
					    COUNT("nurtured", nurtured),
					    COUNT("disqualified", disqualified),
					    COUNT("recycled", recycled),
					    COUNT("breaches", breaches),
					    COUNT("open_obligations", obligations_open)};
	json_t *o = json_object(), *reps = json_object(), *stages = json_object();
	char from[CLOCK_RFC3339_LEN], to[CLOCK_RFC3339_LEN];
	int i;

	for (i = 0; i < ROLE_COUNT; i++)
		json_object_set_new(reps, role_name((enum role)i), json_integer(r->reps[i]));
	for (i = 0; i < STAGE_COUNT; i++)
		json_object_set_new(stages, stage_name((enum stage)i), json_integer(r->stages[i]));
	json_object_set_new(o, "db", json_string(cli->db));
	json_object_set_new(o, "seed", json_integer((json_int_t)seed));
	json_object_set_new(o, "from", json_string(clock_format_rfc3339(r->start, from)));
	json_object_set_new(o, "to", json_string(clock_format_rfc3339(r->end, to)));
	json_object_set_new(o, "teams", json_integer(r->teams));
	json_object_set_new(o, "reps", reps);
	add_counts(o, r, intake, NCOUNTS(intake));
	json_object_set_new(o, "stages", stages);
	add_counts(o, r, runs, NCOUNTS(runs));
	json_object_set_new(o, "refusals", add_counts(json_object(), r, refusals, NCOUNTS(refusals)));
	add_counts(o, r, work, NCOUNTS(work));
	json_object_set_new(o, "meetings", add_counts(json_object(), r, meetings, NCOUNTS(meetings)));
	json_object_set_new(o, "won", json_integer(r->won));
	json_object_set_new(o, "won_amount", json_real((double)r->won_cents / 100.0));
	add_counts(o, r, ends, NCOUNTS(ends));
	json_object_set_new(
		o, "open_pipeline",
		json_pack("{s:I, s:f}", "leads", (json_int_t)r->pipeline, "amount", (double)r->pipeline_cents / 100.0));
	json_object_set_new(o, "seconds", json_real(secs));
	return o;
}

/* Adds a row "what | printf text" to the table. */
static void row(struct table *t, const char *what, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void row(struct table *t, const char *what, const char *fmt, ...)
{
	char buf[256];
	const char *cells[2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cells[0] = what;
	cells[1] = buf;
	table_row(t, cells);
}

static void summary_table(const struct cli *cli, const struct demo_report *r, uint64_t seed, double secs)
{
	static const char *const head[] = {"WHAT", "COUNT"};
	struct table *t = table_new(2, head);
	char from[CLOCK_RFC3339_LEN], to[CLOCK_RFC3339_LEN];
	int64_t nreps = 0;
	int i;

	for (i = 0; i < ROLE_COUNT; i++)
		nreps += r->reps[i];
	printf("Built %s: a quarter from %s to %s (seed %llu) in %.1f s.\n\n", cli->db, clock_format_rfc3339(r->start, from),
	       clock_format_rfc3339(r->end, to), (unsigned long long)seed, secs);
	row(t, "teams", "%lld", (long long)r->teams);
	row(t, "reps", "%lld (%lld mrr, %lld sdr, %lld ae, %lld csm, %lld manager)", (long long)nreps,
	    (long long)r->reps[ROLE_MRR], (long long)r->reps[ROLE_SDR], (long long)r->reps[ROLE_AE],
	    (long long)r->reps[ROLE_CSM], (long long)r->reps[ROLE_MANAGER]);
	row(t, "accounts", "%lld (%lld on the target list, %lld customers)", (long long)r->accounts,
	    (long long)r->target_accounts, (long long)r->customer_accounts);
	row(t, "inquiries", "%lld (%lld second inquiries, %lld filtered, %lld restored, %lld waited unassigned)",
	    (long long)r->arrivals, (long long)r->duplicates, (long long)r->filtered, (long long)r->restored,
	    (long long)r->unassigned);
	row(t, "leads", "%lld", (long long)r->leads);
	for (i = 0; i < STAGE_COUNT; i++)
		if (r->stages[i])
			row(t, stage_name((enum stage)i), "%lld", (long long)r->stages[i]);
	row(t, "events", "%lld", (long long)r->events);
	row(t, "use cases", "%lld (%lld refused: %lld meeting clashes, %lld handoffs missing answers or notes, %lld other)",
	    (long long)r->use_cases, (long long)r->refusals, (long long)r->refused_clash, (long long)r->refused_handoff,
	    (long long)r->refused_other);
	row(t, "touches", "%lld", (long long)r->touches);
	row(t, "handoffs", "%lld (%lld accepted, %lld rejected, %lld notes reviewed)", (long long)r->handoffs,
	    (long long)r->accepted, (long long)r->rejected, (long long)r->reviews);
	row(t, "meetings", "%lld booked (%lld held, %lld no-shows, %lld rescheduled, %lld cancelled)", (long long)r->meetings,
	    (long long)r->held, (long long)r->no_shows, (long long)r->rescheduled, (long long)r->cancelled);
	row(t, "won", "%lld deals, %lld in total", (long long)r->won, (long long)(r->won_cents / 100));
	row(t, "lost", "%lld", (long long)r->lost);
	row(t, "year before", "%lld customers won, %lld in total", (long long)r->year_won,
	    (long long)(r->year_won_cents / 100));
	row(t, "live customers", "%lld", (long long)r->lives);
	row(t, "contracts", "%lld renewed (%lld at a new price), %lld churned by their CSM, %lld lapsed",
	    (long long)r->renewed, (long long)r->repriced, (long long)r->churned,
	    (long long)(r->stages[STAGE_CHURNED] - r->churned));
	row(t, "nurtured", "%lld (%lld recycled)", (long long)r->nurtured, (long long)r->recycled);
	row(t, "disqualified", "%lld", (long long)r->disqualified);
	row(t, "open pipeline", "%lld leads in handoff or sql (sql estimated at %lld)", (long long)r->pipeline,
	    (long long)(r->pipeline_cents / 100));
	row(t, "sla breaches", "%lld (%lld obligations open)", (long long)r->breaches, (long long)r->obligations_open);
	table_print(t, stdout);
	table_free(&t);
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	const char *leads = NULL, *seed = NULL;
	const struct cli_opt opts[] = {{"leads", OPT_STR, &leads}, {"seed", OPT_STR, &seed}, {NULL, 0, NULL}};
	struct demo_opts o = {0};
	struct demo_report r;
	struct progress prog = {0};
	struct timespec t0;
	int64_t n = 2000, s = 1;
	int rc = cli_parse(cli, cli->cmd, argc, argv, opts, NULL, 0, 0, NULL);

	if (rc)
		return rc > 0 ? 0 : cli_exit(rc);
	if (leads && (rc = cli_int(cli, leads, "leads", 1, 10000000, &n)))
		return cli_exit(rc);
	if (seed && (rc = cli_int(cli, seed, "seed", 0, INT64_MAX, &s)))
		return cli_exit(rc);
	o.leads = n;
	o.seed = (uint64_t)s;
	o.end = cli->now;
	if (isatty(STDERR_FILENO)) {
		o.progress = draw;
		o.progress_ctx = &prog;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = demo_build(cli->db, &o, &r, &cli->err);
	if (prog.shown)
		fputs("\n", stderr);
	if (rc)
		return cli_exit(rc);
	if (cli->json)
		cli_print_json(summary_json(cli, &r, o.seed, seconds_since(&t0)));
	else
		summary_table(cli, &r, o.seed, seconds_since(&t0));
	return 0;
}
