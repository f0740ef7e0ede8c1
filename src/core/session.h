/* session.h - sign-in by emailed link and the session cookie (SPEC 8.7), the rules alone: how
 * long a link and a session live, whether a link may still sign in, whether a session is still
 * alive and when its last sight is written again, how many links a rep may be sent, the
 * cookie's attributes, and whether a request's Origin is the server's own. Pure: no clock, no
 * I/O; the service (service/session.c) and the server (http/cookie.c) ask it. */
#ifndef BATON_SESSION_H
#define BATON_SESSION_H

#include <stddef.h>
#include <stdint.h>

#define SESSION_LINK_TTL (15 * 60) /* a sign-in link lives 15 minutes */
#define SESSION_LINK_MAX 5         /* links a rep may be sent within SESSION_LINK_TTL */
#define SESSION_IDLE (12 * 3600)   /* a session unused this long is over */
#define SESSION_TOUCH_EVERY 60     /* a session's last sight is written at most once a minute */
#define SESSION_COOKIE "baton_session"
#define SESSION_COOKIE_MAX 192     /* room for a Set-Cookie value with its attributes */
#define SESSION_VALUE_MAX 128      /* the longest cookie value looked at */
#define SESSION_ORIGIN_MAX 256     /* the longest origin compared */

/* What a sign-in link presented now is. */
enum link_state {
	LINK_VALID,   /* unused and unexpired: it signs its rep in, once */
	LINK_USED,    /* it signed someone in already */
	LINK_EXPIRED, /* its 15 minutes are over */
};

/* The state of a link that expires at expires_at and was used at used_at (0: never), now. */
enum link_state session_link_state(int64_t expires_at, int64_t used_at, int64_t now);

/* 1 if a rep sent `recent` links in the last SESSION_LINK_TTL may be sent another, else 0. */
int session_link_allowed(int64_t recent);

/* 1 if a session last seen at last_seen_at and revoked at revoked_at (0: never) is alive now
 * (used within SESSION_IDLE, not signed out), else 0. */
int session_alive(int64_t last_seen_at, int64_t revoked_at, int64_t now);

/* 1 if a live session last seen at last_seen_at should have its last sight written now (a
 * minute or more later), else 0. */
int session_touch_due(int64_t last_seen_at, int64_t now);

/* 1 if a request by `method` changes something (POST, PUT, PATCH, DELETE: anything but GET,
 * HEAD and OPTIONS), else 0. */
int session_state_changing(const char *method);

/* 1 if the request came over TLS as far as the cookie is concerned: the proxy's
 * X-Forwarded-Proto (NULL if none; its first value) is https, or the server's link base (NULL
 * if none) starts with https://. Else 0. */
int session_secure(const char *forwarded_proto, const char *link_base);

/* Writes into buf (SESSION_COOKIE_MAX bytes) the Set-Cookie value that sets the session
 * cookie to `value`, or clears it when value is NULL: Path=/, HttpOnly, SameSite=Strict,
 * Max-Age (SESSION_IDLE, or 0), and Secure when `secure`. Returns buf, or NULL when value is
 * longer than SESSION_VALUE_MAX. */
char *session_cookie(char *buf, const char *value, int secure);

/* The value of the session cookie in a Cookie header (NULL-safe), copied into buf
 * (SESSION_VALUE_MAX + 1 bytes): 1 to SESSION_VALUE_MAX characters of the base64url alphabet.
 * Returns buf, or NULL when the header holds no such cookie. */
char *session_cookie_find(const char *header, char *buf);

/* 1 if a request's Origin header (NULL if none) is the server's own: the origin (scheme, host,
 * port; compared without case, a default port left out) of link_base (NULL if none), or that
 * of the request's Host header (NULL if none) under https when `secure`, else http. 0 for a
 * missing, "null" or malformed Origin. */
int session_origin_ok(const char *origin, const char *link_base, const char *host, int secure);

#endif
