/* group_commit.c - group commit of HTTP intake; see group_commit.h. */
#include "http/group_commit.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_token.h"
#include "service/intake.h"
#include "service/service.h"
#include "service/usecase.h"
#include "util/arena.h"

#define GROUP_MAX 512 /* leads per transaction at most */

/* Where an item stands in a batch that claims its rotations (take_claimed). */
enum item_step {
	ITEM_ANSWERED, /* answered already (a stored idempotent answer, a bad lead) */
	ITEM_LOADED,   /* loaded, decided with the others inside the claim, recorded after it */
	ITEM_LATER,    /* repeats an earlier item's email or key, or a known email: taken in after */
};

struct item {
	struct item *next;
	struct http_req *req;
	struct lead *in;
	const char *key;
	struct http_resp *resp;
	int done;
	enum item_step step;       /* take_claimed only */
	struct intake_item *lead;  /* take_claimed's ITEM_LOADED: the loaded lead, in req->a */
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

/* Answers item it from the answer stored under its Idempotency-Key; 1 if there was one. */
static int answer_stored(struct service *svc, struct item *it)
{
	struct http_req *req = it->req;
	const char *stored = NULL;
	struct bt_error one;
	int status;

	bt_error_clear(&one);
	if (!it->key || store_idem_get(svc->store, req->a, req->who.token, it->key, &status, &stored, &one) != 0)
		return 0;
	it->resp->status = status;
	it->resp->type = "application/json";
	it->resp->body = strdup(stored);
	it->resp->len = strlen(stored);
	return 1;
}

/* Answers a refused lead (nothing was written for it) and returns 0; passes any other failure
 * up in *err (it aborts the batch). */
static int answer_refused(struct item *it, int rc, const struct bt_error *one, struct bt_error *err)
{
	if (rc == -BT_BAD_INPUT || rc == -BT_REFUSED || rc == -BT_DENIED) {
		answer_error(it->resp, one);
		return 0;
	}
	if (rc)
		*err = *one;
	return rc;
}

/* Answers item it with its stored lead and keeps the answer under its Idempotency-Key;
 * returns a storage error (which aborts the batch). */
static int answer_lead(struct service *svc, struct item *it, const struct intake_outcome *out, struct bt_error *err)
{
	struct http_req *req = it->req;
	json_t *ans;
	char *text;
	int status, rc;

	/* SPEC 8.9: the answer reveals nothing stored, to any token (an intake token sits in a
	 * public web form): the id, and whether it was new */
	ans = json_pack("{s:I, s:b}", "id", (json_int_t)out->lead, out->duplicate ? "duplicate" : "received", 1);
	status = out->duplicate ? 200 : 201;
	text = json_dumps(ans, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(ans);
	if (it->key && (rc = store_idem_put(svc->store, req->who.token, it->key, status, text, svc->now, err))) {
		free(text);
		return rc;
	}
	it->resp->status = status;
	it->resp->type = "application/json";
	it->resp->body = text;
	it->resp->len = strlen(text);
	return 0;
}

static const char *actor_of(const struct http_req *req)
{
	return req->who.intake ? "intake" : req->who.rep.name;
}

/* Takes in one item inside the open batch; returns a storage error (which aborts the batch). */
static int take_one(struct work *b, struct item *it, struct bt_error *err)
{
	struct intake_outcome out;
	struct bt_error one;
	int rc;

	if (answer_stored(b->svc, it))
		return 0;
	bt_error_clear(&one);
	rc = intake_add(b, it->req->a, it->in, actor_of(it->req), &out, &one);
	if (rc)
		return answer_refused(it, rc, &one, err);
	return answer_lead(b->svc, it, &out, err);
}

/* 1 if an item loaded before `it` has its email, or an item before it its token and key: `it`
 * then waits for them to be stored. */
static int repeats(const struct item *items, const struct item *it, int loaded)
{
	const struct item *p;

	for (p = items; p != it; p = p->next) {
		if (!loaded && it->key && p->key && strcmp(p->key, it->key) == 0 &&
		    p->req->who.token == it->req->who.token)
			return 1;
		if (loaded && p->step == ITEM_LOADED &&
		    strcmp(p->lead->req.lead->email, it->lead->req.lead->email) == 0)
			return 1;
	}
	return 0;
}

/* Loads item it as a new lead (take_claimed's first pass): answered, ITEM_LOADED or
 * ITEM_LATER. A storage error aborts the batch. */
static int load_one(struct work *b, struct item *items, struct item *it, struct bt_error *err)
{
	struct bt_error one;
	struct lead *copy;
	int rc;

	it->step = ITEM_ANSWERED;
	if (answer_stored(b->svc, it))
		return 0;
	it->step = ITEM_LATER;
	if (repeats(items, it, 0))
		return 0;
	bt_error_clear(&one);
	it->lead = arena_alloc(it->req->a, sizeof(*it->lead));
	copy = arena_alloc(it->req->a, sizeof(*copy));
	*copy = *it->in; /* the lead as received stays for take_one, should it run */
	rc = intake_load(b, it->req->a, copy, actor_of(it->req), 1, it->lead, &one);
	if (rc) {
		it->step = ITEM_ANSWERED;
		return answer_refused(it, rc, &one, err);
	}
	if (!repeats(items, it, 1))
		it->step = ITEM_LOADED;
	return 0;
}

/* Holds the emails of the loaded items (intake_hold_new): those already known are taken in
 * after the others; marks in need[] the rotations the others go to. */
static int hold_loaded(struct work *b, struct item *items, int *need, struct bt_error *err)
{
	struct intake_item **loaded;
	struct item *it;
	size_t n = 0;
	int rc, role;

	for (it = items; it; it = it->next)
		n += it->step == ITEM_LOADED;
	loaded = arena_alloc(b->a, (n ? n : 1) * sizeof(*loaded));
	n = 0;
	for (it = items; it; it = it->next)
		if (it->step == ITEM_LOADED)
			loaded[n++] = it->lead;
	rc = intake_hold_new(b, b->a, loaded, n, err);
	for (it = items; !rc && it; it = it->next) {
		if (it->step != ITEM_LOADED)
			continue;
		if (it->lead->known) {
			it->step = ITEM_LATER;
			continue;
		}
		role = intake_rotation_of(it->lead);
		if (role >= 0)
			need[role] = role;
	}
	return rc;
}

/* Takes in the items of a batch in three passes, so that the rotations are held only while
 * the leads are decided (PostgreSQL, several servers): every lead loaded (reads; their emails
 * held, intake_hold_new), every lead decided inside a claim of the rotations they go to (on `side`, committed at once), every
 * lead recorded; an item that repeats an earlier one's email or key, or whose email is known
 * (a duplicate routes nowhere), is taken in after them.
 * The leads, their events and answers are those take_one would give in the same order.
 * Returns a storage error (which aborts the batch). */
static int take_claimed(struct work *b, struct store *side, struct item *items, struct bt_error *err)
{
	int need[ROLE_COUNT], role, rc = 0;
	struct intake_outcome out;
	struct bt_error one;
	struct item *it;

	for (role = 0; role < ROLE_COUNT; role++)
		need[role] = -1;
	for (it = items; !rc && it; it = it->next)
		rc = load_one(b, items, it, err);
	if (!rc)
		rc = hold_loaded(b, items, need, err);
	if (!rc)
		rc = work_claim(b, side, need, ROLE_COUNT, err);
	if (rc == 1) { /* declined: one after the other, as take_one does */
		for (rc = 0, it = items; !rc && it; it = it->next)
			if (it->step != ITEM_ANSWERED)
				rc = take_one(b, it, err);
		return rc;
	}
	for (it = items; !rc && it; it = it->next) {
		if (it->step != ITEM_LOADED)
			continue;
		bt_error_clear(&one);
		rc = intake_choose(b, it->req->a, it->lead, &one);
		if (rc) {
			it->step = ITEM_ANSWERED;
			rc = answer_refused(it, rc, &one, err);
		}
	}
	if (!rc)
		rc = work_claim_commit(b, err);
	for (it = items; !rc && it; it = it->next) {
		if (it->step != ITEM_LOADED)
			continue;
		rc = intake_record(b, it->req->a, it->lead, &out, err);
		if (!rc)
			rc = answer_lead(b->svc, it, &out, err);
	}
	for (it = items; !rc && it; it = it->next)
		if (it->step == ITEM_LATER)
			rc = take_one(b, it, err);
	return rc;
}

/* Takes in the items of the open batch: by take_claimed when `side` is open and the catch-up
 * left no rotation held, else one after the other. */
static int take_all(struct work *b, struct store *side, struct item *items, struct bt_error *err)
{
	struct item *it;
	int rc = 0;

	if (side && work_claimable(b))
		return take_claimed(b, side, items, err);
	for (it = items; !rc && it; it = it->next)
		rc = take_one(b, it, err);
	return rc;
}

/* Writes one batch: every item gets its answer, or all get the storage error. `side` is a
 * second connection for the rotations' claims (PostgreSQL), or NULL. */
static void write_batch(struct group_commit *g, struct service *svc, struct store *side, struct item *items)
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
		if (!rc)
			rc = take_all(&b, side, items, &err);
		if (!rc)
			rc = work_commit(&b, &err); /* one fsync for the whole batch */
		else if (b.svc)
			work_abort(&b);
		/* PostgreSQL, several servers: another one took an email or an Idempotency-Key while
		 * this batch ran, or a deadlock: the whole batch again finds what it committed */
		if (!rc || attempt == 5 || !(store_retryable(svc->store) || (side && store_retryable(side))))
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
	struct service side;
	/* 16 MB for the intake writer's index pages */
	int open = http_service_open(g->server, &svc, 16384, &err) == 0, sided = 0;

	/* PostgreSQL: a second connection for the claims of the rotations (take_claimed) */
	if (open && store_shared(svc.store))
		sided = http_service_open(g->server, &side, 1024, &err) == 0;
	if (open && store_shared(svc.store) && !sided)
		open = 0;

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
			write_batch(g, &svc, sided ? side.store : NULL, batch);
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
	if (sided)
		service_close(&side);
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
	struct item it = {NULL, req, in, key, resp, 0, ITEM_ANSWERED, NULL, PTHREAD_COND_INITIALIZER};

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
