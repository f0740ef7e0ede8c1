/* session.c - sign-in links and sessions, the use cases; see session.h. The link and the
 * cookie carry secrets that never reach the store: only their hashes (token.h), looked up by
 * hash (a 256-bit random secret leaves nothing to learn from the lookup's time). */
#include "service/session.h"
#include "service/work.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/email.h"
#include "core/event.h"
#include "core/session.h"
#include "service/notify.h"
#include "store/store.h"
#include "store/store_session.h"
#include "util/arena.h"

/* Appends the event of type t (signed_in, signed_out) about session s: by its rep, about no
 * lead, naming the session by its id (the audit trail; a signed_out ends its live streams). */
static int session_event(struct service *svc, struct arena *a, enum event_type t, const struct session_row *s,
			 struct bt_error *err)
{
	struct event *ev = event_new(a, t, svc->now, 0, s->rep);

	event_put_int(ev, a, "session", s->id);
	return store_event_append(svc->store, ev, err);
}

/* Queues the link to rep `rep`: the outbox row of kind "sign_in", {"link", "expires"}. */
static int queue_link(struct service *svc, const char *rep, const char *base, const char *token, int64_t expires,
		      struct bt_error *err)
{
	char at[CLOCK_RFC3339_LEN];
	size_t n = strlen(base);
	char *link, *text;
	json_t *j;
	int rc;

	while (n > 0 && base[n - 1] == '/')
		n--;
	if (asprintf(&link, "%.*s/api/v1/session/link/%s", (int)n, base, token) < 0)
		abort();
	j = json_pack("{s:s, s:s}", "link", link, "expires", clock_format_rfc3339(expires, at));
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	rc = text ? notify_add(svc, &(struct notice){"sign_in", rep, 0, text, svc->now, 0}, err)
		  : bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	sodium_memzero(link, strlen(link));
	free(link);
	free(text);
	return rc;
}

/* In the open work: the link for rep r, unless it was sent too many; sets *outcome. */
static int send_link(struct service *svc, const struct rep *r, const char *base, enum link_outcome *outcome,
		     struct bt_error *err)
{
	char token[TOKEN_SECRET_LEN], hex[TOKEN_HASH_LEN];
	struct signin_link l = {0};
	int64_t recent = 0;
	int rc = store_signin_link_count(svc->store, r->name, svc->now - SESSION_LINK_TTL + 1, &recent, err);

	if (rc)
		return rc;
	if (!session_link_allowed(recent)) {
		*outcome = LINK_THROTTLED;
		return 0;
	}
	if ((rc = token_secret_new(token, err)))
		return rc;
	token_secret_hash(token, hex);
	l.hash = hex;
	l.rep = r->name;
	l.created_at = svc->now;
	l.expires_at = svc->now + SESSION_LINK_TTL;
	rc = store_signin_link_add(svc->store, &l, err);
	if (!rc)
		rc = queue_link(svc, r->name, base, token, l.expires_at, err);
	if (!rc)
		*outcome = LINK_SENT;
	sodium_memzero(token, sizeof(token));
	return rc;
}

int service_session_link(struct service *svc, struct arena *a, const char *email, const char *base,
			 enum link_outcome *outcome, const char **rep, struct bt_error *err)
{
	struct bt_error ignored;
	const char *canon;
	struct work w;
	struct rep r;
	int rc;

	*outcome = LINK_NOBODY;
	*rep = NULL;
	if (!email || email_normalize(email, a, &canon, &ignored))
		return 0; /* no address: nobody's */
	rc = work_begin(&w, svc, err);
	if (!rc && (rc = store_rep_by_email(svc->store, a, canon, &r, err)) == -BT_NOT_FOUND) {
		bt_error_clear(err);
		rc = 0;
	} else if (!rc && r.active) {
		*rep = r.name;
		rc = send_link(svc, &r, base ? base : "", outcome, err);
	}
	return work_end(&w, rc, err);
}

int service_session_open(struct service *svc, const char *token, char value[TOKEN_SECRET_LEN], struct bt_error *err)
{
	char hex[TOKEN_HASH_LEN];
	struct arena *a;
	struct signin_link l;
	struct session_row s = {0};
	struct work w;
	struct rep r;
	int rc;

	if (!token || strlen(token) != TOKEN_SECRET_LEN - 1)
		return bt_fail(err, BT_NOT_FOUND, "link", 0, "no such sign-in link");
	token_secret_hash(token, hex);
	a = arena_new();
	rc = work_begin(&w, svc, err);
	if (!rc)
		rc = store_signin_link_get(svc->store, a, hex, &l, err);
	if (!rc && session_link_state(l.expires_at, l.used_at, svc->now) != LINK_VALID)
		rc = bt_fail(err, BT_REFUSED, "link", 0, "the sign-in link was used or has expired");
	if (!rc)
		rc = store_signin_link_use(svc->store, l.id, svc->now, err);
	if (!rc && (rc = store_rep_get(svc->store, a, l.rep, &r, err)) == 0 && !r.active)
		rc = bt_fail(err, BT_REFUSED, "link", 0, "the link's rep is inactive");
	if (!rc)
		rc = token_secret_new(value, err);
	if (!rc) {
		token_secret_hash(value, hex);
		s.hash = hex;
		s.rep = l.rep;
		s.created_at = s.last_seen_at = svc->now;
		rc = store_session_add(svc->store, &s, err);
	}
	if (!rc)
		rc = session_event(svc, a, EV_SIGNED_IN, &s, err);
	rc = work_end(&w, rc, err);
	if (rc)
		sodium_memzero(value, TOKEN_SECRET_LEN);
	arena_free(&a);
	return rc;
}

/* The session whose cookie's value is `value`, into *s (strings in a); -BT_NOT_FOUND if none. */
static int session_find(struct service *svc, struct arena *a, const char *value, struct session_row *s,
			struct bt_error *err)
{
	char hex[TOKEN_HASH_LEN];

	if (!value || strlen(value) != TOKEN_SECRET_LEN - 1)
		return bt_fail(err, BT_NOT_FOUND, "session", 0, "no such session");
	token_secret_hash(value, hex);
	return store_session_get(svc->store, a, hex, s, err);
}

int service_session_verify(struct service *svc, struct arena *a, const char *value, struct principal *p, int *touched,
			   struct bt_error *err)
{
	struct session_row s;
	struct work w;
	int rc;

	memset(p, 0, sizeof(*p));
	*touched = 0;
	rc = session_find(svc, a, value, &s, err);
	if (!rc && !session_alive(s.last_seen_at, s.revoked_at, svc->now))
		rc = bt_fail(err, BT_NOT_FOUND, "session", 0, "the session is over: sign in again");
	if (!rc && (rc = store_rep_get(svc->store, a, s.rep, &p->rep, err)) == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, "session", 0, "the session's rep is gone");
	else if (!rc && !p->rep.active)
		rc = bt_fail(err, BT_NOT_FOUND, "session", 0, "the session's rep is inactive");
	if (rc) {
		memset(p, 0, sizeof(*p));
		return rc;
	}
	p->session = s.id;
	if (session_touch_due(s.last_seen_at, svc->now)) {
		rc = work_begin(&w, svc, err);
		if (!rc)
			rc = store_session_seen(svc->store, s.id, svc->now, err);
		rc = work_end(&w, rc, err);
		*touched = rc == 0;
	}
	return rc;
}

int service_session_close(struct service *svc, const char *value, struct bt_error *err)
{
	struct arena *a = arena_new();
	struct session_row s;
	struct work w;
	int rc = session_find(svc, a, value, &s, err);

	if (rc == -BT_NOT_FOUND) {
		bt_error_clear(err);
		rc = 0;
	} else if (!rc && !s.revoked_at) { /* signed out once: the event once */
		rc = work_begin(&w, svc, err);
		if (!rc)
			rc = store_session_revoke(svc->store, s.id, svc->now, err);
		if (!rc)
			rc = session_event(svc, a, EV_SIGNED_OUT, &s, err);
		rc = work_end(&w, rc, err);
	}
	arena_free(&a);
	return rc;
}
