/* fuzz_http.c - libFuzzer target for the HTTP API (src/http): one input is one request,
 * "METHOD\nPATH?QUERY\nHeader: value\n...\n\nBODY", run through http_serve_one (auth, routes,
 * path ids, query strings, JSON bodies, use cases) against a store made once per process in
 * $TMPDIR: default playbook, five reps. "$maria" (manager), "$alice" (mrr), "$sam" (sdr), "$erin"
 * (ae), "$chloe" (csm), "$intake" in a header stand for their tokens. FUZZ_HTTP_TRACE=1 prints. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/http.h"
#include "service/service.h"
#include "service/token.h"
#include "util/arena.h"
#include "util/kv.h"
#include "util/strbuf.h"
#include "service/admin.h"

#define NOW 1795424400LL /* 2026-11-23T09:00:00Z */

static const struct {
	const char *name, *role, *pod;
} team[] = {
	{"maria", "manager", NULL},
	{"alice", "mrr", NULL},
	{"sam", "sdr", "p1"},
	{"erin", "ae", "p1"},
	{"chloe", "csm", NULL},
};
#define NTEAM (sizeof(team) / sizeof(team[0]))

static struct http_server *server;
static char dir[4096];
static char *tokens[NTEAM + 1]; /* team's, then the intake token */

static void die(const char *what, const struct bt_error *err)
{
	fprintf(stderr, "fuzz_http: %s: %s\n", what, err ? err->message : "failed");
	exit(2);
}

static void cleanup(void)
{
	char path[4200];
	static const char *const files[] = {"baton.db", "baton.db-wal", "baton.db-shm"};
	size_t i;

	http_stop(&server);
	for (i = 0; i < NTEAM + 1; i++)
		free(tokens[i]);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char db[4200];
	struct service svc;
	struct bt_error err;
	int64_t id;
	size_t i;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/baton-fuzz-http-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	snprintf(db, sizeof(db), "%s/baton.db", dir);
	bt_error_clear(&err);
	if (service_init(&svc, db, NULL, NULL, NOW, &err))
		die("init", &err);
	for (i = 0; i < NTEAM; i++) {
		struct rep r = {0};

		r.name = team[i].name;
		role_parse(team[i].role, &r.role);
		r.team = "emea";
		r.manager = i ? "maria" : NULL;
		r.pod = team[i].pod;
		r.capacity = -1;
		r.hours_start = r.hours_end = -1;
		r.active = 1;
		if (service_rep_add(&svc, &r, &err))
			die("rep add", &err);
	}
	for (i = 0; i < NTEAM + 1; i++)
		if (service_token_create(&svc, i < NTEAM ? team[i].name : NULL, &id, &tokens[i], &err))
			die("token create", &err);
	service_close(&svc);
	server = http_open_local(db, NOW, &err);
	if (!server)
		die("open", &err);
	atexit(cleanup);
	return 0;
}

/* Decodes %XX and (in a query) '+' as MHD does, into a; stops at a decoded NUL. */
static char *unescape(struct arena *a, const char *s, size_t n, int plus)
{
	char *out = arena_strndup(a, s, n), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		static const char hex[] = "0123456789abcdef0123456789ABCDEF";
		const char *h1, *h2;

		if (s[i] == '%' && i + 2 < n && s[i + 1] && s[i + 2] && (h1 = strchr(hex, s[i + 1])) &&
		    (h2 = strchr(hex, s[i + 2]))) {
			*o++ = (char)((((h1 - hex) % 16) << 4) | ((h2 - hex) % 16));
			i += 2;
		} else {
			*o++ = plus && s[i] == '+' ? ' ' : s[i];
		}
	}
	*o = '\0';
	return out;
}

/* Splits QUERY ("a=1&b=2") into q. */
static void parse_query(struct arena *a, const char *s, struct kvlist *q)
{
	while (*s) {
		const char *amp = strchr(s, '&'), *end = amp ? amp : s + strlen(s), *eq = memchr(s, '=', (size_t)(end - s));

		if (end > s) {
			const char *k = unescape(a, s, (size_t)((eq ? eq : end) - s), 1);
			const char *v = eq ? unescape(a, eq + 1, (size_t)(end - eq - 1), 1) : "";

			kv_set(q, a, k, v);
		}
		s = amp ? amp + 1 : end;
	}
}

/* A header's value with "$name" replaced by that rep's token. */
static const char *tokenize(struct arena *a, const char *v)
{
	struct strbuf sb;
	const char *out;
	size_t i;

	if (!strchr(v, '$'))
		return v;
	strbuf_init(&sb);
	while (*v) {
		for (i = 0; i < NTEAM + 1; i++) {
			const char *name = i < NTEAM ? team[i].name : "intake";
			size_t n = strlen(name);

			if (*v == '$' && strncmp(v + 1, name, n) == 0) {
				strbuf_addstr(&sb, tokens[i]);
				v += n + 1;
				break;
			}
		}
		if (i == NTEAM + 1)
			strbuf_addch(&sb, *v++);
	}
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* The next line of [*p, end) as a string in a (without its \n or \r\n); NULL at the end. */
static char *next_line(struct arena *a, const char **p, const char *end)
{
	const char *nl;
	size_t n;

	if (*p >= end)
		return NULL;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	if (n && (*p)[n - 1] == '\r')
		n--;
	{
		char *s = arena_strndup(a, *p, n);

		*p = nl ? nl + 1 : end;
		return s;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *body;
	struct kvlist headers = {0}, query = {0};
	struct arena *a = arena_new();
	struct http_resp resp;
	char *method, *target, *line, *qmark;
	size_t blen;

	method = next_line(a, &p, end);
	target = next_line(a, &p, end);
	if (!method || !target || !*method) {
		arena_free(&a);
		return 0;
	}
	while ((line = next_line(a, &p, end)) && *line) {
		char *colon = strchr(line, ':');
		const char *v;

		if (!colon)
			continue;
		*colon = '\0';
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
			;
		kv_set(&headers, a, line, tokenize(a, v));
	}
	body = p < end ? p : NULL;
	blen = p < end ? (size_t)(end - p) : 0;
	qmark = strchr(target, '?');
	if (qmark) {
		*qmark = '\0';
		parse_query(a, qmark + 1, &query);
	}
	http_serve_one(server, method, unescape(a, target, strlen(target), 0), &headers, &query, body, blen, &resp);
	if (resp.status < 100 || resp.status > 599 || (resp.body && strlen(resp.body) != resp.len))
		abort();
	if (getenv("FUZZ_HTTP_TRACE")) /* to see what the seeds do: FUZZ_HTTP_TRACE=1 fuzz_http -runs=0 DIR */
		fprintf(stderr, "%s %s -> %d %.300s\n", method, target, resp.status, resp.body ? resp.body : "");
	if (!resp.body_static)
		free(resp.body);
	arena_free(&a);
	return 0;
}
