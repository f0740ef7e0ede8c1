/* playbook.c - reading the playbook (SPEC section 4), the top of the reader: it sets the values
 * a playbook holds before its text is read, has the schema (playbook_schema.c) fill struct
 * playbook from the text, then checks across keys what one key alone cannot (references to
 * qualification fields and grades). Every error is kept, sorted by line; any error means no
 * playbook. The layers below: playbook_priv.h. */
#include "core/playbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/playbook_priv.h"
#include "util/arena.h"
#include "util/strbuf.h"

extern const char playbook_default_text[];
extern const size_t playbook_default_text_len;

/* ---------------------------------------------------------------- errors and lines */

static int line_of(const struct pb_ctx *c, const char *path, int fallback)
{
	size_t i;

	for (i = c->nlines; i-- > 0;)
		if (strcmp(c->lines[i].path, path) == 0)
			return c->lines[i].line;
	return fallback;
}

static int errors_under(const struct pb_ctx *c, const char *path)
{
	size_t n = strlen(path);
	int i;
	const char *f;

	for (i = 0; i < c->errs->n; i++) {
		f = c->errs->items[i].field;
		if (strncmp(f, path, n) == 0 && (f[n] == '\0' || f[n] == '.' || f[n] == '['))
			return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- defaults */

/* What a playbook holds before its text is read: the values its sections fall back to. */
static void set_defaults(struct pb_ctx *c)
{
	struct playbook *pb = c->pb;
	struct pb_ctx dc;
	int s;

	pb->org.name = "";
	pb->org.timezone = "UTC";
	pb_hours_set(&pb->org.hours, 0x1f, 9 * 60, 18 * 60); /* mon-fri 09:00-18:00 */
	for (s = 0; s < STAGE_COUNT; s++) {
		pb->stages[s].label = stage_name((enum stage)s);
		pb->stages[s].definition = "";
	}
	/* one source of truth for the stage vocabulary: the built-in playbook's own text */
	pb_ctx_init(&dc, pb);
	pb_schema_read_stages(&dc, playbook_default_text, playbook_default_text_len);
	if (dc.nfound)
		pb_error(c, "stages", 1, "the built-in playbook's stages do not read: %s", dc.errs->items[0].message);
	pb_ctx_release(&dc);
	for (s = 0; s < STAGE_COUNT; s++)
	pb->stages[s].
		requires
		.n = 0;
	pb->fit.model_use = PB_MODEL_OFF;
	pb->fit.min_history = 200;
	pb->routing.inbound.role = ROLE_MRR;
	pb->routing.inbound.strategy = PB_STRATEGY_ROUND_ROBIN;
	pb->routing.customers.role = ROLE_CSM;
	pb->routing.customers.strategy = PB_STRATEGY_ROUND_ROBIN;
	pb->routing.customers.after = STAGE_LIVE;
	pb->sla.speed_to_lead.channel = -1;
	pb->sla.speed_to_lead.max_reassign = 1;
	pb->sla.handoff_response.max_reassign = 1;
	pb->sla.notes_review.max_reassign = 1;
	pb->sla.notes_review.before_meeting = 1;
	pb->sla.no_show.first = ROLE_AE;
	pb->sla.no_show.then = ROLE_SDR;
	pb->sla.marketing.period = "month";
}

/* ---------------------------------------------------------------- checks across keys */

static int error_at(const struct pb_ctx *c, const char *path)
{
	int i;

	for (i = 0; i < c->errs->n; i++)
		if (strcmp(c->errs->items[i].field, path) == 0)
			return 1;
	return 0;
}

/* Every name in l must be a qualification field. */
static void check_field_refs(struct pb_ctx *c, const struct pb_list *l, const char *path)
{
	const struct pb_qualification *q = &c->pb->qualification;
	char item[PB_PATH_MAX];
	struct strbuf known;
	size_t i, j;

	strbuf_init(&known);
	for (j = 0; j < q->nfields; j++)
		strbuf_addf(&known, "%s%s", j ? ", " : "", q->fields[j].name);
	for (i = 0; i < l->n; i++) {
		if (playbook_qfield(c->pb, l->items[i]))
			continue;
		snprintf(item, sizeof(item), "%s[%zu]", path, i);
		if (q->nfields)
			pb_error(c, item, line_of(c, item, 1),
				 "\"%s\" is not a qualification field; the fields are: %s", l->items[i], known.buf);
		else
			pb_error(c, item, line_of(c, item, 1),
				 "\"%s\" is not a qualification field: qualification.fields defines none", l->items[i]);
	}
	strbuf_release(&known);
}

static void check_qualification(struct pb_ctx *c)
{
	const struct pb_qualification *q = &c->pb->qualification;
	char path[PB_PATH_MAX];
	int s;

	if (q->at_least_count > 0 && q->at_least_of.n > 0 && (size_t)q->at_least_count > q->at_least_of.n)
		pb_error(c, "qualification.handoff_requires.at_least.count",
			 line_of(c, "qualification.handoff_requires.at_least.count", 1),
			 "asks for %d answers out of a list of only %zu fields", q->at_least_count, q->at_least_of.n);
	if (errors_under(c, "qualification.fields") || error_at(c, "qualification"))
		return; /* the fields did not read: every reference would fail for nothing */
	check_field_refs(c, &q->all, "qualification.handoff_requires.all");
	check_field_refs(c, &q->at_least_of, "qualification.handoff_requires.at_least.of");
	for (s = 0; s < STAGE_COUNT; s++) {
		snprintf(path, sizeof(path), "stages.%s.requires", stage_name((enum stage)s));
		check_field_refs(c, &c->pb->stages[s].requires, path);
	}
}

static void check_follow_up(struct pb_ctx *c)
{
	const struct pb_fit *fit = &c->pb->fit;
	const struct pb_sla *sla = &c->pb->sla;
	char path[PB_PATH_MAX];
	struct strbuf known;
	size_t i, j;

	if (!fit->ngrades || errors_under(c, "fit.grades"))
		return;
	strbuf_init(&known);
	for (j = 0; j < fit->ngrades; j++)
		strbuf_addf(&known, "%s%s", j ? ", " : "", fit->grades[j].name);
	for (i = 0; i < sla->nfollow_up; i++) {
		if (!sla->follow_up[i].grade)
			continue; /* a key that is not a name: already an error (fuzz/regressions/playbook) */
		for (j = 0; j < fit->ngrades && strcmp(fit->grades[j].name, sla->follow_up[i].grade) != 0; j++)
			;
		if (j < fit->ngrades)
			continue;
		snprintf(path, sizeof(path), "sla.follow_up.%s", sla->follow_up[i].grade);
		pb_error(c, path, line_of(c, path, 1), "\"%s\" is not a grade of fit.grades; the grades are: %s",
			 sla->follow_up[i].grade, known.buf);
	}
	strbuf_release(&known);
}

/* notify (SPEC 8.6): the signed webhook is given once, and a kind goes only by channels the
 * section configures; then the kinds on without on: (the old webhook's), and sign_in. */
static void check_notify(struct pb_ctx *c)
{
	static const enum pb_notice old_webhook[] = {PB_NOTICE_BREACH, PB_NOTICE_HANDOFF, PB_NOTICE_UNASSIGNED_LEAD,
						     PB_NOTICE_ABSENCE, PB_NOTICE_TUNE_OUT};
	struct playbook *pb = c->pb;
	struct pb_notify *n = &pb->notify;
	unsigned configured = (n->email.on ? 1u << PB_CHANNEL_EMAIL : 0) | (n->slack.on ? 1u << PB_CHANNEL_SLACK : 0);
	char path[PB_PATH_MAX];
	size_t i;
	int k, ch;

	if (n->webhook_here && pb->webhook.on)
		pb_error(
			c, "notify.channels.webhook", line_of(c, "notify.channels.webhook", 1),
			"the signed webhook is given twice: keep notify.channels.webhook and remove escalation.webhook "
			"(its old place, line %d)",
			line_of(c, "escalation.webhook", 1));
	pb->webhook.on |= n->webhook_here;
	configured |= pb->webhook.on ? 1u << PB_CHANNEL_WEBHOOK : 0;
	for (k = 0; k < PB_NOTICE_COUNT; k++)
		for (ch = 0; n->kind_on[k] && ch < PB_CHANNEL_COUNT; ch++) {
			if (!(n->via[k] & ~configured & (1u << ch)))
				continue;
			snprintf(path, sizeof(path), "notify.on.%s%s", pb_notice_name((enum pb_notice)k),
				 k == PB_NOTICE_REMINDER ? ".via" : "");
			pb_error(c, path, line_of(c, path, 1),
				 "names the channel %s, which notify.channels does not configure: add channels.%s or "
				 "take %s out of the list",
				 pb_channel_name((enum pb_channel)ch), pb_channel_name((enum pb_channel)ch),
				 pb_channel_name((enum pb_channel)ch));
		}
	if (!n->on_given && pb->webhook.on)
		for (i = 0; i < sizeof(old_webhook) / sizeof(old_webhook[0]); i++) {
			n->kind_on[old_webhook[i]] = 1;
			n->via[old_webhook[i]] = 1u << PB_CHANNEL_WEBHOOK;
		}
	n->kind_on[PB_NOTICE_SIGN_IN] = 1;
	n->via[PB_NOTICE_SIGN_IN] = n->email.on ? 1u << PB_CHANNEL_EMAIL : 0;
}

/* Reads text into c->pb; when it was a map of keys, checks across them. */
static void read_and_check(struct pb_ctx *c, const char *text, size_t len)
{
	if (pb_schema_read(c, text, len) != 0)
		return;
	check_qualification(c);
	check_follow_up(c);
	check_notify(c);
}

/* Sorts errors by line, keeping the order of errors on one line (insertion sort, n <= 64). */
static void sort_errors(struct pb_errors *e)
{
	struct bt_error tmp;
	int i, j;

	for (i = 1; i < e->n; i++) {
		tmp = e->items[i];
		for (j = i; j > 0 && e->items[j - 1].line > tmp.line; j--)
			e->items[j] = e->items[j - 1];
		e->items[j] = tmp;
	}
}

/* ---------------------------------------------------------------- the API */

struct playbook *playbook_parse(const char *text, size_t len, const char *name, struct bt_error *err,
				struct pb_errors *all)
{
	struct arena *arena = arena_new();
	struct playbook *pb = arena_alloc(arena, sizeof(*pb));
	struct pb_ctx c;
	int i;

	pb->arena = arena;
	pb->text = arena_strndup(arena, text ? text : "", text ? len : 0);
	pb_ctx_init(&c, pb);
	if (err)
		bt_error_clear(err);
	set_defaults(&c);
	read_and_check(&c, pb->text, text ? len : 0);
	if (c.nfound == 0)
		goto done;
	sort_errors(c.errs);
	if (err)
		*err = c.errs->items[0];
	for (i = 0; all && i < c.errs->n && all->n < PB_MAX_ERRORS; i++)
		all->items[all->n++] = c.errs->items[i];
	arena_free(&arena);
	pb = NULL;
done:
	pb_ctx_release(&c);
	return pb;
}

const char *playbook_default_yaml(void)
{
	return playbook_default_text;
}

struct playbook *playbook_default(struct bt_error *err)
{
	return playbook_parse(playbook_default_text, playbook_default_text_len, "the built-in playbook", err, NULL);
}

void playbook_free(struct playbook **pb)
{
	if (!pb || !*pb)
		return;
	arena_free(&(*pb)->arena); /* the playbook lives in its arena */
	*pb = NULL;
}

const struct pb_qfield *playbook_qfield(const struct playbook *pb, const char *name)
{
	size_t i;

	for (i = 0; pb && name && i < pb->qualification.nfields; i++)
		if (pb->qualification.fields[i].name && strcmp(pb->qualification.fields[i].name, name) == 0)
			return &pb->qualification.fields[i];
	return NULL;
}

const struct pb_team *playbook_team(const struct playbook *pb, const char *name)
{
	size_t i;

	for (i = 0; pb && name && i < pb->nteams; i++)
		if (pb->teams[i].cal.name && strcmp(pb->teams[i].cal.name, name) == 0)
			return &pb->teams[i];
	return NULL;
}

const struct pb_rejection *playbook_rejection(const struct playbook *pb, const char *code)
{
	size_t i;

	for (i = 0; pb && code && i < pb->nrejections; i++)
		if (pb->rejections[i].code && strcmp(pb->rejections[i].code, code) == 0)
			return &pb->rejections[i];
	return NULL;
}

const char *playbook_grade(const struct playbook *pb, double score)
{
	size_t i;

	for (i = 0; pb && i < pb->fit.ngrades; i++)
		if (score >= pb->fit.grades[i].min)
			return pb->fit.grades[i].name;
	return NULL;
}
