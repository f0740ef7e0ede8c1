/* request.c - what a handler reads of its request and of the server it came to (http.h): a
 * header, a query argument, the server's clock, a store connection on that clock and the
 * intake's group commit. Below the routes, the group commit and the server. */
#include <microhttpd.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "http/http.h"
#include "http/server_priv.h"
#include "util/kv.h"

/* The value of `name` in l (NULL-safe), its key matched without case if nocase. */
static const char *kv_lookup(const struct kvlist *l, const char *name, int nocase)
{
	size_t i;

	for (i = 0; l && i < l->n; i++)
		if (nocase ? strcasecmp(l->items[i].key, name) == 0 : strcmp(l->items[i].key, name) == 0)
			return l->items[i].value;
	return NULL;
}

const char *http_header(const struct http_req *req, const char *name)
{
	if (!req->conn)
		return kv_lookup(req->headers, name, 1);
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(const struct http_req *req, const char *name)
{
	if (!req->conn)
		return kv_lookup(req->query, name, 0);
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

int64_t http_now(const struct http_server *s)
{
	return s->fixed_now ? s->fixed_now : (int64_t)time(NULL);
}

int http_service_open(struct http_server *s, struct service *svc, int cache_kb, struct bt_error *err)
{
	int rc = service_open(svc, s->db, http_now(s), err);

	if (!rc)
		store_cache(svc->store, cache_kb, err);
	return rc;
}

struct group_commit *http_group_commit(const struct http_req *req)
{
	return req->server->commit;
}
