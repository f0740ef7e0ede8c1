/* lifecycle.c - the lead state machine (SPEC section 3) as one table, the permission rules as
 * a second table, and one checker per action for what the playbook demands (qualification,
 * notes, reason codes). Nothing here reads a clock or a store. */
#include "core/lifecycle.h"

#include <stdio.h>
#include <string.h>

#include "core/absence.h"
#include "core/bizclock.h"
#include "core/clock.h"
#include "core/contract.h"
#include "util/arena.h"
#include "util/names.h"
#include "util/strbuf.h"
#include "util/text.h"

#define STAY (-1)      /* the action leaves the stage as it is */
#define BY_REASON (-2) /* the playbook's rejection table decides */

/* The transition table: every (action, from) pair that is allowed, and where it leads. */
static const struct transition {
	enum action action;
	enum stage from;
	int to;
} transitions[] = {
	{ACT_TOUCH, STAGE_MQL, STAGE_WORKING},      /* the owner's first touch */
	{ACT_TOUCH, STAGE_TARGET, STAGE_WORKING},   /* the owner's first touch */
	{ACT_TOUCH, STAGE_WORKING, STAY},
	{ACT_TOUCH, STAGE_HANDOFF, STAY},
	{ACT_TOUCH, STAGE_SQL, STAY},
	{ACT_TOUCH, STAGE_WON, STAY},
	{ACT_TOUCH, STAGE_LIVE, STAY},
	{ACT_TOUCH, STAGE_NURTURE, STAY},
	{ACT_QUALIFY, STAGE_MQL, STAY},
	{ACT_QUALIFY, STAGE_TARGET, STAY},
	{ACT_QUALIFY, STAGE_WORKING, STAY},
	{ACT_QUALIFY, STAGE_HANDOFF, STAY},
	{ACT_QUALIFY, STAGE_SQL, STAY},
	{ACT_HANDOFF, STAGE_WORKING, STAGE_HANDOFF},
	{ACT_REVIEW, STAGE_HANDOFF, STAY},
	{ACT_REVIEW, STAGE_SQL, STAY},
	{ACT_ACCEPT, STAGE_HANDOFF, STAGE_SQL},
	{ACT_REJECT, STAGE_HANDOFF, BY_REASON},
	{ACT_NURTURE, STAGE_WORKING, STAGE_NURTURE},
	{ACT_DISQUALIFY, STAGE_WORKING, STAGE_DISQUALIFIED},
	{ACT_WIN, STAGE_SQL, STAGE_WON},
	{ACT_LOSE, STAGE_SQL, STAGE_LOST},
	{ACT_LIVE, STAGE_WON, STAGE_LIVE},
	{ACT_RESTORE, STAGE_FILTERED, STAGE_MQL},
	{ACT_RECYCLE, STAGE_NURTURE, STAGE_MQL},
	/* a manager's hand, wherever the lead is open work (SPEC 8.3) */
	{ACT_ASSIGN, STAGE_MQL, STAY},
	{ACT_ASSIGN, STAGE_TARGET, STAY},
	{ACT_ASSIGN, STAGE_WORKING, STAY},
	{ACT_ASSIGN, STAGE_HANDOFF, STAY},
	{ACT_ASSIGN, STAGE_SQL, STAY},
	/* a customer's contract (SPEC 8.12) */
	{ACT_RENEW, STAGE_LIVE, STAY},
	{ACT_CHURN, STAGE_LIVE, STAGE_CHURNED},
	{ACT_LAPSE, STAGE_WON, STAGE_CHURNED},
	{ACT_LAPSE, STAGE_LIVE, STAGE_CHURNED},
	{ACT_EXPAND, STAGE_LIVE, STAY},
};

/* Who may act. */
enum who {
	WHO_ANY = 1 << 0,       /* any active rep */
	WHO_OWNER = 1 << 1,     /* the lead's current owner */
	WHO_HANDED_BY = 1 << 2, /* the rep who handed it off */
	WHO_OWNER_AE = 1 << 3,  /* the owner, when it is an AE */
	WHO_MANAGER = 1 << 4,   /* the manager of the owner's team (any manager while nobody owns it) */
	WHO_SYSTEM = 1 << 5,    /* baton itself (timers) */
};

static const struct action_def {
	const char *name;  /* command name */
	enum event_type event;
	unsigned who;
	int frees_calendar; /* the opportunity ends: the AE's meetings with the lead are cancelled */
} actions[ACT_COUNT] = {
	[ACT_TOUCH] = {"touch", EV_TOUCH, WHO_ANY, 0},
	[ACT_QUALIFY] = {"qualify", EV_QUALIFY, WHO_OWNER | WHO_HANDED_BY | WHO_MANAGER, 0},
	[ACT_HANDOFF] = {"handoff", EV_HANDOFF, WHO_OWNER | WHO_MANAGER, 0},
	[ACT_REVIEW] = {"review", EV_REVIEW, WHO_OWNER_AE | WHO_MANAGER, 0},
	[ACT_ACCEPT] = {"accept", EV_ACCEPT, WHO_OWNER_AE | WHO_MANAGER, 0},
	[ACT_REJECT] = {"reject", EV_REJECT, WHO_OWNER_AE | WHO_MANAGER, 1},
	[ACT_NURTURE] = {"nurture", EV_NURTURE, WHO_OWNER | WHO_MANAGER, 0},
	[ACT_DISQUALIFY] = {"disqualify", EV_DISQUALIFY, WHO_OWNER | WHO_MANAGER, 1},
	[ACT_WIN] = {"close won", EV_WON, WHO_OWNER_AE | WHO_MANAGER, 0},
	[ACT_LOSE] = {"close lost", EV_LOST, WHO_OWNER_AE | WHO_MANAGER, 1},
	[ACT_LIVE] = {"live", EV_LIVE, WHO_OWNER_AE | WHO_MANAGER, 0},
	[ACT_RESTORE] = {"lead restore", EV_RESTORED, WHO_ANY, 0},
	[ACT_RECYCLE] = {"recycle", EV_RECYCLED, WHO_SYSTEM, 0},
	[ACT_ASSIGN] = {"lead assign", EV_ASSIGNED, WHO_MANAGER, 0},
	[ACT_RENEW] = {"renew", EV_RENEWED, WHO_OWNER | WHO_MANAGER, 0},
	[ACT_CHURN] = {"churn", EV_CHURNED, WHO_OWNER | WHO_MANAGER, 0},
	[ACT_LAPSE] = {"lapse", EV_CHURNED, WHO_SYSTEM, 0},
	[ACT_EXPAND] = {"expand", EV_EXPANSION, WHO_OWNER | WHO_MANAGER, 0},
};

static const char *const touch_kinds[TOUCH_KIND_COUNT] = {
	[TOUCH_CALL] = "call",
	[TOUCH_EMAIL] = "email",
	[TOUCH_SOCIAL] = "social",
};

int touch_kind_parse(const char *name, enum touch_kind *out)
{
	int i = names_find(touch_kinds, TOUCH_KIND_COUNT, name);

	if (i >= 0)
		*out = (enum touch_kind)i;
	return i < 0 ? -1 : 0;
}

int lifecycle_frees_calendar(enum action act)
{
	return (unsigned)act < ACT_COUNT && actions[act].frees_calendar;
}

const char *action_name(enum action act)
{
	return (unsigned)act < ACT_COUNT ? actions[act].name : "?";
}

static const struct transition *find_transition(enum action act, enum stage s)
{
	size_t i;

	for (i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
		if (transitions[i].action == act && transitions[i].from == s)
			return &transitions[i];
	return NULL;
}

int lifecycle_can(enum action act, enum stage s)
{
	return find_transition(act, s) != NULL;
}

char *lifecycle_allowed(enum stage s, char *buf, size_t n)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++) {
		const struct transition *t = &transitions[i];

		if (t->from != s || (actions[t->action].who & WHO_SYSTEM))
			continue;
		if (i > 0 && transitions[i - 1].from == s && transitions[i - 1].action == t->action)
			continue;
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", len ? ", " : "", actions[t->action].name);
		if (len >= n)
			break;
	}
	if (!buf[0])
		snprintf(buf, n, "none");
	return buf;
}

static int same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Checks that req->actor may do the action on l; 0 or -BT_REFUSED. */
static int check_permission(const struct lead *l, const struct action_req *req, struct bt_error *err)
{
	unsigned who = actions[req->action].who;
	const struct rep *r = req->actor;
	const char *what = actions[req->action].name;

	if (who & WHO_SYSTEM)
		return r ? bt_fail(err, BT_DENIED, "by", 0, "%s is done by baton's timers, not by a rep", what) : 0;
	if (!r)
		return bt_fail(err, BT_USAGE, "by", 0, "by is required: the rep who does the %s", what);
	if (!r->active)
		return bt_fail(err, BT_DENIED, "by", 0, "rep %s is inactive and may not act on leads", r->name);
	if (who & WHO_ANY)
		return 0;
	/* a manager acts on the leads owned within its team, its own, and those nobody owns; who
	 * handed a lead off gives its manager no right to act on it (issue 13.2) */
	if ((who & WHO_MANAGER) && r->role == ROLE_MANAGER &&
	    (!l->owner || same(r->name, l->owner) || same(r->name, req->owner_manager)))
		return 0;
	if ((who & WHO_OWNER) && same(r->name, l->owner))
		return 0;
	if ((who & WHO_HANDED_BY) && same(r->name, l->handed_by))
		return 0;
	if ((who & WHO_OWNER_AE) && same(r->name, l->owner) && r->role == ROLE_AE)
		return 0;
	if (who == WHO_MANAGER && r->role != ROLE_MANAGER)
		return bt_fail(err, BT_DENIED, "by", 0, "%s refused: only a manager may do it; %s is a %s rep", what,
			       r->name, role_name(r->role));
	if ((who & WHO_MANAGER) && r->role == ROLE_MANAGER)
		return bt_fail(err, BT_DENIED, "by", 0,
			       "%s refused: lead %lld is owned by %s, whose manager is %s; manager %s acts only on the "
			       "leads of its team",
			       what, (long long)l->id, l->owner, req->owner_manager ? req->owner_manager : "nobody", r->name);
	if (who & WHO_OWNER_AE)
		return bt_fail(err, BT_DENIED, "by", 0,
			       "%s %s refused: only the AE who owns lead %lld (%s) or a manager may %s; %s is a %s rep", what,
			       l->email, (long long)l->id, l->owner ? l->owner : "nobody", what, r->name, role_name(r->role));
	return bt_fail(err, BT_DENIED, "by", 0, "%s refused: %s is not the owner of lead %lld (the owner is %s)%s", what,
		       r->name, (long long)l->id, l->owner ? l->owner : "nobody",
		       (who & WHO_HANDED_BY) ? ", nor the rep who handed it off" : "");
}

/* Checks the answers of `set`: each field known, each value allowed. 0 or -BT_BAD_INPUT. */
static int check_answers(const struct playbook *pb, const struct kvlist *set, struct bt_error *err)
{
	size_t i, j;

	if (set->n == 0)
		return bt_fail(err, BT_USAGE, "set", 0, "set is required: at least one answer (field and value)");
	for (i = 0; i < set->n; i++) {
		const struct kv *kv = &set->items[i];
		const struct pb_qfield *f = playbook_qfield(pb, kv->key);

		if (!f) {
			struct strbuf sb;

			strbuf_init(&sb);
			for (j = 0; j < pb->qualification.nfields; j++)
				strbuf_addf(&sb, "%s%s", j ? ", " : "", pb->qualification.fields[j].name);
			bt_fail(err, BT_BAD_INPUT, kv->key, 0, "unknown qualification field '%s' (the playbook's fields: %s)",
				kv->key, sb.len ? sb.buf : "none");
			strbuf_release(&sb);
			return -BT_BAD_INPUT;
		}
		if (!kv->value[0])
			return bt_fail(err, BT_BAD_INPUT, kv->key, 0, "%s: empty answer", kv->key);
		if (f->text) {
			int rc = text_check(kv->key, kv->value, 4000, 1, err);

			if (rc)
				return rc;
			continue;
		}
		for (j = 0; j < f->values.n; j++)
			if (strcmp(f->values.items[j], kv->value) == 0)
				break;
		if (j == f->values.n) {
			struct strbuf sb;

			strbuf_init(&sb);
			for (j = 0; j < f->values.n; j++)
				strbuf_addf(&sb, "%s%s", j ? ", " : "", f->values.items[j]);
			bt_fail(err, BT_BAD_INPUT, kv->key, 0, "%s: '%s' is not an allowed answer (allowed: %s)", kv->key,
				kv->value, sb.buf);
			strbuf_release(&sb);
			return -BT_BAD_INPUT;
		}
	}
	return 0;
}

/* The answer to `field` after this action: the new value if being set, else the lead's. */
static const char *answer(const struct lead *l, const struct kvlist *set, const char *field)
{
	const char *v = set ? kv_get(set, field) : NULL;

	return v ? v : kv_get(&l->answers, field);
}

static int answered(const struct lead *l, const struct kvlist *set, const char *field)
{
	const char *v = answer(l, set, field);

	return v && v[0] && strcmp(v, "unknown") != 0;
}

/* Checks the playbook's handoff rules (qualification and notes), naming every missing item. */
static int check_handoff_rules(const struct playbook *pb, const struct lead *l, const struct action_req *req,
			       struct bt_error *err)
{
	const struct pb_qualification *q = &pb->qualification;
	struct strbuf sb;
	size_t i;
	int problems = 0, have = 0;

	strbuf_init(&sb);
	if (q->on) {
		for (i = 0; i < q->all.n; i++) {
			if (!answered(l, NULL, q->all.items[i])) {
				strbuf_addf(&sb, "%s%s is not answered", problems++ ? "; " : "", q->all.items[i]);
			}
		}
		if (q->at_least_count > 0) {
			struct strbuf missing;

			strbuf_init(&missing);
			for (i = 0; i < q->at_least_of.n; i++) {
				if (answered(l, NULL, q->at_least_of.items[i]))
					have++;
				else
					strbuf_addf(&missing, "%s%s", missing.len ? ", " : "", q->at_least_of.items[i]);
			}
			if (have < q->at_least_count)
				strbuf_addf(&sb, "%sat least %d of the qualification fields must be answered, %d are (missing: %s)",
					    problems++ ? "; " : "", q->at_least_count, have, missing.buf);
			strbuf_release(&missing);
		}
		for (i = 0; i < q->notes_require.n; i++) {
			const char *v = kv_get(&req->notes, q->notes_require.items[i]);

			if (!v || !v[0])
				strbuf_addf(&sb, "%snote %s is missing", problems++ ? "; " : "", q->notes_require.items[i]);
		}
	}
	if (problems) {
		bt_fail(err, BT_REFUSED, "qualification", 0, "handoff of lead %lld refused: %s", (long long)l->id, sb.buf);
		strbuf_release(&sb);
		return -BT_REFUSED;
	}
	strbuf_release(&sb);
	return 0;
}

/* Checks the playbook's entry requirements of stage `to`. */
static int check_stage_requires(const struct playbook *pb, const struct lead *l, const struct kvlist *set,
				enum stage to, struct bt_error *err)
{
	const struct pb_stage *st = &pb->stages[to];
	size_t i;

	for (i = 0; i < st->requires.n; i++)
		if (!answered(l, set, st->requires.items[i]))
			return bt_fail(err, BT_REFUSED, st->requires.items[i], 0,
				       "lead %lld cannot enter %s (%s): the playbook requires %s to be answered first",
				       (long long)l->id, stage_name(to), st->label, st->requires.items[i]);
	return 0;
}

static int check_touch(const struct action_req *req, struct bt_error *err)
{
	enum touch_kind k;

	if (touch_kind_parse(req->kind, &k) == 0)
		return 0;
	return bt_fail(err, req->kind ? BT_BAD_INPUT : BT_USAGE, "kind", 0, "kind must be call, email or social%s%s%s",
		       req->kind ? " (got '" : "", req->kind ? req->kind : "", req->kind ? "')" : "");
}

static int check_handoff_target(const struct lead *l, const struct action_req *req, int64_t now, struct bt_error *err)
{
	const struct absence *ab;
	char until[CLOCK_RFC3339_LEN];

	if (!req->to)
		return bt_fail(err, BT_REFUSED, "to", 0, "handoff of lead %lld refused: no AE is available; name the AE (to)",
			       (long long)l->id);
	if (req->to->role != ROLE_AE)
		return bt_fail(err, BT_REFUSED, "to", 0, "handoff refused: %s is a %s rep, not an AE", req->to->name,
			       role_name(req->to->role));
	if (!req->to->active)
		return bt_fail(err, BT_REFUSED, "to", 0, "handoff refused: AE %s is inactive", req->to->name);
	if ((ab = rep_away(req->to, now)) != NULL) /* an away rep gets no leads (SPEC 8.3) */
		return bt_fail(err, BT_REFUSED, "to", 0, "handoff refused: AE %s is away until %s (absence %lld)",
			       req->to->name, clock_format_rfc3339(ab->finish, until), (long long)ab->id);
	if (req->meeting_start && req->meeting_start < now)
		return bt_fail(err, BT_BAD_INPUT, "meeting", 0, "meeting is in the past");
	if (req->meeting_start && (req->meeting_minutes < 5 || req->meeting_minutes > 480))
		return bt_fail(err, BT_BAD_INPUT, "minutes", 0, "minutes must be between 5 and 480");
	return 0;
}

/* Checks a manager's hand (SPEC 8.3): a reason, and a new owner of the manager's team who can
 * work the lead now (active, not away, an AE for an opportunity). */
static int check_assign(const struct lead *l, const struct action_req *req, int64_t now, struct bt_error *err)
{
	const struct rep *to = req->to, *by = req->actor;
	const struct absence *ab;
	char until[CLOCK_RFC3339_LEN];

	if (!to)
		return bt_fail(err, BT_USAGE, "to", 0, "to is required: the rep of your team who takes the lead");
	if (!req->reason || !req->reason[0])
		return bt_fail(err, BT_USAGE, "reason", 0, "reason is required: why, for the record");
	if (!same(to->manager, by->name))
		return bt_fail(err, BT_DENIED, "to", 0,
			       "lead assign refused: %s's manager is %s; manager %s assigns only within its team", to->name,
			       to->manager ? to->manager : "nobody", by->name);
	if (same(to->name, l->owner))
		return bt_fail(err, BT_REFUSED, "to", 0, "lead %lld is %s's already", (long long)l->id, to->name);
	if (!to->active)
		return bt_fail(err, BT_REFUSED, "to", 0, "lead assign refused: %s is inactive", to->name);
	if ((ab = rep_away(to, now)) != NULL)
		return bt_fail(err, BT_REFUSED, "to", 0, "lead assign refused: %s is away until %s (absence %lld)", to->name,
			       clock_format_rfc3339(ab->finish, until), (long long)ab->id);
	if ((l->stage == STAGE_HANDOFF || l->stage == STAGE_SQL) && to->role != ROLE_AE)
		return bt_fail(err, BT_REFUSED, "to", 0, "lead assign refused: lead %lld is %s, an AE's; %s is a %s rep",
			       (long long)l->id, stage_name(l->stage), to->name, role_name(to->role));
	if (to->role == ROLE_MANAGER || to->role == ROLE_CSM)
		return bt_fail(err, BT_REFUSED, "to", 0, "lead assign refused: %s is a %s, not a rep who works leads",
			       to->name, role_name(to->role));
	return 0;
}

/* Checks the free text an action carries (lengths, control characters, UTF-8). */
static int check_text(const struct action_req *req, struct bt_error *err)
{
	size_t i;
	int rc = text_check("outcome", req->outcome, 500, 0, err);

	if (!rc)
		rc = text_check("note", req->note, 4000, 1, err);
	if (!rc)
		rc = text_check("variant", req->variant, 64, 0, err);
	if (!rc)
		rc = text_check("reason", req->reason, 500, 0, err);
	for (i = 0; !rc && i < req->notes.n; i++) {
		rc = text_check(req->notes.items[i].key, req->notes.items[i].key, 64, 0, err);
		if (!rc)
			rc = text_check(req->notes.items[i].key, req->notes.items[i].value, 4000, 1, err);
	}
	for (i = 0; !rc && i < req->set.n; i++)
		rc = text_check(req->set.items[i].key, req->set.items[i].key, 64, 0, err);
	return rc;
}

/* Checks a rejection: a reason code the playbook's rejections table knows (a missing or unknown
 * one is refused with the known codes) and a recycle time, if any, in the future. */
static int check_reject(const struct playbook *pb, const struct action_req *req, int64_t now, struct bt_error *err)
{
	int missing = !req->reason || !req->reason[0];
	struct strbuf sb;
	size_t i;

	if (!missing && req->until && req->until <= now)
		return bt_fail(err, BT_BAD_INPUT, "until", 0, "until must be in the future");
	if (!missing && playbook_rejection(pb, req->reason))
		return 0;
	strbuf_init(&sb);
	for (i = 0; i < pb->nrejections; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", pb->rejections[i].code);
	if (missing)
		bt_fail(err, BT_USAGE, "reason", 0, "reason is required: one of %s",
			sb.len ? sb.buf : "none: the playbook has no rejections table");
	else
		bt_fail(err, BT_REFUSED, "reason", 0, "unknown rejection reason '%s' (known reasons: %s)", req->reason,
			sb.len ? sb.buf : "none: the playbook has no rejections table");
	strbuf_release(&sb);
	return missing ? -BT_USAGE : -BT_REFUSED;
}

/* Checks the action-specific input; 0 or a negative code. */
static int check_input(const struct playbook *pb, const struct lead *l, const struct action_req *req, int64_t now,
		       struct bt_error *err)
{
	int rc = check_text(req, err);

	if (rc)
		return rc;
	switch (req->action) {
	case ACT_TOUCH:
		return check_touch(req, err);
	case ACT_QUALIFY:
		return check_answers(pb, &req->set, err);
	case ACT_HANDOFF:
		rc = check_handoff_target(l, req, now, err);
		return rc ? rc : check_handoff_rules(pb, l, req, err);
	case ACT_EXPAND: /* a handoff of the upsell: the customer's answers go with it, the notes are checked */
		if (req->amount_cents <= 0)
			return bt_fail(err, BT_USAGE, "amount", 0, "amount is required: the expansion's annual value, > 0");
		rc = check_handoff_target(l, req, now, err);
		return rc ? rc : check_handoff_rules(pb, l, req, err);
	case ACT_LIVE:
		if (l->parent)
			return bt_fail(err, BT_REFUSED, "stage", 0,
				       "live refused: lead %lld is an expansion of customer %lld, won into its contract",
				       (long long)l->id, (long long)l->parent);
		return 0;
	case ACT_REJECT:
		return check_reject(pb, req, now, err);
	case ACT_NURTURE:
		if (req->until <= now)
			return bt_fail(err, BT_BAD_INPUT, "until", 0, "until must be in the future");
		return 0;
	case ACT_DISQUALIFY:
		if (!req->reason || !req->reason[0])
			return bt_fail(err, BT_USAGE, "reason", 0, "reason is required: why the lead is disqualified");
		return 0;
	case ACT_ASSIGN:
		return check_assign(l, req, now, err);
	case ACT_WIN:
	case ACT_RENEW:
		if (req->amount_cents < 0)
			return bt_fail(err, BT_BAD_INPUT, "amount", 0, "amount must not be negative");
		if (req->action == ACT_RENEW && !l->renews_at)
			return bt_fail(err, BT_REFUSED, "stage", 0,
				       "renew refused: lead %lld has no contract (it was won before contracts were recorded)",
				       (long long)l->id);
		return 0;
	case ACT_CHURN:
		if (!req->reason || !req->reason[0])
			return bt_fail(err, BT_USAGE, "reason", 0, "reason is required: why the customer churned");
		return 0;
	default:
		return 0;
	}
}

/* A contract's period from `start` for term_months (SPEC 8.12): its term and renewal date, in
 * the org's calendar. */
static void build_contract(const struct playbook *pb, int64_t term_months, int64_t start, struct event *ev,
			   struct arena *a)
{
	char buf[CLOCK_RFC3339_LEN];

	if (term_months <= 0)
		term_months = CONTRACT_TERM_DEFAULT;
	event_put_int(ev, a, "term_months", term_months);
	event_put_str(ev, a, "renews_at",
		      clock_format_rfc3339(contract_renews_at(pb->org.timezone, start, term_months), buf));
}

/* Fills the event of the action with its payload; returns the resulting stage. */
static int build_event(const struct playbook *pb, const struct lead *l, const struct action_req *req,
		       const struct transition *t, struct event *ev, struct arena *a)
{
	char buf[CLOCK_RFC3339_LEN];
	size_t i;
	int to = t->to;

	switch (req->action) {
	case ACT_TOUCH: {
		int by_owner = l->owner && same(req->actor->name, l->owner);
		int untouched = !l->first_touch_at || l->first_touch_at < l->mql_at; /* since it last became mql */

		event_put_str(ev, a, "kind", req->kind);
		event_put_str(ev, a, "outcome", req->outcome);
		event_put_str(ev, a, "note", req->note);
		event_put_str(ev, a, "variant", req->variant);
		if (req->minutes > 0)
			event_put_int(ev, a, "minutes", req->minutes);
		event_put_bool(ev, a, "first", by_owner && untouched);
		if (!by_owner && to != STAY)
			to = STAY; /* only the owner's touch is a first touch */
		break;
	}
	case ACT_QUALIFY:
		for (i = 0; i < req->set.n; i++) {
			char *key = arena_printf(a, "answers.%s", req->set.items[i].key);

			event_put_str(ev, a, key, req->set.items[i].value);
		}
		break;
	case ACT_HANDOFF:
		event_put_str(ev, a, "ae", req->to->name);
		event_put_str(ev, a, "routing", req->to_reason);
		for (i = 0; i < req->notes.n; i++)
			event_put_str(ev, a, arena_printf(a, "notes.%s", req->notes.items[i].key), req->notes.items[i].value);
		if (req->meeting_start) {
			event_put_str(ev, a, "meeting_start", clock_format_rfc3339(req->meeting_start, buf));
			event_put_int(ev, a, "meeting_minutes", req->meeting_minutes);
		}
		if (req->amount_cents > 0) /* an expansion's value (the AE's estimate until accept) */
			event_put_int(ev, a, "amount_cents", req->amount_cents);
		break;
	case ACT_EXPAND: /* the opportunity's id is added by who creates it */
		event_put_str(ev, a, "ae", req->to->name);
		event_put_int(ev, a, "amount_cents", req->amount_cents);
		for (i = 0; i < req->notes.n; i++)
			event_put_str(ev, a, arena_printf(a, "notes.%s", req->notes.items[i].key), req->notes.items[i].value);
		break;
	case ACT_REJECT: {
		const struct pb_rejection *rj = playbook_rejection(pb, req->reason);

		to = (int)rj->to;
		event_put_str(ev, a, "reason", req->reason);
		event_put_str(ev, a, "owner", l->handed_by ? l->handed_by : l->owner);
		if (rj->to == STAGE_NURTURE)
			event_put_str(ev, a, "until",
				      clock_format_rfc3339(req->until ? req->until : ev->at + LIFECYCLE_NURTURE_DEFAULT, buf));
		break;
	}
	case ACT_NURTURE:
		event_put_str(ev, a, "until", clock_format_rfc3339(req->until, buf));
		event_put_str(ev, a, "reason", req->reason);
		break;
	case ACT_DISQUALIFY:
	case ACT_LOSE:
	case ACT_RESTORE:
		event_put_str(ev, a, "reason", req->reason);
		break;
	case ACT_WIN: /* without an amount the AE's estimate at accept stands */
		event_put_int(ev, a, "amount_cents", req->amount_cents > 0 ? req->amount_cents : l->amount);
		if (l->parent) { /* an expansion: won into its customer's contract, no contract of its own */
			event_put_int(ev, a, "parent", l->parent);
			break;
		}
		build_contract(pb, req->term_months ? req->term_months : CONTRACT_TERM_DEFAULT, ev->at, ev, a);
		break;
	case ACT_RENEW: /* the new period starts at the old renewal date; without --amount the value stands */
		event_put_int(ev, a, "previous_cents", l->amount);
		event_put_int(ev, a, "amount_cents", req->amount_cents > 0 ? req->amount_cents : l->amount);
		event_put_str(ev, a, "starts_at", clock_format_rfc3339(l->renews_at, buf));
		build_contract(pb, req->term_months ? req->term_months : l->term_months, l->renews_at, ev, a);
		break;
	case ACT_CHURN:
	case ACT_LAPSE: /* the annual value lost and the renewal date it was not renewed at */
		event_put_str(ev, a, "reason", req->action == ACT_LAPSE ? "lapsed" : req->reason);
		event_put_int(ev, a, "amount_cents", l->amount);
		if (l->renews_at)
			event_put_str(ev, a, "renews_at", clock_format_rfc3339(l->renews_at, buf));
		break;
	case ACT_ACCEPT:
		if (req->amount_cents > 0)
			event_put_int(ev, a, "amount_cents", req->amount_cents);
		break;
	case ACT_ASSIGN:
		event_put_str(ev, a, "owner", req->to->name);
		event_put_str(ev, a, "previous_owner", l->owner);
		event_put_bool(ev, a, "manual", 1);
		event_put_str(ev, a, "by", req->actor->name);
		event_put_str(ev, a, "reason", req->reason);
		break;
	case ACT_LIVE:
		if (req->csm) {
			event_put_str(ev, a, "owner", req->csm->name);
			event_put_str(ev, a, "routing", req->csm_reason);
		}
		break;
	default:
		break;
	}
	return to;
}

struct event *lifecycle_expanded(const struct lead *c, const struct lead *won, const char *actor, int64_t now,
				 struct arena *a)
{
	struct event *ev;

	if (c->stage != STAGE_WON && c->stage != STAGE_LIVE)
		return NULL;
	ev = event_new(a, EV_EXPANDED, now, c->id, actor);
	event_put_int(ev, a, "opportunity", won->id);
	event_put_int(ev, a, "amount_cents", won->amount);
	event_put_int(ev, a, "previous_cents", c->amount);
	event_put_int(ev, a, "value_cents", c->amount + won->amount);
	return ev;
}

int lifecycle_decide(const struct playbook *pb, const struct lead *l, const struct action_req *req, int64_t now,
		     struct arena *a, struct decision *out, struct bt_error *err)
{
	const struct transition *t;
	struct event *ev;
	char allowed[256];
	int rc, to;

	if ((unsigned)req->action >= ACT_COUNT)
		return bt_fail(err, BT_USAGE, "action", 0, "unknown action");
	t = find_transition(req->action, l->stage);
	if (!t)
		return bt_fail(err, BT_REFUSED, "stage", 0, "lead %lld is %s (%s): cannot %s; allowed here: %s",
			       (long long)l->id, stage_name(l->stage), pb->stages[l->stage].label, actions[req->action].name,
			       lifecycle_allowed(l->stage, allowed, sizeof(allowed)));
	rc = check_permission(l, req, err);
	if (rc)
		return rc;
	rc = check_input(pb, l, req, now, err);
	if (rc)
		return rc;
	ev = event_new(a, actions[req->action].event, now, l->id, req->actor ? req->actor->name : "system");
	to = build_event(pb, l, req, t, ev, a);
	if (to >= 0 && to != (int)l->stage) {
		rc = check_stage_requires(pb, l, req->action == ACT_QUALIFY ? &req->set : NULL, (enum stage)to, err);
		if (rc)
			return rc;
		event_set_stage(ev, (int)l->stage, (enum stage)to);
	}
	/* an unowned lead is claimed by the rep whose touch starts the work on it */
	if (req->action == ACT_TOUCH && !l->owner && t->to == STAGE_WORKING) {
		struct event *claim = event_new(a, EV_ASSIGNED, now, l->id, req->actor->name);

		event_put_str(claim, a, "owner", req->actor->name);
		event_put_str(claim, a, "routing", "claimed by the first touch of an unassigned lead");
		decision_add(out, a, claim);
		for (size_t i = 0; i < ev->nfields; i++)
			if (strcmp(ev->fields[i].key, "first") == 0)
				ev->fields[i].i = 1;
		event_set_stage(ev, (int)l->stage, STAGE_WORKING);
	}
	if (req->action == ACT_TOUCH && l->speed_minutes == -1 && event_get_int(ev, "first", 0))
		event_put_int(ev, a, "speed_minutes", lifecycle_speed_minutes(pb, l, now));
	decision_add(out, a, ev);
	return 0;
}

int64_t lifecycle_speed_minutes(const struct playbook *pb, const struct lead *l, int64_t at)
{
	int64_t from = l->reached_at[STAGE_MQL] ? l->reached_at[STAGE_MQL] : l->created_at;
	struct bizclock bc;

	if (at <= from)
		return 0;
	if (pb->sla.speed_to_lead.on && pb->sla.speed_to_lead.business_time) {
		bizclock_init(&bc, pb, NULL, NULL);
		if (bizclock_valid(&bc))
			return bizclock_between(&bc, from, at);
	}
	return (at - from) / 60;
}

int lifecycle_may(const struct lead *l, const struct rep *r, const char *owner_manager, enum action act)
{
	struct action_req req;
	struct bt_error ignored;

	if ((unsigned)act >= ACT_COUNT || !r || !lifecycle_can(act, l->stage))
		return 0;
	memset(&req, 0, sizeof(req));
	req.action = act;
	req.actor = r;
	req.owner_manager = owner_manager;
	return check_permission(l, &req, &ignored) == 0;
}
