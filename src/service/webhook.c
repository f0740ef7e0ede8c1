/* webhook.c - the outbox's sender: reads the rows due (store_outbox.h), POSTs each to the
 * playbook's escalation.webhook with libcurl, signed with HMAC-SHA256 (libsodium), and
 * records the outcome of each row in its own short transaction, so a crash loses at most the
 * outcome of the one row in flight (which is then sent again: at-least-once delivery). One
 * curl easy handle per drain, so concurrent drains on other threads share nothing. */
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "service/service.h"
#include "service/webhook.h"
#include "store/store_outbox.h"
#include "service/work.h"
#include "util/arena.h"

#define SIGN_PREFIX "sha256="

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

void webhook_global_cleanup(void)
{
	if (curl_init_rc == CURLE_OK)
		curl_global_cleanup();
	curl_init_rc = CURLE_FAILED_INIT;
}

char *webhook_sign(const char *secret, const void *body, size_t len)
{
	crypto_auth_hmacsha256_state state;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	size_t prefix = sizeof(SIGN_PREFIX) - 1;
	char *out;

	if (sodium_init() < 0)
		return NULL;
	out = malloc(prefix + 2 * sizeof(mac) + 1);
	if (!out)
		return NULL;
	crypto_auth_hmacsha256_init(&state, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&state, body, len);
	crypto_auth_hmacsha256_final(&state, mac);
	memcpy(out, SIGN_PREFIX, prefix);
	sodium_bin2hex(out + prefix, 2 * sizeof(mac) + 1, mac, sizeof(mac));
	sodium_memzero(&state, sizeof(state));
	return out;
}

int64_t webhook_retry_delay(int attempts)
{
	int64_t delay = WEBHOOK_RETRY_FIRST;

	while (attempts-- > 0 && delay < WEBHOOK_RETRY_MAX)
		delay *= 2;
	return delay < WEBHOOK_RETRY_MAX ? delay : WEBHOOK_RETRY_MAX;
}

/* The body of row r as compact JSON text (malloc'd): {"id", "kind", "at", "lead", "rep",
 * "payload"}. A payload that is not JSON (never written so by baton) goes as a string. */
static char *row_body(const struct outbox_row *r)
{
	char at[CLOCK_RFC3339_LEN];
	json_t *o = json_object(), *payload = json_loads(r->payload, JSON_DECODE_ANY, NULL);
	char *text;

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "kind", json_string(r->kind ? r->kind : ""));
	json_object_set_new(o, "at", json_string(clock_format_rfc3339(r->at, at)));
	json_object_set_new(o, "lead", r->lead > 0 ? json_integer(r->lead) : json_null());
	json_object_set_new(o, "rep", r->rep ? json_string(r->rep) : json_null());
	json_object_set_new(o, "payload", payload ? payload : json_string(r->payload));
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return text;
}

/* Discards the receiver's answer body (libcurl would print it on stdout otherwise). */
static size_t discard(char *data, size_t size, size_t n, void *ctx)
{
	(void)data;
	(void)ctx;
	return size * n;
}

/* Appends header "name: value" to *list (value NULL: "name:", which stops libcurl sending its
 * own), control characters in value replaced by '_' so a stored kind can never inject a
 * header. Returns 0, or -1 if out of memory. */
static int add_header(struct arena *a, struct curl_slist **list, const char *name, const char *value)
{
	char *h = value ? arena_printf(a, "%s: %s", name, value) : arena_printf(a, "%s:", name), *p;
	struct curl_slist *l;

	for (p = h + strlen(name) + 1; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '_';
	l = curl_slist_append(*list, h);
	if (!l)
		return -1;
	*list = l;
	return 0;
}

/* A curl easy handle set up for the webhook at url: POST, 2 s to connect, 5 s in all, no
 * redirects, http and https only, the answer discarded. NULL if libcurl fails. */
static CURL *easy_new(const char *url, char *errbuf)
{
	CURL *c = curl_easy_init();

	if (!c)
		return NULL;
	if (curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_POST, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USERAGENT, "baton-webhook") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK) {
		curl_easy_cleanup(c);
		return NULL;
	}
	return c;
}

/* CURLOPT_XFERINFOFUNCTION: abandons the transfer when the drain's stop flag is set. */
static int check_stop(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	const atomic_int *stop = clientp;

	return stop && atomic_load(stop) ? 1 : 0;
}

static double mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6;
}

/* POSTs row r once. Returns 1 if the receiver answered 2xx, 0 if the attempt failed (*why
 * says why, in wa), -1 if out of memory, 2 if the drain's stop flag abandoned it. */
static int post_row(CURL *c, const char *url, const char *secret, const struct outbox_row *r, char *errbuf,
		    struct arena *wa, const char **why)
{
	struct arena *a = arena_new();
	struct curl_slist *headers = NULL;
	char *body = row_body(r), *sig = body ? webhook_sign(secret, body, strlen(body)) : NULL;
	long status = 0;
	CURLcode res;
	int ok = -1;

	if (!sig || add_header(a, &headers, "Content-Type", "application/json") ||
	    add_header(a, &headers, "X-Baton-Delivery", arena_printf(a, "%lld", (long long)r->id)) ||
	    add_header(a, &headers, "X-Baton-Event", r->kind ? r->kind : "") ||
	    add_header(a, &headers, "X-Baton-Signature", sig) || add_header(a, &headers, "Expect", NULL))
		goto done;
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	res = curl_easy_perform(c);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	if (res == CURLE_ABORTED_BY_CALLBACK) {
		ok = 2;
		goto done;
	}
	if (res != CURLE_OK) {
		*why = arena_printf(wa, "%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(res));
		ok = 0;
		goto done;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	ok = status >= 200 && status < 300;
	if (!ok)
		*why = arena_printf(wa, "%s answered HTTP %ld", url, status);
done:
	curl_slist_free_all(headers);
	free(sig);
	free(body);
	arena_free(&a);
	return ok;
}

/* Records the outcome of one row in its own transaction. A row that another drain delivered
 * meanwhile (-BT_NOT_FOUND) is not an error. */
static int record(struct service *svc, const struct outbox_row *r, int delivered, int64_t now, struct bt_error *err)
{
	struct work w;
	int rc = work_begin(&w, svc, err);

	if (!rc)
		rc = delivered ? store_outbox_delivered(svc->store, r->id, now, err)
			       : store_outbox_retry(svc->store, r->id, r->attempts + 1,
						    now + webhook_retry_delay(r->attempts), err);
	if (rc == -BT_NOT_FOUND) {
		bt_error_clear(err);
		rc = 0;
	}
	rc = work_end(&w, rc, err);
	return rc;
}

/* The webhook's secret from the environment; NULL with *err set (-BT_REFUSED) if missing. */
static const char *webhook_secret(const struct service *svc, struct bt_error *err)
{
	const char *name = svc->pb->webhook.secret_env, *secret;

	if (!name || !*name) {
		bt_fail(err, BT_REFUSED, "escalation.webhook.secret_env", 0,
			"the playbook's escalation.webhook names no secret_env: baton never sends an unsigned webhook; "
			"add secret_env: NAME and set that environment variable to the shared secret");
		return NULL;
	}
	secret = getenv(name);
	if (!secret || !*secret) {
		bt_fail(err, BT_REFUSED, "escalation.webhook.secret_env", 0,
			"the environment variable %s (escalation.webhook.secret_env) is %s: baton never sends an unsigned "
			"webhook; set it to the secret shared with the receiver",
			name, secret ? "empty" : "not set");
		return NULL;
	}
	return secret;
}

int webhook_drain(struct service *svc, int64_t now, int max, const atomic_int *stop, struct webhook_stats *st,
		  struct bt_error *err)
{
	double started = mono_ms();
	char errbuf[CURL_ERROR_SIZE];
	struct outbox_row *rows = NULL;
	struct arena *a = NULL;
	const char *secret, *url;
	int64_t pending = 0;
	CURL *c = NULL;
	size_t n = 0, i;
	int rc = 0;

	memset(st, 0, sizeof(*st));
	if (!svc->pb || !svc->pb->webhook.on || !svc->pb->webhook.url)
		goto done;
	secret = webhook_secret(svc, err);
	if (!secret)
		return -BT_REFUSED;
	url = svc->pb->webhook.url;
	pthread_once(&curl_once, curl_init_once);
	if (curl_init_rc != CURLE_OK || sodium_init() < 0)
		return bt_fail(err, BT_REFUSED, "webhook", 0, "cannot start the HTTP client (libcurl/libsodium)");
	a = arena_new();
	rc = store_outbox_due(svc->store, a, now, max, &rows, &n, err);
	if (rc || n == 0)
		goto done;
	c = easy_new(url, errbuf);
	if (!c) {
		rc = bt_fail(err, BT_REFUSED, "webhook", 0, "cannot set up the HTTP client (libcurl) for %s", url);
		goto done;
	}
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_stop);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)stop);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	for (i = 0; i < n; i++) {
		const char *why = "";
		int ok;

		if ((stop && atomic_load(stop)) || mono_ms() - started > WEBHOOK_DRAIN_BUDGET_MS)
			break; /* the rest stays due for the next drain */
		ok = post_row(c, url, secret, &rows[i], errbuf, a, &why);
		if (ok == 2)
			break; /* stopping: the row stays due, unrecorded */
		if (ok < 0) {
			rc = bt_fail(err, BT_STORAGE, "webhook", 0, "out of memory building webhook %lld",
				     (long long)rows[i].id);
			break;
		}
		rc = record(svc, &rows[i], ok, now, err);
		if (rc)
			break;
		if (ok) {
			st->sent++;
		} else {
			st->failed++;
			snprintf(st->last_error, sizeof(st->last_error), "%s", why);
			break; /* a receiver that is down or stuck: the rest waits for the next drain */
		}
	}
done:
	if (c)
		curl_easy_cleanup(c);
	arena_free(&a);
	if (rc)
		return rc;
	rc = store_outbox_backlog(svc->store, &pending, err);
	st->pending = (int)pending;
	return rc;
}
