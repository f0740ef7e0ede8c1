/* import.c - bulk intake from CSV through intake batches; see import.h. A batch commits every
 * IMPORT_BATCH rows, so a crash loses at most the batch in flight, never half a lead. */
#include "service/import.h"

#include <stdlib.h>
#include <string.h>

#include "core/intake.h"
#include "service/history.h"
#include "service/intake.h"
#include "service/usecase.h"
#include "util/arena.h"

#define IMPORT_BATCH 5000

struct import_ctx {
	struct service *svc;
	struct import_report *rep;
	struct work batch;
	int in_batch;
	int dry;             /* strict mode's first pass: validate only */
	const char *actor;
	struct arena *row;   /* reset every row */
	struct bt_error *err;
	const struct import_opts *opts;
	struct history_row hist;   /* the current row's history columns (csv_import_read fills it) */
	struct rep *reps;          /* every rep, for the owners of history rows */
	size_t nreps;
	struct arena *keep;        /* holds reps */
};

static void on_progress(void *vctx, uint64_t bytes)
{
	struct import_ctx *c = vctx;

	c->opts->progress(c->opts->progress_ctx, bytes, c->rep->rows);
}

static void on_ignored(void *vctx, const char *column)
{
	struct import_ctx *c = vctx;
	size_t len = strlen(c->rep->ignored);

	snprintf(c->rep->ignored + len, sizeof(c->rep->ignored) - len, "%s%s", len ? ", " : "", column);
}

void import_add_error(struct import_report *rep, int64_t line, const char *field, const char *message)
{
	struct import_error *e;

	rep->bad++;
	if (rep->nerrors >= IMPORT_MAX_ERRORS)
		return;
	if (!rep->errors) {
		rep->errors = calloc(IMPORT_MAX_ERRORS, sizeof(*rep->errors));
		if (!rep->errors)
			return;
	}
	e = &rep->errors[rep->nerrors++];
	e->line = line;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	snprintf(e->message, sizeof(e->message), "%s", message);
}

static int on_error(void *vctx, int64_t line, const char *field, const char *message)
{
	struct import_ctx *c = vctx;

	c->rep->rows++;
	import_add_error(c->rep, line, field, message);
	return 0;
}

void import_names_add(struct import_names *names, const char *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < names->n; i++)
		if (strncmp(names->items[i], v, IMPORT_NAME_LEN - 1) == 0)
			return;
	if (names->n < IMPORT_MAX_NAMES)
		snprintf(names->items[names->n++], IMPORT_NAME_LEN, "%s", v);
}

/* Begins the batch of rows when none is open; 0 or the failure. */
static int batch_open(struct import_ctx *c)
{
	int rc;

	if (c->in_batch)
		return 0;
	rc = usecase_begin(&c->batch, c->svc, c->err);
	if (!rc)
		c->in_batch = 1;
	return rc;
}

/* Commits the batch once it holds IMPORT_BATCH rows. */
static int batch_maybe_commit(struct import_ctx *c)
{
	arena_reset(c->row);
	if (c->batch.added < IMPORT_BATCH || !c->in_batch)
		return 0;
	c->in_batch = 0;
	return work_commit(&c->batch, c->err);
}

/* Counts what a row's use case answered (rc, and whether the row was a duplicate): a bad row
 * (0), a duplicate (0), a stored lead (1); a failure is passed up with its error. */
static int row_answer(struct import_ctx *c, int64_t line, int rc, int duplicate, const struct bt_error *rowerr)
{
	if (rc == -BT_BAD_INPUT) {
		import_add_error(c->rep, line, rowerr->field, rowerr->message);
		return 0;
	}
	if (rc) {
		*c->err = *rowerr;
		return rc;
	}
	if (duplicate) {
		c->rep->duplicates++;
		return 0;
	}
	c->rep->imported++;
	return 1;
}

/* A row that carries its history (SPEC 8.8). */
static int on_history(struct import_ctx *c, int64_t line, struct lead *l)
{
	int dry = c->opts->dry_run || c->dry;
	struct history_outcome out;
	struct bt_error rowerr;
	int rc = dry ? 0 : batch_open(c);

	if (rc)
		return rc;
	bt_error_clear(&rowerr);
	rc = history_add(c->svc, dry ? NULL : &c->batch, c->row, l, &c->hist, c->reps, c->nreps, c->actor, dry, &out,
			 &rowerr);
	rc = row_answer(c, line, rc, out.duplicate, &rowerr);
	if (rc < 0)
		return rc;
	if (rc) {
		c->rep->history++;
		c->rep->stages[out.stage]++;
		c->rep->obligations += (int64_t)out.obligations;
		import_names_add(&c->rep->unmatched, out.unmatched_owner);
		import_names_add(&c->rep->unmapped, out.unmapped);
	}
	return dry ? (arena_reset(c->row), 0) : batch_maybe_commit(c);
}

/* --dry-run of a row without history: the intake's decision without a store write (no pool:
 * nobody is picked), its stage and obligations counted. */
static int preview_intake(struct import_ctx *c, int64_t line, struct lead *l)
{
	struct intake_req req = {0};
	struct intake_result res;
	struct lead existing;
	struct bt_error rowerr;
	enum stage stage;
	size_t nob;
	int rc;

	bt_error_clear(&rowerr);
	if (intake_validate(l, c->row, &rowerr)) {
		import_add_error(c->rep, line, rowerr.field, rowerr.message);
		goto done;
	}
	rc = store_lead_by_email(c->svc->store, c->row, l->email, &existing, &rowerr);
	if (rc == 0) {
		c->rep->duplicates++;
		goto done;
	}
	if (rc != -BT_NOT_FOUND) {
		*c->err = rowerr;
		return rc;
	}
	req.lead = l;
	req.actor = c->actor;
	req.model = c->svc->model;
	if (intake_decide(c->svc->pb, &req, c->svc->now, c->row, &res, &rowerr) == 0) {
		history_preview(c->svc->pb, &res.d, c->row, &stage, &nob);
		c->rep->imported++;
		c->rep->filtered += res.filtered;
		c->rep->stages[stage]++;
		c->rep->obligations += (int64_t)nob;
	}
done:
	arena_reset(c->row);
	return 0;
}

static int on_row(void *vctx, int64_t line, struct lead *l)
{
	struct import_ctx *c = vctx;
	struct intake_outcome out;
	struct bt_error rowerr;
	int rc;

	c->rep->rows++;
	if (history_row_is_history(&c->hist))
		return on_history(c, line, l);
	if (c->opts->dry_run)
		return preview_intake(c, line, l);
	bt_error_clear(&rowerr);
	if (c->dry) {
		/* the intake's own validation, on a copy, without touching the store */
		struct lead copy = *l;

		if (intake_validate(&copy, c->row, &rowerr))
			import_add_error(c->rep, line, rowerr.field, rowerr.message);
		return 0;
	}
	rc = batch_open(c);
	if (rc)
		return rc;
	rc = intake_add(&c->batch, c->row, l, c->actor, &out, &rowerr);
	rc = row_answer(c, line, rc, out.duplicate, &rowerr);
	if (rc < 0)
		return rc;
	if (rc) {
		c->rep->filtered += out.filtered;
		c->rep->unassigned += out.unassigned;
		c->rep->stages[out.filtered                     ? STAGE_FILTERED
			       : l->channel == CHANNEL_OUTBOUND ? STAGE_TARGET
								: STAGE_MQL]++;
	}
	return batch_maybe_commit(c);
}

int service_import(struct service *svc, FILE *f, const struct import_opts *opts, struct import_report *rep,
		   struct bt_error *err)
{
	struct csv_import_cfg cfgv = {0}, *cfg = &cfgv;
	struct import_ctx c;
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(&c, 0, sizeof(c));
	c.svc = svc;
	c.rep = rep;
	c.actor = opts->actor;
	c.err = err;
	c.opts = opts;
	c.row = arena_new();
	c.keep = arena_new();
	cfg->history = &c.hist;
	rc = store_rep_list(svc->store, c.keep, -1, &c.reps, &c.nreps, err);
	if (rc) {
		arena_free(&c.row);
		arena_free(&c.keep);
		return rc;
	}
	cfg->map = opts->map;
	cfg->source = opts->source;
	cfg->keep = opts->keep;
	cfg->utm = &svc->pb->utm;
	cfg->progress = opts->progress ? on_progress : NULL;
	cfg->ignored = on_ignored;
	if (opts->strict && !opts->dry_run) {
		c.dry = 1;
		rc = csv_import_read(f, cfg, on_row, on_error, &c, err);
		if (rc || rep->bad) {
			arena_free(&c.row);
			arena_free(&c.keep);
			if (!rc) {
				rep->strict_refused = 1;
				rc = bt_fail(err, BT_BAD_INPUT, "file", 0,
					     "%lld bad row%s: nothing was imported (--strict)", (long long)rep->bad,
					     rep->bad == 1 ? "" : "s");
			}
			return rc;
		}
		if (fseek(f, 0, SEEK_SET) != 0) {
			arena_free(&c.row);
			arena_free(&c.keep);
			return bt_fail(err, BT_BAD_INPUT, "file", 0,
				       "--strict needs a file it can read twice, not a pipe");
		}
		memset(rep, 0, sizeof(*rep));
		c.dry = 0;
	}
	rc = csv_import_read(f, cfg, on_row, on_error, &c, err);
	if (c.in_batch) {
		if (rc)
			work_abort(&c.batch);
		else
			rc = work_commit(&c.batch, err);
	}
	arena_free(&c.row);
	arena_free(&c.keep);
	return rc;
}

void import_report_release(struct import_report *rep)
{
	free(rep->errors);
	rep->errors = NULL;
	rep->nerrors = 0;
}
