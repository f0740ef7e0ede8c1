/* token.h - API credentials (SPEC section 5): 32 random bytes from libsodium, shown once as
 * "bt_<id>_<secret>", stored only as a BLAKE2b hash, verified in constant time. */
#ifndef BATON_TOKEN_H
#define BATON_TOKEN_H

#include "service/service.h"
#include "store/store_token.h"

#define TOKEN_SECRET_LEN 44 /* 32 random bytes as base64url without padding, and its NUL */
#define TOKEN_HASH_LEN 65   /* a hex BLAKE2b-256 hash and its NUL */

/* Who a valid token, or a session cookie (service/session.h), speaks for. */
struct principal {
	int64_t token;   /* token id; 0 when signed in by a session cookie */
	int64_t session; /* the session's id when signed in by its cookie, else 0 */
	int intake;      /* 1: an intake token (may only create leads) */
	struct rep rep;  /* the rep (strings in the request's arena) when !intake */
};

/* Writes a new secret, 32 random bytes from libsodium as base64url text, into secret (wipe it
 * with sodium_memzero once used). 0, or -BT_STORAGE when libsodium cannot start. */
int token_secret_new(char secret[TOKEN_SECRET_LEN], struct bt_error *err);

/* Writes the hash the store keeps of a secret (hex BLAKE2b-256) into hex. */
void token_secret_hash(const char *secret, char hex[TOKEN_HASH_LEN]);

/* Creates a token for rep `name` (or an intake token when name is NULL); *token is the
 * malloc'd text to show once (caller frees), *id its id. */
int service_token_create(struct service *svc, const char *name, int64_t *id, char **token, struct bt_error *err);

/* Revokes token `id`. */
int service_token_revoke(struct service *svc, int64_t id, struct bt_error *err);

/* Checks a presented token; 0 and *p filled, or -BT_USAGE (malformed: 401), -BT_NOT_FOUND
 * (unknown, revoked or wrong secret: 401), or -BT_STORAGE. */
int service_token_verify(struct service *svc, struct arena *a, const char *text, struct principal *p,
			 struct bt_error *err);

#endif
