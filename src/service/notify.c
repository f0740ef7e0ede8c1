/* notify.c - the outbox's one writer, and what can keep a notification from anyone; see
 * notify.h. The rules (which channels, who is told, when a reminder is due) are
 * core/notify.c's; this file loads the recipient's address and records the rows. */
#include "service/notify.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/notify.h"
#include "service/service.h"
#include "store/store_outbox.h"
#include "util/arena.h"
#include "util/strbuf.h"

#define NAMES_LISTED 10 /* reps named in a start-up line before "and N more" */

char *notify_scrub(const char *kind, const char *payload)
{
	json_t *j;
	char *text;

	if (!kind || strcmp(kind, "sign_in") != 0)
		return NULL;
	j = json_loads(payload ? payload : "{}", 0, NULL);
	if (!json_is_object(j)) {
		json_decref(j);
		return strdup("{}");
	}
	json_object_set_new(j, "link", json_string(""));
	text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	return text;
}

int notify_add(struct service *svc, const struct notice *n, struct bt_error *err)
{
	struct outbox_row row = {0};
	struct notify_route r;
	struct rep to = {0};
	struct arena *a = NULL;
	char *scrubbed = NULL;
	int rc = 0, ch;

	if (!notify_route(svc->pb, n->kind, n->to, &r))
		return 0;
	row.at = n->at;
	row.kind = n->kind;
	row.rep = n->to;
	row.lead = n->lead;
	row.payload = n->payload;
	row.next_at = n->send_at > n->at ? n->send_at : n->at;
	if (!r.via) { /* on, by no channel: kept, counted, never sent */
		scrubbed = notify_scrub(n->kind, n->payload);
		row.payload = scrubbed ? scrubbed : n->payload;
		row.channel = -1;
		row.status = OUTBOX_UNDELIVERABLE;
		row.last_error = n->kind && strcmp(n->kind, "sign_in") == 0
					 ? "no email channel is configured (notify.channels.email)"
					 : "no channel is configured for it (notify.on)";
		rc = store_outbox_add(svc->store, &row, NULL, err);
		free(scrubbed);
		return rc;
	}
	to.name = n->to;
	if (n->to && (r.via & (1u << PB_CHANNEL_EMAIL))) { /* only email needs the rep's own address */
		a = arena_new();
		rc = store_rep_email(svc->store, a, n->to, &to.email, err);
	}
	for (ch = 0; !rc && ch < PB_CHANNEL_COUNT; ch++) {
		const char *address = notify_address((enum pb_channel)ch, &to);

		if (!(r.via & (1u << ch)))
			continue;
		row.channel = ch;
		row.address = address && *address ? address : NULL;
		row.status = address ? OUTBOX_PENDING : OUTBOX_UNDELIVERABLE;
		row.last_error = address || !a ? NULL
					       : arena_printf(a, "%s has no %s (rep set %s --email ADDRESS)", n->to,
							      pb_channel_name((enum pb_channel)ch), n->to);
		if (!address && !scrubbed)
			scrubbed = notify_scrub(n->kind, n->payload);
		row.payload = !address && scrubbed ? scrubbed : n->payload;
		rc = store_outbox_add(svc->store, &row, NULL, err);
	}
	free(scrubbed);
	arena_free(&a);
	return rc;
}

/* Adds notice n whose payload is the JSON value j (consumed). */
static int add_json(struct service *svc, struct notice *n, json_t *j, struct bt_error *err)
{
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	int rc;

	json_decref(j);
	if (!text)
		return bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	n->payload = text;
	rc = notify_add(svc, n, err);
	free(text);
	return rc;
}

int notify_assigned(struct service *svc, const struct lead *l, const struct event *ev, struct bt_error *err)
{
	const char *to = notify_assigned_to(ev);
	struct notice n = {"assigned", to, l->id, NULL, ev->at, 0};

	if (!to || !svc->pb->notify.kind_on[PB_NOTICE_ASSIGNED])
		return 0;
	return add_json(svc, &n,
			json_pack("{s:I, s:s, s:s?, s:b}", "lead", (json_int_t)l->id, "owner", to, "by", ev->actor,
				  "manual", (int)event_get_int(ev, "manual", 0)),
			err);
}

int notify_reminder(struct service *svc, const struct obligation *ob, int64_t at, struct bt_error *err)
{
	struct notice n = {"reminder", ob->owner, ob->lead, NULL, at, 0};
	char due[CLOCK_RFC3339_LEN];
	struct arena *a;
	int rc;

	if (!notify_reminds(svc->pb, ob, at))
		return 0;
	a = arena_new();
	n.send_at = notify_reminder_at(svc->pb, ob);
	rc = add_json(svc, &n,
		      json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "lead", (json_int_t)ob->lead, "obligation",
				(json_int_t)ob->id, "rule", ob_rule_name(ob->rule), "owed", sla_owed(ob, a), "owner",
				ob->owner, "due", clock_format_rfc3339(ob->due, due)),
		      err);
	arena_free(&a);
	return rc;
}

/* ---------------------------------------------------------------- channels, and what to say at start */

/* The value of environment variable `name` (named by the playbook at `key`) when set and not
 * empty, else NULL with *why. */
static const char *env_value(const char *name, const char *key, const char *what, const char **why, struct arena *a)
{
	const char *v = name && *name ? getenv(name) : NULL;

	if (v && *v)
		return v;
	if (!name || !*name)
		*why = arena_printf(a, "the playbook names no %s: %s sends nothing", key, what);
	else
		*why = arena_printf(a, "the environment variable %s (%s) is %s: %s sends nothing", name, key,
				    v ? "empty" : "not set", what);
	return NULL;
}

int notify_channel_ready(const struct playbook *pb, enum pb_channel ch, const char **secret, const char **why,
			 struct arena *a)
{
	const struct pb_notify *n = &pb->notify;

	*secret = NULL;
	*why = NULL;
	switch (ch) {
	case PB_CHANNEL_EMAIL:
		if (!n->email.on)
			return 0;
		if (n->email.password_env) /* optional: no login without it */
			*secret = env_value(n->email.password_env, "notify.channels.email.password_env", "email", why,
					    a);
		return !*why;
	case PB_CHANNEL_SLACK:
		if (!n->slack.on)
			return 0;
		*secret = env_value(n->slack.webhook_url_env, "notify.channels.slack.webhook_url_env", "Slack", why, a);
		if (*secret && strncmp(*secret, "https://", 8) != 0 && strncmp(*secret, "http://", 7) != 0) {
			*why = arena_printf(a,
					    "the environment variable %s (notify.channels.slack.webhook_url_env) is "
					    "no http(s) URL: Slack sends nothing",
					    n->slack.webhook_url_env);
			*secret = NULL;
		}
		return *secret != NULL;
	case PB_CHANNEL_WEBHOOK:
		if (!pb->webhook.on || !pb->webhook.url)
			return 0;
		*secret = env_value(pb->webhook.secret_env,
				    n->webhook_here ? "notify.channels.webhook.secret_env"
						    : "escalation.webhook.secret_env",
				    "the webhook (baton never sends an unsigned one)", why, a);
		return *secret != NULL;
	default: return 0;
	}
}

struct lines {
	struct arena *a;
	const char **items;
	size_t n, cap;
	struct strbuf undeliverable; /* "assigned 3, breach 1" */
	int64_t total;
};

static void say(struct lines *l, const char *line)
{
	*(const char **)arena_push(l->a, (void **)&l->items, &l->n, &l->cap, sizeof(*l->items)) = line;
}

static void count_undeliverable(void *ctx, const char *kind, int64_t n)
{
	struct lines *l = ctx;

	strbuf_addf(&l->undeliverable, "%s%s %lld", l->total ? ", " : "", kind, (long long)n);
	l->total += n;
}

/* "3 reps have no email: a, b, c" for kind k sent by email, when some it may reach have none. */
static void say_no_email(struct lines *l, enum pb_notice k, const struct rep *reps, size_t nreps)
{
	struct strbuf names;
	size_t i, missing = 0;

	strbuf_init(&names);
	for (i = 0; i < nreps; i++) {
		if (!reps[i].active || reps[i].email || !(notify_roles(k) & (1u << reps[i].role)))
			continue;
		if (missing < NAMES_LISTED)
			strbuf_addf(&names, "%s%s", missing ? ", " : "", reps[i].name);
		missing++;
	}
	if (missing > NAMES_LISTED)
		strbuf_addf(&names, " and %zu more", missing - NAMES_LISTED);
	if (missing)
		say(l, arena_printf(l->a, "notify: %s: %zu rep%s %s no email: %s (rep set NAME --email ADDRESS)",
				    pb_notice_name(k), missing, missing == 1 ? "" : "s", missing == 1 ? "has" : "have",
				    names.buf));
	strbuf_release(&names);
}

int notify_check(struct service *svc, struct arena *a, const char ***lines, size_t *n, struct bt_error *err)
{
	const struct pb_notify *nt = &svc->pb->notify;
	struct lines l = {a, NULL, 0, 0, {0}, 0};
	struct rep *reps = NULL;
	size_t nreps = 0;
	int rc = store_rep_list(svc->store, a, -1, &reps, &nreps, err), k, ch;

	strbuf_init(&l.undeliverable);
	for (ch = 0; !rc && ch < PB_CHANNEL_COUNT; ch++) {
		const char *secret, *why;

		if (!notify_channel_ready(svc->pb, (enum pb_channel)ch, &secret, &why, a) && why)
			say(&l, arena_printf(a, "notify: %s: %s", pb_channel_name((enum pb_channel)ch), why));
	}
	for (k = 0; !rc && k < PB_NOTICE_SIGN_IN; k++) {
		if (!nt->kind_on[k])
			continue;
		if (!nt->via[k])
			say(&l, arena_printf(a,
					     "notify: %s is on but no channel is configured: each is kept as "
					     "undeliverable (baton_notifications_undeliverable_total)",
					     pb_notice_name((enum pb_notice)k)));
		else if (nt->via[k] & (1u << PB_CHANNEL_EMAIL))
			say_no_email(&l, (enum pb_notice)k, reps, nreps);
	}
	if (!rc)
		rc = store_outbox_undeliverable(svc->store, count_undeliverable, &l, err);
	if (!rc && l.total)
		say(&l, arena_printf(a, "notify: %lld notification%s could not be delivered so far (%s): see /metrics",
				     (long long)l.total, l.total == 1 ? "" : "s", l.undeliverable.buf));
	strbuf_release(&l.undeliverable);
	*lines = l.items;
	*n = l.n;
	return rc;
}
