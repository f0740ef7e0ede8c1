/* test_csv_import.c - the CSV reader of `lead import`: header recognition (HubSpot, Salesforce,
 * baton's export, --map), value rules, row errors with their physical line, file errors, and
 * streaming (chunk boundaries, progress, stopping). Text is fed through tmpfile(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lead.h"
#include "io/csv_import.h"
#include "util/arena.h"
#include "util/kv.h"
#include "util/strbuf.h"

#define MAXROWS 64

struct row {
	int64_t line;
	struct lead l; /* strings copied into got.a */
};

struct err {
	int64_t line;
	const char *field; /* NULL for the whole row */
	const char *message;
};

struct got {
	struct arena *a;
	struct row rows[MAXROWS];
	size_t nrows;          /* rows seen (only the first MAXROWS kept) */
	int64_t last_line;     /* line of the last row seen */
	struct err errs[MAXROWS];
	size_t nerrs;
	struct strbuf ignored; /* ignored columns, "|"-separated */
	int stop_row_at;       /* return 7 from on_row when nrows reaches this, 0 never */
	int stop_err_at;       /* return 9 from on_error when nerrs reaches this, 0 never */
	uint64_t progress_calls;
	uint64_t progress_last;
};

static int got_row(void *ctx, int64_t line, struct lead *l)
{
	struct got *g = ctx;

	if (g->nrows < MAXROWS) {
		struct row *r = &g->rows[g->nrows];

		r->line = line;
		r->l = *l;
		r->l.email = arena_strdup(g->a, l->email);
		r->l.name = arena_strdup(g->a, l->name);
		r->l.title = arena_strdup(g->a, l->title);
		r->l.company = arena_strdup(g->a, l->company);
		r->l.phone = arena_strdup(g->a, l->phone);
		r->l.mobile = arena_strdup(g->a, l->mobile);
		r->l.source = arena_strdup(g->a, l->source);
		r->l.segment = arena_strdup(g->a, l->segment);
		r->l.country = arena_strdup(g->a, l->country);
	}
	g->nrows++;
	g->last_line = line;
	return g->stop_row_at && (int)g->nrows == g->stop_row_at ? 7 : 0;
}

static int got_error(void *ctx, int64_t line, const char *field, const char *message)
{
	struct got *g = ctx;

	if (g->nerrs < MAXROWS) {
		g->errs[g->nerrs].line = line;
		g->errs[g->nerrs].field = arena_strdup(g->a, field);
		g->errs[g->nerrs].message = arena_strdup(g->a, message);
	}
	g->nerrs++;
	return g->stop_err_at && (int)g->nerrs == g->stop_err_at ? 9 : 0;
}

static void got_ignored(void *ctx, const char *column)
{
	struct got *g = ctx;

	strbuf_addf(&g->ignored, "%s%s", g->ignored.len ? "|" : "", column);
}

static void got_progress(void *ctx, uint64_t bytes)
{
	struct got *g = ctx;

	assert_true(bytes >= g->progress_last);
	g->progress_last = bytes;
	g->progress_calls++;
}

static int setup(void **state)
{
	struct got *g = calloc(1, sizeof(*g));

	g->a = arena_new();
	strbuf_init(&g->ignored);
	*state = g;
	return 0;
}

static int teardown(void **state)
{
	struct got *g = *state;

	arena_free(&g->a);
	strbuf_release(&g->ignored);
	free(g);
	return 0;
}

/* Reads n bytes of text with cfg (ignored and progress callbacks filled in). */
static int read_n(struct got *g, const char *text, size_t n, struct csv_import_cfg *cfg, struct bt_error *err)
{
	struct csv_import_cfg dflt = {0};
	FILE *f = tmpfile();
	int rc;

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	rewind(f);
	if (!cfg)
		cfg = &dflt;
	cfg->ignored = got_ignored;
	cfg->progress = got_progress;
	bt_error_clear(err);
	g->progress_last = 0;
	rc = csv_import_read(f, cfg, got_row, got_error, g, err);
	fclose(f);
	return rc;
}

static int read_text(struct got *g, const char *text, struct csv_import_cfg *cfg, struct bt_error *err)
{
	return read_n(g, text, strlen(text), cfg, err);
}

/* Reads one of tests/data/csv/ ($BATON_TEST_DATA, else tests/data from the repository root). */
static int read_sample(struct got *g, const char *name, struct csv_import_cfg *cfg, struct bt_error *err)
{
	const char *dir = getenv("BATON_TEST_DATA");
	char path[512];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/csv/%s", dir ? dir : "tests/data", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	cfg->ignored = got_ignored;
	bt_error_clear(err);
	rc = csv_import_read(f, cfg, got_row, got_error, g, err);
	fclose(f);
	return rc;
}

/* asserts a string field, NULL meaning "no value" */
#define assert_str(got, want)                                                                                  \
	do {                                                                                                   \
		if ((want) == NULL)                                                                            \
			assert_null(got);                                                                      \
		else                                                                                           \
			assert_string_equal(got, want);                                                        \
	} while (0)

/*
 * Encoding and CSV grammar
 */

static void test_bom_and_crlf_are_read(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "\xEF\xBB\xBF" "Email,Name\r\nann@a.io,Ann\r\nbob@b.io,Bob\r\n", NULL, &err), 0);
	assert_int_equal(g->nrows, 2);
	assert_int_equal(g->nerrs, 0);
	assert_string_equal(g->rows[0].l.email, "ann@a.io");
	assert_string_equal(g->rows[0].l.name, "Ann");
	assert_int_equal(g->rows[0].line, 2);
	assert_string_equal(g->rows[1].l.name, "Bob"); /* no stray \r */
	assert_int_equal(g->rows[1].line, 3);
	assert_string_equal(g->ignored.buf, ""); /* the BOM is not part of "Email" */
}

static void test_quoted_commas_quotes_and_line_breaks(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = "email,company,title\n"
			   "a@x.io,\"Acme, Inc.\",\"The \"\"Boss\"\"\"\n"
			   "b@x.io,\"Line one\nline two\r\nline three\",CEO\n"
			   "c@x.io,After,CTO\n";

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 3);
	assert_string_equal(g->rows[0].l.company, "Acme, Inc.");
	assert_string_equal(g->rows[0].l.title, "The \"Boss\"");
	assert_int_equal(g->rows[0].line, 2);
	assert_string_equal(g->rows[1].l.company, "Line one\nline two\r\nline three");
	assert_int_equal(g->rows[1].line, 3);
	assert_string_equal(g->rows[2].l.company, "After");
	assert_int_equal(g->rows[2].line, 6); /* the record on line 3 spans lines 3-5 */
}

static void test_last_record_without_line_break_is_read(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "email,name\na@x.io,\"Ann\"", NULL, &err), 0);
	assert_int_equal(g->nrows, 1);
	assert_string_equal(g->rows[0].l.name, "Ann");
}

static void test_cr_only_line_ends_count_lines(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "email\ra@x.io\r\rb@x.io\r", NULL, &err), 0);
	assert_int_equal(g->nrows, 2);
	assert_int_equal(g->rows[0].line, 2);
	assert_int_equal(g->rows[1].line, 4);
}

static void test_stray_quotes_inside_a_value_are_kept(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	/* not CSV_STRICT: an unquoted value with quotes in it is kept as written */
	assert_int_equal(read_text(g, "email,name\na@x.io,John \"JJ\" Smith\nb@x.io,Bo\n", NULL, &err), 0);
	assert_int_equal(g->nrows, 2);
	assert_string_equal(g->rows[0].l.name, "John \"JJ\" Smith");
	assert_int_equal(g->rows[1].line, 3);
}

static void test_empty_lines_are_skipped(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = "\r\nemail,name,company\r\n\r\na@x.io,Ann,A\r\n   \r\n,,\r\n\t\nb@x.io,Bob,B\r\n\r\n";

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nerrs, 0);
	assert_int_equal(g->nrows, 2);
	assert_int_equal(g->rows[0].line, 4);
	assert_int_equal(g->rows[1].line, 8);
	assert_string_equal(g->rows[1].l.company, "B");
}

static void test_values_are_trimmed_and_empty_is_null(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = " Email , Name ,Company,Phone\n"
			   "  a@x.io , \" Ann Lee \" ,\xC2\xA0" "Acme\xC2\xA0,\"  \"\n";

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 1);
	assert_string_equal(g->rows[0].l.email, "a@x.io");
	assert_string_equal(g->rows[0].l.name, "Ann Lee");
	assert_string_equal(g->rows[0].l.company, "Acme");
	assert_null(g->rows[0].l.phone);
	assert_null(g->rows[0].l.title);
	assert_int_equal(g->rows[0].l.employees, -1);
	assert_int_equal(g->rows[0].l.channel, CHANNEL_INBOUND);
	assert_int_equal(g->rows[0].l.stage, STAGE_INQUIRY); /* lead_init'ed */
}

/*
 * Headers
 */

static void test_hubspot_headers_are_recognised(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text =
		"Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Job Title,Company Name,"
		"Industry,Number of Employees,Country/Region,Original Source,Lifecycle Stage,Contact owner\n"
		"101,Ana,Lopez,ana@nw.io,+33 1 84 88 12 00,+33 6 12 34 56 78,VP Ops,Northwind,Logistics,51-200,"
		"France,Organic Search,lead,Claire\n";
	const struct row *r;

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 1);
	r = &g->rows[0];
	assert_string_equal(r->l.email, "ana@nw.io");
	assert_string_equal(r->l.name, "Ana Lopez");
	assert_string_equal(r->l.phone, "+33 1 84 88 12 00");
	assert_string_equal(r->l.mobile, "+33 6 12 34 56 78");
	assert_string_equal(r->l.title, "VP Ops");
	assert_string_equal(r->l.company, "Northwind");
	assert_string_equal(r->l.segment, "Logistics");
	assert_int_equal(r->l.employees, 51);
	assert_string_equal(r->l.country, "France");
	assert_string_equal(r->l.source, "Organic Search");
	/* the history columns are read (SPEC 8.8, test_history) */
	assert_string_equal(g->ignored.buf, "Record ID");
}

static void test_salesforce_headers_are_recognised(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = "First Name,Last Name,Title,Account Name,Email Address,Phone,Mobile Phone,Lead Source,"
			   "Industry,Number of Employees,Country,Lead Status\n"
			   "Julia,Becker,Head of IT,Becker GmbH,julia@becker.de,+49 30 1,+49 171 2,Web,"
			   "Manufacturing,\"1,200\",Germany,Open\n";
	const struct row *r;

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 1);
	r = &g->rows[0];
	assert_string_equal(r->l.email, "julia@becker.de");
	assert_string_equal(r->l.name, "Julia Becker");
	assert_string_equal(r->l.title, "Head of IT");
	assert_string_equal(r->l.company, "Becker GmbH");
	assert_string_equal(r->l.phone, "+49 30 1");
	assert_string_equal(r->l.mobile, "+49 171 2");
	assert_string_equal(r->l.source, "Web");
	assert_string_equal(r->l.segment, "Manufacturing");
	assert_int_equal(r->l.employees, 1200);
	assert_string_equal(r->l.country, "Germany");
	assert_string_equal(g->ignored.buf, ""); /* Lead Status: a history column */
}

static void test_header_variants_and_api_names_are_recognised(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	/* case, spacing and punctuation do not matter; Salesforce API names match too */
	const char *text = "E-MAIL,full name,JOB TITLE,company,MobilePhone,LeadSource,Segment,Company Size,channel\n"
			   "a@x.io,Ann Lee,CTO,Acme,+1 2,event,saas,10000+,Outbound\n";
	const struct row *r;

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 1);
	r = &g->rows[0];
	assert_string_equal(r->l.email, "a@x.io");
	assert_string_equal(r->l.name, "Ann Lee");
	assert_string_equal(r->l.title, "CTO");
	assert_string_equal(r->l.mobile, "+1 2");
	assert_string_equal(r->l.source, "event");
	assert_string_equal(r->l.segment, "saas");
	assert_int_equal(r->l.employees, 10000);
	assert_int_equal(r->l.channel, CHANNEL_OUTBOUND);
	assert_string_equal(g->ignored.buf, "");
}

static void test_first_and_last_name_are_joined(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = "FirstName,LastName,Email\n"
			   "Ann,Lee,a@x.io\n"
			   "Bob,,b@x.io\n"
			   ",Nakamura,c@x.io\n"
			   ",,d@x.io\n";

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 4);
	assert_string_equal(g->rows[0].l.name, "Ann Lee");
	assert_string_equal(g->rows[1].l.name, "Bob");
	assert_string_equal(g->rows[2].l.name, "Nakamura");
	assert_null(g->rows[3].l.name);
}

/* fuzz/regressions/csv/joined-name-use-after-free.csv: joining the two cells grew the row's
 * buffer while a cell of it was being copied */
static void test_long_first_and_last_names_are_joined(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	char text[4096], first[600], last[900], want[1600];

	memset(first, 'F', sizeof(first) - 1);
	first[sizeof(first) - 1] = '\0';
	memset(last, 'L', sizeof(last) - 1);
	last[sizeof(last) - 1] = '\0';
	snprintf(text, sizeof(text), "First Name,Last Name,Email\n%s,%s,a@x.io\n", first, last);
	snprintf(want, sizeof(want), "%s %s", first, last);
	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 1);
	assert_string_equal(g->rows[0].l.name, want);
}

static void test_a_name_column_wins_over_first_and_last(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "Name,First Name,Last Name,Email\nDr Ann Lee,Ann,Lee,a@x.io\n,Bob,Ray,b@x.io\n",
				   NULL, &err), 0);
	assert_int_equal(g->nrows, 2);
	assert_string_equal(g->rows[0].l.name, "Dr Ann Lee");
	assert_string_equal(g->rows[1].l.name, "Bob Ray");
}

static void test_baton_export_round_trips(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = "id,email,name,title,company,phone,mobile,channel,source,segment,employees,country,stage,"
			   "owner,grade,score,created_at\r\n"
			   "12,ann@acme.io,Ann Lee,CTO,\"Acme, Inc.\",+1 555,+1 556,outbound,target_list,saas,250,US,"
			   "working,sdr1,A,0.4200,2026-11-23T08:03:00Z\r\n"
			   "13,bob@b.io,,,,,,inbound,web_form,,,,mql,,,,2026-11-23T08:04:00Z\r\n";
	const struct row *r;

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nerrs, 0);
	assert_int_equal(g->nrows, 2);
	r = &g->rows[0];
	assert_string_equal(r->l.email, "ann@acme.io");
	assert_string_equal(r->l.name, "Ann Lee");
	assert_string_equal(r->l.title, "CTO");
	assert_string_equal(r->l.company, "Acme, Inc.");
	assert_string_equal(r->l.phone, "+1 555");
	assert_string_equal(r->l.mobile, "+1 556");
	assert_int_equal(r->l.channel, CHANNEL_OUTBOUND);
	assert_string_equal(r->l.source, "target_list");
	assert_string_equal(r->l.segment, "saas");
	assert_int_equal(r->l.employees, 250);
	assert_string_equal(r->l.country, "US");
	/* what the store decides is not imported */
	assert_int_equal(r->l.id, 0);
	assert_int_equal(r->l.stage, STAGE_INQUIRY);
	assert_null(r->l.owner);
	assert_null(r->l.grade);
	r = &g->rows[1];
	assert_int_equal(r->l.channel, CHANNEL_INBOUND);
	assert_null(r->l.name);
	assert_int_equal(r->l.employees, -1);
	assert_string_equal(g->ignored.buf, "id|stage|grade|score|created_at"); /* owner: a history column */
}

static void test_map_overrides_and_extends_the_header(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct csv_import_cfg cfg = {0};
	struct kvlist map = {0};
	const char *text = "Email,Work Email,Org,Company,Headcount,Vorname,Nachname\n"
			   "me@gmail.com,ann@acme.io,Acme Corp,acme,\"1 000\",Ann,Lee\n";

	kv_set(&map, g->a, "work email", "email"); /* matched ignoring case */
	kv_set(&map, g->a, "Org", "company");
	kv_set(&map, g->a, "Headcount", "employees");
	kv_set(&map, g->a, "Vorname", "first_name");
	kv_set(&map, g->a, "Nachname", "LAST_NAME");
	cfg.map = &map;
	assert_int_equal(read_text(g, text, &cfg, &err), 0);
	assert_int_equal(g->nrows, 1);
	assert_string_equal(g->rows[0].l.email, "ann@acme.io");
	assert_string_equal(g->rows[0].l.company, "Acme Corp");
	assert_int_equal(g->rows[0].l.employees, 1000);
	assert_string_equal(g->rows[0].l.name, "Ann Lee");
	/* the columns that --map displaced are ignored */
	assert_string_equal(g->ignored.buf, "Email|Company");
}

static void test_map_naming_an_unknown_column_is_a_file_error(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct csv_import_cfg cfg = {0};
	struct kvlist map = {0};

	kv_set(&map, g->a, "Work Email", "email");
	cfg.map = &map;
	assert_int_equal(read_text(g, "Email,Org\na@x.io,A\n", &cfg, &err), -BT_BAD_INPUT);
	assert_string_equal(err.field, "map");
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "\"Work Email\""));
	assert_non_null(strstr(err.message, "\"Email\", \"Org\""));
	assert_int_equal(g->nrows, 0);
}

static void test_map_naming_an_unknown_field_is_a_usage_error(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct csv_import_cfg cfg = {0};
	struct kvlist map = {0};

	kv_set(&map, g->a, "Org", "firm");
	cfg.map = &map;
	assert_int_equal(read_text(g, "Email,Org\na@x.io,A\n", &cfg, &err), -BT_USAGE);
	assert_string_equal(err.field, "map");
	assert_non_null(strstr(err.message, "\"firm\" is not a lead field"));
	assert_non_null(strstr(err.message, "first_name"));
	assert_int_equal(g->nrows, 0);
}

static void test_map_giving_two_columns_one_field_is_a_usage_error(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct csv_import_cfg cfg = {0};
	struct kvlist map = {0};

	kv_set(&map, g->a, "A", "email");
	kv_set(&map, g->a, "B", "email");
	cfg.map = &map;
	assert_int_equal(read_text(g, "A,B\na@x.io,b@x.io\n", &cfg, &err), -BT_USAGE);
	assert_string_equal(err.field, "map");
}

static void test_missing_email_column_is_a_file_error(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "Name,Company\nAnn,Acme\n", NULL, &err), -BT_BAD_INPUT);
	assert_string_equal(err.field, "email");
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "no email column"));
	assert_non_null(strstr(err.message, "--map"));
	assert_int_equal(g->nrows, 0);
	assert_int_equal(g->nerrs, 0);
}

static void test_semicolon_file_gets_a_hint(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "Email;Name\na@x.io;Ann\n", NULL, &err), -BT_BAD_INPUT);
	assert_non_null(strstr(err.message, "semicolons"));
}

static void test_duplicate_columns_keep_the_first(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "Email,Company,Company Name,\na@x.io,First,Second,x\n", NULL, &err), 0);
	assert_string_equal(g->rows[0].l.company, "First");
	assert_string_equal(g->ignored.buf, "Company Name|column 4 (no name)");
}

static void test_empty_file_is_a_file_error(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "", NULL, &err), -BT_BAD_INPUT);
	assert_non_null(strstr(err.message, "empty"));
	assert_int_equal(read_text(g, "\r\n\r\n  \r\n", NULL, &err), -BT_BAD_INPUT);
	assert_non_null(strstr(err.message, "no header"));
}

static void test_header_only_file_has_no_rows(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "Email,Name", NULL, &err), 0);
	assert_int_equal(g->nrows, 0);
	assert_int_equal(g->nerrs, 0);
}

/*
 * Values and row errors
 */

static void test_source_default_fills_rows_without_one(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct csv_import_cfg cfg = {0};

	cfg.source = "trade_show";
	assert_int_equal(read_text(g, "Email,Lead Source\na@x.io,webinar\nb@x.io,\n", &cfg, &err), 0);
	assert_string_equal(g->rows[0].l.source, "webinar");
	assert_string_equal(g->rows[1].l.source, "trade_show");
	g->nrows = 0;
	assert_int_equal(read_text(g, "Email\nc@x.io\n", &cfg, &err), 0); /* no source column at all */
	assert_string_equal(g->rows[0].l.source, "trade_show");
	g->nrows = 0;
	assert_int_equal(read_text(g, "Email\nc@x.io\n", NULL, &err), 0);
	assert_null(g->rows[0].l.source);
}

static void test_employee_counts_parse(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} good[] = {
		{"250", 250}, {"1,000", 1000}, {"1 000", 1000}, {"12,345,678", 12345678}, {"1\xC2\xA0" "000", 1000},
		{"1\xE2\x80\xAF" "000", 1000}, {"51-200", 51}, {"51 - 200", 51}, {"1,001-5,000", 1001},
		{"51\xE2\x80\x93" "200", 51}, {"10000+", 10000}, {"10,001+", 10001}, {"10000 +", 10000}, {"0", 0},
		{" 42 ", 42},
	};
	static const char *const bad[] = {
		"", "many", "-5", "1.5", "1,5", "12,34", "1000,000", "1,0000", "200-51", "51-", "+", "10k",
		"250 employees", "1 2", "999999999999999999999", "51-200+", "about 50",
	};
	size_t i;
	int64_t v;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = -7;
		if (csv_import_employees(good[i].in, &v) != 0 || v != good[i].want)
			fail_msg("\"%s\" should read as %lld, got %lld", good[i].in, (long long)good[i].want, (long long)v);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (csv_import_employees(bad[i], &v) == 0)
			fail_msg("\"%s\" should not read as an employee count (got %lld)", bad[i], (long long)v);
	assert_int_equal(csv_import_employees(NULL, &v), -1);
}

static void test_bad_employee_count_is_reported_with_its_line(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = "Email,Employees\n"
			   "a@x.io,\"1,000\"\n"
			   "b@x.io,a few hundred\n"
			   "c@x.io,51 - 200\n";

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 2);
	assert_int_equal(g->rows[0].l.employees, 1000);
	assert_int_equal(g->rows[1].l.employees, 51);
	assert_int_equal(g->rows[1].line, 4);
	assert_int_equal(g->nerrs, 1);
	assert_int_equal(g->errs[0].line, 3);
	assert_string_equal(g->errs[0].field, "employees");
	assert_non_null(strstr(g->errs[0].message, "\"a few hundred\""));
	assert_non_null(strstr(g->errs[0].message, "51-200"));
}

/* The import takes the employee bound of lead add and the API (core/bounds.c), 10,000,000; it
 * was 100,000,000 here, and past that a count was "not a count". */
static void test_employee_count_has_the_bound_of_lead_add(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = "Email,Employees\n"
			   "a@x.io,\"10,000,000\"\n"
			   "b@x.io,\"10,000,001\"\n"
			   "c@x.io,100000000\n"
			   "d@x.io,500000000\n";

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nrows, 1);
	assert_int_equal(g->rows[0].l.employees, 10000000);
	assert_int_equal(g->nerrs, 3);
	assert_int_equal(g->errs[0].line, 3);
	assert_string_equal(g->errs[0].field, "employees");
	assert_string_equal(g->errs[0].message, "employees must be a whole number from 0 to 10000000, got '10,000,001'");
	assert_string_equal(g->errs[1].message, "employees must be a whole number from 0 to 10000000, got '100000000'");
	assert_string_equal(g->errs[2].message, "employees must be a whole number from 0 to 10000000, got '500000000'");
}

static void test_channel_must_be_inbound_or_outbound(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "email,channel\na@x.io,INBOUND\nb@x.io, outbound \nc@x.io,partner\nd@x.io,\n",
				   NULL, &err), 0);
	assert_int_equal(g->nrows, 3);
	assert_int_equal(g->rows[0].l.channel, CHANNEL_INBOUND);
	assert_int_equal(g->rows[1].l.channel, CHANNEL_OUTBOUND);
	assert_int_equal(g->rows[2].l.channel, CHANNEL_INBOUND); /* empty: the default */
	assert_int_equal(g->nerrs, 1);
	assert_int_equal(g->errs[0].line, 4);
	assert_string_equal(g->errs[0].field, "channel");
	assert_non_null(strstr(g->errs[0].message, "\"partner\""));
}

static void test_row_without_email_is_reported(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "Email,Name\n,Ann\n\"  \",Bob\nc@x.io,Cy\n", NULL, &err), 0);
	assert_int_equal(g->nrows, 1);
	assert_int_equal(g->nerrs, 2);
	assert_int_equal(g->errs[0].line, 2);
	assert_string_equal(g->errs[0].field, "email");
	assert_non_null(strstr(g->errs[0].message, "email is empty"));
	assert_int_equal(g->errs[1].line, 3);
}

static void test_more_fields_than_header_is_a_row_error(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char *text = "Email,Name,Company\n"
			   "a@x.io,Lee, Ann,Acme\n"  /* an unquoted comma */
			   "b@x.io,Bob,B,,\n"        /* trailing empty values are harmless */
			   "c@x.io\n";               /* fewer: the rest is empty */

	assert_int_equal(read_text(g, text, NULL, &err), 0);
	assert_int_equal(g->nerrs, 1);
	assert_int_equal(g->errs[0].line, 2);
	assert_null(g->errs[0].field);
	assert_non_null(strstr(g->errs[0].message, "has 4 values but the header has 3 columns"));
	assert_int_equal(g->nrows, 2);
	assert_string_equal(g->rows[0].l.company, "B");
	assert_string_equal(g->rows[1].l.email, "c@x.io");
	assert_null(g->rows[1].l.name);
	assert_null(g->rows[1].l.company);
}

static void test_invalid_utf8_is_reported_naming_the_field(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	/* "Müller" in Windows-1252, an overlong "/", a lone surrogate, a NUL byte */
	const char text[] = "Email,Company,Title,Country,Notes\n"
			    "a@x.io,M\xFCller GmbH,CEO,DE,ok\n"
			    "b@x.io,B,\xC0\xAF,DE,ok\n"
			    "c@x.io,C,CTO,\xED\xA0\x80,ok\n"
			    "d@x.io,D,Chief\0Officer,DE,ok\n"
			    "e@x.io,Caf\xC3\xA9 \xF0\x9F\x98\x80,CFO,DE,\xFF\n"; /* bad bytes in an ignored column */

	assert_int_equal(read_n(g, text, sizeof(text) - 1, NULL, &err), 0);
	assert_int_equal(g->nerrs, 4);
	assert_int_equal(g->errs[0].line, 2);
	assert_string_equal(g->errs[0].field, "company");
	assert_non_null(strstr(g->errs[0].message, "UTF-8"));
	assert_string_equal(g->errs[1].field, "title");
	assert_string_equal(g->errs[2].field, "country");
	assert_int_equal(g->errs[2].line, 4);
	assert_string_equal(g->errs[3].field, "title");
	assert_int_equal(g->nrows, 1);
	assert_string_equal(g->rows[0].l.company, "Caf\xC3\xA9 \xF0\x9F\x98\x80");
}

static void test_utf16_file_is_refused(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	const char text[] = "\xFF\xFE" "E\0m\0a\0i\0l\0\n\0";

	assert_int_equal(read_n(g, text, sizeof(text) - 1, NULL, &err), -BT_BAD_INPUT);
	assert_non_null(strstr(err.message, "UTF-16"));
}

static void test_unclosed_quote_is_a_file_error(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	assert_int_equal(read_text(g, "Email,Name\na@x.io,Ann\nb@x.io,\"Bob\nc@x.io,Cy\n", NULL, &err), -BT_BAD_INPUT);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "never closed"));
	assert_int_equal(g->nrows, 1);
}

static void test_runaway_quote_stops_at_one_mebibyte(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct strbuf sb;
	int i;

	strbuf_init(&sb);
	strbuf_addstr(&sb, "Email,Name\na@x.io,\"Ann\n");
	for (i = 0; i < 40000; i++)
		strbuf_addstr(&sb, "x@x.io,just another row of text\n");
	assert_int_equal(read_n(g, sb.buf, sb.len, NULL, &err), -BT_BAD_INPUT);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "longer than 1 MiB"));
	assert_int_equal(g->nrows, 0);
	strbuf_release(&sb);
}

/*
 * Callbacks and streaming
 */

static void test_row_callback_return_stops_the_read(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	g->stop_row_at = 2;
	assert_int_equal(read_text(g, "Email\na@x.io\nb@x.io\nc@x.io\n", NULL, &err), 7);
	assert_int_equal(g->nrows, 2);
	assert_int_equal(err.code, BT_OK);
}

static void test_error_callback_return_stops_the_read(void **state)
{
	struct got *g = *state;
	struct bt_error err;

	g->stop_err_at = 1;
	assert_int_equal(read_text(g, "Email,Employees\na@x.io,many\nb@x.io,5\n", NULL, &err), 9);
	assert_int_equal(g->nerrs, 1);
	assert_int_equal(g->nrows, 0);
}

static void test_large_file_streams_across_chunks(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct strbuf sb;
	const int n = 30000;
	int i;

	/* ~2.5 MB: CRLF pairs and quoted line breaks fall across the 256 KiB chunks */
	strbuf_init(&sb);
	strbuf_addstr(&sb, "\xEF\xBB\xBF" "Email,Name,Notes,Employees\r\n");
	for (i = 0; i < n; i++) {
		if (i % 1000 == 999)
			strbuf_addf(&sb, "u%d@example.com,\"User, %d\",\"two\r\nlines\",%d\r\n", i, i, i % 500 + 1);
		else
			strbuf_addf(&sb, "u%d@example.com,\"User, %d\",plain notes here,%d\r\n", i, i, i % 500 + 1);
	}
	assert_int_equal(read_n(g, sb.buf, sb.len, NULL, &err), 0);
	assert_int_equal(g->nrows, n);
	assert_int_equal(g->nerrs, 0);
	assert_true(g->progress_calls >= sb.len / (64 * 1024));
	assert_int_equal(g->progress_last, sb.len);
	strbuf_release(&sb);

	/* the last record's line: after the header, n rows and one extra line per 1000 rows */
	g->nrows = 0;
	strbuf_init(&sb);
	strbuf_addstr(&sb, "Email,Notes\n");
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "u%d@example.com,%s\n", i, i % 1000 == 999 ? "\"a\nb\"" : "x");
	assert_int_equal(read_n(g, sb.buf, sb.len, NULL, &err), 0);
	assert_int_equal(g->nrows, n);
	assert_int_equal(g->last_line, 1 + n + (n / 1000 - 1));
	strbuf_release(&sb);
}

static void test_last_line_numbers_after_many_multiline_records(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct strbuf sb;
	int i;

	strbuf_init(&sb);
	strbuf_addstr(&sb, "Email,Notes\r\n");
	for (i = 0; i < 50; i++)
		strbuf_addf(&sb, "u%d@x.io,\"a\r\nb\r\nc\"\r\n", i);
	strbuf_addstr(&sb, "last@x.io,Bad\xFF\r\n");
	strbuf_addstr(&sb, "end@x.io,x\r\n");
	assert_int_equal(read_n(g, sb.buf, sb.len, NULL, &err), 0);
	assert_int_equal(g->nrows, 52);
	assert_int_equal(g->rows[49].line, 2 + 49 * 3);
	assert_int_equal(g->rows[50].line, 2 + 50 * 3);
	assert_int_equal(g->rows[51].line, 2 + 50 * 3 + 1);
	assert_int_equal(g->nerrs, 0); /* Notes is not imported, so its bytes are not checked */
	strbuf_release(&sb);
}

/*
 * The sample files of tests/data/csv
 */

static void test_sample_hubspot_export(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct csv_import_cfg cfg = {0};

	assert_int_equal(read_sample(g, "hubspot_export.csv", &cfg, &err), 0);
	assert_int_equal(g->nrows, 8);
	assert_int_equal(g->nerrs, 2);
	assert_int_equal(g->errs[0].line, 6);
	assert_string_equal(g->errs[0].field, "email");
	assert_int_equal(g->errs[1].line, 7);
	assert_string_equal(g->errs[1].field, "employees");
	assert_string_equal(g->rows[0].l.name, "Ana Lopez");
	assert_int_equal(g->rows[0].l.employees, 51);
	assert_string_equal(g->rows[1].l.company, "Acme Robotics, Inc.");
	assert_int_equal(g->rows[1].l.employees, 1000);
	assert_string_equal(g->rows[2].l.company, "Lumen \"Studio\" SAS");
	assert_int_equal(g->rows[2].l.employees, 11);
	assert_int_equal(g->rows[3].l.employees, 10001);
	assert_string_equal(g->rows[5].l.email, "Ana.Lopez@Northwind.IO");
	assert_int_equal(g->rows[5].line, 9);
	assert_int_equal(g->rows[6].l.employees, -1);
	assert_string_equal(g->ignored.buf, "Record ID");
}

static void test_sample_salesforce_export(void **state)
{
	struct got *g = *state;
	struct bt_error err;
	struct csv_import_cfg cfg = {0};

	cfg.source = "import";
	assert_int_equal(read_sample(g, "salesforce_export.csv", &cfg, &err), 0);
	assert_int_equal(g->nrows, 8);
	assert_int_equal(g->nerrs, 2);
	assert_int_equal(g->errs[0].line, 6);
	assert_string_equal(g->errs[0].field, "email");
	assert_int_equal(g->errs[1].line, 7);
	assert_string_equal(g->errs[1].field, "employees");
	assert_string_equal(g->rows[0].l.company, "Becker & Söhne GmbH");
	assert_int_equal(g->rows[0].l.employees, 1200);
	assert_int_equal(g->rows[1].line, 3);
	assert_int_equal(g->rows[2].line, 5); /* after the two-line street */
	assert_string_equal(g->rows[2].l.company, "Murphy, Byrne & Co");
	assert_string_equal(g->rows[3].l.email, "JULIA.BECKER@Becker-Soehne.de");
	assert_string_equal(g->rows[4].l.name, "Nakamura");
	assert_string_equal(g->rows[5].l.source, "import");
	assert_string_equal(g->rows[0].l.source, "Web");
	assert_string_equal(g->ignored.buf, "Lead ID|Salutation|Street|City");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_bom_and_crlf_are_read),
		T(test_quoted_commas_quotes_and_line_breaks),
		T(test_last_record_without_line_break_is_read),
		T(test_cr_only_line_ends_count_lines),
		T(test_stray_quotes_inside_a_value_are_kept),
		T(test_empty_lines_are_skipped),
		T(test_values_are_trimmed_and_empty_is_null),
		T(test_hubspot_headers_are_recognised),
		T(test_salesforce_headers_are_recognised),
		T(test_header_variants_and_api_names_are_recognised),
		T(test_first_and_last_name_are_joined),
		T(test_long_first_and_last_names_are_joined),
		T(test_a_name_column_wins_over_first_and_last),
		T(test_baton_export_round_trips),
		T(test_map_overrides_and_extends_the_header),
		T(test_map_naming_an_unknown_column_is_a_file_error),
		T(test_map_naming_an_unknown_field_is_a_usage_error),
		T(test_map_giving_two_columns_one_field_is_a_usage_error),
		T(test_missing_email_column_is_a_file_error),
		T(test_semicolon_file_gets_a_hint),
		T(test_duplicate_columns_keep_the_first),
		T(test_empty_file_is_a_file_error),
		T(test_header_only_file_has_no_rows),
		T(test_source_default_fills_rows_without_one),
		T(test_employee_counts_parse),
		T(test_bad_employee_count_is_reported_with_its_line),
		T(test_employee_count_has_the_bound_of_lead_add),
		T(test_channel_must_be_inbound_or_outbound),
		T(test_row_without_email_is_reported),
		T(test_more_fields_than_header_is_a_row_error),
		T(test_invalid_utf8_is_reported_naming_the_field),
		T(test_utf16_file_is_refused),
		T(test_unclosed_quote_is_a_file_error),
		T(test_runaway_quote_stops_at_one_mebibyte),
		T(test_row_callback_return_stops_the_read),
		T(test_error_callback_return_stops_the_read),
		T(test_large_file_streams_across_chunks),
		T(test_last_line_numbers_after_many_multiline_records),
		T(test_sample_hubspot_export),
		T(test_sample_salesforce_export),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
