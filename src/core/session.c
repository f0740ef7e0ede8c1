/* session.c - the rules of sign-in by emailed link and of the session cookie; see session.h.
 * An origin is compared as the browser writes it: scheme://host[:port], lower case, the
 * scheme's default port left out, no path. */
#include "core/session.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum link_state session_link_state(int64_t expires_at, int64_t used_at, int64_t now)
{
	if (used_at)
		return LINK_USED;
	return now < expires_at ? LINK_VALID : LINK_EXPIRED;
}

int session_link_allowed(int64_t recent)
{
	return recent < SESSION_LINK_MAX;
}

int session_alive(int64_t last_seen_at, int64_t revoked_at, int64_t now)
{
	return !revoked_at && now - last_seen_at < SESSION_IDLE;
}

int session_touch_due(int64_t last_seen_at, int64_t now)
{
	return now - last_seen_at >= SESSION_TOUCH_EVERY;
}

int session_state_changing(const char *method)
{
	static const char *const safe[] = {"GET", "HEAD", "OPTIONS"};
	size_t i;

	for (i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		if (method && strcmp(method, safe[i]) == 0)
			return 0;
	return 1;
}

int session_secure(const char *forwarded_proto, const char *link_base)
{
	if (forwarded_proto) {
		while (*forwarded_proto == ' ' || *forwarded_proto == '\t')
			forwarded_proto++;
		/* a chain of proxies lists one value each, the client's first */
		if (strncasecmp(forwarded_proto, "https", 5) == 0 &&
		    (forwarded_proto[5] == '\0' || forwarded_proto[5] == ',' || forwarded_proto[5] == ' '))
			return 1;
	}
	return link_base && strncasecmp(link_base, "https://", 8) == 0;
}

char *session_cookie(char *buf, const char *value, int secure)
{
	if (value && strlen(value) > SESSION_VALUE_MAX)
		return NULL;
	snprintf(buf, SESSION_COOKIE_MAX, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", SESSION_COOKIE,
		 value ? value : "", value ? SESSION_IDLE : 0, secure ? "; Secure" : "");
	return buf;
}

/* 1 if c is a character of the base64url alphabet. */
static int b64url(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

char *session_cookie_find(const char *header, char *buf)
{
	const size_t nlen = strlen(SESSION_COOKIE);
	const char *p = header;

	while (p && *p) {
		size_t n = 0;

		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (strncmp(p, SESSION_COOKIE, nlen) == 0 && p[nlen] == '=') {
			p += nlen + 1;
			while (b64url(p[n]) && n <= SESSION_VALUE_MAX)
				n++;
			if (n == 0 || n > SESSION_VALUE_MAX || (p[n] && p[n] != ';' && p[n] != ' '))
				return NULL;
			memcpy(buf, p, n);
			buf[n] = '\0';
			return buf;
		}
		p = strchr(p, ';');
	}
	return NULL;
}

/* Writes url's origin into out (SESSION_ORIGIN_MAX bytes): "scheme://host[:port]" in lower
 * case, scheme http or https, without the scheme's default port. 0, or -1 when url is none. */
static int origin_of(const char *url, char *out)
{
	const char *host, *end, *port = NULL;
	size_t i, n;
	int https;

	if (!url)
		return -1;
	if (strncasecmp(url, "http://", 7) == 0)
		https = 0;
	else if (strncasecmp(url, "https://", 8) == 0)
		https = 1;
	else
		return -1;
	host = url + (https ? 8 : 7);
	end = host + strcspn(host, "/?#");
	n = (size_t)(end - host);
	if (n == 0 || memchr(host, '@', n) || memchr(host, ' ', n))
		return -1;
	/* the port: after the last ':' that is not inside an IPv6 address's brackets */
	for (i = n; i > 0; i--) {
		if (host[i - 1] == ']')
			break;
		if (host[i - 1] == ':') {
			port = host + i - 1;
			break;
		}
	}
	if (port) {
		const char *dflt = https ? ":443" : ":80"; /* a browser never writes the default port */

		if ((size_t)(end - port) == strlen(dflt) && strncmp(port, dflt, strlen(dflt)) == 0)
			n = (size_t)(port - host);
	}
	if (n + 9 > SESSION_ORIGIN_MAX)
		return -1;
	snprintf(out, SESSION_ORIGIN_MAX, "%s://%.*s", https ? "https" : "http", (int)n, host);
	for (i = 0; out[i]; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
	return 0;
}

int session_origin_ok(const char *origin, const char *link_base, const char *host, int secure)
{
	char got[SESSION_ORIGIN_MAX], own[SESSION_ORIGIN_MAX], url[SESSION_ORIGIN_MAX];

	/* an Origin header is scheme://host[:port] and nothing after it */
	if (!origin || strlen(origin) >= SESSION_ORIGIN_MAX || origin_of(origin, got) != 0 ||
	    strpbrk(strstr(origin, "://") + 3, "/?#"))
		return 0;
	if (origin_of(link_base, own) == 0 && strcmp(got, own) == 0)
		return 1;
	if (!host || !*host || strlen(host) + 9 > SESSION_ORIGIN_MAX || strchr(host, '/'))
		return 0;
	snprintf(url, sizeof(url), "%s://%s", secure ? "https" : "http", host);
	return origin_of(url, own) == 0 && strcmp(got, own) == 0;
}
