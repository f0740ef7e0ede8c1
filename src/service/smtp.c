/* smtp.c - email through libcurl's SMTP; see smtp.h. libcurl speaks the protocol (EHLO,
 * STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA with its dot-stuffing); this file gives it the
 * envelope and reads the message to it from memory. */
#include "service/smtp.h"

#include <string.h>

#include "util/arena.h"

/* The message being uploaded: CURLOPT_READFUNCTION hands it out in the pieces libcurl asks. */
struct upload {
	const char *text;
	size_t len, done;
};

static size_t read_message(char *buf, size_t size, size_t n, void *ctx)
{
	struct upload *u = ctx;
	size_t room = size * n, left = u->len - u->done, k = left < room ? left : room;

	memcpy(buf, u->text + u->done, k);
	u->done += k;
	return k;
}

CURL *smtp_easy(const char *url, const char *from, const char *password, char *errbuf, const atomic_int *stop)
{
	CURL *c = outbound_easy(url, "smtp,smtps", 10000L, errbuf, stop);
	const char *host = strstr(url, "://");
	const char *at = host ? strchr(host + 3, '@') : NULL, *slash = host ? strchr(host + 3, '/') : NULL;
	int has_user = at && (!slash || at < slash);

	if (!c)
		return NULL;
	/* smtp://: STARTTLS when the server offers it (a local relay may not); smtps://: TLS anyway */
	if (curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message) != CURLE_OK ||
	    (password && curl_easy_setopt(c, CURLOPT_PASSWORD, password) != CURLE_OK) ||
	    (password && !has_user && curl_easy_setopt(c, CURLOPT_USERNAME, from) != CURLE_OK)) {
		curl_easy_cleanup(c);
		return NULL;
	}
	return c;
}

enum outbound_result smtp_send(CURL *c, const char *what, const char *to, const char *message, size_t len, char *errbuf,
			       struct arena *a, const char **why)
{
	struct upload u = {message, len, 0};
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	enum outbound_result res;

	if (!rcpt)
		return OUTBOUND_NOMEM;
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	res = outbound_perform(c, what, errbuf, a, why);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, NULL);
	curl_easy_setopt(c, CURLOPT_READDATA, NULL);
	curl_slist_free_all(rcpt);
	return res;
}
