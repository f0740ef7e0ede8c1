/* token.h - API credentials (SPEC section 5): 32 random bytes from libsodium, shown once as
 * "bt_<id>_<secret>", stored only as a BLAKE2b hash, verified in constant time. */
#ifndef BATON_TOKEN_H
#define BATON_TOKEN_H

#include "service/service.h"
#include "store/store_token.h"

/* Who a valid token speaks for. */
struct principal {
	int64_t token;   /* token id */
	int intake;      /* 1: an intake token (may only create leads) */
	struct rep rep;  /* the rep (strings in the request's arena) when !intake */
};

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
