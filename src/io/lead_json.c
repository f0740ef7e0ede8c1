/* lead_json.c - leads, reps, absences, accounts and meetings as JSON; see lead_json.h. */
#include "io/lead_json.h"

#include "core/clock.h"
#include "io/event_json.h"

json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *json_time_or_null(int64_t t)
{
	char buf[CLOCK_RFC3339_LEN];

	return t ? json_string(clock_format_rfc3339(t, buf)) : json_null();
}

json_t *json_amount(int64_t cents)
{
	return cents % 100 == 0 ? json_integer(cents / 100) : json_real((double)cents / 100.0);
}

json_t *lead_attributes_json(const struct lead *l)
{
	json_t *o = l->attributes ? json_loads(l->attributes, 0, NULL) : NULL;

	if (o && json_is_object(o))
		return o;
	json_decref(o);
	return json_object();
}

json_t *lead_json(const struct lead *l, const struct playbook *pb)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(l->id));
	json_object_set_new(o, "email", json_str_or_null(l->email));
	json_object_set_new(o, "name", json_str_or_null(l->name));
	json_object_set_new(o, "title", json_str_or_null(l->title));
	json_object_set_new(o, "company", json_str_or_null(l->company));
	json_object_set_new(o, "phone", json_str_or_null(l->phone));
	json_object_set_new(o, "mobile", json_str_or_null(l->mobile));
	json_object_set_new(o, "channel", json_string(channel_name(l->channel)));
	json_object_set_new(o, "source", json_str_or_null(l->source));
	json_object_set_new(o, "segment", json_str_or_null(l->segment));
	json_object_set_new(o, "employees", l->employees >= 0 ? json_integer(l->employees) : json_null());
	json_object_set_new(o, "country", json_str_or_null(l->country));
	json_object_set_new(o, "territory", json_str_or_null(l->territory));
	json_object_set_new(o, "timezone", json_str_or_null(lead_zone(l)));
	json_object_set_new(o, "account", l->account ? json_integer(l->account) : json_null());
	json_object_set_new(o, "stage", json_string(stage_name(l->stage)));
	if (pb)
		json_object_set_new(o, "stage_label", json_string(pb->stages[l->stage].label));
	json_object_set_new(o, "owner", json_str_or_null(l->owner));
	json_object_set_new(o, "handed_by", json_str_or_null(l->handed_by));
	json_object_set_new(o, "ae", json_str_or_null(l->ae));
	json_object_set_new(o, "grade", json_str_or_null(l->grade));
	json_object_set_new(o, "score", l->score >= 0 ? json_real(l->score) : json_null());
	json_object_set_new(o, "reason", json_str_or_null(l->reason));
	json_object_set_new(o, "qualification", kvlist_json(&l->answers));
	json_object_set_new(o, "notes", kvlist_json(&l->notes));
	json_object_set_new(o, "reviewed", json_boolean(l->reviewed));
	json_object_set_new(o, "touches", json_integer(l->touches));
	json_object_set_new(o, "first_touch_at", json_time_or_null(l->first_touch_at));
	json_object_set_new(o, "nurture_until", json_time_or_null(l->nurture_until));
	json_object_set_new(o, "amount", json_amount(l->amount));
	if (l->renews_at) { /* a customer's contract (SPEC 8.12): amount is its annual value */
		json_object_set_new(o, "renews_at", json_time_or_null(l->renews_at));
		json_object_set_new(o, "term_months", json_integer(l->term_months));
	}
	if (l->parent) /* an expansion: the customer it grows (SPEC 8.12) */
		json_object_set_new(o, "parent", json_integer(l->parent));
	json_object_set_new(o, "created_at", json_time_or_null(l->created_at));
	json_object_set_new(o, "updated_at", json_time_or_null(l->updated_at));
	json_object_set_new(o, "attributes", lead_attributes_json(l));
	return o;
}

static json_t *hours_json(int start, int end)
{
	char buf[48];

	if (start < 0)
		return json_null();
	snprintf(buf, sizeof(buf), "%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60);
	return json_string(buf);
}

json_t *rep_json(const struct rep *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "role", json_string(role_name(r->role)));
	json_object_set_new(o, "team", json_str_or_null(r->team));
	json_object_set_new(o, "manager", json_str_or_null(r->manager));
	json_object_set_new(o, "territories", json_str_or_null(r->territories));
	json_object_set_new(o, "pod", json_str_or_null(r->pod));
	json_object_set_new(o, "capacity", r->capacity >= 0 ? json_integer(r->capacity) : json_null());
	json_object_set_new(o, "hours", hours_json(r->hours_start, r->hours_end));
	json_object_set_new(o, "timezone", json_str_or_null(r->timezone));
	json_object_set_new(o, "active", json_boolean(r->active));
	json_object_set_new(o, "weight", json_integer(rep_weight(r)));
	json_object_set_new(o, "open_leads", json_integer(r->open_leads));
	json_object_set_new(o, "email", json_str_or_null(r->email));
	json_object_set_new(o, "slack", json_str_or_null(r->slack));
	json_object_set_new(o, "full_name", json_str_or_null(r->full_name));
	json_object_set_new(o, "created_at", json_time_or_null(r->created_at));
	return o;
}

json_t *absence_json(const struct absence *ab, int64_t now)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(ab->id));
	json_object_set_new(o, "rep", json_string(ab->rep));
	json_object_set_new(o, "from", json_time_or_null(ab->start));
	json_object_set_new(o, "to", json_time_or_null(ab->finish));
	json_object_set_new(o, "reason", json_str_or_null(ab->reason));
	json_object_set_new(o, "source", json_string(absence_source_name(ab->source)));
	json_object_set_new(o, "status", json_string(absence_status_name(absence_status(ab, now))));
	json_object_set_new(o, "created_at", json_time_or_null(ab->created_at));
	json_object_set_new(o, "begun_at", json_time_or_null(ab->begun_at));
	json_object_set_new(o, "cancelled_at", json_time_or_null(ab->cancelled_at));
	return o;
}

json_t *account_json(const struct account *acc)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(acc->id));
	json_object_set_new(o, "name", json_string(acc->name));
	json_object_set_new(o, "domain", json_string(acc->domain));
	json_object_set_new(o, "segment", json_str_or_null(acc->segment));
	json_object_set_new(o, "employees", acc->employees >= 0 ? json_integer(acc->employees) : json_null());
	json_object_set_new(o, "territory", json_str_or_null(acc->territory));
	json_object_set_new(o, "owner", json_str_or_null(acc->owner));
	json_object_set_new(o, "sdr", json_str_or_null(acc->sdr));
	json_object_set_new(o, "target", json_boolean(acc->target));
	return o;
}

json_t *meeting_json(const struct meeting *m)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(m->id));
	json_object_set_new(o, "lead", json_integer(m->lead));
	json_object_set_new(o, "start", json_time_or_null(m->start));
	json_object_set_new(o, "minutes", json_integer(m->minutes));
	json_object_set_new(o, "status", json_string(meeting_status_name(m->status)));
	json_object_set_new(o, "ae", json_str_or_null(m->ae));
	json_object_set_new(o, "booked_by", json_str_or_null(m->booked_by));
	return o;
}
