/* search.c - the search form of a text and the match of a lead; see search.h. Printable ASCII
 * takes a short road (lower case: what the full rule gives it); anything else goes through
 * libunistring: u8_casefold to NFKD, then the nonspacing marks dropped. A lead's fields are
 * folded into a buffer on the stack (the search reads every lead of a list). */
#include "core/search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/arena.h"
#include "util/text.h"

#define FOLD_BUF 1024 /* bytes on the stack for a field's search form; a longer one is malloc'd */

/* s[0..n) with A-Z lower-cased, NUL-terminated, in buf when it fits in cap bytes, else
 * malloc'd; NULL only when out of memory. */
static char *lower_ascii(const char *s, size_t n, char *buf, size_t cap)
{
	char *out = n < cap ? buf : malloc(n + 1);
	size_t i;

	for (i = 0; out && i < n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	if (out)
		out[n] = '\0';
	return out;
}

/* The search form of s[0..n), NUL-terminated: in buf when it fits in cap bytes, else malloc'd
 * (the caller frees what is not buf); NULL only when out of memory. Bytes that are not UTF-8
 * (nothing stored holds them: text_check) are only lower-cased. */
static char *fold(const char *s, size_t n, char *buf, size_t cap)
{
	uint8_t *f, *w;
	const uint8_t *p, *end;
	size_t len = cap - 1;
	ucs4_t uc;
	int k;

	if (text_printable_ascii(s, n) || !text_utf8_valid(s, n))
		return lower_ascii(s, n, buf, cap);
	f = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFKD, (uint8_t *)buf, &len);
	if (!f)
		return NULL;
	if (f != (uint8_t *)buf) { /* room for the NUL */
		uint8_t *g = realloc(f, len + 1);

		if (!g) {
			free(f);
			return NULL;
		}
		f = g;
	}
	/* drop the combining marks the decomposition split off (the accents), in place */
	for (p = f, end = f + len, w = f; p < end; p += k) {
		k = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (!uc_is_general_category(uc, UC_CATEGORY_Mn)) {
			memmove(w, p, (size_t)k);
			w += k;
		}
	}
	*w = '\0';
	return (char *)f;
}

/* s[0..*n) without the white space at both ends (ASCII white space and U+00A0). */
static const char *trim(const char *s, size_t *n)
{
	while (*n && (s[0] == ' ' || s[0] == '\t'))
		s++, (*n)--;
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	while (*n >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		s += 2, *n -= 2;
	while (*n >= 2 && (unsigned char)s[*n - 2] == 0xc2 && (unsigned char)s[*n - 1] == 0xa0)
		*n -= 2;
	return s;
}

const char *search_fold(const char *s, struct arena *a)
{
	char buf[FOLD_BUF], *f;
	size_t n = s ? strlen(s) : 0;
	const char *out;

	s = trim(s ? s : "", &n);
	f = fold(s, n, buf, sizeof(buf));
	if (!f)
		abort(); /* out of memory: as arena_alloc does */
	out = arena_strdup(a, f);
	if (f != buf)
		free(f);
	return out;
}

int search_query(const char *q, const char *field, struct arena *a, const char **out, struct bt_error *err)
{
	int rc = text_check(field, q, SEARCH_MAX_CHARS, 0, err);

	*out = NULL;
	if (rc || !q)
		return rc;
	*out = search_fold(q, a);
	if (!**out)
		*out = NULL;
	return 0;
}

/* 1 if q is in the search form of s (NULL: no). */
static int contains(const char *s, const char *q)
{
	char buf[FOLD_BUF], *f;
	int found;

	if (!s)
		return 0;
	f = fold(s, strlen(s), buf, sizeof(buf));
	if (!f)
		abort();
	found = strstr(f, q) != NULL;
	if (f != buf)
		free(f);
	return found;
}

int search_lead(const struct lead *l, const char *q)
{
	return contains(l->email, q) || contains(l->name, q) || contains(l->company, q);
}
