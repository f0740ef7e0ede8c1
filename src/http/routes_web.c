/* routes_web.c - serves the dashboard (web/, embedded at build time into web_assets) at GET /
 * and GET /assets/PATH, with its Content-Type, an ETag (If-None-Match answers 304), and a
 * Content-Security-Policy that allows nothing but this server: the page loads no script,
 * style, font or image from anywhere else and talks only to this API. */
#include <string.h>

#include "http/routes_dash.h"
#include "http/web.h"

#define WEB_CSP                                                                                                        \
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "             \
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const struct web_asset *web_asset_find(const char *path)
{
	size_t i;

	for (i = 0; i < web_nassets; i++)
		if (strcmp(web_assets[i].path, path) == 0)
			return &web_assets[i];
	return NULL;
}

/* Answers asset w (or 304 when the client holds the same ETag). */
static int send_asset(struct http_req *req, struct http_resp *resp, const struct web_asset *w)
{
	const char *inm = http_header(req, "If-None-Match");

	resp->type = w->type;
	resp->cache = "no-cache"; /* revalidate each time: the ETag makes that one small answer */
	resp->etag = w->etag;
	resp->csp = WEB_CSP;
	if (inm && strcmp(inm, w->etag) == 0) {
		resp->status = 304;
		return 304;
	}
	resp->status = 200;
	resp->body = (char *)w->data;
	resp->body_static = 1;
	resp->len = w->len;
	return 200;
}

int web_index(struct http_req *req, struct http_resp *resp)
{
	const struct web_asset *w = web_asset_find("index.html");

	if (!w)
		return http_error(resp, 404, "not_found", "this build has no dashboard", NULL);
	return send_asset(req, resp, w);
}

int web_file(struct http_req *req, struct http_resp *resp)
{
	const char *p = req->path;
	const struct web_asset *w;

	while (*p == '/')
		p++;
	p += strlen("assets/"); /* the route matched "assets/..." */
	w = strstr(p, "..") ? NULL : web_asset_find(p);
	if (!w)
		return http_error(resp, 404, "not_found", "no such file", "path");
	return send_asset(req, resp, w);
}
