/* playbook.c - reading the playbook (SPEC section 4): libfyaml turns the text into a document,
 * its diagnostics are captured (nothing is printed) and become errors with a line; a small
 * walker matches each map against its table of keys from playbook_schema.c and fills struct
 * playbook; cross-checks catch what one key alone cannot (references to qualification fields
 * and grades, hours that end before they start). Every error is kept, sorted by line; any
 * error means no playbook. */
#include "core/playbook.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/playbook_schema.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "util/text.h"

extern const char playbook_default_text[];
extern const size_t playbook_default_text_len;

/* ---------------------------------------------------------------- errors and lines */

void pb_error(struct pb_ctx *c, const char *path, int line, const char *fmt, ...)
{
	struct bt_error *e;
	va_list ap;

	c->nfound++;
	if (c->errs->n >= PB_MAX_ERRORS)
		return;
	e = &c->errs->items[c->errs->n++];
	bt_fail(e, BT_BAD_INPUT, path, line, "%s", "");
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
}

static void note_line(struct pb_ctx *c, const char *path, int line)
{
	struct pb_line *grown;
	size_t cap;

	if (c->nlines == c->caplines) {
		cap = c->caplines ? 2 * c->caplines : 256;
		grown = realloc(c->lines, cap * sizeof(*grown));
		if (!grown) {
			fputs("baton: out of memory\n", stderr);
			abort();
		}
		c->lines = grown;
		c->caplines = cap;
	}
	snprintf(c->lines[c->nlines].path, sizeof(c->lines[c->nlines].path), "%s", path);
	c->lines[c->nlines++].line = line;
}

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

int pb_node_line(struct fy_node *n, int fallback)
{
	struct fy_token *t;
	const struct fy_mark *m;
	struct fy_node_pair *p;
	void *it = NULL;

	if (!n)
		return fallback;
	if (fy_node_is_scalar(n)) {
		t = fy_node_get_scalar_token(n);
		m = t ? fy_token_start_mark(t) : NULL;
		return m ? m->line + 1 : fallback;
	}
	if (fy_node_is_mapping(n)) {
		p = fy_node_mapping_iterate(n, &it);
		return p ? pb_node_line(fy_node_pair_key(p), fallback) : fallback;
	}
	return pb_node_line(fy_node_sequence_iterate(n, &it), fallback);
}

/* Starts a parse context that fills pb; ctx_release() frees what it owns. */
static void ctx_init(struct pb_ctx *c, struct playbook *pb)
{
	memset(c, 0, sizeof(*c));
	c->pb = pb;
	c->arena = pb->arena;
	c->errs = calloc(1, sizeof(*c->errs));
	if (!c->errs) {
		fputs("baton: out of memory\n", stderr);
		abort();
	}
}

static void ctx_release(struct pb_ctx *c)
{
	free(c->errs);
	free(c->lines);
	c->errs = NULL;
	c->lines = NULL;
}

/* ---------------------------------------------------------------- walking maps and lists */

static void join(char *out, const char *path, const char *name)
{
	snprintf(out, PB_PATH_MAX, "%s%s%s", path, *path ? "." : "", name);
}

static void join_index(char *out, const char *path, size_t i)
{
	snprintf(out, PB_PATH_MAX, "%s[%zu]", path, i);
}

int pb_is_null(struct fy_node *v)
{
	static const char *const nulls[] = {"~", "null", "Null", "NULL", ""};
	const char *s;
	size_t i, len;

	if (!v || fy_node_is_null(v))
		return 1;
	if (!fy_node_is_scalar(v) || fy_node_get_style(v) != FYNS_PLAIN)
		return 0;
	s = fy_node_get_scalar(v, &len);
	for (i = 0; s && i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strlen(nulls[i]) == len && memcmp(nulls[i], s, len) == 0)
			return 1;
	return 0;
}

/* What a node is, for messages: "a map", "a list", `the text "x"`, "nothing". */
const char *pb_kind(struct pb_ctx *c, struct fy_node *v)
{
	size_t len;
	const char *s;

	if (pb_is_null(v))
		return "nothing";
	if (fy_node_is_mapping(v))
		return "a map";
	if (fy_node_is_sequence(v))
		return "a list";
	s = fy_node_get_scalar(v, &len);
	return arena_printf(c->arena, "the text \"%.*s\"", (int)(len > 60 ? 60 : len), s ? s : "");
}

/* The text of scalar v, copied into the arena; NULL after an error saying `want`. */
const char *pb_text_of(struct pb_ctx *c, struct fy_node *v, const char *path, int line, const char *want)
{
	size_t len;
	const char *s;

	if (pb_is_null(v) || !fy_node_is_scalar(v)) {
		pb_error(c, path, line, "expected %s, found %s", want, pb_kind(c, v));
		return NULL;
	}
	s = fy_node_get_scalar(v, &len);
	return arena_strndup(c->arena, s ? s : "", s ? len : 0);
}

static const char *keys_list(struct pb_ctx *c, const struct pb_key *keys)
{
	struct strbuf sb;
	const char *out;
	int i;

	strbuf_init(&sb);
	for (i = 0; keys[i].name; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", keys[i].name);
	out = arena_strdup(c->arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* Edit distance of two short names, capped: enough to say "did you mean". */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int row[PB_PATH_MAX + 1], diag, up;

	if (la > PB_PATH_MAX || lb > PB_PATH_MAX)
		return INT_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* Reports an unknown key; returns the index of the known key it is a typo of, or -1. */
static int unknown_key(struct pb_ctx *c, const struct pb_key *keys, const char *name, const char *path,
		       const char *where, int line)
{
	const char *best = NULL;
	int i, d, bestd = INT_MAX, besti = -1;

	for (i = 0; keys[i].name; i++) {
		d = distance(name, keys[i].name);
		if (d < bestd && d <= (int)strlen(keys[i].name) / 3 + 1) {
			bestd = d;
			besti = i;
			best = keys[i].name;
		}
	}
	pb_error(c, path, line, "unknown key \"%s\" in %s%s%s%s; known keys: %s", name,
		 *where ? where : "the playbook", best ? " (did you mean \"" : "", best ? best : "",
		 best ? "\"?)" : "", keys_list(c, keys));
	return besti;
}

/* The key of a pair as text, or NULL after an error: keys are plain names. */
static const char *key_name(struct pb_ctx *c, struct fy_node *k, const char *path, int line)
{
	if (pb_is_null(k) || !fy_node_is_scalar(k)) {
		pb_error(c, path, line, "a key must be a name, found %s", pb_kind(c, k));
		return NULL;
	}
	return pb_text_of(c, k, path, line, "a name");
}

/* Calls fn for each pair of map v, with its path and line; returns the number of pairs, or -1
 * after an error when v is not a map. */
int pb_each_entry(struct pb_ctx *c, struct fy_node *v, const char *path, int line, const char *want,
		  pb_entry_fn fn, void *arg)
{
	char sub[PB_PATH_MAX];
	struct fy_node_pair *p;
	void *it = NULL;
	const char *name;
	size_t i = 0;
	int kline;

	if (pb_is_null(v) || !fy_node_is_mapping(v)) {
		pb_error(c, path, line, "expected %s, found %s", want, pb_kind(c, v));
		return -1;
	}
	while ((p = fy_node_mapping_iterate(v, &it))) {
		kline = pb_node_line(fy_node_pair_key(p), line);
		name = key_name(c, fy_node_pair_key(p), path, kline);
		if (name) {
			join(sub, path, name);
			note_line(c, sub, kline);
			fn(c, name, fy_node_pair_value(p), sub, kline, i, arg);
		}
		i++;
	}
	return (int)i;
}

/* Calls fn for each item of list v, with its path ("path[i]") and line; returns the number of
 * items, or -1 after an error when v is not a list. */
int pb_each_item(struct pb_ctx *c, struct fy_node *v, const char *path, int line, const char *want,
		 pb_item_fn fn, void *arg)
{
	char sub[PB_PATH_MAX];
	struct fy_node *item;
	void *it = NULL;
	size_t i = 0;
	int iline;

	if (pb_is_null(v) || !fy_node_is_sequence(v)) {
		pb_error(c, path, line, "expected %s, found %s", want, pb_kind(c, v));
		return -1;
	}
	while ((item = fy_node_sequence_iterate(v, &it))) {
		join_index(sub, path, i);
		iline = pb_node_line(item, line);
		note_line(c, sub, iline);
		fn(c, item, sub, iline, i, arg);
		i++;
	}
	return (int)i;
}

void pb_walk_map(struct pb_ctx *c, struct fy_node *m, const struct pb_key *keys, void *base, const char *path,
		 int line)
{
	char sub[PB_PATH_MAX];
	unsigned char seen[PB_MAX_KEYS] = {0};
	struct fy_node_pair *p;
	void *it = NULL;
	const char *name;
	int i, kline;

	if (pb_is_null(m) || !fy_node_is_mapping(m)) {
		pb_error(c, path, line, "expected a map with the keys %s; found %s", keys_list(c, keys), pb_kind(c, m));
		return;
	}
	while ((p = fy_node_mapping_iterate(m, &it))) {
		kline = pb_node_line(fy_node_pair_key(p), line);
		name = key_name(c, fy_node_pair_key(p), path, kline);
		if (!name)
			continue;
		join(sub, path, name);
		for (i = 0; keys[i].name && strcmp(keys[i].name, name) != 0; i++)
			;
		if (!keys[i].name) {
			i = unknown_key(c, keys, name, sub, path, kline);
			if (i >= 0 && !seen[i])
				seen[i] = 2; /* a typo of it: already said, do not also call it missing */
			continue;
		}
		seen[i] = 1;
		note_line(c, sub, kline);
		pb_read_value(c, fy_node_pair_value(p), base, &keys[i], sub, kline);
	}
	for (i = 0; keys[i].name; i++) {
		if ((keys[i].flags & PB_REQUIRED) && !seen[i]) {
			join(sub, path, keys[i].name);
			pb_error(c, sub, line, "is required but missing from %s", *path ? path : "the playbook");
		}
	}
}

/* ---------------------------------------------------------------- loading the YAML */

/* libfyaml's own words for a few mistakes, and what a sales-ops reader is told instead: `ours`,
 * or, when libfyaml names the token at fault, before + the token + after. */
static const struct {
	const char *libfyaml;
	const char *ours;
	const char *before, *after;
} yaml_messages[] = {
	{"duplicate key", "a key appears twice in the same map; each key may appear only once", "the key \"",
	 "\" appears twice in the same map; each key may appear only once"},
	{"invalid alias", "an alias (*name) refers to no anchor (&name) defined before it", "the alias *",
	 " refers to no anchor (&name) defined before it"},
	{"double-quoted scalar without closing quote", "a quoted text has no closing quote (\")", NULL, NULL},
	{"single-quoted scalar without closing quote", "a quoted text has no closing quote (')", NULL, NULL},
	{"flow sequence without a closing bracket", "a list opened with [ is never closed with ]", NULL, NULL},
	{"flow mapping without a closing brace", "a map opened with { is never closed with }", NULL, NULL},
	{"mismatched flow mapping end", "a map opened with { is closed with ] instead of }", NULL, NULL},
	{"mismatched flow sequence end", "a list opened with [ is closed with } instead of ]", NULL, NULL},
	{"missing comma in flow mapping", "a comma is missing between two entries of a {...} map", NULL, NULL},
	{"missing comma in flow sequence", "a comma is missing between two items of a [...] list", NULL, NULL},
	{"invalid indentation in mapping", "this key is not indented like the keys beside it", NULL, NULL},
};

/* libfyaml writes what it does not collect here, never to stderr. */
static void yaml_output(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
}

static int last_line(const char *text, size_t len)
{
	int n = 1;
	size_t i;

	for (i = 0; i + 1 < len; i++)
		n += text[i] == '\n';
	return n;
}

/* Turns libfyaml's collected errors into ours; returns how many there were. */
static int yaml_errors(struct pb_ctx *c, struct fy_diag *diag, const char *text, size_t len)
{
	struct fy_diag_error *e;
	void *it = NULL;
	int n = 0, line, max = last_line(text, len);
	size_t i, toklen = 0;
	const char *tok;

	while ((e = fy_diag_errors_iterate(diag, &it))) {
		if (e->type < FYET_ERROR)
			continue;
		line = e->line < 1 ? 1 : e->line > max ? max : e->line;
		for (i = 0; i < sizeof(yaml_messages) / sizeof(yaml_messages[0]); i++)
			if (e->msg && strcmp(e->msg, yaml_messages[i].libfyaml) == 0)
				break;
		tok = e->fyt ? fy_token_get_text(e->fyt, &toklen) : NULL;
		if (i == sizeof(yaml_messages) / sizeof(yaml_messages[0]))
			pb_error(c, "", line, "YAML error: %s", e->msg ? e->msg : "the text is not valid YAML");
		else if (tok && toklen && toklen < 64 && yaml_messages[i].before)
			pb_error(c, "", line, "YAML error: %s%.*s%s", yaml_messages[i].before, (int)toklen, tok,
				 yaml_messages[i].after);
		else
			pb_error(c, "", line, "YAML error: %s", yaml_messages[i].ours);
		n++;
	}
	return n;
}

/* The 1-based line of the first byte of text that is not UTF-8, or 0 if it all is. A UTF-8
 * sequence never holds a newline byte, so the text is valid when each line is. */
static int utf8_bad_line(const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;
	int line = 1;

	for (; p < end; p = nl + 1, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (!text_utf8_valid(p, (size_t)(nl - p)))
			return line;
	}
	return 0;
}

/* The line of the first run of 4 or more ' in text, or 0. */
static int quote_run_line(const char *text, size_t len)
{
	int line = 1, run = 0;

	for (size_t i = 0; i < len; i++) {
		run = text[i] == '\'' ? run + 1 : 0;
		if (run >= 4)
			return line;
		line += text[i] == '\n';
	}
	return 0;
}

/* Parses text as one YAML document and hands its root to use(); records every error. */
static void yaml_read(struct pb_ctx *c, const char *text, size_t len,
		      void (*use)(struct pb_ctx *c, struct fy_node *root))
{
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg pcfg;
	struct fy_diag *diag;
	struct fy_parser *fyp = NULL;
	struct fy_document *doc = NULL, *next = NULL;
	int bad = utf8_bad_line(text, len);
	const char *nul = memchr(text, '\0', len);
	char msg[256];

	if (nul) {
		/* a NUL byte is not YAML text; libfyaml 0.8 also leaks a buffer on one (fuzz/regressions) */
		int line = 1;

		for (const char *p = text; p < nul; p++)
			line += *p == '\n';
		pb_error(c, "", line, "the playbook contains a NUL byte: not a text file");
		return;
	}
	if (bad) {
		/* YAML is Unicode text; and libfyaml 0.7 loops forever on a directive ("%") that is
		 * followed by a byte that is not UTF-8 (fuzz/regressions/playbook) */
		pb_error(c, "", bad, "the playbook is not UTF-8 text; save it as UTF-8");
		return;
	}
	bad = quote_run_line(text, len);
	if (bad) {
		/* libfyaml 0.7 reads two '' escapes in a row wrongly ('a''''b' as a''', not a''b) and
		 * leaks a buffer on four, even to compare keys while loading (fuzz/regressions/playbook) */
		pb_error(c, "", bad,
			 "4 or more ' in a row are not accepted (the YAML reader reads them wrongly): use "
			 "fewer, or write them as \\x27 inside double quotes");
		return;
	}
	bad = pb_alias_check(text, len, msg, sizeof(msg));
	if (bad) {
		/* libfyaml copies what an alias stands for when it resolves the document: nested
		 * aliases ("a billion laughs") would take all memory; refused before any copy */
		pb_error(c, "", bad, "%s", msg);
		return;
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = yaml_output;
	dcfg.user = c;
	dcfg.colorize = false;
	dcfg.level = FYET_ERROR;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		pb_error(c, "", 1, "the YAML reader could not start");
		return;
	}
	fy_diag_set_collect_errors(diag, true);
	memset(&pcfg, 0, sizeof(pcfg));
	pcfg.flags = FYPCF_QUIET | FYPCF_RESOLVE_DOCUMENT;
	pcfg.diag = diag;
	fyp = fy_parser_create(&pcfg);
	if (!fyp || fy_parser_set_string(fyp, text, len) != 0) {
		pb_error(c, "", 1, "the YAML reader could not start");
		goto done;
	}
	doc = fy_parse_load_document(fyp);
	if (doc)
		next = fy_parse_load_document(fyp);
	if (yaml_errors(c, diag, text, len) > 0)
		goto done;
	if (!doc && fy_diag_got_error(diag))
		pb_error(c, "", 1, "YAML error: the text is not valid YAML");
	else if (!doc)
		pb_error(c, "", 1, "the playbook is empty: it needs at least org: {name, timezone}");
	else if (next)
		pb_error(c, "", pb_node_line(fy_document_root(next), last_line(text, len)),
			 "a second YAML document starts here (after ---); a playbook is one document");
	else
		use(c, fy_document_root(doc));
done:
	if (next)
		fy_parse_document_destroy(fyp, next);
	if (doc)
		fy_parse_document_destroy(fyp, doc);
	if (fyp)
		fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
}

/* ---------------------------------------------------------------- defaults */

static void use_default_stages(struct pb_ctx *c, struct fy_node *root)
{
	struct fy_node *stages = fy_node_mapping_lookup_by_string(root, "stages", FY_NT);

	if (stages)
		pb_schema_read_stages(c, stages, "stages", pb_node_line(stages, 1));
}

/* What a playbook holds before its text is read: the values its sections fall back to. */
static void set_defaults(struct pb_ctx *c)
{
	struct playbook *pb = c->pb;
	struct pb_ctx dc;
	int s;

	pb->org.name = "";
	pb->org.timezone = "UTC";
	pb->org.hours.days = 0x1f; /* mon-fri */
	pb->org.hours.start = 9 * 60;
	pb->org.hours.end = 18 * 60;
	for (s = 0; s < STAGE_COUNT; s++) {
		pb->stages[s].label = stage_name((enum stage)s);
		pb->stages[s].definition = "";
	}
	/* one source of truth for the stage vocabulary: the built-in playbook's own text */
	ctx_init(&dc, pb);
	yaml_read(&dc, playbook_default_text, playbook_default_text_len, use_default_stages);
	if (dc.nfound)
		pb_error(c, "stages", 1, "the built-in playbook's stages do not read: %s", dc.errs->items[0].message);
	ctx_release(&dc);
	for (s = 0; s < STAGE_COUNT; s++)
		pb->stages[s].requires.n = 0;
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

static void check_hours(struct pb_ctx *c)
{
	const struct pb_hours *h = &c->pb->org.hours;
	char a[16], b[16];

	if (h->start < h->end || errors_under(c, "org.business_hours"))
		return;
	snprintf(a, sizeof(a), "%02d:%02d", h->start / 60, h->start % 60);
	snprintf(b, sizeof(b), "%02d:%02d", h->end / 60, h->end % 60);
	pb_error(c, "org.business_hours.end", line_of(c, "org.business_hours.end", line_of(c, "org.business_hours", 1)),
		 "business hours must end after they start (start %s, end %s)", a, b);
}

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

static void read_and_check(struct pb_ctx *c, struct fy_node *root)
{
	int before = c->nfound;

	pb_schema_read(c, root);
	if (c->nfound > before && (!root || !fy_node_is_mapping(root)))
		return;
	check_hours(c);
	check_qualification(c);
	check_follow_up(c);
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
	ctx_init(&c, pb);
	if (err)
		bt_error_clear(err);
	set_defaults(&c);
	yaml_read(&c, pb->text, text ? len : 0, read_and_check);
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
	ctx_release(&c);
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
	struct arena *arena;

	if (!pb || !*pb)
		return;
	arena = (*pb)->arena;
	*pb = NULL;
	arena_free(&arena);
}

const struct pb_qfield *playbook_qfield(const struct playbook *pb, const char *name)
{
	size_t i;

	for (i = 0; pb && name && i < pb->qualification.nfields; i++)
		if (pb->qualification.fields[i].name && strcmp(pb->qualification.fields[i].name, name) == 0)
			return &pb->qualification.fields[i];
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

const char *pb_task_name(enum pb_task t)
{
	static const char *const names[PB_TASK_COUNT] = {
		"reschedule_prospect_initiated",
		"reschedule_seller_initiated",
		"reengage_stalled_opportunity",
		"reschedule_no_show",
	};

	return (unsigned)t < PB_TASK_COUNT ? names[t] : "?";
}
