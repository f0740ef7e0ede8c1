/* email.c - validation and normalisation of an email address; see email.h. The steps are
 * the order of the rule: bytes (UTF-8, size), NFKC, trim, case folding, then the characters
 * left (a table of what an address may not contain) and the shape (@, local part, domain). */
#include "core/email.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "util/text.h"

#define QUOTE_MAX 100 /* bytes of the address quoted in a message, at most */

static int is_control(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_Cc);
}

static int is_space(ucs4_t uc)
{
	return uc_is_property_white_space(uc) || uc_is_general_category(uc, UC_CATEGORY_Z);
}

/* zero-width spaces and joiners, word joiner, BOM, soft hyphen, variation selectors, ... */
static int is_invisible(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_Cf) || uc_is_property_default_ignorable_code_point(uc);
}

static int is_unassigned(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_Cn) || uc_is_general_category(uc, UC_CATEGORY_Co) ||
	       uc_is_general_category(uc, UC_CATEGORY_Cs);
}

/* what the old rule refused too: the separators of an address list and its brackets */
static int is_list_punct(ucs4_t uc)
{
	return uc == ',' || uc == '"' || uc == '<' || uc == '>';
}

/* What may not be left inside a normalised address, in the order it is reported (is_list_punct
 * last: check() asks only it of printable ASCII). */
static const struct {
	int (*is)(ucs4_t uc);
	const char *what;
} refused[] = {
	{is_control, "a control character"},
	{is_space, "white space"},
	{is_invisible, "an invisible character"},
	{is_unassigned, "an unassigned or private-use character"},
	{is_list_punct, "a character an address cannot have"},
};

static int trimmed(ucs4_t uc)
{
	return is_space(uc) || is_invisible(uc);
}

/* Narrows the valid UTF-8 [*s, *s + *n) to drop white space and invisible characters at both ends. */
static void trim(const uint8_t **s, size_t *n)
{
	const uint8_t *p = *s, *end = *s + *n, *last = p;
	ucs4_t uc;
	int k;

	while (p < end && (k = u8_mbtouc(&uc, p, (size_t)(end - p))) > 0 && trimmed(uc))
		p += k;
	*s = p;
	for (last = p; p < end; p += k) {
		k = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (!trimmed(uc))
			last = p + k;
	}
	*n = (size_t)(last - *s);
}

/* How many bytes of the valid UTF-8 s to quote in a message: at most QUOTE_MAX, whole characters. */
static int quote_len(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0;
	ucs4_t uc;
	int k;

	while (i < n && (k = u8_mbtouc(&uc, p + i, n - i)) > 0 && i + (size_t)k <= QUOTE_MAX)
		i += (size_t)k;
	return (int)i;
}

/* Checks the characters and the shape of the normalised address e; 0 or -BT_BAD_INPUT. */
static int check(const char *e, struct bt_error *err)
{
	const uint8_t *p = (const uint8_t *)e, *end = p + strlen(e);
	const char *at, *dot;
	size_t chars = 0, i;
	ucs4_t uc;
	int k;

	for (; p < end; p += k, chars++) {
		k = u8_mbtouc(&uc, p, (size_t)(end - p));
		/* printable ASCII but the space is none of the first four kinds: only the last asks */
		for (i = uc > ' ' && uc < 0x7f ? sizeof(refused) / sizeof(refused[0]) - 1 : 0;
		     i < sizeof(refused) / sizeof(refused[0]); i++)
			if (refused[i].is(uc))
				return bt_fail(err, BT_BAD_INPUT, "email", 0,
					       "email contains %s (U+%04X) at character %zu", refused[i].what,
					       (unsigned)uc, chars + 1);
	}
	if (chars > EMAIL_MAX_CHARS)
		return bt_fail(err, BT_BAD_INPUT, "email", 0, "email is longer than %d characters", EMAIL_MAX_CHARS);
	at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@') || !at[1])
		return bt_fail(err, BT_BAD_INPUT, "email", 0, "'%.*s' is not an email address", quote_len(e), e);
	dot = strrchr(at, '.');
	if (!dot || at[1] == '.' || strstr(at, "..") || !dot[1])
		return bt_fail(err, BT_BAD_INPUT, "email", 0, "'%.*s' has no valid domain", quote_len(e), e);
	return 0;
}

/* The form of a printable ASCII address (trimmed of spaces, A-Z folded), checked like any other:
 * the same answer as the full rule at a tenth of the cost (lead import's hot path). */
static int normalize_ascii(const char *in, size_t n, struct arena *a, const char **out, struct bt_error *err)
{
	const char *p = in, *q = in + n;
	char *e;
	size_t i;
	int rc;

	while (p < q && *p == ' ')
		p++;
	while (q > p && q[-1] == ' ')
		q--;
	if (p == q)
		return bt_fail(err, BT_BAD_INPUT, "email", 0, "email is required");
	e = arena_alloc(a, (size_t)(q - p) + 1);
	for (i = 0; p + i < q; i++)
		e[i] = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] - 'A' + 'a') : p[i];
	rc = check(e, err);
	if (!rc)
		*out = e;
	return rc;
}

int email_normalize(const char *in, struct arena *a, const char **out, struct bt_error *err)
{
	uint8_t *nfkc = NULL, *folded = NULL;
	const uint8_t *s;
	size_t n, len;
	char *e;
	int rc = 0;

	n = in ? strlen(in) : 0;
	if (!n)
		return bt_fail(err, BT_BAD_INPUT, "email", 0, "email is required");
	if (n > EMAIL_MAX_INPUT)
		return bt_fail(err, BT_BAD_INPUT, "email", 0, "email is longer than %d characters", EMAIL_MAX_CHARS);
	if (text_printable_ascii(in, n)) /* NFKC leaves it as it is, case folding maps only A-Z */
		return normalize_ascii(in, n, a, out, err);
	if (u8_check((const uint8_t *)in, n))
		return bt_fail(err, BT_BAD_INPUT, "email", 0, "email is not valid UTF-8 text");
	nfkc = u8_normalize(UNINORM_NFKC, (const uint8_t *)in, n, NULL, &len);
	if (!nfkc)
		abort(); /* out of memory (the input is valid): as arena_alloc does */
	s = nfkc;
	trim(&s, &len);
	if (!len) {
		rc = bt_fail(err, BT_BAD_INPUT, "email", 0, "email is required");
		goto done;
	}
	/* case folded, then NFKC again (folding can undo it): the form Unicode's compatibility
	 * caseless matching compares */
	folded = u8_casefold(s, len, NULL, UNINORM_NFKC, NULL, &len);
	if (!folded)
		abort();
	e = arena_alloc(a, len + 1);
	memcpy(e, folded, len);
	rc = check(e, err);
	if (!rc)
		*out = e;
done:
	free(nfkc);
	free(folded);
	return rc;
}
