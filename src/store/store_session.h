/* store_session.h - sign-in links and sessions in the store (SPEC 8.7, migration 15): only the
 * hashes of their secrets are kept, as tokens are (store_token.h). The rules of when a link or
 * a session is good are core/session.h's; store_signin_link_use() makes a link's single use
 * atomic. */
#ifndef BATON_STORE_SESSION_H
#define BATON_STORE_SESSION_H

#include <stdint.h>

#include "store/store.h"

struct signin_link {
	int64_t id;
	const char *hash;   /* hex BLAKE2b-256 of the link's token */
	const char *rep;    /* the rep it signs in */
	int64_t created_at;
	int64_t expires_at;
	int64_t used_at;    /* 0 until it signed someone in */
};

struct session_row {
	int64_t id;
	const char *hash;     /* hex BLAKE2b-256 of the cookie's value */
	const char *rep;      /* who it signs in */
	int64_t created_at;
	int64_t last_seen_at; /* its last request (written at most once a minute) */
	int64_t revoked_at;   /* 0 until signed out */
};

/* Stores a link (sets l->id). 0 or a negative code. */
int store_signin_link_add(struct store *s, struct signin_link *l, struct bt_error *err);

/* How many links rep `rep` was sent at or after `since`; *n. 0 or a negative code. */
int store_signin_link_count(struct store *s, const char *rep, int64_t since, int64_t *n, struct bt_error *err);

/* Loads the link whose hash is `hash` (strings in a); -BT_NOT_FOUND if none. */
int store_signin_link_get(struct store *s, struct arena *a, const char *hash, struct signin_link *out,
			  struct bt_error *err);

/* Marks link `id` used at `now` if it is still unused and unexpired at `now` (one statement:
 * of two requests presenting it at once, one wins). 0 when this call used it, -BT_REFUSED when
 * it was used or had expired, else a negative code. */
int store_signin_link_use(struct store *s, int64_t id, int64_t now, struct bt_error *err);

/* Stores a session (sets r->id). 0 or a negative code. */
int store_session_add(struct store *s, struct session_row *r, struct bt_error *err);

/* Loads the session whose hash is `hash` (strings in a); -BT_NOT_FOUND if none. */
int store_session_get(struct store *s, struct arena *a, const char *hash, struct session_row *out,
		      struct bt_error *err);

/* Writes session `id`'s last sight, `at` (never moved back). 0 or a negative code. */
int store_session_seen(struct store *s, int64_t id, int64_t at, struct bt_error *err);

/* Signs session `id` out at `at` (a session signed out before keeps its first time); 0 or a
 * negative code. */
int store_session_revoke(struct store *s, int64_t id, int64_t at, struct bt_error *err);

#endif
