/* mail.c - an email as RFC 5322 text: headers, encoded words, quoted-printable; see mail.h. */
#include "io/mail.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/strbuf.h"

#define QP_LINE 76          /* the longest encoded line (RFC 2045 6.7 rule 5) */
#define WORD_BYTES 45       /* text bytes per encoded word: 60 base64 characters, 72 in all */
#define PLAIN_SUBJECT_MAX 60 /* a longer ASCII subject is encoded too, so that it can be folded */

static const char hex[] = "0123456789ABCDEF";

/* 1 if byte c may stand for itself in quoted-printable text (not at a line's end). */
static int qp_literal(unsigned char c)
{
	return c == ' ' || c == '\t' || (c >= 33 && c <= 126 && c != '=');
}

/* Appends line [p, end) encoded, breaking it softly before QP_LINE. */
static void qp_line(struct strbuf *sb, const unsigned char *p, const unsigned char *end)
{
	size_t col = 0;
	char enc[4];

	for (; p < end; p++) {
		int last = p + 1 == end;
		size_t n;

		if (qp_literal(*p) && !(last && (*p == ' ' || *p == '\t'))) {
			enc[0] = (char)*p;
			n = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[*p >> 4];
			enc[2] = hex[*p & 15];
			n = 3;
		}
		/* room for the soft break's "=" unless this is the line's last character */
		if (col + n > (last ? QP_LINE : QP_LINE - 1)) {
			strbuf_addstr(sb, "=\r\n");
			col = 0;
		}
		strbuf_add(sb, enc, n);
		col += n;
	}
	strbuf_addstr(sb, "\r\n");
}

char *mail_quoted_printable(const char *text)
{
	const unsigned char *p = (const unsigned char *)text, *nl;
	struct strbuf sb;

	strbuf_init(&sb);
	while (*p) {
		const unsigned char *end;

		nl = (const unsigned char *)strchr((const char *)p, '\n');
		end = nl ? nl : p + strlen((const char *)p);
		if (end > p && end[-1] == '\r')
			end--; /* a CRLF line end is one line end */
		qp_line(&sb, p, end);
		p = nl ? nl + 1 : end + strlen((const char *)end);
	}
	return strbuf_detach(&sb);
}

static void base64(struct strbuf *sb, const unsigned char *p, size_t n)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], b64[(v >> 6) & 63], b64[v & 63]};

		strbuf_add(sb, q, 4);
	}
	if (n - i == 1) {
		unsigned v = (unsigned)p[i] << 16;
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], '=', '='};

		strbuf_add(sb, q, 4);
	} else if (n - i == 2) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], b64[(v >> 6) & 63], '='};

		strbuf_add(sb, q, 4);
	}
}

char *mail_header_text(const char *s)
{
	struct strbuf clean, sb;
	size_t i, n, plain = 1;

	strbuf_init(&clean);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		strbuf_addch(&clean, c < 0x20 || c == 0x7f ? ' ' : (char)c);
		plain &= c < 0x80;
	}
	if (plain && clean.len <= PLAIN_SUBJECT_MAX)
		return strbuf_detach(&clean);
	strbuf_init(&sb);
	for (i = 0; i < clean.len; i += n) {
		n = clean.len - i < WORD_BYTES ? clean.len - i : WORD_BYTES;
		/* a word ends on a character's boundary: not before a UTF-8 continuation byte */
		while (i + n < clean.len && n > 1 && ((unsigned char)clean.buf[i + n] & 0xc0) == 0x80)
			n--;
		strbuf_addstr(&sb, i ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
		base64(&sb, (const unsigned char *)clean.buf + i, n);
		strbuf_addstr(&sb, "?=");
	}
	strbuf_release(&clean);
	return strbuf_detach(&sb);
}

/* Appends "name: value" CRLF, value's control characters dropped (an address never has any). */
static void header(struct strbuf *sb, const char *name, const char *value)
{
	strbuf_addf(sb, "%s: ", name);
	for (; value && *value; value++)
		if ((unsigned char)*value >= 0x20 && *value != 0x7f)
			strbuf_addch(sb, *value);
	strbuf_addstr(sb, "\r\n");
}

/* "Mon, 23 Nov 2026 09:00:00 +0000" (RFC 5322 3.3), in UTC, in English whatever the locale. */
static void date_header(struct strbuf *sb, int64_t t)
{
	static const char *const days[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strbuf_addf(sb, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday], tm.tm_mday,
		    months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

char *mail_message(const struct mail *m, size_t *len)
{
	char *subject = mail_header_text(m->subject ? m->subject : ""),
	     *body = mail_quoted_printable(m->body ? m->body : "");
	struct strbuf sb;

	strbuf_init(&sb);
	date_header(&sb, m->date);
	header(&sb, "From", m->from);
	header(&sb, "To", m->to);
	strbuf_addf(&sb, "Subject: %s\r\n", subject ? subject : "");
	header(&sb, "Message-ID", m->message_id);
	strbuf_addstr(&sb, "MIME-Version: 1.0\r\n"
			   "Content-Type: text/plain; charset=utf-8\r\n"
			   "Content-Transfer-Encoding: quoted-printable\r\n"
			   "Auto-Submitted: auto-generated\r\n"
			   "\r\n");
	strbuf_addstr(&sb, body ? body : "");
	free(subject);
	free(body);
	*len = sb.len;
	return strbuf_detach(&sb);
}
