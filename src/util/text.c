/* text.c - free-text validation over libunistring (u8_check, u8_mbsnlen); see text.h. */
#include "util/text.h"

#include <stdint.h>
#include <string.h>
#include <unistr.h>

int text_utf8_valid(const char *s, size_t n)
{
	return u8_check((const uint8_t *)s, n) == NULL;
}

int text_check(const char *field, const char *v, size_t max, int multiline, struct bt_error *err)
{
	const unsigned char *p;
	size_t n;

	if (!v)
		return 0;
	n = strlen(v);
	/* the cap counts characters, not bytes (a name of 101 'é' is 101 characters, 202 bytes);
	 * a text over 4 bytes a character is too long whatever it holds */
	if (n > 4 * max)
		return bt_fail(err, BT_BAD_INPUT, field, 0, "%s is longer than %zu characters", field, max);
	if (!text_utf8_valid(v, n))
		return bt_fail(err, BT_BAD_INPUT, field, 0, "%s is not valid UTF-8 text", field);
	if (n > max && u8_mbsnlen((const uint8_t *)v, n) > max) /* n bytes hold at most n characters */
		return bt_fail(err, BT_BAD_INPUT, field, 0, "%s is longer than %zu characters", field, max);
	for (p = (const unsigned char *)v; *p; p++) {
		if (*p == 0x7f || (*p < 0x20 && *p != '\t' && !(multiline && (*p == '\n' || *p == '\r'))))
			return bt_fail(err, BT_BAD_INPUT, field, 0, "%s contains a control character", field);
	}
	return 0;
}

int text_printable_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

void text_key(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c < 0x80)
			continue;
		if (k + 1 >= n) {
			k = 0;
			break;
		}
		out[k++] = (char)c;
	}
	out[k] = '\0';
}
