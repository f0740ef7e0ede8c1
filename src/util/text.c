/* text.c - free-text validation; see text.h. */
#include "util/text.h"

#include <string.h>

int text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned c = *p;
		size_t len, i;
		unsigned cp;

		if (c < 0x80) {
			p++;
			continue;
		}
		if ((c & 0xe0) == 0xc0) {
			len = 2;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(end - p) < len)
			return 0;
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += len;
	}
	return 1;
}

int text_check(const char *field, const char *v, size_t max, int multiline, struct bt_error *err)
{
	const unsigned char *p;
	size_t n;

	if (!v)
		return 0;
	n = strlen(v);
	if (n > max)
		return bt_fail(err, BT_BAD_INPUT, field, 0, "%s is longer than %zu characters", field, max);
	if (!text_utf8_valid(v, n))
		return bt_fail(err, BT_BAD_INPUT, field, 0, "%s is not valid UTF-8 text", field);
	for (p = (const unsigned char *)v; *p; p++) {
		if (*p == 0x7f || (*p < 0x20 && *p != '\t' && !(multiline && (*p == '\n' || *p == '\r'))))
			return bt_fail(err, BT_BAD_INPUT, field, 0, "%s contains a control character", field);
	}
	return 0;
}
