/* test_http.c - the HTTP adapter in process (http_open_local, http_serve_one, no socket): a
 * request reaches the server it came to. Two servers over two stores in one process: a lead
 * posted to the first is stored by the first's group commit, never by the other's, and stays so
 * once the other is stopped (a process-wide "current server" would send it to the last opened,
 * or to nothing after it stopped). Each test uses fresh stores in a temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "http/http.h"
#include "service/service.h"
#include "service/token.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/kv.h"
#include "service/admin.h"

#define NOW 1795424400LL /* 2026-11-23T09:00:00Z */

struct site {
	char db[4200];
	char *token; /* the intake token, malloc'd */
	struct http_server *server;
};

static char dir[4096];

/* A new store at dir/name.db with the default playbook and an intake token. */
static void site_init(struct site *s, const char *name)
{
	struct service svc;
	struct bt_error err;
	int64_t id;

	snprintf(s->db, sizeof(s->db), "%s/%s.db", dir, name);
	bt_error_clear(&err);
	assert_int_equal(service_init(&svc, s->db, NULL, NULL, NOW, &err), 0);
	assert_int_equal(service_token_create(&svc, NULL, &id, &s->token, &err), 0);
	service_close(&svc);
	s->server = http_open_local(s->db, NOW, &err);
	assert_non_null(s->server);
}

static void site_free(struct site *s)
{
	static const char *const ext[] = {"", "-wal", "-shm"};
	char path[4300];
	size_t i;

	http_stop(&s->server);
	free(s->token);
	s->token = NULL;
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", s->db, ext[i]);
		unlink(path);
	}
}

/* POSTs an inquiry from `email` to s's server; returns the status, the new lead's id in *id. */
static int post_lead(struct site *s, const char *email, int64_t *id)
{
	struct arena *a = arena_new();
	struct kvlist headers = {0};
	struct http_resp resp;
	char body[256], auth[256];
	json_t *o;
	int status;

	snprintf(auth, sizeof(auth), "Bearer %s", s->token);
	kv_set(&headers, a, "Authorization", auth);
	kv_set(&headers, a, "Content-Type", "application/json");
	snprintf(body, sizeof(body), "{\"email\": \"%s\", \"name\": \"Ada Test\", \"company\": \"Example\"}", email);
	status = http_serve_one(s->server, "POST", "/api/v1/leads", &headers, NULL, body, strlen(body), &resp);
	o = resp.body ? json_loads(resp.body, 0, NULL) : NULL;
	*id = o && json_is_integer(json_object_get(o, "id")) ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	if (!resp.body_static)
		free(resp.body);
	arena_free(&a);
	return status;
}

/* The email of lead id in the store at db, or "" if it has no such lead (into buf). */
static const char *stored_email(const char *db, int64_t id, char *buf, size_t n)
{
	struct service svc;
	struct bt_error err;
	struct arena *a = arena_new();
	struct lead l;

	bt_error_clear(&err);
	assert_int_equal(service_open(&svc, db, NOW, &err), 0);
	buf[0] = '\0';
	if (store_lead_get(svc.store, a, id, &l, &err) == 0)
		snprintf(buf, n, "%s", l.email ? l.email : "");
	service_close(&svc);
	arena_free(&a);
	return buf;
}

static void test_intake_reaches_the_server_it_came_to(void **state)
{
	struct site one = {0}, two = {0};
	char buf[256];
	int64_t id = 0;

	(void)state;
	site_init(&one, "one");
	site_init(&two, "two"); /* opened last */
	assert_int_equal(post_lead(&one, "ada@one.example", &id), 201);
	assert_true(id > 0);
	assert_string_equal(stored_email(one.db, id, buf, sizeof(buf)), "ada@one.example");
	assert_string_equal(stored_email(two.db, id, buf, sizeof(buf)), "");

	assert_int_equal(post_lead(&two, "bob@two.example", &id), 201);
	assert_string_equal(stored_email(two.db, id, buf, sizeof(buf)), "bob@two.example");

	site_free(&two); /* the other server stops: the first still takes leads in */
	assert_int_equal(post_lead(&one, "cyd@one.example", &id), 201);
	assert_string_equal(stored_email(one.db, id, buf, sizeof(buf)), "cyd@one.example");
	site_free(&one);
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/baton-test-http-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intake_reaches_the_server_it_came_to),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
