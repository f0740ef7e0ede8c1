/* csv_count.c - the employee count as CRM exports write it in a cell (csv_import_employees,
 * declared in csv_import.h): a whole number with thousands separators, a range (its lower bound)
 * or an open one ("10000+"). Read by the lead and the company imports; pure, no allocation. */
#include <stdint.h>
#include <string.h>

#include "io/csv_import.h"

#define COUNT_DIGITS_MAX 18 /* a longer count is not read (int64_t holds 18 digits) */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of a thousands separator at s (",", " ", U+00A0, U+202F), 0 if none. */
static size_t sep_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == ',' || u[0] == ' ')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
		return 3;
	return 0;
}

/* Reads a whole number with optional thousands separators at *sp and moves *sp past it;
 * 0, or -1 if there is none or it is too large. */
static int parse_count(const char **sp, int64_t *out)
{
	const char *s = *sp;
	int64_t v = 0;
	size_t group = 0, digits = 0, sep;

	if (!is_digit(*s))
		return -1;
	for (;;) {
		if (is_digit(*s)) {
			if (++digits > COUNT_DIGITS_MAX)
				return -1;
			v = v * 10 + (*s++ - '0');
			group++;
			continue;
		}
		sep = sep_len(s);
		/* a separator counts only before exactly three digits, after a group of 1-3 */
		if (!sep || group > 3 || !is_digit(s[sep]) || !is_digit(s[sep + 1]) || !is_digit(s[sep + 2]) ||
		    is_digit(s[sep + 3]))
			break;
		s += sep;
		group = 0;
	}
	*sp = s;
	*out = v;
	return 0;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int csv_import_employees(const char *s, int64_t *out)
{
	int64_t lo, hi;

	if (!s)
		return -1;
	s = skip_spaces(s);
	if (parse_count(&s, &lo))
		return -1;
	s = skip_spaces(s);
	if (*s == '+') {
		s++;
	} else if (*s == '-' || strncmp(s, "\xE2\x80\x93", 3) == 0) { /* hyphen or en dash */
		s = skip_spaces(s + (*s == '-' ? 1 : 3));
		if (parse_count(&s, &hi) || hi < lo)
			return -1;
	}
	if (*skip_spaces(s))
		return -1;
	*out = lo;
	return 0;
}
