/* webhook.c - the outbox's HTTP senders: a row POSTed to the signed webhook with its
 * HMAC-SHA256 signature (libsodium), and a line POSTed to a Slack-compatible incoming webhook;
 * see webhook.h. One handle per drain and channel (deliver.c), so concurrent drains on other
 * threads share nothing. */
#include "service/webhook.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_outbox.h"
#include "util/arena.h"

#define SIGN_PREFIX "sha256="

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

char *webhook_body(const struct outbox_row *r)
{
	char at[CLOCK_RFC3339_LEN];
	json_t *o = json_object(), *payload = json_loads(r->payload, JSON_DECODE_ANY, NULL);
	char *text;

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "kind", json_string(r->kind ? r->kind : ""));
	json_object_set_new(o, "at", json_string(clock_format_rfc3339(r->at, at)));
	json_object_set_new(o, "lead", r->lead > 0 ? json_integer(r->lead) : json_null());
	json_object_set_new(o, "rep", r->rep ? json_string(r->rep) : json_null());
	/* a payload that is not JSON (never written so by baton) goes as a string */
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

CURL *webhook_easy(const char *url, char *errbuf, const atomic_int *stop)
{
	CURL *c = outbound_easy(url, "http,https", 5000L, errbuf, stop);

	if (c && (curl_easy_setopt(c, CURLOPT_POST, 1L) != CURLE_OK ||
		  curl_easy_setopt(c, CURLOPT_USERAGENT, "baton-webhook") != CURLE_OK ||
		  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard) != CURLE_OK)) {
		curl_easy_cleanup(c);
		c = NULL;
	}
	return c;
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

/* POSTs body with headers on c; OUTBOUND_SENT on a 2xx answer (else *why names `what`). */
static enum outbound_result post(CURL *c, const char *what, struct curl_slist *headers, const char *body, char *errbuf,
				 struct arena *a, const char **why)
{
	enum outbound_result res;
	long status = 0;

	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	res = outbound_perform(c, what, errbuf, a, why);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	if (res != OUTBOUND_SENT)
		return res;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status >= 200 && status < 300)
		return OUTBOUND_SENT;
	*why = arena_printf(a, "%s answered HTTP %ld", what, status);
	return OUTBOUND_FAILED;
}

enum outbound_result webhook_post_row(CURL *c, const char *url, const char *secret, const struct outbox_row *r,
				      char *errbuf, struct arena *a, const char **why)
{
	struct curl_slist *headers = NULL;
	char *body = webhook_body(r), *sig = body ? webhook_sign(secret, body, strlen(body)) : NULL;
	enum outbound_result res = OUTBOUND_NOMEM;

	if (sig && !add_header(a, &headers, "Content-Type", "application/json") &&
	    !add_header(a, &headers, "X-Baton-Delivery", arena_printf(a, "%lld", (long long)r->id)) &&
	    !add_header(a, &headers, "X-Baton-Event", r->kind ? r->kind : "") &&
	    !add_header(a, &headers, "X-Baton-Signature", sig) && !add_header(a, &headers, "Expect", NULL))
		res = post(c, url, headers, body, errbuf, a, why);
	curl_slist_free_all(headers);
	free(sig);
	free(body);
	return res;
}

enum outbound_result webhook_post_slack(CURL *c, const char *text, char *errbuf, struct arena *a, const char **why)
{
	struct curl_slist *headers = NULL;
	json_t *j = json_pack("{s:s}", "text", text ? text : "");
	char *body = j ? json_dumps(j, JSON_COMPACT) : NULL;
	enum outbound_result res = OUTBOUND_NOMEM;

	if (body && !add_header(a, &headers, "Content-Type", "application/json") &&
	    !add_header(a, &headers, "Expect", NULL))
		res = post(c, "Slack", headers, body, errbuf, a, why);
	curl_slist_free_all(headers);
	free(body);
	json_decref(j);
	return res;
}
