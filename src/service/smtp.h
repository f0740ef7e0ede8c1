/* smtp.h - the outbox's email channel (SPEC 8.6): one RFC 5322 message (io/mail.c) handed to
 * an SMTP server through libcurl — smtp:// with STARTTLS when the server offers it, smtps://
 * with TLS from the start; a login when notify.channels.email.password_env names a password.
 * deliver.c retries a failure with exponential backoff. */
#ifndef BATON_SMTP_H
#define BATON_SMTP_H

#include <stddef.h>

#include "service/outbound.h"

struct arena;

/* A handle for the SMTP server at url (smtp or smtps), 10 s in all, sending as `from`,
 * logging in with `password` (NULL: no login) as the URL's user, else as `from`. NULL if
 * libcurl fails. The caller frees it with curl_easy_cleanup(). */
CURL *smtp_easy(const char *url, const char *from, const char *password, char *errbuf, const atomic_int *stop);

/* Sends message (len bytes of RFC 5322 text, CRLF lines) to the one address `to` on handle c
 * (smtp_easy); `what` names the server in messages (its URL without a password). OUTBOUND_SENT
 * once the server took it, OUTBOUND_FAILED (*why in a), OUTBOUND_STOPPED or OUTBOUND_NOMEM. */
enum outbound_result smtp_send(CURL *c, const char *what, const char *to, const char *message, size_t len, char *errbuf,
			       struct arena *a, const char **why);

#endif
