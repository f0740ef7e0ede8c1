/* token.c - creating, revoking and verifying API tokens; see token.h. The secret never
 * reaches the store: only its hash, and the comparison takes the same time whatever differs. */
#include "service/token.h"
#include "service/work.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

#define SECRET_BYTES 32

_Static_assert(TOKEN_SECRET_LEN == sodium_base64_ENCODED_LEN(SECRET_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
	       "TOKEN_SECRET_LEN holds 32 bytes in base64url");
_Static_assert(TOKEN_HASH_LEN == crypto_generichash_BYTES * 2 + 1, "TOKEN_HASH_LEN holds a hex BLAKE2b-256");

void token_secret_hash(const char *secret, char hex[TOKEN_HASH_LEN])
{
	unsigned char h[crypto_generichash_BYTES];

	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(hex, TOKEN_HASH_LEN, h, sizeof(h));
}

int token_secret_new(char secret[TOKEN_SECRET_LEN], struct bt_error *err)
{
	unsigned char raw[SECRET_BYTES];

	if (sodium_init() < 0)
		return bt_fail(err, BT_STORAGE, NULL, 0, "libsodium cannot start");
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(secret, TOKEN_SECRET_LEN, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

int service_token_create(struct service *svc, const char *name, int64_t *id, char **token, struct bt_error *err)
{
	struct work w;
	char secret[TOKEN_SECRET_LEN];
	char hex[TOKEN_HASH_LEN];
	struct arena *a;
	struct token_row t = {0};
	struct rep r;
	int rc;

	if (token_secret_new(secret, err))
		return -BT_STORAGE;
	a = arena_new();
	rc = work_begin(&w, svc, err);
	if (!rc && name && (rc = store_rep_get(svc->store, a, name, &r, err)) == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "rep", 0, "--rep %s: no rep named %s", name, name);
	if (!rc) {
		token_secret_hash(secret, hex);
		t.hash = hex;
		t.rep = name;
		t.intake = name == NULL;
		t.created_at = svc->now;
		rc = store_token_add(svc->store, &t, err);
	}
	if (!rc) {
		struct event *ev = event_new(a, EV_TOKEN_CREATED, svc->now, 0, "admin");

		event_put_int(ev, a, "token", t.id);
		event_put_str(ev, a, "rep", name ? name : "(intake)");
		rc = store_event_append(svc->store, ev, err);
	}
	rc = work_end(&w, rc, err);
	if (!rc) {
		size_t n = strlen(secret) + 48;

		*token = malloc(n);
		if (!*token)
			abort();
		snprintf(*token, n, "bt_%lld_%s", (long long)t.id, secret);
		*id = t.id;
	}
	sodium_memzero(secret, sizeof(secret));
	arena_free(&a);
	return rc;
}

int service_token_revoke(struct service *svc, int64_t id, struct bt_error *err)
{
	struct work w;
	struct arena *a = arena_new();
	int rc = work_begin(&w, svc, err);

	if (!rc)
		rc = store_token_revoke(svc->store, id, svc->now, err);
	if (!rc) {
		struct event *ev = event_new(a, EV_TOKEN_REVOKED, svc->now, 0, "admin");

		event_put_int(ev, a, "token", id);
		rc = store_event_append(svc->store, ev, err);
	}
	rc = work_end(&w, rc, err);
	arena_free(&a);
	return rc;
}

int service_token_verify(struct service *svc, struct arena *a, const char *text, struct principal *p,
			 struct bt_error *err)
{
	char hex[TOKEN_HASH_LEN];
	const char *secret;
	struct token_row t;
	char *end;
	long long id;
	int rc;

	memset(p, 0, sizeof(*p));
	if (!text || strncmp(text, "bt_", 3) != 0)
		return bt_fail(err, BT_USAGE, "authorization", 0, "a bearer token bt_<id>_<secret> is required");
	id = strtoll(text + 3, &end, 10);
	if (end == text + 3 || *end != '_' || id < 1 || strlen(end + 1) < 20 || strlen(end + 1) > 128)
		return bt_fail(err, BT_USAGE, "authorization", 0, "malformed token");
	secret = end + 1;
	rc = store_token_get(svc->store, a, id, &t, err);
	if (rc == -BT_NOT_FOUND || (!rc && t.revoked_at))
		return bt_fail(err, BT_NOT_FOUND, "authorization", 0, "unknown or revoked token");
	if (rc)
		return rc;
	token_secret_hash(secret, hex);
	if (strlen(t.hash) != strlen(hex) || sodium_memcmp(t.hash, hex, strlen(hex)) != 0)
		return bt_fail(err, BT_NOT_FOUND, "authorization", 0, "unknown or revoked token");
	p->token = t.id;
	p->intake = t.intake;
	if (!t.intake) {
		rc = store_rep_get(svc->store, a, t.rep, &p->rep, err);
		if (rc)
			return rc == -BT_NOT_FOUND
				       ? bt_fail(err, BT_NOT_FOUND, "authorization", 0, "the token's rep is gone")
				       : rc;
		if (!p->rep.active)
			return bt_fail(err, BT_NOT_FOUND, "authorization", 0, "the token's rep is inactive");
	}
	return 0;
}
