/* playbook_text.c - URL passwords in the playbook's text, masked and put back; see
 * playbook_text.h. A URL is a scheme, "://" and what follows up to white space, a quote or
 * YAML's flow punctuation; its password is what lies between the first ':' and the last '@' of
 * its authority (before the first '/', '?' or '#'). */
#include "io/playbook_text.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

#define MASK "***"

/* A URL in a text, [start, end), and its password [pw, pw_end) (pw NULL when it has none). */
struct url_span {
	const char *start, *end, *pw, *pw_end;
};

static int scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
	       c == '.';
}

static int ends_url(char c)
{
	return !c || strchr(" \t\r\n\"',{}[]<>", c) != NULL;
}

/* Finds the first URL of the text [from, ...) whose scheme starts at or after `from`: 1 and *u,
 * else 0. */
static int next_url(const char *from, struct url_span *u)
{
	const char *p = from, *sep, *q, *auth, *at;

	while ((sep = strstr(p, "://")) != NULL) {
		u->start = sep;
		while (u->start > from && scheme_char(u->start[-1]))
			u->start--;
		p = sep + 3;
		if (u->start == sep)
			continue; /* no scheme before it */
		for (u->end = p; !ends_url(*u->end); u->end++)
			;
		for (auth = p; auth < u->end && *auth != '/' && *auth != '?' && *auth != '#'; auth++)
			;
		for (at = NULL, q = p; q < auth; q++)
			if (*q == '@')
				at = q;
		q = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
		u->pw = q ? q + 1 : NULL;
		u->pw_end = at;
		return 1;
	}
	return 0;
}

/* 1 if the password of u is the mask. */
static int masked(const struct url_span *u)
{
	return u->pw && (size_t)(u->pw_end - u->pw) == strlen(MASK) && strncmp(u->pw, MASK, strlen(MASK)) == 0;
}

/* Appends the URL u to sb with its password masked. */
static void add_masked(struct strbuf *sb, const struct url_span *u)
{
	if (!u->pw) {
		strbuf_add(sb, u->start, (size_t)(u->end - u->start));
		return;
	}
	strbuf_add(sb, u->start, (size_t)(u->pw - u->start));
	strbuf_addstr(sb, MASK);
	strbuf_add(sb, u->pw_end, (size_t)(u->end - u->pw_end));
}

char *playbook_text_mask(const char *text)
{
	struct strbuf sb;
	struct url_span u;
	const char *p = text;

	strbuf_init(&sb);
	while (next_url(p, &u)) {
		strbuf_add(&sb, p, (size_t)(u.start - p));
		add_masked(&sb, &u);
		p = u.end;
	}
	strbuf_addstr(&sb, p);
	return strbuf_detach(&sb);
}

/* The URL of `current` whose masked form is the masked URL m: 1 and *found, else 0. */
static int find_original(const char *current, const struct url_span *m, struct url_span *found)
{
	const char *p = current;
	struct strbuf sb;
	int same = 0;

	strbuf_init(&sb);
	while (!same && next_url(p, found)) {
		strbuf_reset(&sb);
		add_masked(&sb, found);
		same = found->pw && !masked(found) && sb.len == (size_t)(m->end - m->start) &&
		       memcmp(sb.buf, m->start, sb.len) == 0;
		p = found->end;
	}
	strbuf_release(&sb);
	return same;
}

int playbook_text_unmask(const char *text, const char *current, char **out, struct bt_error *err)
{
	struct strbuf sb;
	struct url_span u, orig;
	const char *p = text, *q;
	int line;

	*out = NULL;
	strbuf_init(&sb);
	while (next_url(p, &u)) {
		strbuf_add(&sb, p, (size_t)(u.start - p));
		if (!masked(&u)) {
			strbuf_add(&sb, u.start, (size_t)(u.end - u.start));
		} else if (current && find_original(current, &u, &orig)) {
			strbuf_add(&sb, orig.start, (size_t)(orig.end - orig.start));
		} else {
			for (line = 1, q = text; q < u.start; q++)
				line += *q == '\n';
			strbuf_release(&sb);
			return bt_fail(
				err, BT_BAD_INPUT, "url", line,
				"this URL's password is masked (" MASK ") and the playbook in force has no URL like it "
				"to take it from: write the password, or name an environment variable that holds it");
		}
		p = u.end;
	}
	strbuf_addstr(&sb, p);
	*out = strbuf_detach(&sb);
	return 0;
}
