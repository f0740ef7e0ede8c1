/* csv_out.c - RFC 4180 cells with formula neutralisation; see csv_out.h. */
#include "io/csv_out.h"

#include <string.h>

/* the first characters that make a spreadsheet read a cell as a formula (OWASP) */
#define FORMULA_START "=+-@\t\r"

void csv_out_init(struct csv_out *o, FILE *f)
{
	o->f = f;
	o->col = 0;
}

int csv_formula_like(const char *s)
{
	return s && s[0] && strchr(FORMULA_START, s[0]) != NULL;
}

int csv_neutralised(const char *s, size_t n)
{
	return n >= 2 && s[0] == '\'' && s[1] && strchr(FORMULA_START, s[1]) != NULL;
}

static const char *digits(const char *s)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > s ? p : NULL;
}

int csv_is_number(const char *s)
{
	if (!s)
		return 0;
	if (*s == '-')
		s++;
	if (!(s = digits(s)))
		return 0;
	if (*s == '.' && !(s = digits(s + 1)))
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(s = digits(s)))
			return 0;
	}
	return *s == '\0';
}

/* Writes one cell: the separator before it, the prefix if asked, quoting if needed. */
static void cell(struct csv_out *o, const char *s, int prefix)
{
	int quote = s && strpbrk(s, ",\"\r\n") != NULL;

	if (o->col++)
		fputc(',', o->f);
	if (!s)
		return;
	if (quote)
		fputc('"', o->f);
	if (prefix)
		fputc('\'', o->f);
	if (!quote) {
		fputs(s, o->f);
		return;
	}
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', o->f);
		fputc(*s, o->f);
	}
	fputc('"', o->f);
}

void csv_text(struct csv_out *o, const char *s)
{
	cell(o, s, csv_formula_like(s));
}

void csv_number(struct csv_out *o, const char *s)
{
	if (s && !csv_is_number(s))
		csv_text(o, s);
	else
		cell(o, s, 0);
}

void csv_end_row(struct csv_out *o)
{
	fputs("\r\n", o->f);
	o->col = 0;
}
