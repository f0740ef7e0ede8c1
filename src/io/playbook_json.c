/* playbook_json.c - renders a parsed struct playbook as JSON with jansson (see playbook_json.h).
 * Keys, names and units are those of the YAML schema (docs/playbook.md), so the output reads
 * back as the same playbook; tests/unit/test_playbook.c checks that round trip, which also
 * keeps the name tables below in step with the schema's. */
#include "io/playbook_json.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/playbook.h"

static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
static const char *const action_names[] = {"notify_manager", "reassign", "escalate_manager", "flag", NULL};
static const char *const credit_names[] = {"meeting_held",      "seller_late_cancel",
					   "sql_accepted",      "mql_to_sql",
					   "won_amount",        "renewal",
					   "expansion_sourced", NULL};
static const char *const model_names[] = {"off", "auto", "on"};
static const char *const strategy_names[] = {"round_robin", "territory_round_robin"};
static const char *const outbound_names[] = {"account", "territory"};
static const char *const handoff_names[] = {"pod_ae", "territory_round_robin", "round_robin"};

/* Sets key k of o to v unless v is NULL or an empty object (a section that is off). */
static void put(json_t *o, const char *k, json_t *v)
{
	if (!v)
		return;
	if (json_is_object(v) && json_object_size(v) == 0) {
		json_decref(v);
		return;
	}
	json_object_set_new(o, k, v);
}

/* Sets key k of o to v when `keep`, else drops v. */
static void put_if(json_t *o, const char *k, json_t *v, int keep)
{
	if (keep)
		json_object_set_new(o, k, v);
	else
		json_decref(v);
}

static json_t *list(const struct pb_list *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->items[i]));
	return a;
}

/* Like list(), but NULL for an empty list, which the schema leaves out. */
static json_t *list_or_null(const struct pb_list *l)
{
	return l->n ? list(l) : NULL;
}

static json_t *names(unsigned bits, const char *const *all)
{
	json_t *a = json_array();
	int i;

	for (i = 0; all[i]; i++)
		if (bits & (1u << i))
			json_array_append_new(a, json_string(all[i]));
	return a;
}

static json_t *duration(int64_t minutes)
{
	char buf[24];

	return json_string(clock_format_duration(minutes, buf));
}

static json_t *hhmm(int minutes)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%02d:%02d", minutes / 60 % 100, minutes % 60);
	return json_string(buf);
}

/* business_hours as the playbook writes it: {days, start, end} when every open day has the same
 * hours, else one "HH:MM-HH:MM" per open day. */
static json_t *hours_json(const struct pb_hours *h)
{
	json_t *o = json_object();
	int start, end, d;

	if (pb_hours_uniform(h, &start, &end)) {
		json_object_set_new(o, "days", names(pb_hours_days(h), day_names));
		json_object_set_new(o, "start", hhmm(start));
		json_object_set_new(o, "end", hhmm(end));
		return o;
	}
	for (d = 0; d < 7; d++) {
		char buf[16];

		if (h->start[d] >= h->end[d])
			continue;
		snprintf(buf, sizeof(buf), "%02d:%02d-%02d:%02d", h->start[d] / 60 % 100, h->start[d] % 60,
			 h->end[d] / 60 % 100, h->end[d] % 60);
		json_object_set_new(o, day_names[d], json_string(buf));
	}
	return o;
}

static json_t *holidays_json(const struct pb_org *cal)
{
	json_t *hol = json_array();
	char buf[16];
	size_t i;

	for (i = 0; i < cal->nholidays; i++)
		json_array_append_new(hol, json_string(clock_format_date(cal->holidays[i], buf)));
	return hol;
}

static json_t *org_json(const struct pb_org *org)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", json_string(org->name));
	json_object_set_new(o, "timezone", json_string(org->timezone));
	json_object_set_new(o, "business_hours", hours_json(&org->hours));
	json_object_set_new(o, "holidays", holidays_json(org));
	return o;
}

/* teams: each with the parts of its calendar it gives; NULL when the playbook has none. */
static json_t *teams_json(const struct playbook *pb)
{
	json_t *o;
	size_t i;

	if (!pb->nteams)
		return NULL;
	o = json_object();
	for (i = 0; i < pb->nteams; i++) {
		const struct pb_team *t = &pb->teams[i];
		json_t *team = json_object();

		if (t->cal.timezone)
			json_object_set_new(team, "timezone", json_string(t->cal.timezone));
		if (t->has_hours)
			json_object_set_new(team, "business_hours", hours_json(&t->cal.hours));
		if (t->has_holidays)
			json_object_set_new(team, "holidays", holidays_json(&t->cal));
		json_object_set_new(o, t->cal.name, team);
	}
	return o;
}

static json_t *stages_json(const struct playbook *pb)
{
	json_t *o = json_object(), *s;
	int i;

	for (i = 0; i < STAGE_COUNT; i++) {
		s = json_object();
		json_object_set_new(s, "label", json_string(pb->stages[i].label));
		if (*pb->stages[i].definition)
			json_object_set_new(s, "definition", json_string(pb->stages[i].definition));
		json_object_set_new(s, "requires", list(&pb->stages[i].requires));
		json_object_set_new(o, stage_name((enum stage)i), s);
	}
	return o;
}

/* One field of qualification.fields. */
static json_t *qfield_json(const struct pb_qfield *f)
{
	json_t *o = json_object();

	if (*f->question)
		json_object_set_new(o, "question", json_string(f->question));
	if (f->text)
		json_object_set_new(o, "type", json_string("text"));
	else
		json_object_set_new(o, "values", list(&f->values));
	return o;
}

static json_t *qualification_json(const struct pb_qualification *q)
{
	json_t *o = json_object(), *fields = json_object(), *req = json_object(), *al;
	size_t i;

	for (i = 0; i < q->nfields; i++)
		json_object_set_new(fields, q->fields[i].name, qfield_json(&q->fields[i]));
	put(o, "fields", fields);
	put(req, "all", list_or_null(&q->all));
	if (q->at_least_count > 0) {
		al = json_object();
		json_object_set_new(al, "count", json_integer(q->at_least_count));
		json_object_set_new(al, "of", list(&q->at_least_of));
		json_object_set_new(req, "at_least", al);
	}
	put(o, "handoff_requires", req);
	put(o, "notes_require", list_or_null(&q->notes_require));
	return o;
}

/* One rule of fit.filter. */
static json_t *filter_json(const struct pb_filter *f)
{
	json_t *o = json_object();

	put(o, "segment", list_or_null(&f->segments));
	if (f->employees_below >= 0)
		json_object_set_new(o, "employees_below", json_integer(f->employees_below));
	put(o, "country", list_or_null(&f->countries));
	put(o, "title", list_or_null(&f->titles));
	json_object_set_new(o, "reason", json_string(f->reason));
	return o;
}

static json_t *fit_json(const struct pb_fit *fit)
{
	json_t *o = json_object(), *rules = json_array(), *m, *g;
	size_t i;

	for (i = 0; i < fit->nfilters; i++)
		json_array_append_new(rules, filter_json(&fit->filters[i]));
	put_if(o, "filter", rules, fit->nfilters > 0);
	if (fit->model_use != PB_MODEL_OFF) {
		m = json_object();
		json_object_set_new(m, "use", json_string(model_names[fit->model_use]));
		json_object_set_new(m, "min_history", json_integer(fit->min_history));
		json_object_set_new(m, "filter_below", json_real(fit->filter_below));
		json_object_set_new(o, "model", m);
	}
	g = json_object();
	for (i = 0; i < fit->ngrades; i++)
		json_object_set_new(g, fit->grades[i].name, json_real(fit->grades[i].min));
	put(o, "grades", g);
	return o;
}

static json_t *pool_json(const struct pb_pool *p, int customers)
{
	json_t *o;

	if (!p->on)
		return NULL;
	o = json_object();
	json_object_set_new(o, "role", json_string(role_name(p->role)));
	json_object_set_new(o, "strategy", json_string(strategy_names[p->strategy]));
	json_object_set_new(o, "respect_hours", json_boolean(p->respect_hours));
	json_object_set_new(o, "respect_capacity", json_boolean(p->respect_capacity));
	if (customers)
		json_object_set_new(o, "after", json_string(stage_name(p->after)));
	return o;
}

static json_t *routing_json(const struct pb_routing *r)
{
	json_t *o = json_object(), *h;

	put(o, "inbound", pool_json(&r->inbound, 0));
	if (r->outbound_on) {
		h = json_object();
		json_object_set_new(h, "by", json_string(outbound_names[r->outbound_by]));
		json_object_set_new(o, "outbound", h);
	}
	if (r->existing_accounts_owner)
		json_object_set_new(o, "existing_accounts", json_string("owner"));
	if (r->handoff_on) {
		h = json_object();
		json_object_set_new(h, "to", json_string(handoff_names[r->handoff_to]));
		if (r->handoff_fallback_on)
			json_object_set_new(h, "fallback", json_string(handoff_names[r->handoff_fallback]));
		json_object_set_new(o, "handoff", h);
	}
	put(o, "customers", pool_json(&r->customers, 1));
	if (r->absence == PB_ABSENCE_KEEP)
		json_object_set_new(o, "absence", json_string("keep"));
	return o;
}

static json_t *speed_to_lead_json(const struct pb_sla *s)
{
	json_t *o, *applies;

	if (!s->speed_to_lead.on)
		return NULL;
	applies = json_object();
	if (s->speed_to_lead.channel >= 0)
		json_object_set_new(applies, "channel",
				    json_string(channel_name((enum channel)s->speed_to_lead.channel)));
	put(applies, "source", list_or_null(&s->speed_to_lead.sources));
	o = json_object();
	put(o, "applies", applies);
	json_object_set_new(o, "first_touch_within", duration(s->speed_to_lead.within));
	json_object_set_new(o, "business_time", json_boolean(s->speed_to_lead.business_time));
	json_object_set_new(o, "on_breach", names(s->speed_to_lead.on_breach, action_names));
	return o;
}

static json_t *sla_json(const struct pb_sla *s)
{
	json_t *o = json_object(), *fu = json_object(), *x;
	size_t i;

	put(o, "speed_to_lead", speed_to_lead_json(s));
	for (i = 0; i < s->nfollow_up; i++) {
		x = json_object();
		json_object_set_new(x, "touches", json_integer(s->follow_up[i].touches));
		json_object_set_new(x, "within", duration(s->follow_up[i].within));
		json_object_set_new(fu, s->follow_up[i].grade, x);
	}
	put(o, "follow_up", fu);
	if (s->handoff_response.on) {
		x = json_object();
		json_object_set_new(x, "within", duration(s->handoff_response.within));
		json_object_set_new(x, "business_time", json_boolean(s->handoff_response.business_time));
		json_object_set_new(x, "on_breach", names(s->handoff_response.on_breach, action_names));
		json_object_set_new(o, "handoff_response", x);
	}
	if (s->notes_review.on) {
		x = json_object();
		json_object_set_new(x, "before_meeting", json_boolean(s->notes_review.before_meeting));
		json_object_set_new(x, "on_breach", names(s->notes_review.on_breach, action_names));
		json_object_set_new(o, "notes_review", x);
	}
	{
		/* the customer rules (SPEC 8.12): one duration each */
		const struct {
			const char *rule, *key;
			int on;
			int64_t d;
			unsigned on_breach;
		} cs[] = {
			{"onboarding", "live_within", s->onboarding.on, s->onboarding.live_within,
			 s->onboarding.on_breach},
			{"renewal_review", "before", s->renewal_review.on, s->renewal_review.before,
			 s->renewal_review.on_breach},
			{"health_check", "every", s->health_check.on, s->health_check.every, s->health_check.on_breach},
		};

		for (i = 0; i < sizeof(cs) / sizeof(cs[0]); i++) {
			if (!cs[i].on)
				continue;
			x = json_object();
			json_object_set_new(x, cs[i].key, duration(cs[i].d));
			json_object_set_new(x, "on_breach", names(cs[i].on_breach, action_names));
			json_object_set_new(o, cs[i].rule, x);
		}
	}
	if (s->reschedule_notice > 0)
		json_object_set_new(o, "reschedule_notice", duration(s->reschedule_notice));
	if (s->no_show.on) {
		x = json_object();
		json_object_set_new(x, "first", json_string(role_name(s->no_show.first)));
		json_object_set_new(x, "attempts", json_integer(s->no_show.attempts));
		json_object_set_new(x, "within", duration(s->no_show.within));
		json_object_set_new(x, "then", json_string(role_name(s->no_show.then)));
		json_object_set_new(o, "no_show", x);
	}
	if (s->tune_out > 0) {
		x = json_object();
		json_object_set_new(x, "consecutive_rejections", json_integer(s->tune_out));
		json_object_set_new(o, "tune_out", x);
	}
	if (s->marketing.on) {
		x = json_object();
		json_object_set_new(x, "period", json_string(s->marketing.period));
		json_object_set_new(x, "mql_to_sql_min", json_real(s->marketing.mql_to_sql_min));
		json_object_set_new(x, "acceptance_min", json_real(s->marketing.acceptance_min));
		json_object_set_new(x, "inbound_pipeline_share_min",
				    json_real(s->marketing.inbound_pipeline_share_min));
		json_object_set_new(o, "marketing", x);
	}
	return o;
}

char *playbook_mask_url(const char *url)
{
	CURLU *u = curl_url();
	char *pw = NULL, *part = NULL, *out = NULL;

	if (!u || curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
		goto done;
	if (curl_url_get(u, CURLUPART_PASSWORD, &pw, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_PASSWORD, "***", 0) != CURLUE_OK)
		goto done;
	if (curl_url_get(u, CURLUPART_URL, &part, 0) == CURLUE_OK)
		out = strdup(part);
done:
	curl_free(pw);
	curl_free(part);
	curl_url_cleanup(u);
	return out ? out : strdup("***");
}

/* A delivery URL as the view shows it: verbatim, or with its password masked (a manager's). */
static json_t *url_json(const char *url, enum playbook_view view)
{
	char *masked;
	json_t *j;

	if (view != PLAYBOOK_VIEW_MANAGER)
		return json_string(url);
	masked = playbook_mask_url(url);
	j = json_string(masked);
	free(masked);
	return j;
}

/* The signed webhook {url, secret_env}, in escalation.webhook or notify.channels.webhook. */
static json_t *webhook_json(const struct playbook *pb, enum playbook_view view)
{
	json_t *w = json_pack("{s:o}", "url", url_json(pb->webhook.url, view));

	if (pb->webhook.secret_env)
		json_object_set_new(w, "secret_env", json_string(pb->webhook.secret_env));
	return w;
}

/* 1 if the playbook gives intake.utm any pair. */
static int utm_given(const struct pb_intake_utm *u)
{
	return u->source.n || u->medium.n || u->campaign.n || u->channel.n;
}

/* intake.utm (SPEC 8.9) as read: each map given, {utm value (lower case): what it becomes}. */
static json_t *utm_json(const struct pb_intake_utm *u)
{
	const struct {
		const char *key;
		const struct pb_utm_map *m;
	} maps[] = {
		{"source", &u->source}, {"medium", &u->medium}, {"campaign", &u->campaign}, {"channel", &u->channel}};
	json_t *o = json_object(), *m;
	size_t i, k;

	for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
		if (!maps[i].m->n)
			continue;
		m = json_object();
		for (k = 0; k < maps[i].m->n; k++)
			if (maps[i].m->items[k].to)
				json_object_set_new(m, maps[i].m->items[k].value, json_string(maps[i].m->items[k].to));
		json_object_set_new(o, maps[i].key, m);
	}
	return o;
}

/* notify: (SPEC 8.6) as written: link_base, the channels, and on: when the playbook gives it. */
static json_t *notify_json(const struct playbook *pb, enum playbook_view view)
{
	static const char *const channel_names[] = {"email", "slack", "webhook", NULL};
	const struct pb_notify *n = &pb->notify;
	json_t *o = json_object(), *ch = json_object(), *on = json_object(), *email;
	int k;

	if (n->link_base)
		json_object_set_new(o, "link_base", json_string(n->link_base));
	if (n->email.on) {
		email = json_pack("{s:o, s:s}", "smtp_url", url_json(n->email.smtp_url, view), "from", n->email.from);
		if (n->email.password_env)
			json_object_set_new(email, "password_env", json_string(n->email.password_env));
		json_object_set_new(ch, "email", email);
	}
	if (n->slack.on)
		json_object_set_new(ch, "slack", json_pack("{s:s}", "webhook_url_env", n->slack.webhook_url_env));
	if (n->webhook_here)
		json_object_set_new(ch, "webhook", webhook_json(pb, view));
	put(o, "channels", ch);
	for (k = 0; n->on_given && k < PB_NOTICE_SIGN_IN; k++) {
		json_t *via = names(n->via[k], channel_names);

		if (!n->kind_on[k])
			json_decref(via);
		else if (k == PB_NOTICE_REMINDER)
			json_object_set_new(on, pb_notice_name((enum pb_notice)k),
					    json_pack("{s:o, s:o}", "before_due", duration(n->before_due), "via", via));
		else
			json_object_set_new(on, pb_notice_name((enum pb_notice)k), via);
	}
	put_if(o, "on", on, n->on_given);
	return o;
}

static json_t *tail_json(const struct playbook *pb, json_t *o, enum playbook_view view)
{
	json_t *rej = json_object(), *tasks = json_object(), *credit = json_object();
	size_t i;
	int t;

	for (i = 0; i < pb->nrejections; i++)
		json_object_set_new(rej, pb->rejections[i].code, json_string(stage_name(pb->rejections[i].to)));
	put(o, "rejections", rej);
	for (t = 0; pb->tasks_on && t < PB_TASK_COUNT; t++)
		if (pb->task_set[t])
			json_object_set_new(tasks, pb_task_name((enum pb_task)t), json_string(role_name(pb->tasks[t])));
	put_if(o, "tasks", tasks, pb->tasks_on);
	if (pb->credit_sdr)
		json_object_set_new(credit, "sdr", names(pb->credit_sdr, credit_names));
	if (pb->credit_marketing)
		json_object_set_new(credit, "marketing", names(pb->credit_marketing, credit_names));
	if (pb->credit_ae)
		json_object_set_new(credit, "ae", names(pb->credit_ae, credit_names));
	if (pb->credit_csm)
		json_object_set_new(credit, "csm", names(pb->credit_csm, credit_names));
	put(o, "credit", credit);
	if (pb->economics.on) {
		const struct pb_economics *e = &pb->economics;

		json_object_set_new(o, "economics",
				    json_pack("{s:f, s:{s:I, s:I, s:I, s:I}, s:I}", "gross_margin", e->gross_margin,
					      "cost_per_rep_year", "mrr", (json_int_t)e->cost_per_rep_year[ROLE_MRR],
					      "sdr", (json_int_t)e->cost_per_rep_year[ROLE_SDR], "ae",
					      (json_int_t)e->cost_per_rep_year[ROLE_AE], "csm",
					      (json_int_t)e->cost_per_rep_year[ROLE_CSM], "marketing_spend_month",
					      (json_int_t)e->marketing_spend_month));
	}
	if (pb->webhook.on && !pb->notify.webhook_here && view != PLAYBOOK_VIEW_REP)
		json_object_set_new(o, "escalation", json_pack("{s:o}", "webhook", webhook_json(pb, view)));
	if (pb->notify.on && view != PLAYBOOK_VIEW_REP)
		json_object_set_new(o, "notify", notify_json(pb, view));
	if (pb->api.cors_origins.n)
		json_object_set_new(o, "api", json_pack("{s:o}", "cors_origins", list(&pb->api.cors_origins)));
	if (pb->import.nstages) {
		json_t *stages = json_object();

		for (i = 0; i < pb->import.nstages; i++)
			json_object_set_new(stages, pb->import.stages[i].value,
					    json_string(stage_name((enum stage)pb->import.stages[i].to)));
		json_object_set_new(o, "import", json_pack("{s:o}", "stages", stages));
	}
	if (utm_given(&pb->utm))
		json_object_set_new(o, "intake", json_pack("{s:o}", "utm", utm_json(&pb->utm)));
	return o;
}

json_t *playbook_to_json(const struct playbook *pb)
{
	return playbook_to_json_view(pb, PLAYBOOK_VIEW_FULL);
}

json_t *playbook_to_json_view(const struct playbook *pb, enum playbook_view view)
{
	json_t *o;

	if (!pb)
		return NULL;
	o = json_object();
	json_object_set_new(o, "org", org_json(&pb->org));
	if (pb->nteams)
		json_object_set_new(o, "teams", teams_json(pb));
	json_object_set_new(o, "stages", stages_json(pb));
	/* a section that is off is left out */
	put(o, "qualification", pb->qualification.on ? qualification_json(&pb->qualification) : NULL);
	put(o, "fit", pb->fit.on ? fit_json(&pb->fit) : NULL);
	put(o, "routing", routing_json(&pb->routing));
	put(o, "sla", sla_json(&pb->sla));
	return tail_json(pb, o, view);
}
