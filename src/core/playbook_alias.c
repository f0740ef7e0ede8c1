/* playbook_alias.c - the alias budget of a playbook's YAML, checked before libfyaml builds the
 * document. An alias (*name) stands for a copy of what its anchor (&name) holds, and libfyaml
 * makes those copies when it resolves the document: ten nested lists of nine aliases each ("a
 * billion laughs") fit in 600 bytes and expand to 9^10 values. This file reads the text as a
 * stream of parse events, which copies nothing, and adds up what every alias would copy, so
 * playbook_yaml.c refuses the text, with the line, before anything is expanded (docs/playbook.md). */
#include <stdio.h>
#include <string.h>

#include <libfyaml.h>

#include "core/playbook_priv.h"
#include "util/arena.h"

struct anchor {
	const char *name; /* owned by the scan's arena */
	size_t len;
	size_t size; /* values it holds, aliases inside counted as their copies */
};

/* One open map or list: the values it holds so far and its anchor (NULL if none). */
struct open_node {
	size_t size;
	struct fy_token *anchor; /* borrowed from its start event, which is kept until the end */
	struct fy_event *start;  /* the start event, freed when the node closes */
};

#define PB_ALIAS_DEPTH 256 /* maps and lists inside each other, at most */

struct alias_scan {
	struct fy_parser *fyp;
	struct arena *arena;
	struct anchor anchors[PB_ANCHORS_MAX];
	size_t nanchors;
	struct open_node open[PB_ALIAS_DEPTH];
	size_t depth;
	size_t copied; /* values aliases copy, in all */
	int line;      /* where the text was refused, 0 while it is not */
	char *msg;     /* the refusal, msgsize bytes */
	size_t msgsize;
};

/* libfyaml writes what it does not collect here, never to stderr. */
static void quiet(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
}

static int mark_line(struct fy_event *e)
{
	const struct fy_mark *m = fy_event_start_mark(e);

	return m ? m->line + 1 : 1;
}

/* Records anchor tok (may be NULL) as holding size values; 0, or -1 past PB_ANCHORS_MAX. */
static int anchor_add(struct alias_scan *s, struct fy_token *tok, size_t size, int line)
{
	const char *name;
	size_t len = 0;

	if (!tok)
		return 0;
	name = fy_token_get_text(tok, &len);
	if (!name)
		return 0;
	if (s->nanchors == PB_ANCHORS_MAX) {
		s->line = line;
		snprintf(s->msg, s->msgsize, "more than %d anchors (&name); a playbook may define at most %d",
			 PB_ANCHORS_MAX, PB_ANCHORS_MAX);
		return -1;
	}
	s->anchors[s->nanchors].name = arena_strndup(s->arena, name, len);
	s->anchors[s->nanchors].len = len;
	s->anchors[s->nanchors].size = size;
	s->nanchors++;
	return 0;
}

/* The values the alias event e copies: its anchor's, the latest of that name (0 if unknown:
 * libfyaml reports the alias itself). */
static size_t alias_size(const struct alias_scan *s, struct fy_event *e)
{
	const char *name;
	size_t len = 0, i;

	name = e->alias.anchor ? fy_token_get_text(e->alias.anchor, &len) : NULL;
	for (i = s->nanchors; name && i > 0; i--)
		if (s->anchors[i - 1].len == len && memcmp(s->anchors[i - 1].name, name, len) == 0)
			return s->anchors[i - 1].size;
	return 0;
}

/* Adds a value of size values (an alias's copies, or a closed map or list) to the node that
 * holds it; 0, or -1 when aliases copy more than PB_ALIAS_VALUES_MAX values. */
static int value_add(struct alias_scan *s, size_t size, size_t copies, const char *alias, size_t alen, int line)
{
	s->copied += copies;
	if (s->copied > PB_ALIAS_VALUES_MAX) {
		s->line = line;
		snprintf(s->msg, s->msgsize,
			 "the alias *%.*s makes aliases copy more than %d values in all (nested anchors and aliases "
			 "multiply); a playbook's aliases may copy at most %d",
			 alen > 64 ? 64 : (int)alen, alias, PB_ALIAS_VALUES_MAX, PB_ALIAS_VALUES_MAX);
		return -1;
	}
	if (s->depth)
		s->open[s->depth - 1].size += size;
	return 0;
}

/* Takes one event (and frees it, or keeps a start event until its node closes); 0 to go on,
 * 1 at the end of the stream or on a YAML error (left to the loader), -1 refused. */
static int scan_event(struct alias_scan *s, struct fy_event *e)
{
	struct open_node *o;
	const char *name;
	size_t len = 0, size;
	int rc = 0, line = mark_line(e);

	switch (e->type) {
	case FYET_MAPPING_START:
	case FYET_SEQUENCE_START:
		if (s->depth == PB_ALIAS_DEPTH) {
			s->line = line;
			snprintf(s->msg, s->msgsize, "maps and lists are nested more than %d deep", PB_ALIAS_DEPTH);
			rc = -1;
			break;
		}
		o = &s->open[s->depth++];
		o->size = 1;
		o->anchor = e->type == FYET_MAPPING_START ? e->mapping_start.anchor : e->sequence_start.anchor;
		o->start = e;
		return 0;
	case FYET_MAPPING_END:
	case FYET_SEQUENCE_END:
		if (!s->depth) {
			rc = 1;
			break;
		}
		o = &s->open[--s->depth];
		size = o->size;
		rc = anchor_add(s, o->anchor, size, mark_line(o->start));
		fy_parser_event_free(s->fyp, o->start);
		if (!rc)
			rc = value_add(s, size, 0, "", 0, line);
		break;
	case FYET_SCALAR:
		rc = anchor_add(s, e->scalar.anchor, 1, line);
		if (!rc)
			rc = value_add(s, 1, 0, "", 0, line);
		break;
	case FYET_ALIAS:
		size = alias_size(s, e);
		name = e->alias.anchor ? fy_token_get_text(e->alias.anchor, &len) : "";
		rc = value_add(s, size, size ? size : 1, name ? name : "", name ? len : 0, line);
		break;
	case FYET_STREAM_END: rc = 1; break;
	default: break;
	}
	fy_parser_event_free(s->fyp, e);
	return rc;
}

int pb_alias_check(const char *text, size_t len, char *msg, size_t msgsize)
{
	struct alias_scan s;
	struct fy_diag_cfg dcfg;
	struct fy_parse_cfg pcfg;
	struct fy_diag *diag = NULL;
	struct fy_event *e;
	int rc = 0;

	memset(&s, 0, sizeof(s));
	s.msg = msg;
	s.msgsize = msgsize;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = quiet;
	dcfg.colorize = false;
	dcfg.level = FYET_ERROR;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		return 0;
	fy_diag_set_collect_errors(diag, true); /* kept quiet: the loader reports YAML errors */
	memset(&pcfg, 0, sizeof(pcfg));
	pcfg.flags = FYPCF_QUIET;
	pcfg.diag = diag;
	s.fyp = fy_parser_create(&pcfg);
	if (!s.fyp || fy_parser_set_string(s.fyp, text, len) != 0)
		goto done;
	s.arena = arena_new();
	while (rc == 0 && (e = fy_parser_parse(s.fyp)))
		rc = scan_event(&s, e);
	while (s.depth)
		fy_parser_event_free(s.fyp, s.open[--s.depth].start);
	arena_free(&s.arena);
done:
	if (s.fyp)
		fy_parser_destroy(s.fyp);
	fy_diag_destroy(diag);
	return s.line;
}
