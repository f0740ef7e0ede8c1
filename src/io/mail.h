/* mail.h - one email as the text an SMTP server receives (RFC 5322, SPEC 8.6): the headers
 * Date, From, To, Subject, Message-ID, MIME-Version, Content-Type (text/plain; charset=utf-8),
 * Content-Transfer-Encoding (quoted-printable) and Auto-Submitted, each line ending in CRLF;
 * the subject in RFC 2047 encoded words when it is not short plain ASCII; every header value
 * free of CR, LF and other control characters (a stored name can never add a header); the
 * body quoted-printable (RFC 2045), so any UTF-8 text travels in lines of at most 76
 * characters. Pure: service/smtp.c hands the text to libcurl. */
#ifndef BATON_MAIL_H
#define BATON_MAIL_H

#include <stddef.h>
#include <stdint.h>

struct mail {
	const char *from;       /* the sender's address (notify.channels.email.from) */
	const char *to;         /* the recipient's address */
	const char *subject;    /* UTF-8 text */
	const char *body;       /* UTF-8 text, lines ending in \n */
	int64_t date;           /* when it was written, epoch seconds */
	const char *message_id; /* "<id@domain>", unique per message */
};

/* The message m as RFC 5322 text; malloc'd (the caller frees it), its length in *len; NULL if
 * out of memory. */
char *mail_message(const struct mail *m, size_t *len);

/* text encoded quoted-printable (RFC 2045 6.7): lines ending in CRLF, none longer than 76
 * characters (soft breaks "=" CRLF), "=", control characters, bytes past ASCII and white space
 * at a line's end as =XX. malloc'd, the caller frees it; NULL if out of memory. */
char *mail_quoted_printable(const char *text);

/* The header value s as RFC 2047 encoded words ("=?UTF-8?B?...?="), folded between words, when
 * it has a byte past ASCII or is longer than 60 characters, else as it is; control
 * characters become spaces. malloc'd, the caller frees it; NULL if out of memory. */
char *mail_header_text(const char *s);

#endif
