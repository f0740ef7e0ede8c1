/* test_mail.c - an email as RFC 5322 text (src/io/mail.c, SPEC 8.6): the headers in order with
 * CRLF line ends, a date in English and UTC, a subject encoded when it is not short ASCII,
 * header values that cannot carry a second header, and a quoted-printable body of short lines
 * that decodes back to the text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/mail.h"

#include "unit.h"

/* Decodes quoted-printable text (CRLF lines, soft breaks) back to \n-terminated lines. */
static char *qp_decode(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	while (*s) {
		if (s[0] == '=' && s[1] == '\r' && s[2] == '\n') {
			s += 3;
		} else if (s[0] == '=') {
			char pair[3] = {s[1], s[2], '\0'}, *end;
			long v = strtol(pair, &end, 16);

			assert_true(*end == '\0' && s[1] != '\0');
			*o++ = (char)v;
			s += 3;
		} else if (s[0] == '\r' && s[1] == '\n') {
			*o++ = '\n';
			s += 2;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

/* Every line of s (CRLF-separated) is at most max characters, and no lone LF or CR is left. */
static void assert_lines_at_most(const char *s, size_t max)
{
	const char *p = s, *nl;

	while ((nl = strstr(p, "\r\n")) != NULL) {
		assert_true((size_t)(nl - p) <= max);
		assert_null(memchr(p, '\n', (size_t)(nl - p)));
		assert_null(memchr(p, '\r', (size_t)(nl - p)));
		p = nl + 2;
	}
	assert_string_equal(p, "");
}

static void test_quoted_printable_keeps_short_ascii_lines_and_decodes_back(void **state)
{
	const char *text = "Hello alice,\n\nA new lead is yours: Ada = 1.\n";
	char *qp = mail_quoted_printable(text), *back = qp_decode(qp);

	assert_string_equal(qp, "Hello alice,\r\n\r\nA new lead is yours: Ada =3D 1.\r\n");
	assert_string_equal(back, text);
	free(qp);
	free(back);
}

static void test_quoted_printable_encodes_utf8_and_trailing_space_and_breaks_long_lines(void **state)
{
	char text[400];
	char *qp, *back;

	snprintf(text, sizeof(text), "Zoë Müller — Société Générale %s tail \nnext\t\n",
		 "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789");
	qp = mail_quoted_printable(text);
	back = qp_decode(qp);
	assert_non_null(strstr(qp, "Zo=C3=AB"));
	assert_non_null(strstr(qp, "tail=20\r\n")); /* white space at a line's end is encoded */
	assert_non_null(strstr(qp, "next=09\r\n"));
	assert_lines_at_most(qp, 76);
	assert_string_equal(back, text);
	free(qp);
	free(back);
}

static void test_a_header_text_is_plain_when_short_ascii_else_encoded_words(void **state)
{
	char *plain = mail_header_text("New lead: Ada Lovelace (Acme)");
	char *utf8 = mail_header_text("New lead: Zoë Müller (Société Générale)");
	char *evil = mail_header_text("x\r\nBcc: eve@example.com");

	assert_string_equal(plain, "New lead: Ada Lovelace (Acme)");
	assert_int_equal(strncmp(utf8, "=?UTF-8?B?", 10), 0);
	assert_non_null(strstr(utf8, "?="));
	assert_null(strchr(evil, '\n'));
	assert_null(strchr(evil, '\r'));
	assert_string_equal(evil, "x  Bcc: eve@example.com");
	free(plain);
	free(utf8);
	free(evil);
}

static void test_a_long_subject_folds_into_words_of_whole_characters(void **state)
{
	char subject[300] = "", *h, *p;
	int i;

	for (i = 0; i < 30; i++)
		strcat(subject, "é-");
	h = mail_header_text(subject);
	assert_non_null(strstr(h, "?=\r\n =?UTF-8?B?"));
	for (p = h; (p = strstr(p, "=?UTF-8?B?")) != NULL; p++)
		assert_true(strstr(p, "?=") - p <= 75); /* an encoded word is at most 75 characters */
	free(h);
}

static void test_a_message_has_its_headers_with_crlf_and_the_body_after_a_blank_line(void **state)
{
	struct mail m = {
		.from = "baton@example.com",
		.to = "alice@example.com",
		.subject = "New lead: Ada",
		.body = "Hello alice,\n",
		.date = unit_at("2026-11-23T09:00:05Z"),
		.message_id = "<baton.7.1795424405@example.com>",
	};
	size_t len;
	char *text = mail_message(&m, &len);

	assert_int_equal(strlen(text), len);
	assert_string_equal(text, "Date: Mon, 23 Nov 2026 09:00:05 +0000\r\n"
				  "From: baton@example.com\r\n"
				  "To: alice@example.com\r\n"
				  "Subject: New lead: Ada\r\n"
				  "Message-ID: <baton.7.1795424405@example.com>\r\n"
				  "MIME-Version: 1.0\r\n"
				  "Content-Type: text/plain; charset=utf-8\r\n"
				  "Content-Transfer-Encoding: quoted-printable\r\n"
				  "Auto-Submitted: auto-generated\r\n"
				  "\r\n"
				  "Hello alice,\r\n");
	free(text);
}

static void test_an_address_cannot_carry_a_second_header(void **state)
{
	struct mail m = {
		.from = "baton@example.com",
		.to = "alice@example.com\r\nBcc: eve@example.com",
		.subject = "s",
		.body = "",
		.date = 0,
		.message_id = "<a@b>",
	};
	size_t len;
	char *text = mail_message(&m, &len);

	assert_non_null(strstr(text, "To: alice@example.comBcc: eve@example.com\r\n"));
	assert_null(strstr(text, "\r\nBcc:"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoted_printable_keeps_short_ascii_lines_and_decodes_back),
		cmocka_unit_test(test_quoted_printable_encodes_utf8_and_trailing_space_and_breaks_long_lines),
		cmocka_unit_test(test_a_header_text_is_plain_when_short_ascii_else_encoded_words),
		cmocka_unit_test(test_a_long_subject_folds_into_words_of_whole_characters),
		cmocka_unit_test(test_a_message_has_its_headers_with_crlf_and_the_body_after_a_blank_line),
		cmocka_unit_test(test_an_address_cannot_carry_a_second_header),
	};

	return cmocka_run_group_tests_name("mail", tests, NULL, NULL);
}
