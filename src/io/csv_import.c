/* csv_import.c - CRM CSV exports in, one struct lead per record; see csv_import.h.
 * libcsv does the CSV grammar; this file feeds it one physical line at a time (so it knows on
 * which line each record starts), maps the header through a table of known column names, and
 * checks each value (UTF-8, employees within core/bounds.c's bound, channel) before handing
 * the row over; a cell that io/csv_out neutralised ('=x) is read without its quote. Field
 * values of the current row live in one reusable buffer: no allocation per row once it has
 * grown. */
#include "io/csv_import.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/bounds.h"
#include "core/history.h"
#include "core/form.h"
#include "core/lead.h"
#include "io/csv_out.h"
#include "util/kv.h"
#include "util/strbuf.h"
#include "util/text.h"

#define CHUNK (256 * 1024)         /* bytes per fread */
#define PROGRESS_EVERY (64 * 1024) /* bytes between two progress calls */
#define RECORD_MAX (1024 * 1024)   /* a longer record is a quoted value never closed */
#define SHOW_MAX 40                /* bytes of a bad value quoted in a message */

/*
 * Fields and header names
 */

enum col_field {
	CF_ATTRS = -3, /* --keep: baton's own export column of attributes (a JSON object) */
	CF_KEEP = -2,  /* --keep: a column kept as an attribute named by its header */
	CF_NONE = -1,
	CF_EMAIL, CF_NAME, CF_FIRST, CF_LAST, CF_TITLE, CF_COMPANY, CF_PHONE, CF_MOBILE,
	CF_SOURCE, CF_SEGMENT, CF_EMPLOYEES, CF_COUNTRY, CF_CHANNEL, CF_TIMEZONE,
	/* the history columns (SPEC 8.8): core/history.h's struct history_row */
	CF_CREATED, CF_LIFECYCLE, CF_LEAD_STATUS, CF_STATUS, CF_OWNER, CF_AMOUNT, CF_CLOSE_DATE,
	CF_COUNT
};

const char *const csv_import_fields[CF_COUNT + 1] = {
	"email", "name", "first_name", "last_name", "title", "company", "phone",
	"mobile", "source", "segment", "employees", "country", "channel", "timezone",
	"create_date", "lifecycle_stage", "lead_status", "status", "owner", "amount", "close_date", NULL,
};

/* How a field is named in a sentence. */
static const char *const field_labels[CF_COUNT] = {
	"email", "name", "first name", "last name", "title", "company", "phone",
	"mobile", "source", "segment", "number of employees", "country", "channel", "time zone",
	"creation date", "lifecycle stage", "lead status", "status", "owner", "amount", "close date",
};

/* The history columns' headers (SPEC 8.8), as text_key() writes them; the lead's own fields'
 * names are core/form.c's table, shared with the web forms. */
static const struct history_alias {
	const char *name;
	enum col_field field;
} history_aliases[] = {
	{"createdate", CF_CREATED},       /* Create Date (HubSpot) */
	{"createddate", CF_CREATED},      /* Created Date, CreatedDate (Salesforce) */
	{"lifecyclestage", CF_LIFECYCLE}, /* Lifecycle Stage (HubSpot) */
	{"leadstatus", CF_LEAD_STATUS},   /* Lead Status (HubSpot, Salesforce) */
	{"status", CF_STATUS},            /* Status (Salesforce reports) */
	{"contactowner", CF_OWNER},       /* Contact owner (HubSpot) */
	{"leadowner", CF_OWNER},          /* Lead Owner (Salesforce) */
	{"opportunityowner", CF_OWNER},   /* Opportunity Owner (Salesforce) */
	{"owner", CF_OWNER},              /* Owner, baton */
	{"amount", CF_AMOUNT},            /* Amount */
	{"closedate", CF_CLOSE_DATE},     /* Close Date */
};

/* The field a --map destination names, or CF_NONE. */
static enum col_field field_by_name(const char *name)
{
	int f;

	for (f = 0; name && f < CF_COUNT; f++)
		if (strcasecmp(csv_import_fields[f], name) == 0)
			return (enum col_field)f;
	return CF_NONE;
}

/* The field a header names out of the box (core/form.c's table of names), or CF_NONE. */
static enum col_field alias_field(const char *header)
{
	const char *field = form_field(header);
	char key[64];
	size_t i;

	if (field)
		return field_by_name(field);
	text_key(header, key, sizeof(key));
	for (i = 0; key[0] && i < sizeof(history_aliases) / sizeof(history_aliases[0]); i++)
		if (strcmp(history_aliases[i].name, key) == 0)
			return history_aliases[i].field;
	return CF_NONE;
}

/*
 * Values
 */

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Narrows [*p, *p + *n) to drop white space, no-break spaces (U+00A0) included, at both ends. */
static void trim(const char **p, size_t *n)
{
	const unsigned char *s = (const unsigned char *)*p;
	size_t len = *n;

	for (;;) {
		if (len && is_blank(s[0])) {
			s++;
			len--;
		} else if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {
			s += 2;
			len -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (len && is_blank(s[len - 1]))
			len--;
		else if (len >= 2 && s[len - 2] == 0xC2 && s[len - 1] == 0xA0)
			len -= 2;
		else
			break;
	}
	*p = (const char *)s;
	*n = len;
}

/* Length of the well-formed UTF-8 character at s[0..n) (shortest form, no surrogate, not
 * NUL), or 0 if the bytes there are not one. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0], cp, min;
	size_t j, k;

	if (c >= 0x01 && c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		k = 1, cp = c & 0x1F, min = 0x80;
	else if ((c & 0xF0) == 0xE0)
		k = 2, cp = c & 0x0F, min = 0x800;
	else if ((c & 0xF8) == 0xF0)
		k = 3, cp = c & 0x07, min = 0x10000;
	else
		return 0;
	if (n <= k)
		return 0;
	for (j = 1; j <= k; j++) {
		if ((s[j] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[j] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return k + 1;
}

/* 1 if s[0..n) is UTF-8 text. */
static int utf8_valid(const unsigned char *s, size_t n)
{
	const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
	size_t i = 0, k;
	uint64_t w;

	while (i < n) {
		/* eight ASCII bytes, none of them NUL, at a time */
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if (!(w & high) && !((w - ones) & ~w & high)) {
				i += 8;
				continue;
			}
		}
		if (s[i] >= 0x01 && s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_char(s + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

/* Replaces each byte of NUL-terminated s that is not part of a UTF-8 character with '?', so that
 * a header name can go into a message or JSON. */
static void utf8_scrub(char *s)
{
	size_t n = strlen(s), i = 0, k;

	while (i < n) {
		k = utf8_char((const unsigned char *)s + i, n - i);
		if (!k) {
			s[i] = '?';
			k = 1;
		}
		i += k;
	}
}

/* How many of the first bytes of UTF-8 s to quote in a message: at most SHOW_MAX, whole characters. */
static int show_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= SHOW_MAX)
		return (int)n;
	n = SHOW_MAX;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/*
 * The reader
 */

struct span {
	size_t off; /* into reader.buf */
	size_t len; /* 0: the field is empty or absent */
};

struct reader {
	const struct csv_import_cfg *cfg;
	int (*on_row)(void *ctx, int64_t line, struct lead *l);
	int (*on_error)(void *ctx, int64_t line, const char *field, const char *message);
	void *ctx;
	struct bt_error *err;
	struct csv_parser p;
	int64_t line;            /* physical line of the next byte fed to libcsv */
	int prev_cr;             /* the last byte fed was a CR (a following LF ends no line) */
	uint64_t offset;         /* bytes fed so far, BOM included */
	uint64_t progress_at;    /* offset of the last progress call */
	int row_open;            /* libcsv is inside a record */
	int64_t row_line;        /* line where that record starts */
	uint64_t row_start;      /* offset where it starts */
	int have_header;
	struct strbuf hdr;       /* header names, NUL-separated */
	size_t *hoff;            /* offset of each header name in hdr */
	size_t hcap;
	size_t ncols;            /* columns of the header, once read */
	int *col_field;          /* ncols entries: enum col_field of each column */
	struct span *kept;       /* --keep: ncols entries, the values of the kept columns; else NULL */
	struct strbuf attrs;     /* --keep: the current row's attributes as JSON text */
	struct strbuf buf;       /* the current row's mapped values, NUL-separated */
	struct span val[CF_COUNT];
	size_t nfields;          /* fields of the current record so far */
	size_t nonblank;         /* of them, not empty */
	size_t extra;            /* not empty past the header's last column */
	int stop;                /* set with rc to end the read */
	int rc;
};

static void out_of_memory(void)
{
	fputs("baton: out of memory\n", stderr);
	abort();
}

static void stop(struct reader *r, int rc)
{
	r->stop = 1;
	r->rc = rc;
}

static const char *header_name(const struct reader *r, size_t col)
{
	return r->hdr.buf + r->hoff[col];
}

/* Appends the header's columns, comma-separated and cut short, to sb (for messages). */
static void list_columns(const struct reader *r, struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		if (sb->len > 400) {
			strbuf_addstr(sb, ", ...");
			return;
		}
		strbuf_addf(sb, "%s\"%s\"", i ? ", " : "", header_name(r, i));
	}
}

/* Finds the column a --map source names: the same text ignoring case, else the same key. */
static int find_column(const struct reader *r, const char *src, size_t *col)
{
	char want[64], key[64];
	const char *p = src;
	size_t n = strlen(src), i;

	trim(&p, &n);
	for (i = 0; i < r->ncols; i++) {
		if (strlen(header_name(r, i)) == n && strncasecmp(header_name(r, i), p, n) == 0) {
			*col = i;
			return 0;
		}
	}
	text_key(src, want, sizeof(want));
	for (i = 0; want[0] && i < r->ncols; i++) {
		text_key(header_name(r, i), key, sizeof(key));
		if (strcmp(key, want) == 0) {
			*col = i;
			return 0;
		}
	}
	return -1;
}

/* Applies --map to the columns; 0 or a negative bt_code. taken[f] is set for mapped fields. */
static int apply_map(struct reader *r, int *taken)
{
	const struct kvlist *map = r->cfg ? r->cfg->map : NULL;
	struct strbuf cols;
	size_t i, col;
	int rc;

	for (i = 0; map && i < map->n; i++) {
		enum col_field f = field_by_name(map->items[i].value);

		if (find_column(r, map->items[i].key, &col)) {
			strbuf_init(&cols);
			list_columns(r, &cols);
			rc = bt_fail(r->err, BT_BAD_INPUT, "map", (int)r->row_line,
				     "--map names the column \"%s\", but the file has no such column; its columns are %s",
				     map->items[i].key, cols.buf);
			strbuf_release(&cols);
			return rc;
		}
		if (r->col_field[col] != CF_NONE)
			return bt_fail(r->err, BT_USAGE, "map", 0, "--map gives the column \"%s\" two fields",
				       header_name(r, col));
		if (taken[f])
			return bt_fail(r->err, BT_USAGE, "map", 0, "--map gives two columns to the field %s",
				       csv_import_fields[f]);
		r->col_field[col] = f;
		taken[f] = 1;
	}
	return 0;
}

/* --keep: the columns no field takes become attributes named by their header, but for a name
 * no attribute may have and baton's own export columns (id, stage, owner, grade, score,
 * created_at); its attributes column is read back as the object it holds. */
static void keep_columns(struct reader *r)
{
	static const char *const exported[] = {"id", "stage", "owner", "grade", "score", "created_at"};
	struct bt_error err;
	size_t i, k;

	r->kept = calloc(r->ncols ? r->ncols : 1, sizeof(*r->kept));
	if (!r->kept)
		out_of_memory();
	for (i = 0; i < r->ncols; i++) {
		const char *name = header_name(r, i);

		for (k = 0; k < sizeof(exported) / sizeof(exported[0]) && strcasecmp(exported[k], name) != 0; k++)
			;
		if (r->col_field[i] != CF_NONE || k < sizeof(exported) / sizeof(exported[0]) ||
		    form_attr_check(name, NULL, 0, &err))
			continue;
		r->col_field[i] = strcasecmp(name, "attributes") == 0 ? CF_ATTRS : CF_KEEP;
	}
}

/* Maps the header just read to fields and reports the ignored columns; 0 or a negative bt_code. */
static int map_header(struct reader *r)
{
	int taken[CF_COUNT] = {0};
	struct strbuf cols;
	size_t i;
	int rc;

	r->ncols = r->nfields;
	for (i = 0; i < r->ncols; i++)
		utf8_scrub(r->hdr.buf + r->hoff[i]);
	r->col_field = malloc((r->ncols ? r->ncols : 1) * sizeof(*r->col_field));
	if (!r->col_field)
		out_of_memory();
	for (i = 0; i < r->ncols; i++)
		r->col_field[i] = CF_NONE;
	rc = apply_map(r, taken);
	if (rc)
		return rc;
	for (i = 0; i < r->ncols; i++) {
		enum col_field f = r->col_field[i] == CF_NONE ? alias_field(header_name(r, i)) : CF_NONE;

		if (f != CF_NONE && !taken[f]) {
			r->col_field[i] = f;
			taken[f] = 1;
		}
	}
	if (!taken[CF_EMAIL]) {
		strbuf_init(&cols);
		list_columns(r, &cols);
		rc = bt_fail(r->err, BT_BAD_INPUT, "email", (int)r->row_line,
			     "the file has no email column (its columns are %s)%s; name it with --map, for example "
			     "--map \"Work Email=email\"",
			     cols.buf,
			     r->ncols == 1 && strpbrk(header_name(r, 0), ";\t")
				     ? "; the file seems to use semicolons or tabs between values, save it with commas"
				     : "");
		strbuf_release(&cols);
		return rc;
	}
	if (r->cfg && r->cfg->keep)
		keep_columns(r);
	for (i = 0; r->cfg && r->cfg->ignored && i < r->ncols; i++) {
		char unnamed[48];

		if (r->col_field[i] != CF_NONE)
			continue;
		snprintf(unnamed, sizeof(unnamed), "column %zu (no name)", i + 1);
		r->cfg->ignored(r->ctx, header_name(r, i)[0] ? header_name(r, i) : unnamed);
	}
	r->have_header = 1;
	return 0;
}

/* Reports a row that cannot be read; a non-zero answer from the callback ends the read. */
static void row_error(struct reader *r, const char *field, const char *message)
{
	int rc = r->on_error ? r->on_error(r->ctx, r->row_line, field, message) : 0;

	if (rc)
		stop(r, rc);
}

static const char *value(const struct reader *r, enum col_field f)
{
	return r->val[f].len ? r->buf.buf + r->val[f].off : NULL;
}

/* Checks the values of the record just read; 0, or -1 after reporting the first bad one. */
static int check_row(struct reader *r, int64_t *employees, enum channel *channel)
{
	struct bt_error err;
	char msg[512];
	const char *v;
	int f;

	if (r->extra) {
		snprintf(msg, sizeof(msg),
			 "this row has %zu values but the header has %zu columns; a value that contains a comma "
			 "may be missing its quotes",
			 r->nfields, r->ncols);
		row_error(r, NULL, msg);
		return -1;
	}
	for (f = 0; f < CF_COUNT; f++) {
		if (r->val[f].len && !utf8_valid((const unsigned char *)value(r, f), r->val[f].len)) {
			snprintf(msg, sizeof(msg),
				 "the %s is not valid UTF-8 text: if the file comes from Excel on Windows, import it with "
				 "--encoding windows-1252, or save it as \"CSV UTF-8\"",
				 field_labels[f]);
			row_error(r, csv_import_fields[f], msg);
			return -1;
		}
	}
	if (!r->val[CF_EMAIL].len) {
		row_error(r, "email", "email is empty; every lead needs an email address");
		return -1;
	}
	v = value(r, CF_EMPLOYEES);
	if (v && csv_import_employees(v, employees)) {
		snprintf(msg, sizeof(msg),
			 "the number of employees \"%.*s\" is not a count; write it as 250, 1,000, a range such as "
			 "51-200, or 10000+",
			 show_len(v), v);
		row_error(r, "employees", msg);
		return -1;
	}
	if (v && bound_int(BOUND_EMPLOYEES, *employees, &err)) { /* the bound of lead add and the API */
		bound_refuse(BOUND_EMPLOYEES, v, &err);
		row_error(r, "employees", err.message);
		return -1;
	}
	v = value(r, CF_CHANNEL);
	if (v) {
		if (strcasecmp(v, "inbound") == 0) {
			*channel = CHANNEL_INBOUND;
		} else if (strcasecmp(v, "outbound") == 0) {
			*channel = CHANNEL_OUTBOUND;
		} else {
			snprintf(msg, sizeof(msg), "the channel \"%.*s\" is neither inbound nor outbound", show_len(v), v);
			row_error(r, "channel", msg);
			return -1;
		}
	}
	return 0;
}

/* --keep: the value of the kept column named `name` (ignoring case) in the record just read, or NULL. */
static const char *kept_value(const struct reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (r->col_field[i] == CF_KEEP && r->kept[i].len && strcasecmp(header_name(r, i), name) == 0)
			return r->buf.buf + r->kept[i].off;
	return NULL;
}

/* --keep: utm_source, utm_medium and utm_campaign columns set the source and channel the row
 * does not give, by the playbook's intake.utm (SPEC 8.9). */
static void keep_utm(const struct reader *r, struct lead *l)
{
	static const struct pb_intake_utm none;
	struct form_utm u = {kept_value(r, "utm_source"), kept_value(r, "utm_medium"), kept_value(r, "utm_campaign")};

	form_utm_apply(r->cfg->utm ? r->cfg->utm : &none, &u, l->source != NULL, r->val[CF_CHANNEL].len > 0, l);
}

/* Adds to o the members of the JSON object `text` (an attributes column of baton's export);
 * 0, or -1 with *err set. */
static int merge_attributes(json_t *o, const char *text, struct bt_error *err)
{
	json_t *from = json_loads(text, JSON_REJECT_DUPLICATES, NULL), *v;
	const char *k;
	int rc = 0;

	if (!json_is_object(from))
		rc = bt_fail(err, BT_BAD_INPUT, "attributes", 0,
			     "the attributes column holds no JSON object (as baton's export writes it)");
	json_object_foreach(from, k, v) {
		if (rc)
			break;
		if (!json_is_string(v) && !json_is_number(v) && !json_is_boolean(v))
			rc = bt_fail(err, BT_BAD_INPUT, "attributes", 0,
				     "attributes: %.64s must be a string, a number or a boolean", k);
		else if (form_attr_check(k, json_is_string(v) ? json_string_value(v) : NULL, json_object_size(o), err))
			rc = -1;
		else
			json_object_set(o, k, v);
	}
	json_decref(from);
	return rc;
}

/* --keep: the kept columns of the record just read as l->attributes (JSON text in r->attrs,
 * NULL when none); 0, or -1 after reporting a value past the limits (core/form.h). */
static int row_attributes(struct reader *r, struct lead *l)
{
	json_t *o = json_object();
	struct bt_error err;
	size_t i;
	char *text;
	int rc = 0;

	for (i = 0; !rc && i < r->ncols; i++) {
		const char *v = r->kept[i].len ? r->buf.buf + r->kept[i].off : NULL;

		if (v && r->col_field[i] == CF_ATTRS)
			rc = merge_attributes(o, v, &err);
		else if (v && form_attr_check(header_name(r, i), v, json_object_size(o), &err))
			rc = -1;
		else if (v)
			json_object_set_new(o, header_name(r, i), json_string(v));
	}
	text = !rc && json_object_size(o) ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (rc) {
		row_error(r, err.field, err.message);
		return -1;
	}
	strbuf_reset(&r->attrs);
	if (text)
		strbuf_addstr(&r->attrs, text);
	l->attributes = text ? r->attrs.buf : NULL;
	free(text);
	return 0;
}

/* Checks the record just read and hands it over as a lead. */
static void row_done(struct reader *r)
{
	struct lead l;
	struct span name = r->val[CF_NAME];
	int64_t employees = -1;
	enum channel channel = CHANNEL_INBOUND;
	int rc;

	if (check_row(r, &employees, &channel))
		return;
	if (!name.len && r->val[CF_FIRST].len && r->val[CF_LAST].len) {
		name.off = r->buf.len;
		name.len = r->val[CF_FIRST].len + 1 + r->val[CF_LAST].len;
		strbuf_add(&r->buf, r->buf.buf + r->val[CF_FIRST].off, r->val[CF_FIRST].len);
		strbuf_addch(&r->buf, ' ');
		strbuf_add(&r->buf, r->buf.buf + r->val[CF_LAST].off, r->val[CF_LAST].len);
		strbuf_addch(&r->buf, '\0');
	} else if (!name.len) {
		name = r->val[CF_FIRST].len ? r->val[CF_FIRST] : r->val[CF_LAST];
	}
	/* pointers only now: the buffer may have moved while the name was joined */
	lead_init(&l);
	l.channel = channel;
	if (r->kept && row_attributes(r, &l))
		return;
	l.email = value(r, CF_EMAIL);
	l.name = name.len ? r->buf.buf + name.off : NULL;
	l.title = value(r, CF_TITLE);
	l.company = value(r, CF_COMPANY);
	l.phone = value(r, CF_PHONE);
	l.mobile = value(r, CF_MOBILE);
	l.source = value(r, CF_SOURCE);
	if (r->kept)
		keep_utm(r, &l);
	if (!l.source && r->cfg && r->cfg->source && r->cfg->source[0])
		l.source = r->cfg->source;
	l.segment = value(r, CF_SEGMENT);
	l.country = value(r, CF_COUNTRY);
	l.timezone = value(r, CF_TIMEZONE);
	l.employees = employees;
	if (r->cfg && r->cfg->history) {
		struct history_row *h = r->cfg->history;

		h->created = value(r, CF_CREATED);
		h->lifecycle = value(r, CF_LIFECYCLE);
		h->lead_status = value(r, CF_LEAD_STATUS);
		h->status = value(r, CF_STATUS);
		h->owner = value(r, CF_OWNER);
		h->amount = value(r, CF_AMOUNT);
		h->close_date = value(r, CF_CLOSE_DATE);
	}
	rc = r->on_row ? r->on_row(r->ctx, r->row_line, &l) : 0;
	if (rc)
		stop(r, rc);
}

/* libcsv's field callback: keeps the trimmed value if its column is mapped. */
static void on_field(void *data, size_t len, void *ud)
{
	struct reader *r = ud;
	const char *p = data ? data : "";
	size_t col = r->nfields++;
	struct span *sp;
	int f;

	if (r->stop)
		return;
	if (!data)
		len = 0;
	trim(&p, &len);
	if (len)
		r->nonblank++;
	if (!r->have_header) {
		if (col == r->hcap) {
			r->hcap = r->hcap ? r->hcap * 2 : 32;
			r->hoff = realloc(r->hoff, r->hcap * sizeof(*r->hoff));
			if (!r->hoff)
				out_of_memory();
		}
		r->hoff[col] = r->hdr.len;
		strbuf_add(&r->hdr, p, len);
		strbuf_addch(&r->hdr, '\0');
		return;
	}
	if (col >= r->ncols) {
		if (len)
			r->extra++;
		return;
	}
	f = r->col_field[col];
	if (f == CF_NONE || !len)
		return;
	if (csv_neutralised(p, len)) { /* '=x as baton's own export writes it: the value is =x */
		p++;
		len--;
	}
	sp = f >= 0 ? &r->val[f] : &r->kept[col];
	sp->off = r->buf.len;
	sp->len = len;
	strbuf_add(&r->buf, p, len);
	strbuf_addch(&r->buf, '\0');
}

/* libcsv's record callback: the header, a row, or a blank line to skip. */
static void on_record(int term, void *ud)
{
	struct reader *r = ud;
	int rc;

	if (!r->stop && r->nonblank) {
		if (!r->have_header) {
			rc = map_header(r);
			if (rc)
				stop(r, rc);
		} else {
			row_done(r);
		}
	}
	if (!r->have_header)
		strbuf_reset(&r->hdr);
	strbuf_reset(&r->buf);
	memset(r->val, 0, sizeof(r->val));
	if (r->kept)
		memset(r->kept, 0, r->ncols * sizeof(*r->kept));
	r->nfields = r->nonblank = r->extra = 0;
	r->row_open = 0;
}

/* 1 if libcsv starts a record on a line holding these bytes (it skips spaces, tabs and empty lines). */
static int starts_record(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 1;
	return 0;
}

/* The first c in [s, end), or end. */
static const char *find(const char *s, const char *end, char c)
{
	const char *p = memchr(s, c, (size_t)(end - s));

	return p ? p : end;
}

/* Feeds s[0..n) to libcsv one physical line at a time, counting lines (LF, CRLF or CR). */
static void feed(struct reader *r, const char *s, size_t n)
{
	const char *end = s + n, *nl = NULL, *cr = NULL;

	while (s < end && !r->stop) {
		const char *t;
		size_t len;

		if (!nl || nl < s)
			nl = find(s, end, '\n');
		if (!cr || cr < s)
			cr = find(s, end, '\r');
		t = nl < cr ? nl : cr;
		len = t < end ? (size_t)(t - s) + 1 : (size_t)(end - s);
		if (!r->row_open && starts_record(s, len)) {
			r->row_open = 1;
			r->row_line = r->line;
			r->row_start = r->offset;
		}
		if (csv_parse(&r->p, s, len, on_field, on_record, r) != len && !r->stop) {
			stop(r, bt_fail(r->err, BT_BAD_INPUT, NULL, (int)r->row_line, "cannot read the file: %s",
					csv_strerror(csv_error(&r->p))));
			return;
		}
		r->offset += len;
		if (t < end && (*t == '\r' || !r->prev_cr))
			r->line++;
		r->prev_cr = t < end && *t == '\r';
		if (r->row_open && r->offset - r->row_start > RECORD_MAX && !r->stop)
			stop(r, bt_fail(r->err, BT_BAD_INPUT, NULL, (int)r->row_line,
					"the record that starts on line %lld is longer than 1 MiB: a quoted value there "
					"is probably missing its closing quote (\")",
					(long long)r->row_line));
		if (r->cfg && r->cfg->progress && r->offset - r->progress_at >= PROGRESS_EVERY) {
			r->progress_at = r->offset;
			r->cfg->progress(r->ctx, r->offset);
		}
		s += len;
	}
}

/* Skips a UTF-8 byte-order mark at the start of the file; refuses UTF-16. 0 or a bt_code. */
static int file_start(struct reader *r, const char **s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)*s;

	if (*n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return bt_fail(r->err, BT_BAD_INPUT, NULL, 1,
			       "the file is UTF-16 text; save it as \"CSV UTF-8\" and import it again");
	if (*n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*s += 3;
		*n -= 3;
		r->offset += 3;
	}
	return 0;
}

/* Checks every --map destination before the file is read; 0 or -BT_USAGE. */
static int check_map(const struct kvlist *map, struct bt_error *err)
{
	size_t i, f;
	struct strbuf names;
	int rc;

	for (i = 0; map && i < map->n; i++) {
		if (field_by_name(map->items[i].value) != CF_NONE)
			continue;
		strbuf_init(&names);
		for (f = 0; csv_import_fields[f]; f++)
			strbuf_addf(&names, "%s%s", f ? ", " : "", csv_import_fields[f]);
		rc = bt_fail(err, BT_USAGE, "map", 0, "--map %s=%s: \"%s\" is not a lead field; use one of %s",
			     map->items[i].key, map->items[i].value, map->items[i].value, names.buf);
		strbuf_release(&names);
		return rc;
	}
	return 0;
}

/* Ends the parse at end of file: the last record, or a quote never closed. */
static void finish(struct reader *r)
{
	csv_set_opts(&r->p, (unsigned char)(csv_get_opts(&r->p) | CSV_STRICT | CSV_STRICT_FINI));
	if (csv_fini(&r->p, on_field, on_record, r) != 0 && !r->stop)
		stop(r, bt_fail(r->err, BT_BAD_INPUT, NULL, (int)r->row_line,
				"the quoted value in the record that starts on line %lld is never closed: a quote (\") "
				"is missing, so the file cannot be read past that line",
				(long long)r->row_line));
	if (!r->stop && !r->have_header)
		stop(r, bt_fail(r->err, BT_BAD_INPUT, NULL, 0, "the file is empty: it has no header row"));
}

int csv_import_read(FILE *f, const struct csv_import_cfg *cfg,
		    int (*on_row)(void *ctx, int64_t line, struct lead *l),
		    int (*on_error)(void *ctx, int64_t line, const char *field, const char *message),
		    void *ctx, struct bt_error *err)
{
	struct reader r;
	char *chunk;
	size_t n;
	int first = 1, rc;

	rc = check_map(cfg ? cfg->map : NULL, err);
	if (rc)
		return rc;
	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	r.on_row = on_row;
	r.on_error = on_error;
	r.ctx = ctx;
	r.err = err;
	r.line = 1;
	strbuf_init(&r.hdr);
	strbuf_init(&r.buf);
	strbuf_init(&r.attrs);
	/* Not CSV_STRICT: CRM exports and hand-edited sheets hold stray quotes (John "JJ" Smith)
	 * that strict mode turns into an error for the whole file, after which libcsv cannot go on.
	 * Strictness is switched on only at the end, to catch a quote never closed. */
	if (csv_init(&r.p, CSV_EMPTY_IS_NULL) != 0)
		out_of_memory();
	chunk = malloc(CHUNK);
	if (!chunk)
		out_of_memory();
	while (!r.stop && (n = fread(chunk, 1, CHUNK, f)) > 0) {
		const char *s = chunk;

		if (first) {
			first = 0;
			rc = file_start(&r, &s, &n);
			if (rc) {
				stop(&r, rc);
				break;
			}
		}
		feed(&r, s, n);
	}
	if (!r.stop && ferror(f))
		stop(&r, bt_fail(err, BT_BAD_INPUT, NULL, 0, "cannot read the file: %s", strerror(errno)));
	if (!r.stop)
		finish(&r);
	if (cfg && cfg->progress && !(r.stop && r.rc < 0))
		cfg->progress(ctx, r.offset);
	csv_free(&r.p);
	free(chunk);
	free(r.col_field);
	free(r.kept);
	strbuf_release(&r.attrs);
	free(r.hoff);
	strbuf_release(&r.hdr);
	strbuf_release(&r.buf);
	return r.stop ? r.rc : 0;
}
