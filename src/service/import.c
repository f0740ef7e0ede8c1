/* import.c - bulk intake from CSV through intake batches; see import.h. A batch commits every
 * IMPORT_BATCH rows, so a crash loses at most the batch in flight, never half a lead. */
#include "service/import.h"

#include <stdlib.h>
#include <string.h>

#include "core/intake.h"
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

static void add_error(struct import_report *rep, int64_t line, const char *field, const char *message)
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
	add_error(c->rep, line, field, message);
	return 0;
}

static int on_row(void *vctx, int64_t line, struct lead *l)
{
	struct import_ctx *c = vctx;
	struct intake_outcome out;
	struct bt_error rowerr;
	int rc;

	c->rep->rows++;
	bt_error_clear(&rowerr);
	if (c->dry) {
		/* the intake's own validation, on a copy, without touching the store */
		struct lead copy = *l;

		if (intake_validate(&copy, c->row, &rowerr))
			add_error(c->rep, line, rowerr.field, rowerr.message);
		return 0;
	}
	if (!c->in_batch) {
		rc = usecase_begin(&c->batch, c->svc, c->err);
		if (rc)
			return rc;
		c->in_batch = 1;
	}
	rc = intake_add(&c->batch, c->row, l, c->actor, &out, &rowerr);
	if (rc == -BT_BAD_INPUT) {
		add_error(c->rep, line, rowerr.field, rowerr.message);
		rc = 0;
	} else if (rc) {
		*c->err = rowerr;
		return rc;
	} else if (out.duplicate) {
		c->rep->duplicates++;
	} else {
		c->rep->imported++;
		c->rep->filtered += out.filtered;
		c->rep->unassigned += out.unassigned;
	}
	arena_reset(c->row);
	if (c->batch.added >= IMPORT_BATCH) {
		c->in_batch = 0;
		return work_commit(&c->batch, c->err);
	}
	return 0;
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
	cfg->map = opts->map;
	cfg->source = opts->source;
	cfg->keep = opts->keep;
	cfg->utm = &svc->pb->utm;
	cfg->progress = opts->progress ? on_progress : NULL;
	cfg->ignored = on_ignored;
	if (opts->strict) {
		c.dry = 1;
		rc = csv_import_read(f, cfg, on_row, on_error, &c, err);
		if (rc || rep->bad) {
			arena_free(&c.row);
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
	return rc;
}

void import_report_release(struct import_report *rep)
{
	free(rep->errors);
	rep->errors = NULL;
	rep->nerrors = 0;
}
