/* csv_accounts.c - company exports in, one struct account_row per record; see csv_accounts.h.
 * libcsv does the CSV grammar, fed one physical line at a time so each record knows its line;
 * the header maps through a table of known column names compared by letters and digits. */
#include "io/csv_accounts.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/text.h"

enum acol { AC_NONE = -1, AC_NAME, AC_DOMAIN, AC_SEGMENT, AC_EMPLOYEES, AC_OWNER, AC_COUNT };

static const struct {
	const char *key; /* letters and digits, lower case */
	enum acol col;
} headers[] = {
	{"companyname", AC_NAME},          /* HubSpot */
	{"name", AC_NAME},                 /* HubSpot, baton */
	{"accountname", AC_NAME},          /* Salesforce */
	{"companydomainname", AC_DOMAIN},  /* HubSpot */
	{"websiteurl", AC_DOMAIN},         /* HubSpot */
	{"website", AC_DOMAIN},            /* Salesforce */
	{"domain", AC_DOMAIN},             /* baton */
	{"industry", AC_SEGMENT},          /* both */
	{"segment", AC_SEGMENT},           /* baton */
	{"numberofemployees", AC_EMPLOYEES}, /* HubSpot, Salesforce API */
	{"employees", AC_EMPLOYEES},       /* Salesforce, baton */
	{"companyowner", AC_OWNER},        /* HubSpot */
	{"accountowner", AC_OWNER},        /* Salesforce */
	{"owner", AC_OWNER},               /* baton */
};

struct areader {
	int (*on_row)(void *ctx, int64_t line, const struct account_row *row);
	void *ctx;
	struct bt_error *err;
	struct csv_parser p;
	int have_header;
	int *cols;          /* the enum acol of each header column */
	size_t ncols, capcols;
	size_t field;       /* fields of the current record so far */
	size_t off[AC_COUNT]; /* + 1 into buf, 0: none */
	struct strbuf buf;
	int64_t line, row_line;
	int row_open;
	int rc;
};

static enum acol header_col(const char *s, size_t n)
{
	char key[64], *name = strndup(s, n);
	size_t i;

	if (!name)
		abort();
	text_key(name, key, sizeof(key));
	free(name);
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		if (strcmp(headers[i].key, key) == 0)
			return headers[i].col;
	return AC_NONE;
}

static void on_field(void *data, size_t len, void *ud)
{
	struct areader *r = ud;
	const char *p = data ? data : "";
	size_t col = r->field++;

	if (!data)
		len = 0;
	while (len && (*p == ' ' || *p == '\t'))
		p++, len--;
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r' || p[len - 1] == '\n'))
		len--;
	if (!r->have_header) {
		enum acol c = header_col(p, len);
		size_t i;

		if (col == r->capcols) {
			r->capcols = r->capcols ? 2 * r->capcols : 16;
			r->cols = realloc(r->cols, r->capcols * sizeof(*r->cols));
			if (!r->cols)
				abort();
		}
		for (i = 0; c != AC_NONE && i < col; i++)
			if (r->cols[i] == (int)c)
				c = AC_NONE; /* the first of two columns for one value wins */
		r->cols[col] = c;
		r->ncols = col + 1;
		return;
	}
	if (col >= r->ncols || r->cols[col] == AC_NONE || !len)
		return;
	r->off[r->cols[col]] = r->buf.len + 1;
	strbuf_add(&r->buf, p, len);
	strbuf_addch(&r->buf, '\0');
}

static const char *val(const struct areader *r, enum acol c)
{
	return r->off[c] ? r->buf.buf + r->off[c] - 1 : NULL;
}

static void on_record(int term, void *ud)
{
	struct areader *r = ud;
	struct account_row row;
	size_t i;
	int named = 0;

	(void)term;
	if (r->rc) {
		/* stopped */
	} else if (!r->have_header) {
		for (i = 0; i < r->ncols; i++)
			named |= r->cols[i] == AC_NAME;
		if (!named)
			r->rc = bt_fail(r->err, BT_BAD_INPUT, "name", (int)r->row_line,
					"the file has no company name column (Company name, Name or Account Name)");
		r->have_header = 1;
	} else if (r->buf.len) {
		row.name = val(r, AC_NAME);
		row.domain = val(r, AC_DOMAIN);
		row.segment = val(r, AC_SEGMENT);
		row.employees = val(r, AC_EMPLOYEES);
		row.owner = val(r, AC_OWNER);
		r->rc = r->on_row(r->ctx, r->row_line, &row);
	}
	memset(r->off, 0, sizeof(r->off));
	strbuf_reset(&r->buf);
	r->field = 0;
	r->row_open = 0;
}

/* Feeds s[0..n) to libcsv one line at a time, noting the line each record starts on. */
static void feed(struct areader *r, const char *s, size_t n)
{
	const char *end = s + n;

	while (s < end && !r->rc) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);

		if (!r->row_open && len > (size_t)((s[len - 1] == '\n') + (len > 1 && s[len - 2] == '\r'))) {
			r->row_open = 1;
			r->row_line = r->line;
		}
		if (csv_parse(&r->p, s, len, on_field, on_record, r) != len && !r->rc)
			r->rc = bt_fail(r->err, BT_BAD_INPUT, NULL, (int)r->row_line, "cannot read the file: %s",
					csv_strerror(csv_error(&r->p)));
		if (nl)
			r->line++;
		s += len;
	}
}

int csv_accounts_read(FILE *f, int (*on_row)(void *ctx, int64_t line, const struct account_row *row), void *ctx,
		      struct bt_error *err)
{
	struct areader r;
	char chunk[64 * 1024];
	size_t n;
	int first = 1;

	memset(&r, 0, sizeof(r));
	r.on_row = on_row;
	r.ctx = ctx;
	r.err = err;
	r.line = 1;
	strbuf_init(&r.buf);
	if (csv_init(&r.p, CSV_EMPTY_IS_NULL) != 0)
		abort();
	while (!r.rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		const char *s = chunk;

		if (first && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3, n -= 3;
		first = 0;
		feed(&r, s, n);
	}
	if (!r.rc) {
		csv_set_opts(&r.p, (unsigned char)(csv_get_opts(&r.p) | CSV_STRICT | CSV_STRICT_FINI));
		if (csv_fini(&r.p, on_field, on_record, &r) != 0 && !r.rc)
			r.rc = bt_fail(err, BT_BAD_INPUT, NULL, (int)r.row_line,
				       "the quoted value in the record that starts on line %lld is never closed",
				       (long long)r.row_line);
	}
	if (!r.rc && !r.have_header)
		r.rc = bt_fail(err, BT_BAD_INPUT, NULL, 0, "the file is empty: it has no header row");
	csv_free(&r.p);
	free(r.cols);
	strbuf_release(&r.buf);
	return r.rc;
}
