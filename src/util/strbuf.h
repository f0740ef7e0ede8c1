/* strbuf.h - the one growable string buffer (git's strbuf): builds text, SQL, JSON and log
 * lines. Invariant: after strbuf_init() `buf` is never NULL and always NUL-terminated, so it
 * can be used in any C string function; `len` excludes the terminator. */
#ifndef BATON_STRBUF_H
#define BATON_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;  /* never NULL after init; owned unless it is the shared empty string */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated, 0 while buf is the shared empty string */
};

/* Makes sb an empty buffer that owns nothing yet. */
void strbuf_init(struct strbuf *sb);

/* Frees what sb owns and makes it empty again. */
void strbuf_release(struct strbuf *sb);

/* Empties sb, keeping its memory. */
void strbuf_reset(struct strbuf *sb);

/* Appends n bytes; data may point into sb->buf itself. */
void strbuf_add(struct strbuf *sb, const void *data, size_t n);

/* Appends a C string. */
void strbuf_addstr(struct strbuf *sb, const char *s);

/* Appends one character. */
void strbuf_addch(struct strbuf *sb, char c);

/* Appends printf-formatted text. */
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends a signed integer in decimal (no printf machinery: hot paths use it). */
void strbuf_addint(struct strbuf *sb, long long v);

/* Hands the buffer to the caller (who frees it with free()) and empties sb. */
char *strbuf_detach(struct strbuf *sb);

#endif
