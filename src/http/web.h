/* web.h - the dashboard's files (web/), embedded into the binary at build time by
 * tools/embed_web.sh into build/gen/web_assets.c, and served by routes_web.c at GET / and
 * GET /assets/PATH, so that one file serves everything and nothing loads from elsewhere. */
#ifndef BATON_WEB_H
#define BATON_WEB_H

#include <stddef.h>

struct web_asset {
	const char *path;          /* relative to web/: "index.html", "js/queue.js", "vendor/chart.js" */
	const char *type;          /* Content-Type */
	const unsigned char *data; /* the bytes */
	size_t len;
	const char *etag;          /* a quoted hash of the bytes */
};

extern const struct web_asset web_assets[];
extern const size_t web_nassets;

/* The embedded file at `path` (relative to web/), or NULL. */
const struct web_asset *web_asset_find(const char *path);

#endif
