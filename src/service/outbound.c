/* outbound.c - libcurl set up for the outbox's senders; see outbound.h. */
#include "service/outbound.h"

#include <pthread.h>

#include "util/arena.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

int outbound_init(void)
{
	pthread_once(&curl_once, curl_init_once);
	return curl_init_rc == CURLE_OK ? 0 : -1;
}

void outbound_cleanup(void)
{
	if (curl_init_rc == CURLE_OK)
		curl_global_cleanup();
	curl_init_rc = CURLE_FAILED_INIT;
}

/* CURLOPT_XFERINFOFUNCTION: abandons the transfer when the drain's stop flag is set. */
static int check_stop(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	const atomic_int *stop = clientp;

	return stop && atomic_load(stop) ? 1 : 0;
}

CURL *outbound_easy(const char *url, const char *protocols, long timeout_ms, char *errbuf, const atomic_int *stop)
{
	CURL *c = curl_easy_init();

	if (!c)
		return NULL;
	if (curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, protocols) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_stop) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)stop) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L) != CURLE_OK) {
		curl_easy_cleanup(c);
		return NULL;
	}
	return c;
}

enum outbound_result outbound_perform(CURL *c, const char *what, char *errbuf, struct arena *a, const char **why)
{
	CURLcode res;

	errbuf[0] = '\0';
	res = curl_easy_perform(c);
	if (res == CURLE_ABORTED_BY_CALLBACK)
		return OUTBOUND_STOPPED;
	if (res == CURLE_OK)
		return OUTBOUND_SENT;
	*why = arena_printf(a, "%s: %s", what, errbuf[0] ? errbuf : curl_easy_strerror(res));
	return OUTBOUND_FAILED;
}
