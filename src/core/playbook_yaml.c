/* playbook_yaml.c - the playbook's text into one YAML document (SPEC section 4). Text libfyaml
 * would mishandle is refused first, with its line: a NUL byte, bytes that are not UTF-8, runs of
 * quotes it misreads, aliases that would copy too much (playbook_alias.c). libfyaml's
 * diagnostics are captured (nothing is printed) and become errors in the words of a sales-ops
 * reader; the document's root is handed to the schema (playbook_schema.c). */
#include <stdbool.h>
#include <string.h>

#include <libfyaml.h>

#include "core/playbook_priv.h"
#include "util/text.h"

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

/* Refuses, with its line, text that libfyaml must not see; returns 1 if it did. */
static int refuse_unsafe(struct pb_ctx *c, const char *text, size_t len)
{
	int bad = utf8_bad_line(text, len);
	const char *nul = memchr(text, '\0', len);
	char msg[256];

	if (nul) {
		/* a NUL byte is not YAML text; libfyaml 0.8 also leaks a buffer on one (fuzz/regressions) */
		int line = 1;

		for (const char *p = text; p < nul; p++)
			line += *p == '\n';
		pb_error(c, "", line, "the playbook contains a NUL byte: not a text file");
		return 1;
	}
	if (bad) {
		/* YAML is Unicode text; and libfyaml 0.7 loops forever on a directive ("%") that is
		 * followed by a byte that is not UTF-8 (fuzz/regressions/playbook) */
		pb_error(c, "", bad, "the playbook is not UTF-8 text; save it as UTF-8");
		return 1;
	}
	bad = quote_run_line(text, len);
	if (bad) {
		/* libfyaml 0.7 reads two '' escapes in a row wrongly ('a''''b' as a''', not a''b) and
		 * leaks a buffer on four, even to compare keys while loading (fuzz/regressions/playbook) */
		pb_error(c, "", bad,
			 "4 or more ' in a row are not accepted (the YAML reader reads them wrongly): use "
			 "fewer, or write them as \\x27 inside double quotes");
		return 1;
	}
	bad = pb_alias_check(text, len, msg, sizeof(msg));
	if (bad) {
		/* libfyaml copies what an alias stands for when it resolves the document: nested
		 * aliases ("a billion laughs") would take all memory; refused before any copy */
		pb_error(c, "", bad, "%s", msg);
		return 1;
	}
	return 0;
}

int pb_yaml_read(struct pb_ctx *c, const char *text, size_t len, int (*use)(struct pb_ctx *c, struct pb_node *root))
{
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg pcfg;
	struct fy_diag *diag;
	struct fy_parser *fyp = NULL;
	struct fy_document *doc = NULL, *next = NULL;
	int rc = -1;

	if (refuse_unsafe(c, text, len))
		return -1;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = yaml_output;
	dcfg.user = c;
	dcfg.colorize = false;
	dcfg.level = FYET_ERROR;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		pb_error(c, "", 1, "the YAML reader could not start");
		return -1;
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
		pb_error(c, "", pb_node_line((struct pb_node *)(void *)fy_document_root(next), last_line(text, len)),
			 "a second YAML document starts here (after ---); a playbook is one document");
	else
		rc = use(c, (struct pb_node *)(void *)fy_document_root(doc));
done:
	if (next)
		fy_parse_document_destroy(fyp, next);
	if (doc)
		fy_parse_document_destroy(fyp, doc);
	if (fyp)
		fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	return rc;
}
