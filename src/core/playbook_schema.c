/* playbook_schema.c - the playbook's schema as data (SPEC section 4): one table of keys per YAML
 * map, each key with its type and the offset where its value goes, and the closed sets of
 * names; readers of the values whose checks are the playbook's own (time zones, holidays),
 * of the maps whose keys the team chooses (stages, fields, grades, rejections, tasks) and of the
 * list of fit filter rules; the notify: section's tables are playbook_notify.c's. It reads the
 * text through playbook_yaml.c and walks it with playbook_walk.c; playbook.c calls it.
 * docs/playbook.md is the user's view. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "core/clock.h"
#include "core/playbook_priv.h"

/* One key of a table: its name, its type, then where the value goes and any other field. */
#define KEY(n, t, ...) {.name = (n), .type = (t), .off = __VA_ARGS__}

/* ---------------------------------------------------------------- the closed sets of names */

static const char *stage_at(int i)
{
	return i < STAGE_COUNT ? stage_name((enum stage)i) : NULL;
}

static const char *role_at(int i)
{
	return i < ROLE_COUNT ? role_name((enum role)i) : NULL;
}

static const char *channel_at(int i)
{
	return i < CHANNEL_COUNT ? channel_name((enum channel)i) : NULL;
}

/* The names come in the order of the enum they stand for (playbook.h); a set's `base` is the
 * value or bit of its first name. */
#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

static const struct pb_enum stages_set = {.what = "stage", .name_at = stage_at};
static const struct pb_enum roles = {.what = "role", .name_at = role_at};
static const struct pb_enum channels = {.what = "channel", .name_at = channel_at};
static const char *const task_names[PB_TASK_COUNT + 1] = {
	"reschedule_prospect_initiated",
	"reschedule_seller_initiated",
	"reengage_stalled_opportunity",
	"reschedule_no_show",
	NULL,
};
static const struct pb_enum tasks_set = {.what = "task", .names = task_names};
static const struct pb_enum days = {.what = "day", .names = NAMES("mon", "tue", "wed", "thu", "fri", "sat", "sun")};
static const struct pb_enum qtypes = {.what = "field type", .names = NAMES("text"), .base = 1};
static const struct pb_enum model_uses = {.what = "model use", .names = NAMES("off", "auto", "on")};
static const struct pb_enum strategies = {.what = "strategy", .names = NAMES("round_robin", "territory_round_robin")};
static const struct pb_enum fallbacks = {.what = "fallback", .names = NAMES("round_robin", "wait")};
static const struct pb_enum outbound_bys = {.what = "outbound rule", .names = NAMES("account", "territory")};
static const struct pb_enum absences = {.what = "absence rule", .names = NAMES("reassign_untouched", "keep")};
static const struct pb_enum existing = {.what = "existing_accounts rule", .names = NAMES("none", "owner")};
static const struct pb_enum handoff_tos = {.what = "handoff rule",
					   .names = NAMES("pod_ae", "territory_round_robin", "round_robin")};
static const struct pb_enum actions = {.what = "breach action",
				       .names = NAMES("notify_manager", "reassign", "escalate_manager", "flag")};
static const struct pb_enum periods = {.what = "period", .names = NAMES("week", "month", "quarter")};
static const struct pb_enum comebacks = {.what = "rejection outcome",
					 .names = NAMES("working", "nurture", "disqualified")};
static const struct pb_enum sdr_credit = {.what = "SDR credit",
					  .names = NAMES("meeting_held", "seller_late_cancel", "sql_accepted")};
static const struct pb_enum marketing_credit = {.what = "marketing credit", .names = NAMES("mql_to_sql"), .base = 3};
static const struct pb_enum ae_credit = {.what = "AE credit", .names = NAMES("won_amount"), .base = 4};
static const struct pb_enum csm_credit = {
	.what = "CSM credit", .names = NAMES("renewal", "expansion_sourced"), .base = 5};

_Static_assert(PB_ACT_NOTIFY_MANAGER == 1 && PB_ACT_FLAG == 1 << 3, "actions are in enum pb_action's order");
_Static_assert(PB_CREDIT_MQL_TO_SQL == 1 << 3 && PB_CREDIT_WON_AMOUNT == 1 << 4 && PB_CREDIT_RENEWAL == 1 << 5,
	       "credit bases match enum pb_credit");
_Static_assert(PB_STRATEGY_TERRITORY_ROUND_ROBIN == 1 && PB_HANDOFF_ROUND_ROBIN == 2, "names follow the enums");
_Static_assert(PB_ABSENCE_KEEP == 1, "absence rules follow enum pb_absence");

/* The tasks' names are the schema's. */
const char *pb_task_name(enum pb_task t)
{
	return (unsigned)t < PB_TASK_COUNT ? task_names[t] : "?";
}

/* ---------------------------------------------------------------- values with readers of their own */

static void read_timezone(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			  int line)
{
	const char *s = pb_text_of(c, v, path, line, "a time zone name such as Europe/Paris");

	if (s && (!*s || !icaltimezone_get_builtin_timezone(s)))
		pb_error(c, path, line,
			 "unknown time zone \"%s\": use an IANA name such as Europe/Paris, America/New_York or UTC", s);
	else if (s)
		*PB_AT(base, k->off, const char *) = s;
}

static void holiday_item(struct pb_ctx *c, struct pb_node *v, const char *path, int line, size_t i, void *arg)
{
	int64_t *day = arg;
	const char *s = pb_text_of(c, v, path, line, "a date such as 2026-12-25");

	if (s && clock_parse_date(s, &day[i]) != 0)
		pb_error(c, path, line, "\"%s\" is not a date: write YYYY-MM-DD, e.g. 2026-12-25", s);
}

static int cmp_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* holidays of the calendar (struct pb_org: the org's, or a team's) at base + k->off. */
static void read_holidays(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			  int line)
{
	struct pb_org *cal = PB_AT(base, k->off, struct pb_org);
	size_t i, j;

	cal->holidays = pb_read_items(c, v, path, line, "a list of dates such as [2026-12-25]", sizeof(int64_t),
				      holiday_item, &cal->nholidays);
	qsort(cal->holidays, cal->nholidays, sizeof(int64_t), cmp_day);
	for (i = j = 0; i < cal->nholidays; i++)
		if (j == 0 || cal->holidays[j - 1] != cal->holidays[i])
			cal->holidays[j++] = cal->holidays[i];
	cal->nholidays = j;
}

/* business_hours written as the same hours on a list of days: {days, start, end}; a key left
 * out keeps its default (mon-fri, 09:00, 18:00). */
struct pb_week {
	unsigned days;
	int start, end;
};

static const struct pb_key week_keys[] = {
	KEY("days", PB_BITS, offsetof(struct pb_week, days), .set = &days, .min = 1),
	KEY("start", PB_HHMM, offsetof(struct pb_week, start)),
	KEY("end", PB_HHMM, offsetof(struct pb_week, end)),
	{.name = NULL},
};

/* One day of business_hours written per weekday: mon: "08:00-17:00". */
static void weekday_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			  void *arg)
{
	struct pb_hours *h = arg;
	int d = pb_set_find(&days, name), start, end;
	const char *s;

	if (d < 0) {
		pb_error(c, path, line,
			 "\"%s\" is not a day: business hours are either {days, start, end} or hours per day such as "
			 "{mon: \"08:00-17:00\", fri: \"08:00-13:00\"} (days: %s)",
			 name, pb_set_list(c, &days));
		return;
	}
	s = pb_text_of(c, v, path, pb_node_line(v, line), "hours such as \"08:00-17:00\"");
	if (s && clock_parse_hours(s, &start, &end) != 0)
		pb_error(c, path, pb_node_line(v, line),
			 "\"%s\" is not working hours: write \"HH:MM-HH:MM\" with the end after the start, e.g. "
			 "\"08:00-17:00\"",
			 s);
	else if (s) {
		h->start[d] = start;
		h->end[d] = end;
	}
}

/* business_hours (SPEC 4, 8.4) into the struct pb_hours at base + k->off: {days, start, end}, or
 * one key per open weekday ({mon: "08:00-17:00", fri: "08:00-13:00"}; a day not listed is
 * closed). */
static void read_business_hours(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k,
				const char *path, int line)
{
	struct pb_hours *h = PB_AT(base, k->off, struct pb_hours);
	struct pb_week w = {0x1f, 9 * 60, 18 * 60};
	char sub[PB_PATH_MAX];
	int before = c->nfound, d, per_day = 0;

	for (d = 0; d < 7; d++)
		per_day |= pb_lookup(v, days.names[d]) != NULL;
	if (per_day) {
		pb_hours_set(h, 0, 0, 0);
		pb_each_entry(c, v, path, line, "hours per day such as {mon: \"08:00-17:00\"}", weekday_entry, h);
		return;
	}
	pb_walk_map(c, v, week_keys, &w, path, line);
	if (c->nfound != before)
		return;
	if (w.start >= w.end) {
		snprintf(sub, sizeof(sub), "%s.end", path);
		pb_error(c, sub, pb_node_line(pb_lookup(v, "end"), line),
			 "business hours must end after they start (start %02d:%02d, end %02d:%02d)", w.start / 60,
			 w.start % 60, w.end / 60, w.end % 60);
		return;
	}
	pb_hours_set(h, w.days, w.start, w.end);
}

void pb_hours_set(struct pb_hours *h, unsigned on, int start, int end)
{
	int d;

	for (d = 0; d < 7; d++) {
		h->start[d] = on & (1u << d) ? start : 0;
		h->end[d] = on & (1u << d) ? end : 0;
	}
}

unsigned pb_hours_days(const struct pb_hours *h)
{
	unsigned on = 0;
	int d;

	for (d = 0; d < 7; d++)
		if (h->start[d] < h->end[d])
			on |= 1u << d;
	return on;
}

int pb_hours_uniform(const struct pb_hours *h, int *start, int *end)
{
	int d, found = 0;

	for (d = 0; d < 7; d++) {
		if (h->start[d] >= h->end[d])
			continue;
		if (found && (h->start[d] != *start || h->end[d] != *end))
			return 0;
		*start = h->start[d];
		*end = h->end[d];
		found = 1;
	}
	return found;
}

/* ---------------------------------------------------------------- maps keyed by the team, and the filter rules */

static const struct pb_key stage_keys[] = {
	KEY("label", PB_STR, offsetof(struct pb_stage, label)),
	KEY("definition", PB_STR, offsetof(struct pb_stage, definition)),
	KEY("requires", PB_LIST, offsetof(struct pb_stage, requires)),
	{.name = NULL},
};

static void stage_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			void *arg)
{
	enum stage s;

	if (stage_parse(name, &s) != 0)
		pb_error(c, path, line, "\"%s\" is not a stage; the stages are: %s", name, pb_set_list(c, &stages_set));
	else
		pb_walk_map(c, v, stage_keys, &c->pb->stages[s], path, line);
}

static void read_stages(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			int line)
{
	pb_each_entry(c, v, path, line, "a map from stage name to {label, definition, requires}", stage_entry, NULL);
}

static const struct pb_key qfield_keys[] = {
	KEY("question", PB_STR, offsetof(struct pb_qfield, question)),
	KEY("values", PB_LIST, offsetof(struct pb_qfield, values), .min = 1),
	KEY("type", PB_ENUM, offsetof(struct pb_qfield, text), .set = &qtypes),
	{.name = NULL},
};

static void qfield_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			 void *arg)
{
	struct pb_qfield *f = (struct pb_qfield *)arg + i;
	int before = c->nfound;

	f->name = name;
	f->question = "";
	pb_walk_map(c, v, qfield_keys, f, path, line);
	if (c->nfound != before)
		return;
	if (!f->text && !f->values.n)
		pb_error(c, path, line,
			 "needs either values: [..] (the allowed answers) or type: text (a free answer)");
	else if (f->text && f->values.n)
		pb_error(c, path, line, "has both values and type: text; keep one");
}

static void read_qfields(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			 int line)
{
	struct pb_qualification *q = &c->pb->qualification;

	q->fields = pb_read_entries(c, v, path, line, "a map from field name to {question, values or type: text}",
				    sizeof(*q->fields), qfield_entry, &q->nfields);
}

static const struct pb_key filter_keys[] = {
	KEY("segment", PB_LIST, offsetof(struct pb_filter, segments), .min = 1),
	KEY("employees_below", PB_I64, offsetof(struct pb_filter, employees_below), .min = 1),
	KEY("country", PB_LIST, offsetof(struct pb_filter, countries), .min = 1),
	KEY("title", PB_LIST, offsetof(struct pb_filter, titles), .min = 1),
	KEY("reason", PB_STR, offsetof(struct pb_filter, reason), .flags = PB_REQUIRED),
	{.name = NULL},
};

static void filter_item(struct pb_ctx *c, struct pb_node *v, const char *path, int line, size_t i, void *arg)
{
	struct pb_filter *f = (struct pb_filter *)arg + i;
	int before = c->nfound;

	f->employees_below = -1;
	f->reason = "";
	f->line = line;
	pb_walk_map(c, v, filter_keys, f, path, line);
	if (c->nfound == before && !f->segments.n && f->employees_below < 0 && !f->countries.n && !f->titles.n)
		pb_error(c, path, line,
			 "a filter rule needs at least one condition: segment, employees_below, country or title");
}

static void read_filters(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			 int line)
{
	c->pb->fit.filters = pb_read_items(c, v, path, line,
					   "a list of rules such as - {employees_below: 10, reason: too small}",
					   sizeof(struct pb_filter), filter_item, &c->pb->fit.nfilters);
}

static void grade_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			void *arg)
{
	static const struct pb_key min_key = KEY("", PB_FRACTION, offsetof(struct pb_grade, min));
	struct pb_grade *g = (struct pb_grade *)arg + i;

	g->name = name;
	pb_read_value(c, v, g, &min_key, path, line);
}

static int cmp_grade(const void *a, const void *b)
{
	double x = ((const struct pb_grade *)a)->min, y = ((const struct pb_grade *)b)->min;

	return (x < y) - (x > y);
}

static void read_grades(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			int line)
{
	struct pb_fit *fit = &c->pb->fit;

	fit->grades = pb_read_entries(c, v, path, line,
				      "a map from grade name to its lowest score, such as {A: 0.3, B: 0.1}",
				      sizeof(*fit->grades), grade_entry, &fit->ngrades);
	if (fit->ngrades)
		qsort(fit->grades, fit->ngrades, sizeof(*fit->grades), cmp_grade);
}

static const struct pb_key follow_up_keys[] = {
	KEY("touches", PB_INT, offsetof(struct pb_follow_up, touches), .min = 1, .flags = PB_REQUIRED),
	KEY("within", PB_DURATION, offsetof(struct pb_follow_up, within), .flags = PB_REQUIRED),
	{.name = NULL},
};

static void follow_up_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			    void *arg)
{
	struct pb_follow_up *f = (struct pb_follow_up *)arg + i;

	f->grade = name;
	pb_walk_map(c, v, follow_up_keys, f, path, line);
}

static void read_follow_up(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			   int line)
{
	struct pb_sla *sla = &c->pb->sla;

	sla->follow_up = pb_read_entries(
		c, v, path, line, "a map from grade to {touches, within}, such as {A: {touches: 6, within: 10d}}",
		sizeof(*sla->follow_up), follow_up_entry, &sla->nfollow_up);
}

static void rejection_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			    void *arg)
{
	static const struct pb_key to_key = KEY("", PB_WORD, 0, .set = &comebacks);
	const char *to = NULL;
	struct pb_rejection *r = (struct pb_rejection *)arg + i;

	r->code = name;
	pb_read_value(c, v, &to, &to_key, path, line);
	if (to)
		stage_parse(to, &r->to);
}

static void read_rejections(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			    int line)
{
	struct playbook *pb = c->pb;

	pb->rejections = pb_read_entries(c, v, path, line, "a map from reason code to working, nurture or disqualified",
					 sizeof(*pb->rejections), rejection_entry, &pb->nrejections);
}

static void task_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
		       void *arg)
{
	static const struct pb_key role_key = KEY("", PB_ENUM, 0, .set = &roles);
	int t = pb_set_find(&tasks_set, name);

	if (t < 0) {
		pb_error(c, path, line, "\"%s\" is not a task; the tasks are: %s", name, pb_set_list(c, &tasks_set));
		return;
	}
	c->pb->task_set[t] = 1;
	pb_read_value(c, v, &c->pb->tasks[t], &role_key, path, line);
}

static void read_tasks(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		       int line)
{
	pb_each_entry(c, v, path, line, "a map from task name to role, such as {reschedule_no_show: sdr}", task_entry,
		      NULL);
}

/* ---------------------------------------------------------------- the schema */

#define PB(f) offsetof(struct playbook, f)

static const struct pb_key org_keys[] = {
	KEY("name", PB_STR, PB(org.name), .flags = PB_REQUIRED),
	KEY("timezone", PB_READ, PB(org.timezone), .read = read_timezone, .flags = PB_REQUIRED),
	KEY("business_hours", PB_READ, PB(org.hours), .read = read_business_hours),
	KEY("holidays", PB_READ, PB(org), .read = read_holidays),
	{.name = NULL},
};

#define TEAM(f) offsetof(struct pb_team, f)

static const struct pb_key team_keys[] = {
	KEY("timezone", PB_READ, TEAM(cal.timezone), .read = read_timezone),
	KEY("business_hours", PB_READ, TEAM(cal.hours), .read = read_business_hours, .flags = PB_SETS_ON,
	    .on = TEAM(has_hours)),
	KEY("holidays", PB_READ, TEAM(cal), .read = read_holidays, .flags = PB_SETS_ON, .on = TEAM(has_holidays)),
	{.name = NULL},
};

static void team_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
		       void *arg)
{
	struct pb_team *t = (struct pb_team *)arg + i;

	t->cal.name = name;
	pb_walk_map(c, v, team_keys, t, path, line);
}

static void read_teams(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		       int line)
{
	struct playbook *pb = c->pb;

	pb->teams = pb_read_entries(
		c, v, path, line,
		"a map from team name to {timezone, business_hours, holidays}, such as {amer: {timezone: America/New_York}}",
		sizeof(*pb->teams), team_entry, &pb->nteams);
}

static const struct pb_key at_least_keys[] = {
	KEY("count", PB_INT, PB(qualification.at_least_count), .min = 1, .flags = PB_REQUIRED),
	KEY("of", PB_LIST, PB(qualification.at_least_of), .min = 1, .flags = PB_REQUIRED),
	{.name = NULL},
};

static const struct pb_key handoff_requires_keys[] = {
	KEY("all", PB_LIST, PB(qualification.all)),
	KEY("at_least", PB_MAP, 0, .sub = at_least_keys),
	{.name = NULL},
};

static const struct pb_key qualification_keys[] = {
	KEY("fields", PB_READ, 0, .read = read_qfields),
	KEY("handoff_requires", PB_MAP, 0, .sub = handoff_requires_keys),
	KEY("notes_require", PB_LIST, PB(qualification.notes_require)),
	{.name = NULL},
};

_Static_assert(PB_MODEL_AUTO == 1, "fit.model present turns the model on in auto mode via PB_SETS_ON");

static const struct pb_key model_keys[] = {
	KEY("use", PB_ENUM, PB(fit.model_use), .set = &model_uses),
	KEY("min_history", PB_I64, PB(fit.min_history), .min = 0),
	KEY("filter_below", PB_FRACTION, PB(fit.filter_below)),
	{.name = NULL},
};

static const struct pb_key fit_keys[] = {
	KEY("filter", PB_READ, 0, .read = read_filters),
	KEY("model", PB_MAP, 0, .sub = model_keys, .flags = PB_SETS_ON, .on = PB(fit.model_use)),
	KEY("grades", PB_READ, 0, .read = read_grades),
	{.name = NULL},
};

#define POOL_KEYS(pool)                                                                                                \
	KEY("role", PB_ENUM, PB(routing.pool.role), .set = &roles),                                                    \
		KEY("strategy", PB_ENUM, PB(routing.pool.strategy), .set = &strategies),                               \
		KEY("respect_hours", PB_BOOL, PB(routing.pool.respect_hours)),                                         \
		KEY("respect_capacity", PB_BOOL, PB(routing.pool.respect_capacity))

static const struct pb_key inbound_keys[] = {
	POOL_KEYS(inbound),
	KEY("fallback", PB_ENUM, PB(routing.inbound.fallback), .set = &fallbacks),
	{.name = NULL},
};

static const struct pb_key customers_keys[] = {
	POOL_KEYS(customers),
	KEY("after", PB_ENUM, PB(routing.customers.after), .set = &stages_set),
	{.name = NULL},
};

static const struct pb_key outbound_keys[] = {
	KEY("by", PB_ENUM, PB(routing.outbound_by), .set = &outbound_bys),
	{.name = NULL},
};

static const struct pb_key handoff_keys[] = {
	KEY("to", PB_ENUM, PB(routing.handoff_to), .set = &handoff_tos, .flags = PB_REQUIRED),
	KEY("fallback", PB_ENUM, PB(routing.handoff_fallback), .set = &handoff_tos, .flags = PB_SETS_ON,
	    .on = PB(routing.handoff_fallback_on)),
	{.name = NULL},
};

static const struct pb_key routing_keys[] = {
	KEY("inbound", PB_MAP, 0, .sub = inbound_keys, .flags = PB_SETS_ON, .on = PB(routing.inbound.on)),
	KEY("outbound", PB_MAP, 0, .sub = outbound_keys, .flags = PB_SETS_ON, .on = PB(routing.outbound_on)),
	KEY("existing_accounts", PB_ENUM, PB(routing.existing_accounts_owner), .set = &existing),
	KEY("handoff", PB_MAP, 0, .sub = handoff_keys, .flags = PB_SETS_ON, .on = PB(routing.handoff_on)),
	KEY("customers", PB_MAP, 0, .sub = customers_keys, .flags = PB_SETS_ON, .on = PB(routing.customers.on)),
	KEY("absence", PB_ENUM, PB(routing.absence), .set = &absences),
	{.name = NULL},
};

static const struct pb_key applies_keys[] = {
	KEY("channel", PB_ENUM, PB(sla.speed_to_lead.channel), .set = &channels),
	KEY("source", PB_LIST, PB(sla.speed_to_lead.sources), .min = 1),
	{.name = NULL},
};

static const struct pb_key speed_to_lead_keys[] = {
	KEY("applies", PB_MAP, 0, .sub = applies_keys),
	KEY("first_touch_within", PB_DURATION, PB(sla.speed_to_lead.within), .flags = PB_REQUIRED),
	KEY("business_time", PB_BOOL, PB(sla.speed_to_lead.business_time)),
	KEY("on_breach", PB_BITS, PB(sla.speed_to_lead.on_breach), .set = &actions),
	KEY("max_reassign", PB_INT, PB(sla.speed_to_lead.max_reassign), .min = 0),
	{.name = NULL},
};

static const struct pb_key handoff_response_keys[] = {
	KEY("within", PB_DURATION, PB(sla.handoff_response.within), .flags = PB_REQUIRED),
	KEY("business_time", PB_BOOL, PB(sla.handoff_response.business_time)),
	KEY("on_breach", PB_BITS, PB(sla.handoff_response.on_breach), .set = &actions),
	KEY("max_reassign", PB_INT, PB(sla.handoff_response.max_reassign), .min = 0),
	{.name = NULL},
};

static const struct pb_key notes_review_keys[] = {
	KEY("before_meeting", PB_BOOL, PB(sla.notes_review.before_meeting)),
	KEY("on_breach", PB_BITS, PB(sla.notes_review.on_breach), .set = &actions),
	KEY("max_reassign", PB_INT, PB(sla.notes_review.max_reassign), .min = 0),
	{.name = NULL},
};

static const struct pb_key onboarding_keys[] = {
	KEY("live_within", PB_DURATION, PB(sla.onboarding.live_within), .flags = PB_REQUIRED),
	KEY("on_breach", PB_BITS, PB(sla.onboarding.on_breach), .set = &actions),
	{.name = NULL},
};

static const struct pb_key renewal_review_keys[] = {
	KEY("before", PB_DURATION, PB(sla.renewal_review.before), .flags = PB_REQUIRED),
	KEY("on_breach", PB_BITS, PB(sla.renewal_review.on_breach), .set = &actions),
	{.name = NULL},
};

static const struct pb_key health_check_keys[] = {
	KEY("every", PB_DURATION, PB(sla.health_check.every), .flags = PB_REQUIRED),
	KEY("on_breach", PB_BITS, PB(sla.health_check.on_breach), .set = &actions),
	{.name = NULL},
};

static const struct pb_key no_show_keys[] = {
	KEY("first", PB_ENUM, PB(sla.no_show.first), .set = &roles),
	KEY("attempts", PB_INT, PB(sla.no_show.attempts), .min = 1, .flags = PB_REQUIRED),
	KEY("within", PB_DURATION, PB(sla.no_show.within), .flags = PB_REQUIRED),
	KEY("then", PB_ENUM, PB(sla.no_show.then), .set = &roles),
	{.name = NULL},
};

static const struct pb_key tune_out_keys[] = {
	KEY("consecutive_rejections", PB_INT, PB(sla.tune_out), .min = 1, .flags = PB_REQUIRED),
	{.name = NULL},
};

static const struct pb_key marketing_keys[] = {
	KEY("period", PB_WORD, PB(sla.marketing.period), .set = &periods),
	KEY("mql_to_sql_min", PB_FRACTION, PB(sla.marketing.mql_to_sql_min)),
	KEY("acceptance_min", PB_FRACTION, PB(sla.marketing.acceptance_min)),
	KEY("inbound_pipeline_share_min", PB_FRACTION, PB(sla.marketing.inbound_pipeline_share_min)),
	{.name = NULL},
};

static const struct pb_key sla_keys[] = {
	KEY("speed_to_lead", PB_MAP, 0, .sub = speed_to_lead_keys, .flags = PB_SETS_ON, .on = PB(sla.speed_to_lead.on)),
	KEY("follow_up", PB_READ, 0, .read = read_follow_up),
	KEY("handoff_response", PB_MAP, 0, .sub = handoff_response_keys, .flags = PB_SETS_ON,
	    .on = PB(sla.handoff_response.on)),
	KEY("notes_review", PB_MAP, 0, .sub = notes_review_keys, .flags = PB_SETS_ON, .on = PB(sla.notes_review.on)),
	KEY("onboarding", PB_MAP, 0, .sub = onboarding_keys, .flags = PB_SETS_ON, .on = PB(sla.onboarding.on)),
	KEY("renewal_review", PB_MAP, 0, .sub = renewal_review_keys, .flags = PB_SETS_ON,
	    .on = PB(sla.renewal_review.on)),
	KEY("health_check", PB_MAP, 0, .sub = health_check_keys, .flags = PB_SETS_ON, .on = PB(sla.health_check.on)),
	KEY("reschedule_notice", PB_DURATION, PB(sla.reschedule_notice)),
	KEY("no_show", PB_MAP, 0, .sub = no_show_keys, .flags = PB_SETS_ON, .on = PB(sla.no_show.on)),
	KEY("tune_out", PB_MAP, 0, .sub = tune_out_keys),
	KEY("marketing", PB_MAP, 0, .sub = marketing_keys, .flags = PB_SETS_ON, .on = PB(sla.marketing.on)),
	{.name = NULL},
};

static const struct pb_key credit_keys[] = {
	KEY("sdr", PB_BITS, PB(credit_sdr), .set = &sdr_credit),
	KEY("marketing", PB_BITS, PB(credit_marketing), .set = &marketing_credit),
	KEY("ae", PB_BITS, PB(credit_ae), .set = &ae_credit),
	KEY("csm", PB_BITS, PB(credit_csm), .set = &csm_credit),
	{.name = NULL},
};

static const struct pb_key cost_per_rep_year_keys[] = {
	KEY("mrr", PB_I64, PB(economics.cost_per_rep_year[ROLE_MRR]), .min = 0),
	KEY("sdr", PB_I64, PB(economics.cost_per_rep_year[ROLE_SDR]), .min = 0),
	KEY("ae", PB_I64, PB(economics.cost_per_rep_year[ROLE_AE]), .min = 0),
	KEY("csm", PB_I64, PB(economics.cost_per_rep_year[ROLE_CSM]), .min = 0),
	{.name = NULL},
};

static const struct pb_key economics_keys[] = {
	KEY("gross_margin", PB_FRACTION, PB(economics.gross_margin), .flags = PB_REQUIRED),
	KEY("cost_per_rep_year", PB_MAP, 0, .sub = cost_per_rep_year_keys),
	KEY("marketing_spend_month", PB_I64, PB(economics.marketing_spend_month), .min = 0),
	{.name = NULL},
};

/* the signed webhook's old place; notify.channels.webhook is its new one (playbook_notify.c) */
static const struct pb_key escalation_keys[] = {
	KEY("webhook", PB_MAP, 0, .sub = pb_webhook_keys, .flags = PB_SETS_ON, .on = PB(webhook.on)),
	{.name = NULL},
};

static const struct pb_key api_keys[] = {
	KEY("cors_origins", PB_LIST, PB(api.cors_origins), .min = 1),
	{.name = NULL},
};
static const struct pb_key playbook_keys[] = {
	KEY("org", PB_MAP, 0, .sub = org_keys, .flags = PB_REQUIRED),
	KEY("teams", PB_READ, 0, .read = read_teams),
	KEY("stages", PB_READ, 0, .read = read_stages),
	KEY("qualification", PB_MAP, 0, .sub = qualification_keys, .flags = PB_SETS_ON, .on = PB(qualification.on)),
	KEY("fit", PB_MAP, 0, .sub = fit_keys, .flags = PB_SETS_ON, .on = PB(fit.on)),
	KEY("routing", PB_MAP, 0, .sub = routing_keys),
	KEY("sla", PB_MAP, 0, .sub = sla_keys),
	KEY("rejections", PB_READ, 0, .read = read_rejections),
	KEY("tasks", PB_READ, 0, .read = read_tasks, .flags = PB_SETS_ON, .on = PB(tasks_on)),
	KEY("credit", PB_MAP, 0, .sub = credit_keys),
	KEY("economics", PB_MAP, 0, .sub = economics_keys, .flags = PB_SETS_ON, .on = PB(economics.on)),
	KEY("escalation", PB_MAP, 0, .sub = escalation_keys),
	KEY("notify", PB_MAP, 0, .sub = pb_notify_keys, .flags = PB_SETS_ON, .on = PB(notify.on)),
	KEY("api", PB_MAP, 0, .sub = api_keys),
	KEY("import", PB_MAP, 0, .sub = pb_import_keys),
	KEY("intake", PB_MAP, 0, .sub = pb_intake_keys),
	{.name = NULL},
};

static int read_root(struct pb_ctx *c, struct pb_node *root)
{
	return pb_walk_root(c, root, playbook_keys, c->pb);
}

int pb_schema_read(struct pb_ctx *c, const char *text, size_t len)
{
	return pb_yaml_read(c, text, len, read_root);
}

static int read_root_stages(struct pb_ctx *c, struct pb_node *root)
{
	struct pb_node *stages = pb_lookup(root, "stages");

	if (stages)
		read_stages(c, stages, c->pb, NULL, "stages", pb_node_line(stages, 1));
	return 0;
}

void pb_schema_read_stages(struct pb_ctx *c, const char *text, size_t len)
{
	pb_yaml_read(c, text, len, read_root_stages);
}
