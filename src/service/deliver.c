/* deliver.c - the outbox's drain: per channel, claim the rows due, write each message, hand it
 * to the channel's sender, record the outcome; see deliver.h. A row's message is written when
 * it is sent, from its payload, its lead and its recipient as they are then (the words are
 * core/notify.c's, the email io/mail.c's); the signed webhook sends the row itself. */
#include "service/deliver.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/notify.h"
#include "io/mail.h"
#include "io/playbook_json.h"
#include "service/notify.h"
#include "service/service.h"
#include "service/smtp.h"
#include "service/webhook.h"
#include "service/work.h"
#include "store/store_outbox.h"
#include "util/arena.h"

/* One channel being drained. */
struct drain {
	struct service *svc;
	enum pb_channel ch;
	const char *secret;     /* the webhook's secret, the Slack URL or the SMTP password (NULL: none) */
	const char *what;       /* the receiver in messages, no secret in it */
	CURL *c;                /* made for the first row */
	char errbuf[CURL_ERROR_SIZE];
	int64_t now;            /* baton's clock */
	const atomic_int *stop; /* may be NULL */
	double started;         /* monotonic ms, the drain's start */
	struct notify_stats *st;
};

/* What became of one row. */
enum outcome { SENT, FAILED, SKIPPED, STOPPED };

static double mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6;
}

/* Who claims: this process ("host:pid"), in the rows it holds, for people reading the store. */
static const char *claimer(void)
{
	static _Thread_local char me[96];

	if (!me[0]) {
		char host[64] = "";

		gethostname(host, sizeof(host) - 1);
		snprintf(me, sizeof(me), "%s:%ld", host, (long)getpid());
	}
	return me;
}

/* ---------------------------------------------------------------- the message */

static const char *pstr(json_t *p, const char *key)
{
	json_t *v = json_object_get(p, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int64_t ptime(json_t *p, const char *key)
{
	const char *s = pstr(p, key);
	int64_t t = 0;

	return s && clock_parse_rfc3339(s, &t) == 0 ? t : 0;
}

static int64_t pint(json_t *p, const char *key)
{
	json_t *v = json_object_get(p, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : json_is_array(v) ? (int64_t)json_array_size(v) : 0;
}

/* What rep `to` owes on lead l now and by when: its open obligation due first. */
static int owed_now(struct service *svc, struct arena *a, int64_t lead, const char *to, struct notify_msg *m,
		    struct bt_error *err)
{
	struct obligation *obs = NULL;
	size_t n = 0, i, best = 0;
	int rc = store_obligations_open(svc->store, a, lead, &obs, &n, err), found = 0;

	for (i = 0; !rc && i < n; i++)
		if (obs[i].status == OB_OPEN && obs[i].owner && strcmp(obs[i].owner, to) == 0 &&
		    (!found || obs[i].due < obs[best].due)) {
			best = i;
			found = 1;
		}
	if (found) {
		m->owed = sla_owed(&obs[best], a);
		m->due = obs[best].due;
	}
	return rc;
}

/* Why reminder row r (payload p) is moot now, or NULL when its obligation is still open, its
 * recipient's, due when it said. */
static const char *reminder_moot(struct service *svc, struct arena *a, const struct outbox_row *r, json_t *p,
				 struct bt_error *err, int *rc)
{
	struct obligation ob;

	*rc = store_obligation_get(svc->store, a, pint(p, "obligation"), &ob, err);
	if (*rc == -BT_NOT_FOUND) {
		bt_error_clear(err);
		*rc = 0;
		return "the obligation is gone";
	}
	if (*rc)
		return NULL;
	if (ob.status != OB_OPEN)
		return arena_printf(a, "the obligation is %s", ob_status_name(ob.status));
	if (!ob.owner || !r->rep || strcmp(ob.owner, r->rep) != 0)
		return arena_printf(a, "the obligation is now %s's", ob.owner ? ob.owner : "nobody");
	if (ob.due != ptime(p, "due"))
		return "the obligation's due time moved (its own reminder follows)";
	return NULL;
}

/* Writes row r's message into *t (and *slack_id, the recipient's); *moot says why it need not
 * go (a reminder), else NULL. 0 or a storage failure. */
static int write_message(struct drain *d, struct arena *a, const struct outbox_row *r, struct notify_text *t,
			 const char **moot, struct bt_error *err)
{
	struct service *svc = d->svc;
	json_t *p = json_loads(r->payload, 0, NULL);
	struct notify_msg m = {0};
	struct obligation rule = {0};
	struct lead l;
	struct rep to;
	int rc = 0, have_rep = 0;

	*moot = NULL;
	m.kind = r->kind;
	m.to = r->rep;
	m.link_base = svc->pb->notify.link_base;
	m.zone = svc->pb->org.timezone;
	if (r->rep) {
		rc = store_rep_get(svc->store, a, r->rep, &to, err);
		have_rep = rc == 0;
		if (rc == -BT_NOT_FOUND) {
			bt_error_clear(err);
			rc = 0;
		}
	}
	if (have_rep)
		m.zone = rep_zone(svc->pb, &to);
	if (!rc && r->lead > 0 && (rc = store_lead_get(svc->store, a, r->lead, &l, err)) == 0)
		m.lead = &l;
	if (!rc && strcmp(r->kind, "reminder") == 0)
		*moot = reminder_moot(svc, a, r, p, err, &rc);
	if (!rc && pstr(p, "rule") && ob_rule_parse(pstr(p, "rule"), &rule.rule) == 0) {
		m.owed = pstr(p, "owed") ? pstr(p, "owed") : sla_owed(&rule, a);
		m.due = ptime(p, "due");
	} else if (!rc && m.lead && r->rep) {
		rc = owed_now(svc, a, r->lead, r->rep, &m, err);
	}
	m.owner = pstr(p, "owner");
	m.by = pstr(p, "by") ? pstr(p, "by") : pstr(p, "ae") ? pstr(p, "ae") : pstr(p, "rep");
	m.reason = pstr(p, "reason") ? pstr(p, "reason") : pstr(p, "source");
	m.from = ptime(p, "from");
	m.until = ptime(p, "to") ? ptime(p, "to") : ptime(p, "expires");
	m.count = pint(p, "moved") ? pint(p, "moved") : pint(p, "rejections");
	m.kept = pint(p, "kept");
	m.url = pstr(p, "link");
	if (!rc) /* its texts are written into a: the payload may go */
		notify_compose(&m, have_rep ? to.slack : NULL, a, t);
	json_decref(p);
	return rc;
}

/* ---------------------------------------------------------------- sending */

/* The domain of address `from` ("example.com"), for the Message-ID. */
static const char *domain_of(const char *from)
{
	const char *at = from ? strrchr(from, '@') : NULL;

	return at && at[1] ? at + 1 : "baton.invalid";
}

/* Sends row r by d's channel; *why says why it failed or was skipped (in a). */
static enum outcome send_row(struct drain *d, struct arena *a, const struct outbox_row *r, const char **why,
			     struct bt_error *err, int *rc)
{
	const struct pb_notify *n = &d->svc->pb->notify;
	struct notify_text t = {0};
	enum outbound_result res = OUTBOUND_NOMEM;

	*rc = 0;
	if (d->ch != PB_CHANNEL_WEBHOOK) {
		*rc = write_message(d, a, r, &t, why, err);
		if (*rc)
			return FAILED;
		if (*why)
			return SKIPPED;
	}
	if (!d->c)
		d->c = d->ch == PB_CHANNEL_EMAIL
			       ? smtp_easy(n->email.smtp_url, n->email.from, d->secret, d->errbuf, d->stop)
		       : d->ch == PB_CHANNEL_SLACK ? webhook_easy(d->secret, d->errbuf, d->stop)
						   : webhook_easy(d->svc->pb->webhook.url, d->errbuf, d->stop);
	if (!d->c) {
		*why = arena_printf(a, "cannot set up the client (libcurl) for %s", d->what);
		return FAILED;
	}
	if (d->ch == PB_CHANNEL_WEBHOOK) {
		res = webhook_post_row(d->c, d->svc->pb->webhook.url, d->secret, r, d->errbuf, a, why);
	} else if (d->ch == PB_CHANNEL_SLACK) {
		res = webhook_post_slack(d->c, t.slack, d->errbuf, a, why);
	} else if (!r->address) {
		*why = "no address";
		return SKIPPED;
	} else {
		struct mail mail = {n->email.from,
				    r->address,
				    t.subject,
				    t.body,
				    (int64_t)time(NULL),
				    arena_printf(a, "<baton.%lld.%lld@%s>", (long long)r->id, (long long)r->at,
						 domain_of(n->email.from))};
		size_t len;
		char *text = mail_message(&mail, &len);

		if (text)
			res = smtp_send(d->c, d->what, r->address, text, len, d->errbuf, a, why);
		free(text);
	}
	if (res == OUTBOUND_NOMEM)
		*rc = bt_fail(err, BT_STORAGE, "outbox", 0, "out of memory sending notification %lld",
			      (long long)r->id);
	return res == OUTBOUND_SENT ? SENT : res == OUTBOUND_STOPPED ? STOPPED : FAILED;
}

/* Records the outcome of row r in its own transaction. A row another sender recorded
 * meanwhile (-BT_NOT_FOUND) is not an error. */
static int record(struct service *svc, const struct outbox_row *r, enum outcome o, int64_t now, const char *why,
		  struct bt_error *err)
{
	char *scrubbed = o == SENT ? notify_scrub(r->kind, r->payload) : NULL;
	struct work w;
	int rc = work_begin(&w, svc, err);

	if (!rc && o == SENT)
		rc = store_outbox_delivered(svc->store, r->id, now, scrubbed, err);
	else if (!rc && o == SKIPPED)
		rc = store_outbox_skipped(svc->store, r->id, why, err);
	else if (!rc)
		rc = store_outbox_retry(svc->store, r->id, r->attempts + 1, now + webhook_retry_delay(r->attempts), why,
					err);
	if (rc == -BT_NOT_FOUND) {
		bt_error_clear(err);
		rc = 0;
	}
	free(scrubbed);
	return work_end(&w, rc, err);
}

/* Lets the claims of rows[0..n) go, untried: they stay due for the next drain. */
static int release(struct service *svc, const struct outbox_row *rows, size_t n, struct bt_error *err)
{
	struct work w;
	size_t i;
	int rc;

	if (!n)
		return 0;
	rc = work_begin(&w, svc, err);
	for (i = 0; !rc && i < n; i++)
		rc = store_outbox_release(svc->store, rows[i].id, err);
	return work_end(&w, rc, err);
}

/* Claims the rows of d's channel due by d->now; *rows in a. */
static int claim(struct drain *d, struct arena *a, int max, struct outbox_row **rows, size_t *n, struct bt_error *err)
{
	int64_t wall = (int64_t)time(NULL);
	struct work w;
	int any = 0, rc = store_outbox_any_due(d->svc->store, (int)d->ch, d->now, wall, &any, err);

	*rows = NULL;
	*n = 0;
	if (rc || !any)
		return rc; /* nothing due: no transaction, no lock */
	rc = work_begin(&w, d->svc, err);
	if (!rc)
		rc = store_outbox_claim(d->svc->store, a, (int)d->ch, d->now, wall, wall + DELIVER_CLAIM_SECONDS,
					claimer(), max, rows, n, err);
	return work_end(&w, rc, err);
}

/* Sends the due rows of one channel; stops at its first failure. */
static int drain_channel(struct drain *d, int max, struct bt_error *err)
{
	struct arena *a = arena_new();
	struct outbox_row *rows;
	size_t n, i = 0;
	int rc = claim(d, a, max, &rows, &n, err);

	for (; !rc && i < n; i++) {
		const char *why = NULL;
		enum outcome o;

		if ((d->stop && atomic_load(d->stop)) || mono_ms() - d->started > DELIVER_BUDGET_MS)
			break; /* the rest stays due for the next drain */
		o = send_row(d, a, &rows[i], &why, err, &rc);
		if (rc || o == STOPPED)
			break; /* stopping: the row stays due, unrecorded */
		rc = record(d->svc, &rows[i], o, d->now, why, err);
		if (rc)
			break;
		if (o == SENT) {
			d->st->sent++;
		} else if (o == SKIPPED) {
			d->st->skipped++;
		} else {
			d->st->failed++;
			snprintf(d->st->last_error, sizeof(d->st->last_error), "%s", why ? why : "?");
			i++;
			break; /* a receiver down or stuck: the rest waits for the next drain */
		}
	}
	if (i < n) {
		struct bt_error ignored;

		/* a failure to let go leaves the claims to run out (DELIVER_CLAIM_SECONDS) */
		if (release(d->svc, rows + i, n - i, rc ? &ignored : err) && !rc)
			rc = -(int)err->code;
	}
	if (d->c)
		curl_easy_cleanup(d->c);
	d->c = NULL;
	arena_free(&a);
	return rc;
}

/* The receiver of channel ch in messages, without a secret: "Slack", the masked URL. */
static const char *receiver(const struct playbook *pb, enum pb_channel ch, struct arena *a)
{
	const char *url = ch == PB_CHANNEL_EMAIL ? pb->notify.email.smtp_url : pb->webhook.url;
	char *masked;
	const char *out;

	if (ch == PB_CHANNEL_SLACK)
		return "Slack";
	masked = playbook_mask_url(url);
	out = arena_strdup(a, masked ? masked : "?");
	free(masked);
	return out;
}

int notify_drain(struct service *svc, int64_t now, int max, const atomic_int *stop, struct notify_stats *st,
		 struct bt_error *err)
{
	struct arena *a = arena_new();
	struct bt_error refused;
	double started = mono_ms();
	int64_t pending = 0;
	int rc = 0, ch;

	memset(st, 0, sizeof(*st));
	bt_error_clear(&refused);
	if (outbound_init() != 0) {
		arena_free(&a);
		return bt_fail(err, BT_REFUSED, "outbox", 0, "cannot start the HTTP and SMTP client (libcurl)");
	}
	for (ch = 0; !rc && ch < PB_CHANNEL_COUNT && !(stop && atomic_load(stop)); ch++) {
		struct drain d = {svc, (enum pb_channel)ch, NULL, NULL, NULL, "", now, stop, started, st};
		const char *why;

		if (!notify_channel_ready(svc->pb, d.ch, &d.secret, &why, a)) {
			if (why && !refused.code)
				bt_fail(&refused, BT_REFUSED,
					ch == PB_CHANNEL_WEBHOOK && !svc->pb->notify.webhook_here
						? "escalation.webhook.secret_env"
						: "notify.channels",
					0, "%s", why);
			continue; /* not configured, or not here: its rows wait, untouched */
		}
		d.what = receiver(svc->pb, d.ch, a);
		rc = drain_channel(&d, max, err);
	}
	arena_free(&a);
	if (rc)
		return rc;
	rc = store_outbox_backlog(svc->store, &pending, err);
	st->pending = (int)pending;
	if (!rc && refused.code) {
		*err = refused;
		return -BT_REFUSED;
	}
	return rc;
}
