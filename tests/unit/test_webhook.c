/* test_webhook.c - delivering the outbox to the playbook's signed webhook (notify_drain, the
 * webhook channel): a real HTTP listener (libmicrohttpd on 127.0.0.1, a free port) receives
 * the signed POSTs; each test uses a fresh store in a temporary folder. Checks the body, the headers, the signature (computed here
 * independently from SHA-256), delivery marks, the retry schedule and the refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <cmocka.h>

#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/clock.h"
#include "core/playbook.h"
#include "service/service.h"
#include "service/deliver.h"
#include "service/webhook.h"
#include "store/store.h"
#include "store/store_outbox.h"
#include "util/arena.h"
#include "service/admin.h"

#define SECRET "s3cret-shared-with-the-receiver"
#define MAX_HITS 8

/* ---------------------------------------------------------------- the listener */

struct hit {
	char *body;          /* malloc'd, NUL-terminated */
	char signature[128]; /* X-Baton-Signature */
	char delivery[32];   /* X-Baton-Delivery */
	char event[64];      /* X-Baton-Event */
	char ctype[64];      /* Content-Type */
	char method[16];
};

struct listener {
	struct MHD_Daemon *d;
	uint16_t port;
	unsigned status;     /* the status it answers */
	int nhits;
	struct hit hits[MAX_HITS];
};

struct upload {
	char *buf;
	size_t len;
};

static void copy_header(struct MHD_Connection *conn, const char *name, char *out, size_t size)
{
	const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);

	snprintf(out, size, "%s", v ? v : "");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *data, size_t *size, void **con_cls)
{
	struct listener *l = cls;
	struct upload *up = *con_cls;
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (!up) {
		up = calloc(1, sizeof(*up));
		*con_cls = up;
		return up ? MHD_YES : MHD_NO;
	}
	if (*size) {
		char *nb = realloc(up->buf, up->len + *size + 1);

		if (!nb)
			return MHD_NO;
		up->buf = nb;
		memcpy(up->buf + up->len, data, *size);
		up->len += *size;
		up->buf[up->len] = '\0';
		*size = 0;
		return MHD_YES;
	}
	if (l->nhits < MAX_HITS) {
		struct hit *h = &l->hits[l->nhits++];

		h->body = up->buf ? up->buf : strdup("");
		up->buf = NULL;
		copy_header(conn, "X-Baton-Signature", h->signature, sizeof(h->signature));
		copy_header(conn, "X-Baton-Delivery", h->delivery, sizeof(h->delivery));
		copy_header(conn, "X-Baton-Event", h->event, sizeof(h->event));
		copy_header(conn, "Content-Type", h->ctype, sizeof(h->ctype));
		snprintf(h->method, sizeof(h->method), "%s", method);
	}
	resp = MHD_create_response_from_buffer(2, (void *)"ok", MHD_RESPMEM_PERSISTENT);
	if (l->status / 100 == 3)
		MHD_add_response_header(resp, "Location", "http://127.0.0.1:1/elsewhere");
	ret = MHD_queue_response(conn, l->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct upload *up = *con_cls;

	if (up) {
		free(up->buf);
		free(up);
		*con_cls = NULL;
	}
}

static void listener_start(struct listener *l, unsigned status)
{
	struct sockaddr_in addr;
	const union MHD_DaemonInfo *info;

	memset(l, 0, sizeof(*l));
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = 0;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l->status = status;
	l->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, l,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
				NULL, MHD_OPTION_END);
	assert_non_null(l->d);
	info = MHD_get_daemon_info(l->d, MHD_DAEMON_INFO_BIND_PORT);
	assert_non_null(info);
	l->port = info->port;
	assert_true(l->port > 0);
}

static void listener_stop(struct listener *l)
{
	int i;

	if (l->d)
		MHD_stop_daemon(l->d);
	l->d = NULL;
	for (i = 0; i < l->nhits; i++)
		free(l->hits[i].body);
	l->nhits = 0;
}

/* ---------------------------------------------------------------- the fixture */

struct fixture {
	char dir[64];
	char path[128];
	struct listener l;
	struct service svc;
	int64_t now;
	struct arena *a;
};

/* The default playbook with its webhook sent to url (NULL: no escalation section); malloc'd. */
static char *playbook_with(const char *url)
{
	const char *text = playbook_default_yaml(), *old = "http://127.0.0.1:9000/hook";
	const char *at = strstr(text, url ? old : "\nescalation:");
	size_t head, tail, n;
	char *out;

	assert_non_null(at);
	head = (size_t)(at - text);
	tail = url ? strlen(at + strlen(old)) : 0;
	n = head + (url ? strlen(url) : 1) + tail + 1;
	out = malloc(n);
	assert_non_null(out);
	memcpy(out, text, head);
	if (url) {
		memcpy(out + head, url, strlen(url));
		memcpy(out + head + strlen(url), at + strlen(old), tail + 1);
	} else {
		memcpy(out + head, "\n", 2);
	}
	return out;
}

static void apply_url(struct fixture *f, const char *url)
{
	struct bt_error err;
	int64_t version;
	char *text = playbook_with(url);

	assert_int_equal(service_playbook_apply(&f->svc, text, "test playbook", &version, &err), 0);
	free(text);
	assert_int_equal(f->svc.pb->webhook.on, url != NULL);
}

static void apply_port(struct fixture *f, uint16_t port)
{
	char url[64];

	snprintf(url, sizeof(url), "http://127.0.0.1:%u/hook", (unsigned)port);
	apply_url(f, url);
}

static int setup(void **state)
{
	static struct fixture f;
	struct bt_error err;

	memset(&f, 0, sizeof(f));
	snprintf(f.dir, sizeof(f.dir), "/tmp/baton-test-XXXXXX");
	assert_non_null(mkdtemp(f.dir));
	snprintf(f.path, sizeof(f.path), "%s/t.db", f.dir);
	assert_int_equal(clock_parse_rfc3339("2026-11-23T08:03:00Z", &f.now), 0);
	assert_int_equal(service_init(&f.svc, f.path, NULL, NULL, f.now, &err), 0);
	assert_true(f.svc.pb->webhook.on); /* the default playbook has one, on port 9000 */
	listener_start(&f.l, 200);
	apply_port(&f, f.l.port);
	setenv("BATON_WEBHOOK_SECRET", SECRET, 1);
	f.a = arena_new();
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[200];

	service_close(&f->svc);
	listener_stop(&f->l);
	arena_free(&f->a);
	unsetenv("BATON_WEBHOOK_SECRET");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- helpers */

/* HMAC-SHA256 (RFC 2104) from plain SHA-256, as lowercase hex: independent of webhook.c. */
static void hmac_hex(const char *key, const void *msg, size_t len, char out[65])
{
	unsigned char k0[64] = {0}, pad[64], inner[32], mac[32];
	crypto_hash_sha256_state h;
	size_t klen = strlen(key), i;

	if (klen > sizeof(k0))
		crypto_hash_sha256(k0, (const unsigned char *)key, klen);
	else
		memcpy(k0, key, klen);
	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k0[i] ^ 0x36;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, pad, sizeof(pad));
	crypto_hash_sha256_update(&h, msg, len);
	crypto_hash_sha256_final(&h, inner);
	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k0[i] ^ 0x5c;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, pad, sizeof(pad));
	crypto_hash_sha256_update(&h, inner, sizeof(inner));
	crypto_hash_sha256_final(&h, mac);
	for (i = 0; i < sizeof(mac); i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

static int64_t add_row(struct fixture *f, int64_t at, const char *kind, const char *rep, int64_t lead,
		       const char *payload)
{
	struct outbox_row r = {0};
	struct bt_error err;
	int64_t id = 0;

	r.at = at;
	r.kind = kind;
	r.rep = rep;
	r.lead = lead;
	r.payload = payload;
	r.channel = PB_CHANNEL_WEBHOOK;
	r.status = OUTBOX_PENDING;
	assert_int_equal(store_outbox_add(f->svc.store, &r, &id, &err), 0);
	assert_true(id > 0);
	return id;
}

struct row_state {
	int attempts;
	int64_t next_at;
	int64_t delivered_at; /* -1 while undelivered */
};

/* Reads outbox row id through a separate SQLite connection: what a restart would find. */
static struct row_state row_state(struct fixture *f, int64_t id)
{
	struct row_state rs = {0};
	sqlite3 *db;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT attempts, next_at, delivered_at FROM outbox WHERE id = ?", -1,
					    &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	rs.attempts = sqlite3_column_int(st, 0);
	rs.next_at = sqlite3_column_int64(st, 1);
	rs.delivered_at = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 2);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rs;
}

static int drain(struct fixture *f, int64_t now, int max, struct notify_stats *st)
{
	struct bt_error err;

	bt_error_clear(&err);
	return notify_drain(&f->svc, now, max, NULL, st, &err);
}

/* ---------------------------------------------------------------- tests */

static void test_sign_matches_rfc4231_vectors_for_short_and_long_keys(void **state)
{
	char longkey[132], *sig;
	const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";

	sig = webhook_sign("Jefe", "what do ya want for nothing?", 28);
	assert_string_equal(sig, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	free(sig);
	memset(longkey, 0xaa, 131);
	longkey[131] = '\0';
	sig = webhook_sign(longkey, msg, strlen(msg));
	assert_string_equal(sig, "sha256=60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	free(sig);
}

static void test_retry_delay_doubles_from_30s_and_caps_at_one_hour(void **state)
{
	assert_int_equal(webhook_retry_delay(0), 30);
	assert_int_equal(webhook_retry_delay(1), 60);
	assert_int_equal(webhook_retry_delay(2), 120);
	assert_int_equal(webhook_retry_delay(6), 1920);
	assert_int_equal(webhook_retry_delay(7), 3600);
	assert_int_equal(webhook_retry_delay(1000), 3600);
}

static void test_drain_posts_signed_body_with_headers_and_marks_row_delivered(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	struct bt_error err;
	struct rep r = {0};
	struct lead ld;
	struct row_state rs;
	json_t *body, *payload;
	char expect[65], sig[80], delivery[32];
	int64_t id;

	r.name = "maria";
	r.role = ROLE_MANAGER;
	r.capacity = -1;
	r.hours_start = r.hours_end = -1;
	r.active = 1;
	r.created_at = f->now;
	assert_int_equal(store_rep_add(f->svc.store, &r, &err), 0);
	lead_init(&ld);
	ld.email = "ada@acme.example";
	ld.created_at = ld.updated_at = f->now;
	assert_int_equal(store_lead_insert(f->svc.store, &ld, &err), 0);
	id = add_row(f, f->now - 60, "escalate", "maria", ld.id, "{\"rule\":\"speed_to_lead\",\"owner\":\"bob\"}");

	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(st.sent, 1);
	assert_int_equal(st.failed, 0);
	assert_int_equal(st.pending, 0);
	assert_int_equal(f->l.nhits, 1);

	assert_string_equal(f->l.hits[0].method, "POST");
	assert_string_equal(f->l.hits[0].ctype, "application/json");
	snprintf(delivery, sizeof(delivery), "%lld", (long long)id);
	assert_string_equal(f->l.hits[0].delivery, delivery);
	assert_string_equal(f->l.hits[0].event, "escalate");
	hmac_hex(SECRET, f->l.hits[0].body, strlen(f->l.hits[0].body), expect);
	snprintf(sig, sizeof(sig), "sha256=%s", expect);
	assert_string_equal(f->l.hits[0].signature, sig);

	body = json_loads(f->l.hits[0].body, 0, NULL);
	assert_non_null(body);
	assert_int_equal(json_integer_value(json_object_get(body, "id")), id);
	assert_string_equal(json_string_value(json_object_get(body, "kind")), "escalate");
	assert_string_equal(json_string_value(json_object_get(body, "at")), "2026-11-23T08:02:00Z");
	assert_int_equal(json_integer_value(json_object_get(body, "lead")), ld.id);
	assert_string_equal(json_string_value(json_object_get(body, "rep")), "maria");
	payload = json_object_get(body, "payload");
	assert_true(json_is_object(payload));
	assert_string_equal(json_string_value(json_object_get(payload, "rule")), "speed_to_lead");
	assert_string_equal(json_string_value(json_object_get(payload, "owner")), "bob");
	json_decref(body);

	rs = row_state(f, id);
	assert_int_equal(rs.delivered_at, f->now);
	assert_int_equal(rs.attempts, 0);
	/* delivered once: a second drain sends nothing */
	assert_int_equal(drain(f, f->now + 3600, 10, &st), 0);
	assert_int_equal(st.sent, 0);
	assert_int_equal(f->l.nhits, 1);
}

static void test_row_without_lead_or_rep_sends_nulls(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	json_t *body;

	add_row(f, f->now, "tune_out", NULL, 0, NULL);
	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(st.sent, 1);
	assert_int_equal(f->l.nhits, 1);
	body = json_loads(f->l.hits[0].body, 0, NULL);
	assert_non_null(body);
	assert_true(json_is_null(json_object_get(body, "lead")));
	assert_true(json_is_null(json_object_get(body, "rep")));
	assert_true(json_is_object(json_object_get(body, "payload")));
	assert_int_equal(json_object_size(json_object_get(body, "payload")), 0);
	json_decref(body);
}

static void test_receiver_500_retries_after_30s_then_delivers_at_next_at(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	struct row_state rs;
	struct outbox_row *rows;
	struct bt_error err;
	size_t n;
	int64_t id = add_row(f, f->now, "escalate", NULL, 0, "{}");

	f->l.status = 500;
	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(st.sent, 0);
	assert_int_equal(st.failed, 1);
	assert_int_equal(st.pending, 1);
	assert_non_null(strstr(st.last_error, "HTTP 500"));
	assert_int_equal(f->l.nhits, 1);
	rs = row_state(f, id);
	assert_int_equal(rs.attempts, 1);
	assert_int_equal(rs.next_at, f->now + 30);
	assert_int_equal(rs.delivered_at, -1);

	/* not due before next_at */
	assert_int_equal(store_outbox_due(f->svc.store, f->a, f->now + 29, 10, &rows, &n, &err), 0);
	assert_int_equal(n, 0);
	f->l.status = 200;
	assert_int_equal(drain(f, f->now + 29, 10, &st), 0);
	assert_int_equal(st.sent, 0);
	assert_int_equal(f->l.nhits, 1);

	assert_int_equal(drain(f, f->now + 30, 10, &st), 0);
	assert_int_equal(st.sent, 1);
	assert_int_equal(st.pending, 0);
	assert_int_equal(f->l.nhits, 2);
	/* the same delivery id both times: the receiver can dedupe */
	assert_string_equal(f->l.hits[0].delivery, f->l.hits[1].delivery);
	rs = row_state(f, id);
	assert_int_equal(rs.delivered_at, f->now + 30);
	assert_int_equal(rs.attempts, 1);
}

static void test_second_failure_waits_60s(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	struct row_state rs;
	int64_t id = add_row(f, f->now, "escalate", NULL, 0, "{}");

	f->l.status = 503;
	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(drain(f, f->now + 30, 10, &st), 0);
	assert_int_equal(st.failed, 1);
	rs = row_state(f, id);
	assert_int_equal(rs.attempts, 2);
	assert_int_equal(rs.next_at, f->now + 30 + 60);
}

static void test_closed_port_is_a_retry_not_a_crash(void **state)
{
	struct fixture *f = *state;
	struct listener gone;
	struct notify_stats st;
	struct row_state rs;
	int64_t id = add_row(f, f->now, "notify", NULL, 0, "{}");

	listener_start(&gone, 200);
	listener_stop(&gone); /* its port is free again: nothing listens there */
	apply_port(f, gone.port);
	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(st.sent, 0);
	assert_int_equal(st.failed, 1);
	assert_int_equal(st.pending, 1);
	assert_true(st.last_error[0] != '\0');
	rs = row_state(f, id);
	assert_int_equal(rs.attempts, 1);
	assert_int_equal(rs.next_at, f->now + 30);
	assert_int_equal(rs.delivered_at, -1);
}

static void test_redirect_is_not_followed_and_is_a_retry(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	int64_t id = add_row(f, f->now, "notify", NULL, 0, "{}");

	f->l.status = 302;
	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(st.failed, 1);
	assert_int_equal(f->l.nhits, 1);
	assert_non_null(strstr(st.last_error, "HTTP 302"));
	assert_int_equal(row_state(f, id).attempts, 1);
}

static void test_missing_or_empty_secret_refuses_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	struct bt_error err;
	struct row_state rs;
	int64_t id = add_row(f, f->now, "escalate", NULL, 0, "{}");

	unsetenv("BATON_WEBHOOK_SECRET");
	bt_error_clear(&err);
	assert_int_equal(notify_drain(&f->svc, f->now, 10, NULL, &st, &err), -BT_REFUSED);
	assert_non_null(strstr(err.message, "BATON_WEBHOOK_SECRET"));
	assert_non_null(strstr(err.message, "unsigned"));
	setenv("BATON_WEBHOOK_SECRET", "", 1);
	assert_int_equal(drain(f, f->now, 10, &st), -BT_REFUSED);
	assert_int_equal(f->l.nhits, 0);
	rs = row_state(f, id);
	assert_int_equal(rs.attempts, 0);
	assert_int_equal(rs.next_at, f->now);
	assert_int_equal(rs.delivered_at, -1);
}

static void test_webhook_off_sends_nothing_and_keeps_rows(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	int64_t id = add_row(f, f->now, "escalate", NULL, 0, "{}");

	apply_url(f, NULL);
	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(st.sent, 0);
	assert_int_equal(st.failed, 0);
	assert_int_equal(st.pending, 1);
	assert_int_equal(f->l.nhits, 0);
	assert_int_equal(row_state(f, id).delivered_at, -1);
}

/* issue 13.9: a receiver that is down stops the drain at its first failure: the rows after it
 * wait for the next drain, untried (before, each of up to 100 rows waited out its own timeout
 * while the server's ticker, SLA timers included, stood still) */
static void test_a_failed_delivery_stops_the_drain(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	int64_t first = add_row(f, f->now - 30, "notify", NULL, 0, "{}");
	int64_t second = add_row(f, f->now - 20, "notify", NULL, 0, "{}");
	int64_t third = add_row(f, f->now - 10, "notify", NULL, 0, "{}");

	f->l.status = 500;
	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(st.failed, 1);
	assert_int_equal(f->l.nhits, 1);
	assert_int_equal(row_state(f, first).attempts, 1);
	assert_int_equal(row_state(f, second).attempts, 0);
	assert_int_equal(row_state(f, third).attempts, 0);
	f->l.status = 200;
	assert_int_equal(drain(f, f->now, 10, &st), 0); /* the first waits its 30 s; the others go */
	assert_int_equal(st.sent, 2);
	assert_int_equal(st.pending, 1);
}

struct stopper {
	atomic_int *flag;
	int after_ms;
};

static void *stop_later(void *arg)
{
	struct stopper *s = arg;

	usleep((useconds_t)s->after_ms * 1000);
	atomic_store(s->flag, 1);
	return NULL;
}

/* issue 13.9: a receiver that accepts the connection and never answers; the stop flag (a
 * server's SIGTERM) abandons the delivery in flight and leaves its row due and unrecorded,
 * where before the drain waited out libcurl's 5 s timeout and recorded a failed attempt */
static void test_the_stop_flag_abandons_a_delivery_to_a_stuck_receiver(void **state)
{
	struct fixture *f = *state;
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	struct notify_stats st;
	struct bt_error err;
	atomic_int stop = 0;
	struct stopper sp = {&stop, 300};
	pthread_t t;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int64_t id = add_row(f, f->now, "breach", NULL, 0, "{}");

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	assert_int_equal(listen(fd, 8), 0); /* the kernel accepts; nobody ever reads or answers */
	assert_int_equal(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
	apply_port(f, ntohs(addr.sin_port));
	assert_int_equal(pthread_create(&t, NULL, stop_later, &sp), 0);
	bt_error_clear(&err);
	assert_int_equal(notify_drain(&f->svc, f->now, 10, &stop, &st, &err), 0);
	pthread_join(t, NULL);
	close(fd);
	assert_int_equal(st.sent, 0);
	assert_int_equal(st.failed, 0); /* abandoned, not a failed attempt */
	assert_int_equal(st.pending, 1);
	assert_int_equal(row_state(f, id).attempts, 0);
	assert_int_equal(row_state(f, id).delivered_at, -1);
	/* a drain that is already stopping starts nothing */
	assert_int_equal(notify_drain(&f->svc, f->now, 10, &stop, &st, &err), 0);
	assert_int_equal(st.sent + st.failed, 0);
}

static void test_drain_sends_oldest_first_at_most_max_and_skips_rows_not_due(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	char first[32], second[32];
	int64_t newer = add_row(f, f->now - 10, "notify", NULL, 0, "{}");
	int64_t oldest = add_row(f, f->now - 30, "notify", NULL, 0, "{}");
	int64_t middle = add_row(f, f->now - 20, "notify", NULL, 0, "{}");
	int64_t later = add_row(f, f->now + 600, "notify", NULL, 0, "{}");

	assert_int_equal(drain(f, f->now, 2, &st), 0);
	assert_int_equal(st.sent, 2);
	assert_int_equal(st.pending, 2);
	assert_int_equal(f->l.nhits, 2);
	snprintf(first, sizeof(first), "%lld", (long long)oldest);
	snprintf(second, sizeof(second), "%lld", (long long)middle);
	assert_string_equal(f->l.hits[0].delivery, first);
	assert_string_equal(f->l.hits[1].delivery, second);
	assert_int_equal(row_state(f, newer).delivered_at, -1);

	assert_int_equal(drain(f, f->now, 10, &st), 0);
	assert_int_equal(st.sent, 1);
	assert_int_equal(st.pending, 1);
	assert_int_equal(row_state(f, later).delivered_at, -1);
}

static void test_rows_survive_a_restart_and_are_sent_after_it(void **state)
{
	struct fixture *f = *state;
	struct notify_stats st;
	struct bt_error err;
	int64_t id = add_row(f, f->now, "escalate", NULL, 0, "{}");

	f->l.status = 500;
	assert_int_equal(drain(f, f->now, 10, &st), 0);
	service_close(&f->svc);
	assert_int_equal(service_open(&f->svc, f->path, f->now + 30, &err), 0);
	f->l.status = 200;
	assert_int_equal(drain(f, f->now + 30, 10, &st), 0);
	assert_int_equal(st.sent, 1);
	assert_int_equal(row_state(f, id).delivered_at, f->now + 30);
}

static void test_backlog_counts_undelivered_rows(void **state)
{
	struct fixture *f = *state;
	struct bt_error err;
	int64_t pending = -1, id;

	assert_int_equal(store_outbox_backlog(f->svc.store, &pending, &err), 0);
	assert_int_equal(pending, 0);
	id = add_row(f, f->now, "notify", NULL, 0, "{}");
	add_row(f, f->now + 100, "notify", NULL, 0, "{}");
	assert_int_equal(store_outbox_backlog(f->svc.store, &pending, &err), 0);
	assert_int_equal(pending, 2);
	assert_int_equal(store_outbox_delivered(f->svc.store, id, f->now, NULL, &err), 0);
	assert_int_equal(store_outbox_backlog(f->svc.store, &pending, &err), 0);
	assert_int_equal(pending, 1);
	assert_int_equal(store_outbox_retry(f->svc.store, id, 3, f->now, NULL, &err), -BT_NOT_FOUND);
	assert_int_equal(store_outbox_delivered(f->svc.store, 9999, f->now, NULL, &err), -BT_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sign_matches_rfc4231_vectors_for_short_and_long_keys),
		cmocka_unit_test(test_retry_delay_doubles_from_30s_and_caps_at_one_hour),
		cmocka_unit_test_setup_teardown(test_drain_posts_signed_body_with_headers_and_marks_row_delivered, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_row_without_lead_or_rep_sends_nulls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receiver_500_retries_after_30s_then_delivers_at_next_at, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_second_failure_waits_60s, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_port_is_a_retry_not_a_crash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redirect_is_not_followed_and_is_a_retry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_or_empty_secret_refuses_and_changes_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_webhook_off_sends_nothing_and_keeps_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drain_sends_oldest_first_at_most_max_and_skips_rows_not_due,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_survive_a_restart_and_are_sent_after_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backlog_counts_undelivered_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_failed_delivery_stops_the_drain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_stop_flag_abandons_a_delivery_to_a_stuck_receiver, setup, teardown),
	};
	int rc;

	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	outbound_cleanup();
	return rc;
}
