/* session.h - sign-in by emailed link (SPEC 8.7): a rep asks for a link with its email
 * address, opens it once within 15 minutes and gets a session, whose cookie signs its
 * requests in as a token would until it is idle 12 hours or signed out. The secrets (the
 * link's token, the cookie's value) are token.h's 32 random bytes, and only their hashes are
 * stored (store/store_session.h); when a link or a session is good is core/session.h's rule. */
#ifndef BATON_SERVICE_SESSION_H
#define BATON_SERVICE_SESSION_H

#include "service/token.h"

/* What became of a request for a link: for the server's log, never for the one who asked. */
enum link_outcome {
	LINK_SENT,      /* a link is in the outbox for the rep with that address */
	LINK_NOBODY,    /* no active rep has that address (or it is no address): nothing written */
	LINK_THROTTLED, /* the rep was sent SESSION_LINK_MAX links in 15 minutes: nothing written */
};

/* Asks for a sign-in link for the address `email` as typed: when it is an active rep's
 * (normalised by core/email.c) and that rep may be sent another (session_link_allowed), stores
 * the link and queues it for the rep in the outbox, kind "sign_in" with the payload {"link":
 * "{base}/api/v1/session/link/{token}", "expires": RFC 3339}, in one unit of work. Sets
 * *outcome, and *rep to the rep's name (in a) or NULL. 0, or a negative code when the store
 * failed (nothing written). */
int service_session_link(struct service *svc, struct arena *a, const char *email, const char *base,
			 enum link_outcome *outcome, const char **rep, struct bt_error *err);

/* Opens a session with the token of a sign-in link: in one unit of work the link is used (of
 * two requests presenting it at once, one wins), a session is stored for its rep and a
 * signed_in event appended (by the rep, about no lead, {"session": id}). 0 with
 * the cookie's value in value (wipe it with sodium_memzero once sent); -BT_NOT_FOUND (no such
 * link), -BT_REFUSED (used, expired, or its rep is inactive), or another negative code. */
int service_session_open(struct service *svc, const char *token, char value[TOKEN_SECRET_LEN], struct bt_error *err);

/* Checks the value of a session cookie: 0 with *p filled as a token's principal would be (its
 * token 0, its session's id; strings in a), the session's last sight written when a minute or
 * more old (*touched 1, else 0); -BT_NOT_FOUND (unknown, signed out, idle too long, its rep
 * gone or inactive: 401), or -BT_STORAGE. */
int service_session_verify(struct service *svc, struct arena *a, const char *value, struct principal *p, int *touched,
			   struct bt_error *err);

/* Signs out the session whose cookie's value is `value` (nothing when there is none, or it
 * was signed out already): revoked, and a signed_out event appended (by the rep, about no lead,
 * {"session": id}), from which every server's live stream hub ends that session's streams
 * (http/stream.c). 0 or a negative code. */
int service_session_close(struct service *svc, const char *value, struct bt_error *err);

#endif
