/* outbound.h - libcurl for the senders of the outbox (webhook.c: the signed webhook and Slack;
 * smtp.c: email): the library set up once per process, a handle with the timeouts, the
 * protocols allowed and a stop flag that abandons a transfer in flight (a server's SIGTERM),
 * and a transfer's outcome in words. Below the senders; deliver.c drives them. */
#ifndef BATON_OUTBOUND_H
#define BATON_OUTBOUND_H

#include <curl/curl.h>
#include <stdatomic.h>

struct arena;

/* What one transfer came to. */
enum outbound_result {
	OUTBOUND_FAILED = 0,  /* the receiver is down, stuck or said no: try again later (why says why) */
	OUTBOUND_SENT = 1,    /* delivered */
	OUTBOUND_STOPPED = 2, /* abandoned by the stop flag: left as it was, unrecorded */
	OUTBOUND_NOMEM = -1,  /* out of memory */
};

/* Sets libcurl up for this process, once, whichever thread asks first; 0, or -1 if it cannot
 * start. */
int outbound_init(void);

/* Releases libcurl's global state; at most once, at exit, when no thread uses it (optional:
 * only leak checkers notice). */
void outbound_cleanup(void);

/* A handle for url by `protocols` ("http,https", "smtp,smtps"): no redirects, 2 s to connect,
 * `timeout_ms` in all, no signals, errors into errbuf (CURL_ERROR_SIZE bytes), and abandoned
 * as soon as *stop (may be NULL) becomes non-zero. NULL if libcurl fails. The caller frees it
 * with curl_easy_cleanup(). */
CURL *outbound_easy(const char *url, const char *protocols, long timeout_ms, char *errbuf, const atomic_int *stop);

/* Performs the transfer set up on c: OUTBOUND_SENT when libcurl completed it (an HTTP caller
 * then checks the status), OUTBOUND_STOPPED, or OUTBOUND_FAILED with *why ("WHAT: reason", in
 * a; `what` names the receiver without a secret: never a Slack URL). */
enum outbound_result outbound_perform(CURL *c, const char *what, char *errbuf, struct arena *a, const char **why);

#endif
