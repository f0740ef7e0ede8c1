/* test_charset.c - an imported file's character set (charset_to_utf8): UTF-8 read as it is,
 * UTF-16 by its byte-order mark and the encodings named with --encoding converted to UTF-8,
 * and what is not text in its encoding refused naming the line, never mangled. One table of
 * cases: the file's bytes, the encoding named, and the UTF-8 text or the error expected. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/charset.h"
#include "unit.h"

static const struct charset_case {
	const char *name;
	const char *in;       /* the file's bytes */
	size_t len;           /* their length (the bytes may hold NULs) */
	const char *encoding; /* --encoding, or NULL */
	int rc;               /* 0 or the negative bt_code expected */
	const char *out;      /* rc 0: the text read from the file afterwards */
	int line;             /* rc < 0: err.line */
	const char *says;     /* rc < 0: in err.message */
} cases[] = {
#define B(s) s, sizeof(s) - 1
	{"utf-8 is read as it is", B("Email,Name\nz@x.io,Zo\xC3\xAB\n"), NULL, 0, "Email,Name\nz@x.io,Zo\xC3\xAB\n", 0, NULL},
	{"a utf-8 byte-order mark stays for the reader to skip", B("\xEF\xBB\xBF" "Email\n"), NULL, 0,
	 "\xEF\xBB\xBF" "Email\n", 0, NULL},
	{"an empty file is read as it is", B(""), NULL, 0, "", 0, NULL},
	{"--encoding utf-8 reads utf-8", B("Email\n\xC3\xA9@x.io\n"), "UTF-8", 0, "Email\n\xC3\xA9@x.io\n", 0, NULL},
	{"utf-16le with its byte-order mark is converted", B("\xFF\xFE" "E\0,\0\xE9\0\n\0"), NULL, 0, "E,\xC3\xA9\n", 0, NULL},
	{"utf-16be with its byte-order mark is converted", B("\xFE\xFF" "\0E\0,\0\xE9\0\n"), NULL, 0, "E,\xC3\xA9\n", 0, NULL},
	{"utf-16 outside the basic plane (a surrogate pair)", B("\xFF\xFE" "\x3D\xD8\x00\xDE"), NULL, 0, "\xF0\x9F\x98\x80", 0,
	 NULL},
	{"--encoding utf-16 lets the byte-order mark decide", B("\xFE\xFF" "\0A"), "utf-16", 0, "A", 0, NULL},
	{"--encoding utf-16 without a byte-order mark is little-endian", B("A\0B\0"), "utf-16", 0, "AB", 0, NULL},
	{"--encoding utf-16be without a byte-order mark", B("\0A\0B"), "utf-16be", 0, "AB", 0, NULL},
	{"windows-1252 named is converted, the euro sign included", B("Email,Company\nc@x.io,Caf\xE9 \x80\n"), "windows-1252",
	 0, "Email,Company\nc@x.io,Caf\xC3\xA9 \xE2\x82\xAC\n", 0, NULL},
	{"cp1252 is windows-1252", B("\xE9"), "CP1252", 0, "\xC3\xA9", 0, NULL},
	{"iso-8859-1 named is converted", B("M\xFCller"), "iso-8859-1", 0, "M\xC3\xBCller", 0, NULL},
	{"windows-1252 text not named is left as it is for the reader to refuse", B("Email\nc@x.io,Chlo\xE9\n"), NULL, 0,
	 "Email\nc@x.io,Chlo\xE9\n", 0, NULL},
	{"a bad byte after CRLF lines counts them once", B("A\r\nB\r\n\x81\r\n"), "windows-1252", -BT_BAD_INPUT, NULL, 3,
	 "0x81"},
	{"a byte windows-1252 does not define is refused at its line", B("Email\na\n\x81\n"), "windows-1252", -BT_BAD_INPUT,
	 NULL, 3, "not windows-1252 text"},
	{"utf-8 named windows-1252 is refused, not converted twice", B("Email\nChlo\xC3\xA9\n"), "windows-1252",
	 -BT_BAD_INPUT, NULL, 0, "already UTF-8"},
	{"utf-16 named windows-1252 is refused", B("\xFF\xFE" "A\0"), "windows-1252", -BT_BAD_INPUT, NULL, 1, "utf-16le"},
	{"utf-16 without a byte-order mark is refused with the way out", B("E\0m\0a\0i\0l\0"), NULL, -BT_BAD_INPUT, NULL, 1,
	 "--encoding utf-16le"},
	{"utf-16be without a byte-order mark is refused too", B("\0E\0m"), NULL, -BT_BAD_INPUT, NULL, 1,
	 "--encoding utf-16be"},
	{"utf-16 cut in the middle of a character is refused", B("\xFF\xFE" "A\0\n\0B"), NULL, -BT_BAD_INPUT, NULL, 2,
	 "middle of a utf-16le character"},
	{"a lone utf-16 surrogate is refused", B("\xFF\xFE" "A\0\n\0\x3D\xD8" "A\0"), NULL, -BT_BAD_INPUT, NULL, 2,
	 "not utf-16le text"},
	{"an unknown encoding is a usage error naming the known ones", B("x"), "ebcdic", -BT_USAGE, NULL, 0,
	 "windows-1252"},
#undef B
};

static void run_case(void **state)
{
	const struct charset_case *c = *state;
	struct bt_error err;
	char got[256];
	size_t n;
	FILE *f = tmpfile();
	int rc;

	assert_non_null(f);
	assert_int_equal(fwrite(c->in, 1, c->len, f), c->len);
	rewind(f);
	bt_error_clear(&err);
	rc = charset_to_utf8(&f, c->encoding, &err);
	assert_int_equal(rc, c->rc);
	if (rc == 0) {
		n = fread(got, 1, sizeof(got) - 1, f);
		got[n] = '\0';
		assert_int_equal(n, strlen(c->out));
		assert_memory_equal(got, c->out, n);
	} else {
		assert_string_equal(err.field, "encoding");
		assert_int_equal(err.line, c->line);
		if (!strstr(err.message, c->says))
			fail_msg("message \"%s\" does not say \"%s\"", err.message, c->says);
	}
	fclose(f);
}

/* A file larger than the head that is looked at first, converted whole, its lines counted on. */
static void test_large_windows_1252_file_is_converted_whole(void **state)
{
	struct bt_error err;
	FILE *f = tmpfile();
	char line[64];
	long n = 0;
	int i, rc;

	(void)state;
	assert_non_null(f);
	for (i = 0; i < 20000; i++)
		fprintf(f, "caf\xE9%d@x.io,Chlo\xE9\n", i);
	fputs("bad\x81\n", f);
	rewind(f);
	rc = charset_to_utf8(&f, "windows-1252", &err);
	assert_int_equal(rc, -BT_BAD_INPUT);
	assert_int_equal(err.line, 20001);
	fclose(f);

	f = tmpfile();
	assert_non_null(f);
	for (i = 0; i < 20000; i++)
		fprintf(f, "caf\xE9%d@x.io,Chlo\xE9\n", i);
	rewind(f);
	assert_int_equal(charset_to_utf8(&f, "windows-1252", &err), 0);
	while (fgets(line, sizeof(line), f))
		n++;
	assert_int_equal(n, 20000);
	rewind(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "caf\xC3\xA9" "0@x.io,Chlo\xC3\xA9\n");
	fclose(f);
}

/* A utf-8 character cut by the end of the head is not a bad byte. */
static void test_utf8_character_across_the_head_is_text(void **state)
{
	struct bt_error err;
	FILE *f = tmpfile();
	long i;

	(void)state;
	assert_non_null(f);
	for (i = 0; i < 64 * 1024 - 1; i++)
		fputc('a', f);
	fputs("\xC3\xA9\n", f);
	rewind(f);
	assert_int_equal(charset_to_utf8(&f, NULL, &err), 0);
	fclose(f);
}

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + 2];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct CMUnitTest t = {cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};

		tests[i] = t;
	}
	{
		struct CMUnitTest t1 = cmocka_unit_test(test_large_windows_1252_file_is_converted_whole);
		struct CMUnitTest t2 = cmocka_unit_test(test_utf8_character_across_the_head_is_text);

		tests[i++] = t1;
		tests[i++] = t2;
	}
	return cmocka_run_group_tests_name("charset", tests, NULL, NULL);
}
