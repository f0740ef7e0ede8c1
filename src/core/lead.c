/* lead.c - the projection of events onto a lead's current state; see lead.h. Each event type
 * that changes more than the stage has one small function in the table below. */
#include "core/lead.h"

#include <string.h>

#include "core/clock.h"
#include "core/tz.h"
#include "util/arena.h"

void lead_init(struct lead *l)
{
	memset(l, 0, sizeof(*l));
	l->employees = -1;
	l->score = -1;
	l->stage = STAGE_INQUIRY;
	l->speed_minutes = -1;
}

int lead_outcome_is_reply(const char *outcome)
{
	return outcome && (strcmp(outcome, "replied") == 0 || strcmp(outcome, "connected") == 0 ||
			   strcmp(outcome, "meeting") == 0);
}

int stage_is_open(enum stage s)
{
	return s == STAGE_MQL || s == STAGE_TARGET || s == STAGE_WORKING || s == STAGE_HANDOFF || s == STAGE_SQL;
}

const char *lead_zone(const struct lead *l)
{
	return l->timezone ? l->timezone : tz_of_country(l->country);
}

static const char *str(const struct event *ev, struct arena *a, const char *key)
{
	return arena_strdup(a, event_get_str(ev, key));
}

static int apply_created(struct lead *l, const struct event *ev, struct arena *a)
{
	const char *ch = event_get_str(ev, "channel");

	l->id = ev->lead;
	l->email = str(ev, a, "email");
	l->name = str(ev, a, "name");
	l->title = str(ev, a, "title");
	l->company = str(ev, a, "company");
	l->phone = str(ev, a, "phone");
	l->mobile = str(ev, a, "mobile");
	l->source = str(ev, a, "source");
	l->segment = str(ev, a, "segment");
	l->country = str(ev, a, "country");
	l->territory = str(ev, a, "territory");
	l->timezone = str(ev, a, "timezone");
	l->attributes = str(ev, a, "attributes");
	l->employees = event_get_int(ev, "employees", -1);
	l->account = event_get_int(ev, "account", 0);
	l->parent = event_get_int(ev, "parent", 0);
	l->created_at = ev->at;
	if (!l->email || !ch || channel_parse(ch, &l->channel))
		return -1;
	return 0;
}

static int apply_scored(struct lead *l, const struct event *ev, struct arena *a)
{
	const struct field *f = event_get(ev, "score");

	if (ev->sets_stage && ev->to == STAGE_MQL)
		l->mql_at = ev->at;
	if (f && f->type == FIELD_REAL)
		l->score = f->r;
	if (event_get_str(ev, "grade"))
		l->grade = str(ev, a, "grade");
	return 0;
}

static int apply_reason(struct lead *l, const struct event *ev, struct arena *a)
{
	if (event_get_str(ev, "reason"))
		l->reason = str(ev, a, "reason");
	return 0;
}

static int apply_filtered(struct lead *l, const struct event *ev, struct arena *a)
{
	apply_reason(l, ev, a);
	return apply_scored(l, ev, a);
}

static int apply_restored(struct lead *l, const struct event *ev, struct arena *a)
{
	l->mql_at = ev->at;
	return apply_reason(l, ev, a);
}

static int apply_assigned(struct lead *l, const struct event *ev, struct arena *a)
{
	l->owner = str(ev, a, "owner");
	if (l->speed_minutes < 0)
		l->worked_by = l->owner;
	return 0;
}

/* Back to its pool: a reassignment found nobody else (SPEC 8.2); at intake it had no owner. */
static int apply_unassigned(struct lead *l, const struct event *ev, struct arena *a)
{
	if (event_get_str(ev, "previous_owner"))
		l->owner = NULL;
	(void)a;
	return 0;
}

static int apply_touch(struct lead *l, const struct event *ev, struct arena *a)
{
	const char *variant = event_get_str(ev, "variant");

	l->touches++;
	if (event_get_int(ev, "first", 0)) {
		if (l->speed_minutes == -1) {
			l->worked_by = arena_strdup(a, ev->actor);
			l->speed_minutes = event_get_int(ev, "speed_minutes", (ev->at - l->created_at) / 60);
		}
		l->first_touch_at = ev->at;
	}
	if (variant && !l->variant)
		l->variant = arena_strdup(a, variant);
	if (lead_outcome_is_reply(event_get_str(ev, "outcome")))
		l->replied = 1;
	return 0;
}

/* Copies every "prefix.key" string field into the list. */
static void apply_prefixed(struct kvlist *list, const struct event *ev, struct arena *a, const char *prefix)
{
	size_t i, n = strlen(prefix);

	for (i = 0; i < ev->nfields; i++) {
		const struct field *f = &ev->fields[i];

		if (f->type == FIELD_STR && strncmp(f->key, prefix, n) == 0 && f->key[n] == '.')
			kv_set(list, a, f->key + n + 1, f->s);
	}
}

static int apply_qualify(struct lead *l, const struct event *ev, struct arena *a)
{
	apply_prefixed(&l->answers, ev, a, "answers");
	return 0;
}

static int apply_handoff(struct lead *l, const struct event *ev, struct arena *a)
{
	l->handed_by = arena_strdup(a, ev->actor);
	l->owner = str(ev, a, "ae");
	l->reviewed = 0;
	l->notes.n = 0;
	apply_prefixed(&l->notes, ev, a, "notes");
	if (event_get(ev, "amount_cents"))
		l->amount = event_get_int(ev, "amount_cents", 0); /* an expansion's value (SPEC 8.12) */
	return l->owner ? 0 : -1;
}

static int apply_review(struct lead *l, const struct event *ev, struct arena *a)
{
	l->reviewed = 1;
	return 0;
}

static int apply_accept(struct lead *l, const struct event *ev, struct arena *a)
{
	l->ae = arena_strdup(a, l->owner);
	if (event_get(ev, "amount_cents"))
		l->amount = event_get_int(ev, "amount_cents", 0); /* the AE's estimate of the opportunity */
	return 0;
}

/* The lead goes back (reject, live, nurture): reason, new owner, recycle time. */
static int apply_back(struct lead *l, const struct event *ev, struct arena *a)
{
	const char *until = event_get_str(ev, "until");

	apply_reason(l, ev, a);
	if (event_get_str(ev, "owner"))
		l->owner = str(ev, a, "owner");
	if (until && clock_parse_rfc3339(until, &l->nurture_until))
		return -1;
	return 0;
}

/* won and renewed: the contract's annual value, renewal date and term (SPEC 8.12) */
static int apply_won(struct lead *l, const struct event *ev, struct arena *a)
{
	const char *renews = event_get_str(ev, "renews_at");

	if (event_get(ev, "amount_cents"))
		l->amount = event_get_int(ev, "amount_cents", 0);
	if (renews && clock_parse_rfc3339(renews, &l->renews_at))
		return -1;
	l->term_months = event_get_int(ev, "term_months", l->term_months);
	return 0;
}

/* expanded: an expansion won on the customer; its annual value becomes value_cents */
static int apply_expanded(struct lead *l, const struct event *ev, struct arena *a)
{
	l->amount = event_get_int(ev, "value_cents", l->amount);
	return 0;
}

static int apply_recycled(struct lead *l, const struct event *ev, struct arena *a)
{
	l->nurture_until = 0;
	l->mql_at = ev->at;
	return 0;
}

/* A history row (SPEC 8.8): its owner and amount, and the stages it passed through, counted
 * by the reports at its creation time (won, lost and live at its close date). */
static int apply_imported(struct lead *l, const struct event *ev, struct arena *a)
{
	const char *closed = event_get_str(ev, "closed_at");
	unsigned path = stage_path(l->stage);
	int64_t closed_at = 0;
	int s;

	if (closed && clock_parse_rfc3339(closed, &closed_at))
		return -1;
	if (event_get_str(ev, "owner")) {
		l->owner = str(ev, a, "owner");
		if (l->speed_minutes < 0)
			l->worked_by = l->owner;
	}
	if (event_get(ev, "amount_cents"))
		l->amount = event_get_int(ev, "amount_cents", 0);
	if (event_get_str(ev, "renews_at") && apply_won(l, ev, a)) /* a customer's contract */
		return -1;
	if (!event_get_int(ev, "speed_measured", 1))
		l->speed_minutes = LEAD_SPEED_HISTORY;
	for (s = 0; s < STAGE_COUNT; s++) {
		int closing = s == STAGE_WON || s == STAGE_LOST || s == STAGE_LIVE;

		if (!(path & (1u << s)))
			continue;
		if (!(l->reached & (1u << s)) || (closing && closed_at))
			l->reached_at[s] = closing && closed_at ? closed_at : ev->at;
		l->reached |= 1u << s;
	}
	if (path & (1u << STAGE_MQL))
		l->mql_at = ev->at;
	if (closed_at && closed_at > l->updated_at)
		l->updated_at = closed_at;
	return 0;
}

/* What each type of event does to the lead's projection; a type left out changes nothing. */
static int (*const appliers[EV_COUNT])(struct lead *, const struct event *, struct arena *) = {
	[EV_CREATED] = apply_created,
	[EV_MQL] = apply_scored,
	[EV_FILTERED] = apply_filtered,
	[EV_RESTORED] = apply_restored,
	[EV_ASSIGNED] = apply_assigned,
	[EV_REASSIGNED] = apply_assigned,
	[EV_UNASSIGNED] = apply_unassigned,
	[EV_TOUCH] = apply_touch,
	[EV_QUALIFY] = apply_qualify,
	[EV_HANDOFF] = apply_handoff,
	[EV_REVIEW] = apply_review,
	[EV_ACCEPT] = apply_accept,
	[EV_REJECT] = apply_back,
	[EV_NURTURE] = apply_back,
	[EV_DISQUALIFY] = apply_reason,
	[EV_WON] = apply_won,
	[EV_LOST] = apply_reason,
	[EV_LIVE] = apply_back,
	[EV_RECYCLED] = apply_recycled,
	[EV_SCORED] = apply_scored,
	[EV_IMPORTED] = apply_imported,
	[EV_RENEWED] = apply_won,
	[EV_EXPANDED] = apply_expanded,
	[EV_CHURNED] = apply_reason,
};

int lead_apply_stamps_only(const struct event *ev)
{
	return !ev->sets_stage && ((unsigned)ev->type >= EV_COUNT || !appliers[ev->type]);
}

int lead_apply_reads_data(int t)
{
	return t >= 0 && t < EV_COUNT && appliers[t] != NULL;
}

int lead_apply(struct lead *l, const struct event *ev, struct arena *a)
{
	if (ev->sets_stage) {
		if (ev->to < 0 || ev->to >= STAGE_COUNT)
			return -1;
		l->stage = (enum stage)ev->to;
		if (!(l->reached & (1u << ev->to)))
			l->reached_at[ev->to] = ev->at;
		l->reached |= 1u << ev->to;
	}
	l->updated_at = ev->at;
	if ((unsigned)ev->type < EV_COUNT && appliers[ev->type])
		return appliers[ev->type](l, ev, a);
	return 0;
}
