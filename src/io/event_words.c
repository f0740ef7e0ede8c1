/* event_words.c - an event's payload in words for the command line's timeline; see
 * event_words.h. Walks the payload's fields as event_json.c does (a list's items share a key,
 * a nested object's keys share a prefix before the dot) and writes each value for people. */
#include "io/event_words.h"

#include <string.h>

#include "core/clock.h"
#include "core/tz.h"

#define CENTS_SUFFIX "_cents"

/* 1 if key (n bytes) ends in "_cents": an amount. */
static int is_cents(const char *key, size_t n)
{
	size_t k = sizeof(CENTS_SUFFIX) - 1;

	return n > k && memcmp(key + n - k, CENTS_SUFFIX, k) == 0;
}

/* Appends the n bytes of key as words: underscores as spaces, "_cents" left out. */
static void key_words(struct strbuf *sb, const char *key, size_t n)
{
	size_t i;

	if (is_cents(key, n))
		n -= sizeof(CENTS_SUFFIX) - 1;
	for (i = 0; i < n; i++)
		strbuf_addch(sb, key[i] == '_' ? ' ' : key[i]);
}

/* Appends text s on one line, control characters as spaces; in double quotes when it holds one
 * of the separators `seps` (a note that says "a; b" stays one value). */
static void text_words(struct strbuf *sb, const char *s, const char *seps)
{
	int quote = strpbrk(s, seps) != NULL;

	strbuf_addstr(sb, quote ? "\"" : "");
	for (; *s; s++)
		strbuf_addch(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
	strbuf_addstr(sb, quote ? "\"" : "");
}

/* Appends f's value; `cents`: an integer amount in cents; `seps`: the separators around it. */
static void value_words(struct strbuf *sb, const struct field *f, int cents, const char *seps, const char *zone)
{
	char when[24];
	int64_t t;

	switch (f->type) {
	case FIELD_STR:
		if (clock_parse_rfc3339(f->s, &t) == 0)
			strbuf_addstr(sb, tz_format(zone, t, when));
		else
			text_words(sb, f->s, seps);
		break;
	case FIELD_INT:
		if (cents)
			strbuf_addf(sb, "%s%lld.%02lld", f->i < 0 ? "-" : "",
				    (long long)(f->i < 0 ? -f->i : f->i) / 100,
				    (long long)(f->i < 0 ? -f->i : f->i) % 100);
		else
			strbuf_addint(sb, (long long)f->i);
		break;
	case FIELD_REAL: strbuf_addf(sb, "%.4g", f->r); break;
	case FIELD_BOOL: strbuf_addstr(sb, f->i ? "yes" : "no"); break;
	}
}

/* The length of fields[i]'s group name: the whole key, or its prefix before the dot. */
static size_t group_len(const struct field *f)
{
	const char *dot = f->item ? NULL : strchr(f->key, '.');

	return dot ? (size_t)(dot - f->key) : strlen(f->key);
}

/* 1 if fields j and i belong to one group: the same list, or the same nested object. */
static int same_group(const struct field *fj, const struct field *fi)
{
	size_t n = group_len(fi);

	if (fi->item || fj->item)
		return fi->item && fj->item && strcmp(fi->key, fj->key) == 0;
	return fi->key[n] == '.' && strncmp(fj->key, fi->key, n + 1) == 0;
}

void event_payload_words(const struct event *ev, const char *zone, struct strbuf *sb)
{
	size_t i, j, n;
	int first = 1;

	for (i = 0; i < ev->nfields; i++) {
		const struct field *f = &ev->fields[i];
		int grouped = f->item || strchr(f->key, '.') != NULL, done = 0, sub = 0;

		for (j = 0; grouped && j < i && !done; j++)
			done = same_group(&ev->fields[j], f);
		if (done)
			continue; /* written with its group's first field */
		n = group_len(f);
		strbuf_addstr(sb, first ? "" : "; ");
		key_words(sb, f->key, n);
		strbuf_addstr(sb, ": ");
		first = 0;
		if (!grouped) {
			value_words(sb, f, f->type == FIELD_INT && is_cents(f->key, n), ";", zone);
			continue;
		}
		for (j = i; j < ev->nfields; j++) {
			const struct field *g = &ev->fields[j];

			if (!same_group(g, f))
				continue;
			strbuf_addstr(sb, sub++ ? ", " : "");
			if (!g->item) {
				strbuf_addstr(sb, g->key + n + 1);
				strbuf_addch(sb, '=');
			}
			value_words(sb, g, 0, ";,", zone);
		}
	}
}
