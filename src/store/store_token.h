/* store_token.h - API credentials and idempotent answers in the store. */
#ifndef BATON_STORE_TOKEN_H
#define BATON_STORE_TOKEN_H

#include <stdint.h>

#include "store/store.h"

struct token_row {
	int64_t id;
	const char *hash;   /* hex BLAKE2b-256 of the secret */
	const char *rep;    /* NULL for an intake token */
	int intake;
	int64_t created_at;
	int64_t revoked_at; /* 0 while valid */
};

/* Stores a token (sets t->id). */
int store_token_add(struct store *s, struct token_row *t, struct bt_error *err);
/* Loads token `id`; -BT_NOT_FOUND if none. */
int store_token_get(struct store *s, struct arena *a, int64_t id, struct token_row *out, struct bt_error *err);
/* Marks token `id` revoked at `at`; -BT_NOT_FOUND if none. */
int store_token_revoke(struct store *s, int64_t id, int64_t at, struct bt_error *err);

/* The stored answer to (token, key): 0 with *status and *body (in a), or -BT_NOT_FOUND. */
int store_idem_get(struct store *s, struct arena *a, int64_t token, const char *key, int *status, const char **body,
		   struct bt_error *err);
/* Stores the first answer to (token, key). */
int store_idem_put(struct store *s, int64_t token, const char *key, int status, const char *body, int64_t at,
		   struct bt_error *err);

#endif
