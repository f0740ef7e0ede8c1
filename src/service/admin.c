/* admin.c - the organisation's use cases: creating the store with its playbook, applying a new
 * playbook version, adding and changing reps, adding accounts; each in one unit of work with
 * an org-level event (no lead); see admin.h. */
#include "service/admin.h"

#include <string.h>

#include "service/service.h"
#include "service/usecase.h"
#include "service/waiting.h"
#include "util/arena.h"

int service_init(struct service *svc, const char *url, const char *text, const char *name, int64_t now,
		 struct bt_error *err)
{
	struct work w;
	struct arena *a = arena_new();
	const char *old = NULL;
	int64_t version = 0;
	int rc;

	memset(svc, 0, sizeof(*svc));
	svc->now = now;
	if (!text)
		text = playbook_default_yaml();
	svc->pb = playbook_parse(text, strlen(text), name ? name : "default playbook", err, NULL);
	if (!svc->pb) {
		rc = -(int)err->code;
		goto done;
	}
	rc = store_open(url, 1, &svc->store, err);
	if (rc)
		goto done;
	rc = work_begin(&w, svc, err);
	if (rc)
		goto done;
	if (store_playbook_current(svc->store, a, &old, &version, err) == 0) {
		work_abort(&w);
		rc = bt_fail(err, BT_REFUSED, "db", 0, "%s is already a baton store (playbook version %lld)", url,
			     (long long)version);
		goto done;
	}
	rc = store_playbook_put(svc->store, text, now, "admin", &svc->pb_version, err);
	rc = work_end(&w, rc, err);
done:
	arena_free(&a);
	if (rc)
		service_close(svc);
	return rc;
}

/* Routes the leads waiting now in the open work w (someone may have become eligible). */
static int settle_now(struct work *w, struct bt_error *err)
{
	struct arena *a = arena_new();
	int rc = waiting_settle(w, a, w->svc->now, NULL, err);

	arena_free(&a);
	return rc;
}

struct ob_list {
	struct arena *a;
	struct obligation *obs;
	size_t n, cap;
};

static int collect_ob(void *ctx, const struct obligation *ob)
{
	struct ob_list *l = ctx;
	struct obligation *o = arena_push(l->a, (void **)&l->obs, &l->n, &l->cap, sizeof(*o));

	*o = *ob;
	o->owner = ob->owner ? arena_strdup(l->a, ob->owner) : NULL;
	return 0;
}

/* Cancels the open obligations playbook pb (version `version`) no longer covers, each with an
 * obligation_cancelled event naming the version (SPEC 8.2); inside the open work. */
static int cancel_uncovered(struct service *svc, const struct playbook *pb, int64_t version, struct bt_error *err)
{
	struct ob_list l = {arena_new(), NULL, 0, 0};
	struct ob_filter f = {0, NULL, OB_OPEN, 0, 0};
	size_t i;
	int rc = store_obligation_each(svc->store, &f, collect_ob, &l, err);

	for (i = 0; !rc && i < l.n; i++) {
		struct obligation *ob = &l.obs[i];
		struct lead lead;
		struct event *ev;

		rc = store_lead_get(svc->store, l.a, ob->lead, &lead, err);
		if (rc || sla_covers(pb, ob, &lead))
			continue;
		ob->status = OB_CANCELLED;
		ob->closed_at = svc->now;
		rc = store_obligation_update(svc->store, ob, err);
		ev = event_new(l.a, EV_OBLIGATION_CANCELLED, svc->now, ob->lead, "admin");
		event_put_str(ev, l.a, "rule", ob_rule_name(ob->rule));
		event_put_int(ev, l.a, "obligation", ob->id);
		event_put_int(ev, l.a, "playbook_version", version);
		event_put_str(ev, l.a, "reason", "the playbook no longer has a rule that covers it");
		if (!rc)
			rc = store_event_append(svc->store, ev, err);
	}
	arena_free(&l.a);
	return rc;
}

int service_playbook_apply(struct service *svc, const char *text, const char *name, int64_t *version,
			   struct bt_error *err)
{
	return service_playbook_apply_by(svc, text, name, "admin", version, err);
}

int service_playbook_apply_by(struct service *svc, const char *text, const char *name, const char *actor,
			      int64_t *version, struct bt_error *err)
{
	struct work w;
	struct playbook *pb = playbook_parse(text, strlen(text), name, err, NULL), *old;
	int rc;

	if (!pb)
		return -(int)err->code;
	rc = usecase_begin(&w, svc, err); /* what was due runs under the old playbook */
	if (!rc)
		rc = store_playbook_put(svc->store, text, svc->now, actor, version, err);
	if (!rc)
		rc = cancel_uncovered(svc, pb, *version, err);
	/* the new hours, pools and rules may make someone eligible for a waiting lead now */
	old = svc->pb;
	svc->pb = pb;
	if (!rc)
		rc = settle_now(&w, err);
	rc = work_end(&w, rc, err);
	if (rc) {
		svc->pb = old;
		playbook_free(&pb);
		return rc;
	}
	playbook_free(&old);
	svc->pb_version = *version;
	return 0;
}

/* The tail of an org-level use case: when rc is 0, appends the event `type` (no lead) naming
 * key=val and key2=val2 (a NULL value is left out) and the settings of `rep` (NULL: none;
 * rep_put_settings) and, for a change that may make a rep
 * eligible (`people`), routes the leads waiting now (SPEC 8.1); then ends the work as rc says
 * (work_end). */
static int org_end(struct work *w, int rc, enum event_type type, const char *key, const char *val, const char *key2,
		   const char *val2, const struct rep *rep, int people, struct bt_error *err)
{
	struct service *svc = w->svc;

	if (!rc) {
		struct arena *a = arena_new();
		struct event *ev = event_new(a, type, svc->now, 0, "admin");

		event_put_str(ev, a, key, val);
		event_put_str(ev, a, key2, val2);
		if (rep)
			rep_put_settings(ev, a, rep);
		rc = store_event_append(svc->store, ev, err);
		arena_free(&a);
	}
	if (!rc && people)
		rc = settle_now(w, err);
	return work_end(w, rc, err);
}

/* Checks that the rep named `name` (NULL: nobody, fine) exists and has one of the roles in
 * `mask` (bit per role). */
static int check_rep_role(struct service *svc, const char *name, unsigned mask, const char *field, const char *what,
			  struct bt_error *err)
{
	struct arena *a;
	struct rep r;
	int rc;

	if (!name)
		return 0;
	a = arena_new();
	rc = store_rep_get(svc->store, a, name, &r, err);
	if (rc == -BT_NOT_FOUND)
		rc = bt_fail(err, BT_NOT_FOUND, field, 0, "--%s %s: no rep named %s", field, name, name);
	else if (!rc && !(mask & (1u << r.role)))
		rc = bt_fail(err, BT_BAD_INPUT, field, 0, "--%s %s: %s is a %s rep, not %s", field, name, name,
			     role_name(r.role), what);
	else if (!rc && !r.active)
		rc = bt_fail(err, BT_REFUSED, field, 0, "--%s %s: %s is inactive", field, name, name);
	arena_free(&a);
	return rc;
}

/* Checks that no other rep than r has r's email (unique: signing in by link finds the rep by
 * it, SPEC 8.7); -BT_REFUSED naming the one that has. */
static int check_email_free(struct service *svc, const struct rep *r, struct bt_error *err)
{
	struct arena *a;
	struct rep other;
	int rc;

	if (!r->email)
		return 0;
	a = arena_new();
	rc = store_rep_by_email(svc->store, a, r->email, &other, err);
	if (rc == -BT_NOT_FOUND) {
		bt_error_clear(err);
		rc = 0;
	} else if (!rc && other.id != r->id) {
		rc = bt_fail(err, BT_REFUSED, "email", 0, "--email %s: rep %s already has that email", r->email,
			     other.name);
	}
	arena_free(&a);
	return rc;
}

int service_rep_add(struct service *svc, struct rep *r, struct bt_error *err)
{
	struct work w;
	int rc = usecase_begin(&w, svc, err);

	r->created_at = svc->now;
	if (!rc)
		rc = check_rep_role(svc, r->manager, 1u << ROLE_MANAGER, "manager", "a manager", err);
	if (!rc)
		rc = check_email_free(svc, r, err);
	if (!rc)
		rc = store_rep_add(svc->store, r, err);
	return org_end(&w, rc, EV_REP_ADDED, "rep", r->name, NULL, NULL, r, 1, err);
}

int service_rep_set(struct service *svc, struct rep *r, const char *changed, struct bt_error *err)
{
	struct work w;
	int rc = usecase_begin(&w, svc, err);

	if (!rc)
		rc = check_rep_role(svc, r->manager, 1u << ROLE_MANAGER, "manager", "a manager", err);
	if (!rc)
		rc = check_email_free(svc, r, err);
	if (!rc)
		rc = store_rep_update(svc->store, r, err);
	return org_end(&w, rc, EV_REP_UPDATED, "rep", r->name, "changed", changed, r, 1, err);
}

int service_account_add(struct service *svc, struct account *acc, struct bt_error *err)
{
	struct work w;
	int rc = usecase_begin(&w, svc, err);

	acc->created_at = svc->now;
	if (!rc)
		rc = check_rep_role(svc, acc->owner, 1u << ROLE_AE | 1u << ROLE_CSM, "owner", "an AE or CSM", err);
	if (!rc)
		rc = check_rep_role(svc, acc->sdr, 1u << ROLE_SDR | 1u << ROLE_MRR, "sdr", "an SDR", err);
	if (!rc)
		rc = store_account_add(svc->store, acc, err);
	return org_end(&w, rc, EV_ACCOUNT_ADDED, "domain", acc->domain, NULL, NULL, NULL, 0, err);
}
