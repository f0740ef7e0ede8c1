/* routes_session.h - the handlers of routes_session.c (sign-in by emailed link and the session
 * cookie, SPEC 8.7), listed in the route table of routes.c. */
#ifndef BATON_ROUTES_SESSION_H
#define BATON_ROUTES_SESSION_H

#include "http/http.h"

/* POST /api/v1/session/link {"email"}: 202 and the same body whatever the address; a link for
 * the active rep with that address goes to the outbox. */
int session_link_post(struct http_req *req, struct http_resp *resp);

/* GET /api/v1/session/link/{token}: 303 to / with the session cookie set, or to
 * /#/signin/expired (no cookie) when the link is used, expired or unknown. */
int session_link_get(struct http_req *req, struct http_resp *resp);

/* POST /api/v1/session/logout, DELETE /api/v1/session: signs the cookie's session out and
 * clears the cookie; 204. */
int session_logout(struct http_req *req, struct http_resp *resp);

#endif
