/* group_commit.c - group commit of HTTP intake; see group_commit.h. */
#include "http/group_commit.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_token.h"
#include "service/intake.h"
#include "service/usecase.h"
#include "util/arena.h"

#define GROUP_MAX 512 /* leads per transaction at most */

struct item {
	struct item *next;
	struct http_req *req;
	struct lead *in;
	const char *key;
	struct http_resp *resp;
	int done;
	/* its request waits on it alone: a batch's answers wake only the batch's requests, not
	 * every request thread waiting (a broadcast woke them all, most to sleep again) */
	pthread_cond_t answered;
};

struct group_commit {
	pthread_mutex_t mu;
	pthread_cond_t work; /* the writer waits for items */
	struct item *head, *tail;
	int stopping;
	pthread_t writer;
	struct http_server *server; /* whose store and clock the writer uses (borrowed) */
};

static void answer_error(struct http_resp *resp, const struct bt_error *err)
{
	http_fail(resp, err);
}

/* Takes in one item inside the open batch; returns a storage error (which aborts the batch). */
static int take_one(struct work *b, struct item *it, struct bt_error *err)
{
	struct service *svc = b->svc;
	struct http_req *req = it->req;
	struct intake_outcome out;
	struct bt_error one;
	const char *stored = NULL;
	json_t *ans;
	char *text;
	int status, rc;

	bt_error_clear(&one);
	if (it->key && store_idem_get(svc->store, req->a, req->who.token, it->key, &status, &stored, &one) == 0) {
		it->resp->status = status;
		it->resp->type = "application/json";
		it->resp->body = strdup(stored);
		it->resp->len = strlen(stored);
		return 0;
	}
	rc = intake_add(b, req->a, it->in, req->who.intake ? "intake" : req->who.rep.name, &out, &one);
	if (rc == -BT_BAD_INPUT || rc == -BT_REFUSED || rc == -BT_DENIED) {
		answer_error(it->resp, &one); /* nothing was written for it */
		return 0;
	}
	if (rc) {
		*err = one;
		return rc;
	}
	/* SPEC 8.9: the answer reveals nothing stored, to any token (an intake token sits in a
	 * public web form): the id, and whether it was new */
	ans = json_pack("{s:I, s:b}", "id", (json_int_t)out.lead, out.duplicate ? "duplicate" : "received", 1);
	status = out.duplicate ? 200 : 201;
	text = json_dumps(ans, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(ans);
	if (it->key && (rc = store_idem_put(svc->store, req->who.token, it->key, status, text, svc->now, &one))) {
		free(text);
		*err = one;
		return rc;
	}
	it->resp->status = status;
	it->resp->type = "application/json";
	it->resp->body = text;
	it->resp->len = strlen(text);
	return 0;
}

/* Writes one batch: every item gets its answer, or all get the storage error. */
static void write_batch(struct group_commit *g, struct service *svc, struct item *items)
{
	struct work b;
	struct bt_error err;
	struct item *it;
	int rc, attempt;

	for (attempt = 1;; attempt++) {
		bt_error_clear(&err);
		memset(&b, 0, sizeof(b));
		svc->now = http_now(g->server);
		rc = service_refresh(svc, &err);
		if (!rc)
			rc = usecase_begin(&b, svc, &err);
		for (it = items; !rc && it; it = it->next)
			rc = take_one(&b, it, &err);
		if (!rc)
			rc = work_commit(&b, &err); /* one fsync for the whole batch */
		else if (b.svc)
			work_abort(&b);
		/* PostgreSQL, several servers: another one took an email or an Idempotency-Key while
		 * this batch ran, or a deadlock: the whole batch again finds what it committed */
		if (!rc || attempt == 5 || !store_retryable(svc->store))
			break;
		for (it = items; it; it = it->next) {
			free(it->resp->body);
			memset(it->resp, 0, sizeof(*it->resp));
		}
	}
	if (rc) {
		for (it = items; it; it = it->next) {
			free(it->resp->body);
			memset(it->resp, 0, sizeof(*it->resp));
			answer_error(it->resp, &err);
		}
	}
}

static void *writer(void *arg)
{
	struct group_commit *g = arg;
	struct service svc;
	struct bt_error err;
	/* 16 MB for the intake writer's index pages */
	int open = http_service_open(g->server, &svc, 16384, &err) == 0;

	pthread_mutex_lock(&g->mu);
	for (;;) {
		struct item *batch, *it, *next, *last = NULL;
		int n = 0;

		while (!g->head && !g->stopping)
			pthread_cond_wait(&g->work, &g->mu);
		if (!g->head && g->stopping)
			break;
		batch = g->head;
		for (it = g->head; it && n < GROUP_MAX; it = it->next, n++)
			last = it;
		g->head = last->next;
		if (!g->head)
			g->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&g->mu);
		if (open) {
			write_batch(g, &svc, batch);
		} else {
			for (it = batch; it; it = it->next)
				answer_error(it->resp, &err);
		}
		pthread_mutex_lock(&g->mu);
		for (it = batch; it; it = next) {
			next = it->next; /* once done, the item is its request's again */
			it->done = 1;
			pthread_cond_signal(&it->answered);
		}
	}
	pthread_mutex_unlock(&g->mu);
	if (open)
		service_close(&svc);
	return NULL;
}

struct group_commit *group_commit_start(struct http_server *s, struct bt_error *err)
{
	struct group_commit *g = bt_calloc(sizeof(*g), err);

	if (!g)
		return NULL;
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->work, NULL);
	g->server = s;
	pthread_create(&g->writer, NULL, writer, g);
	return g;
}

void group_commit_stop(struct group_commit **gp)
{
	struct group_commit *g = gp ? *gp : NULL;

	if (!g)
		return;
	pthread_mutex_lock(&g->mu);
	g->stopping = 1;
	pthread_cond_signal(&g->work);
	pthread_mutex_unlock(&g->mu);
	pthread_join(g->writer, NULL);
	pthread_cond_destroy(&g->work);
	pthread_mutex_destroy(&g->mu);
	free(g);
	*gp = NULL;
}

void group_commit_intake(struct group_commit *g, struct http_req *req, struct lead *in, const char *key,
			 struct http_resp *resp)
{
	struct item it = {NULL, req, in, key, resp, 0, PTHREAD_COND_INITIALIZER};

	pthread_mutex_lock(&g->mu);
	if (g->tail)
		g->tail->next = &it;
	else
		g->head = &it;
	g->tail = &it;
	pthread_cond_signal(&g->work);
	while (!it.done)
		pthread_cond_wait(&it.answered, &g->mu);
	pthread_mutex_unlock(&g->mu);
	pthread_cond_destroy(&it.answered);
}
