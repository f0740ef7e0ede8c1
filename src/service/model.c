/* model.c - `model train`: the closed history of the store, labelled, handed to the core's
 * trainer, and the model stored as the next version. Labels (docs/fit-model.md): 1 = reached
 * sql and was not lost (sql, won, live); 0 = lost, disqualified, or rejected by an AE into
 * nurture. Leads still in play are not history. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/model_train.h"
#include "io/model_json.h"
#include "service/service.h"
#include "service/work.h"
#include "util/arena.h"
#include "service/model.h"

struct history {
	struct arena *a;
	struct lead *leads;
	signed char *labels;
	size_t n, cap;
};

/* The label of a lead's current state, or -1 if it is not closed history. */
static int label_of(const struct lead *l)
{
	switch (l->stage) {
	case STAGE_SQL:
	case STAGE_WON:
	case STAGE_LIVE:
		return 1;
	case STAGE_LOST:
	case STAGE_DISQUALIFIED:
		return 0;
	case STAGE_NURTURE:
		return l->handed_by ? 0 : -1; /* an AE sent it back */
	default:
		return -1;
	}
}

static int collect(void *ctx, const struct lead *l)
{
	struct history *h = ctx;
	struct lead *c;
	int label = label_of(l);

	if (label < 0)
		return 0;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 1024;
		struct lead *nl = realloc(h->leads, cap * sizeof(*nl));
		signed char *nb = realloc(h->labels, cap);

		if (nl)
			h->leads = nl;
		if (nb)
			h->labels = nb;
		if (!nl || !nb)
			return -BT_STORAGE;
		h->cap = cap;
	}
	c = &h->leads[h->n];
	lead_init(c);
	/* the features only: segment, source, channel, employees, country, title */
	c->segment = arena_strdup(h->a, l->segment);
	c->source = arena_strdup(h->a, l->source);
	c->country = arena_strdup(h->a, l->country);
	c->title = arena_strdup(h->a, l->title);
	c->channel = l->channel;
	c->employees = l->employees;
	h->labels[h->n++] = (signed char)label;
	return 0;
}

int service_model_train(struct service *svc, struct train_report *rep, int64_t *version, struct bt_error *err)
{
	struct work w;
	struct history h = {0};
	struct lead_filter f = {0};
	struct fit_model *m = NULL;
	json_t *j = NULL;
	char *text = NULL;
	int rc;

	h.a = arena_new();
	rc = store_lead_each(svc->store, &f, collect, &h, err);
	if (rc == -BT_STORAGE && !err->message[0])
		rc = bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	if (!rc)
		rc = model_train(h.leads, h.labels, h.n, &m, rep, err);
	if (rc)
		goto done;
	m->trained_at = svc->now;
	j = fit_model_json(m);
	text = json_dumps(j, JSON_COMPACT);
	rc = work_begin(&w, svc, err);
	if (!rc)
		rc = store_model_put(svc->store, svc->now, text, version, err);
	if (!rc) {
		struct arena *a = arena_new();
		struct event *ev = event_new(a, EV_MODEL_TRAINED, svc->now, 0, "admin");

		event_put_int(ev, a, "version", *version);
		event_put_int(ev, a, "trained_on", m->trained_on);
		event_put_real(ev, a, "auc", m->auc);
		rc = store_event_append(svc->store, ev, err);
		arena_free(&a);
	}
	rc = work_end(&w, rc, err);
	if (rc)
		goto done;
	m->version = *version;
	fit_model_free(&svc->model);
	svc->model = m;
	m = NULL;
done:
	free(text);
	json_decref(j);
	fit_model_free(&m);
	free(h.leads);
	free(h.labels);
	arena_free(&h.a);
	return rc;
}
