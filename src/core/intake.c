/* intake.c - validation, dedupe, fit filter and routing of a new lead; see intake.h. */
#include "core/bounds.h"
#include "core/intake.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/email.h"
#include "core/fit.h"
#include "core/form.h"
#include "core/tz.h"
#include "util/arena.h"
#include "util/text.h"

static const char *const freemail[] = {
	"gmail.com", "googlemail.com", "yahoo.com", "yahoo.fr", "hotmail.com", "hotmail.fr", "outlook.com",
	"live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com",
	"gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.com", "yandex.ru", "orange.fr", "free.fr",
	"laposte.net", "wanadoo.fr", "sfr.fr", "zoho.com", "qq.com", "163.com",
};

double intake_score(const struct playbook *pb, const struct fit_model *m, const struct lead *l, struct arena *a,
		    const char **source)
{
	int use = m && pb->fit.model_use != PB_MODEL_OFF &&
		  (pb->fit.model_use == PB_MODEL_ON || m->trained_on >= pb->fit.min_history);

	if (!use) {
		*source = "rules";
		return model_rules_score(l);
	}
	*source = arena_printf(a, "model v%lld", (long long)m->version);
	return model_score(m, l);
}

int intake_freemail(const char *domain)
{
	size_t i;

	for (i = 0; domain && i < sizeof(freemail) / sizeof(freemail[0]); i++)
		if (strcasecmp(domain, freemail[i]) == 0)
			return 1;
	return 0;
}

const char *intake_email_domain(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	return at ? at + 1 : NULL;
}

int intake_check_domain(char *d, struct bt_error *err)
{
	char *p;

	if (strncmp(d, "http://", 7) == 0 || strncmp(d, "https://", 8) == 0 || strncmp(d, "www.", 4) == 0)
		return bt_fail(err, BT_BAD_INPUT, "domain", 0, "--domain is the bare domain, e.g. acme.com, got '%s'", d);
	if (!strchr(d, '.') || strlen(d) > 253 || d[0] == '.' || d[strlen(d) - 1] == '.')
		return bt_fail(err, BT_BAD_INPUT, "domain", 0, "--domain '%s' is not a web domain such as acme.com", d);
	for (p = d; *p; p++) {
		*p = (char)tolower((unsigned char)*p);
		if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '-'))
			return bt_fail(err, BT_BAD_INPUT, "domain", 0, "--domain '%s' has a character a domain cannot have", d);
	}
	if (intake_freemail(d))
		return bt_fail(err, BT_BAD_INPUT, "domain", 0, "--domain %s is a free-mail provider, not a company", d);
	return 0;
}

int intake_validate(struct lead *l, struct arena *a, struct bt_error *err)
{
	static const struct {
		const char *name;
		size_t off;
		size_t max;
	} text[] = {
		{"name", offsetof(struct lead, name), 200},       {"title", offsetof(struct lead, title), 200},
		{"company", offsetof(struct lead, company), 200}, {"phone", offsetof(struct lead, phone), 40},
		{"mobile", offsetof(struct lead, mobile), 40},    {"source", offsetof(struct lead, source), 64},
		{"segment", offsetof(struct lead, segment), 64},  {"country", offsetof(struct lead, country), 64},
	};
	size_t i;
	int rc;

	rc = email_normalize(l->email, a, &l->email, err);
	if (rc)
		return rc;
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		const char **f = (const char **)(void *)((char *)l + text[i].off);
		const char *v = *f = form_fold(*f, a); /* one line: a line break becomes a space (SPEC 8.9) */

		rc = text_check(text[i].name, v, text[i].max, 0, err);
		if (rc)
			return rc;
		if (v && !v[0])
			*f = NULL;
	}
	if (l->employees != -1 && bound_int(BOUND_EMPLOYEES, l->employees, err)) /* -1: not given */
		return -BT_BAD_INPUT;
	if (l->timezone && !l->timezone[0])
		l->timezone = NULL;
	if (l->timezone) { /* HubSpot's "america_slash_new_york" is America/New_York */
		char zone[72];
		const char *z = tz_from_crm(l->timezone, zone, sizeof(zone));

		l->timezone = z == zone ? arena_strdup(a, zone) : z;
	}
	if (l->timezone && (strlen(l->timezone) > 64 || !tz_known(l->timezone)))
		return bt_fail(err, BT_BAD_INPUT, "timezone", 0,
			       "unknown time zone '%.64s': use an IANA name such as Europe/Paris, America/New_York or UTC",
			       l->timezone);
	return 0;
}

int intake_pool(const struct playbook *pb, const struct lead *l, const struct account *acc, const char **named)
{
	*named = NULL;
	/* an inactive or away owner or SDR gets no lead: the rotation takes over (SPEC 8.3) */
	if (acc && pb->routing.existing_accounts_owner && acc->owner && acc->owner_active && !acc->owner_away) {
		*named = acc->owner;
		return -1;
	}
	if (l->channel == CHANNEL_OUTBOUND) {
		if (!pb->routing.outbound_on)
			return -1;
		if (pb->routing.outbound_by == PB_OUTBOUND_BY_ACCOUNT && acc && acc->sdr && acc->sdr_active &&
		    !acc->sdr_away) {
			*named = acc->sdr;
			return -1;
		}
		return ROLE_SDR;
	}
	if (pb->routing.inbound.on)
		return (int)pb->routing.inbound.role;
	return -1;
}

static void put_lead_fields(struct event *ev, struct arena *a, const struct lead *l)
{
	event_put_str(ev, a, "email", l->email);
	event_put_str(ev, a, "name", l->name);
	event_put_str(ev, a, "title", l->title);
	event_put_str(ev, a, "company", l->company);
	event_put_str(ev, a, "phone", l->phone);
	event_put_str(ev, a, "mobile", l->mobile);
	event_put_str(ev, a, "source", l->source);
	event_put_str(ev, a, "channel", channel_name(l->channel));
	event_put_str(ev, a, "segment", l->segment);
	event_put_str(ev, a, "country", l->country);
	if (l->employees >= 0)
		event_put_int(ev, a, "employees", l->employees);
	event_put_str(ev, a, "territory", l->territory);
	event_put_str(ev, a, "timezone", l->timezone);
	event_put_str(ev, a, "attributes", l->attributes);
	if (l->account)
		event_put_int(ev, a, "account", l->account);
	if (l->parent)
		event_put_int(ev, a, "parent", l->parent);
}

enum stage intake_created(struct lead *l, int64_t at, const char *actor, struct arena *a, struct decision *d)
{
	enum stage first = l->channel == CHANNEL_OUTBOUND ? STAGE_TARGET : STAGE_INQUIRY;
	struct event *ev = event_new(a, EV_CREATED, at, l->id, actor);

	if (!l->territory)
		l->territory = l->country;
	put_lead_fields(ev, a, l);
	event_set_stage(ev, -1, first);
	decision_add(d, a, ev);
	return first;
}

/* Lists on a rotation's routing event the reps it skipped, by reason (`report routing` counts
 * them): "skipped_hours": [...], "skipped_capacity": [...]. */
static void put_skipped(struct event *ev, struct arena *a, const struct route_pick *pick)
{
	int s;
	size_t i;

	for (s = 0; s < ROUTE_SKIP_COUNT; s++)
		for (i = 0; route_skip_key((enum route_skip)s) && i < pick->nskipped[s]; i++)
			event_put_item(ev, a, route_skip_key((enum route_skip)s), pick->skipped[s][i]);
}

int intake_rotation(const struct playbook *pb, const struct lead *l, int rotation_only)
{
	const char *named;
	int role = intake_pool(pb, l, NULL, &named);

	if (rotation_only && role < 0 && pb->routing.inbound.on)
		role = (int)pb->routing.inbound.role;
	return role;
}

void intake_route(const struct playbook *pb, const struct intake_req *req, int64_t now, struct arena *a,
		  struct intake_result *res)
{
	const struct lead *l = req->lead;
	const char *named = NULL;
	int role = req->rotation_only ? intake_rotation(pb, l, 1) : intake_pool(pb, l, req->account, &named);
	struct event *ev;

	if (named) {
		int is_owner = req->account->owner && strcmp(named, req->account->owner) == 0;

		ev = event_new(a, EV_ASSIGNED, now, l->id, "system");
		event_put_str(ev, a, "owner", named);
		res->why = arena_printf(a, "%s of account %s", is_owner ? "owner" : "assigned SDR", req->account->name);
		event_put_str(ev, a, "routing", res->why);
		res->owner = named;
	} else if (role >= 0) {
		const struct pb_pool *pool = &pb->routing.inbound;
		const struct rep *reps = req->pool;
		size_t n = req->npool;
		struct route_rotation rot;
		struct route_pick pick;
		int inbound = l->channel == CHANNEL_INBOUND;
		const char *what = arena_printf(a, "%s reps", role_name((enum role)role));

		if (inbound && pool->strategy == PB_STRATEGY_TERRITORY_ROUND_ROBIN) {
			struct rep *in = arena_alloc(a, (n ? n : 1) * sizeof(*in));

			n = route_in_territory(req->pool, n, l->territory, in);
			reps = in;
			what = arena_printf(a, "%s reps of territory %s", role_name((enum role)role),
					    l->territory ? l->territory : "(none: the lead has no territory)");
			if (!n && pool->fallback == PB_FALLBACK_ROUND_ROBIN) {
				/* no territory, or nobody in it: the catch-all (SPEC 8.1) */
				reps = req->pool;
				n = req->npool;
				what = arena_printf(a, "%s reps (fallback: no rep covers %s)", role_name((enum role)role),
						    l->territory ? l->territory : "a lead without territory");
			}
		}
		rot = (struct route_rotation){reps, n, inbound ? pool->respect_hours : 0, inbound ? pool->respect_capacity : 1,
					      req->exclude, what};
		if (route_weighted(pb, &rot, req->rotation, now, a, &res->rotation, &pick) == 0) {
			ev = event_new(a, EV_ASSIGNED, now, l->id, "system");
			event_put_str(ev, a, "owner", pick.rep->name);
			res->owner = pick.rep->name;
			res->moved_cursor = 1;
		} else {
			ev = event_new(a, EV_UNASSIGNED, now, l->id, "system");
			res->unassigned = 1;
		}
		res->why = arena_strdup(a, pick.why);
		event_put_str(ev, a, "routing", res->why);
		event_put_str(ev, a, "rotation", role_name((enum role)role));
		put_skipped(ev, a, &pick);
	} else {
		ev = event_new(a, EV_UNASSIGNED, now, l->id, "system");
		res->why = "the playbook routes no leads of this channel";
		event_put_str(ev, a, "routing", res->why);
		res->unassigned = 1;
	}
	decision_add(&res->d, a, ev);
}

/* The event that ends an inquiry's intake: filtered, or MQL (and then routed), with its reason. */
static struct event *inquiry_event(struct arena *a, const struct lead *l, int64_t now, enum event_type type,
				   const char *reason)
{
	struct event *ev = event_new(a, type, now, l->id, "system");

	event_put_str(ev, a, "reason", reason);
	event_set_stage(ev, STAGE_INQUIRY, type == EV_MQL ? STAGE_MQL : STAGE_FILTERED);
	return ev;
}

int intake_decide(const struct playbook *pb, const struct intake_req *req, int64_t now, struct arena *a,
		  struct intake_result *res, struct bt_error *err)
{
	struct lead *l = req->lead;
	const struct pb_filter *f;
	struct event *ev;

	memset(res, 0, sizeof(*res));
	if (req->existing) {
		/* the same person again: one lead, a new event on it */
		ev = event_new(a, EV_REINQUIRY, now, req->existing->id, req->actor);
		event_put_str(ev, a, "source", l->source);
		event_put_str(ev, a, "channel", channel_name(l->channel));
		decision_add(&res->d, a, ev);
		res->duplicate = 1;
		return 0;
	}
	if (req->account) {
		l->account = req->account->id;
		if (!l->segment)
			l->segment = req->account->segment;
		if (l->employees < 0)
			l->employees = req->account->employees;
		if (!l->company)
			l->company = req->account->name;
		l->territory = req->account->territory;
	}
	intake_created(l, now, req->actor, a, &res->d);
	if (l->channel == CHANNEL_OUTBOUND) {
		intake_route(pb, req, now, a, res);
		return 0;
	}
	f = fit_filter(pb, l);
	if (f) {
		ev = inquiry_event(a, l, now, EV_FILTERED, f->reason);
		event_put_int(ev, a, "rule_line", f->line);
	} else if (pb->fit.on) {
		const char *source;
		double score = intake_score(pb, req->model, l, a, &source);
		int below = pb->fit.filter_below > 0 && score < pb->fit.filter_below;

		l->score = score;
		l->grade = playbook_grade(pb, score);
		ev = inquiry_event(a, l, now, below ? EV_FILTERED : EV_MQL,
				   below ? arena_printf(a, "fit score %.3f is below %.3f", score, pb->fit.filter_below)
					 : "passed the fit filter");
		event_put_real(ev, a, "score", score);
		if (!below)
			event_put_str(ev, a, "grade", l->grade);
		event_put_str(ev, a, "score_source", source);
	} else {
		ev = inquiry_event(a, l, now, EV_MQL, "passed the fit filter");
	}
	decision_add(&res->d, a, ev);
	res->filtered = ev->type == EV_FILTERED;
	if (!res->filtered)
		intake_route(pb, req, now, a, res);
	(void)err;
	return 0;
}
