/* notify.c - who is told what, and in which words; see notify.h. One table of the outbox's row
 * kinds (the kind of notification each stands for, and how its message opens); the routes
 * read the playbook's notify: section as playbook.c filled it (the old webhook's kinds
 * included). */
#include "core/notify.h"

#include <string.h>

#include "core/tz.h"
#include "util/arena.h"
#include "util/strbuf.h"

/* ---------------------------------------------------------------- the row kinds */

/* The message of one row kind: its subject and its first line, from the lead's words `who`. */
typedef void (*opening_fn)(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			   const char **line);

static void open_assigned(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			  const char **line)
{
	*subject = arena_printf(a, "New lead: %s", who);
	*line = arena_printf(a, "A new lead is yours: %s.", who);
}

static void open_reminder(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			  const char **line)
{
	*subject = arena_printf(a, "Due soon: %s for %s", m->owed ? m->owed : "your work", who);
	*line = arena_printf(a, "A reminder: you owe work on %s soon.", who);
}

static void open_breach(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			const char **line)
{
	*subject = arena_printf(a, "Missed: %s for %s", m->owed ? m->owed : "the deadline", who);
	*line = arena_printf(a, "The deadline for %s has passed.", who);
}

/* notify_manager, escalate_manager: a manager told of a rep's breach */
static void open_manager(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			 const char **line)
{
	const char *owner = m->owner ? m->owner : "nobody";
	int escalate = strcmp(m->kind, "escalate") == 0;

	*subject = arena_printf(a, "%s: %s missed the deadline for %s", escalate ? "Escalation" : "Breach", owner, who);
	*line = arena_printf(a, "%s missed the deadline for %s%s.", owner, who,
			     escalate ? ", and the lead was escalated to you" : "");
}

static void open_flag(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
		      const char **line)
{
	*subject = arena_printf(a, "Flagged: %s", who);
	*line = arena_printf(a, "%s was flagged after a missed deadline.", who);
}

static void open_handoff(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			 const char **line)
{
	*subject = arena_printf(a, "Handoff: %s", who);
	*line = arena_printf(a, "%s handed %s to you.", m->by ? m->by : "Someone", who);
}

static void open_unassigned(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			    const char **line)
{
	*subject = arena_printf(a, "Nobody can take %s", who);
	*line = arena_printf(a, "%s is waiting: nobody can take it%s%s%s.", who, m->reason ? " (" : "",
			     m->reason ? m->reason : "", m->reason ? ")" : "");
}

static void open_absence(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			 const char **line)
{
	char from[24], until[24];
	const char *rep = m->by ? m->by : "A rep";

	*subject = arena_printf(a, "%s is away", rep);
	*line = arena_printf(a, "%s is away from %s to %s (%s): %lld lead%s went back to the rotation, %lld kept.", rep,
			     tz_format(m->zone, m->from, from), tz_format(m->zone, m->until, until), m->zone,
			     (long long)m->count, m->count == 1 ? "" : "s", (long long)m->kept);
}

static void open_tune_out(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			  const char **line)
{
	const char *ae = m->by ? m->by : "An AE", *source = m->reason ? m->reason : "one source";

	*subject = arena_printf(a, "%s keeps rejecting leads from %s", ae, source);
	*line = arena_printf(a, "%s rejected %lld leads from %s in a row, the last %s.", ae, (long long)m->count,
			     source, who);
}

static void open_sign_in(const struct notify_msg *m, const char *who, struct arena *a, const char **subject,
			 const char **line)
{
	char until[24];

	*subject = "Your sign-in link";
	*line = arena_printf(a, "Open this link to sign in to baton; it works once, until %s (%s):\n\n  %s",
			     tz_format(m->zone, m->until, until), m->zone, m->url ? m->url : "");
}

static const struct {
	const char *kind;      /* the outbox row's kind */
	enum pb_notice notice; /* the kind of notification it stands for */
	opening_fn open;       /* how its message opens */
} row_kinds[] = {
	{"assigned", PB_NOTICE_ASSIGNED, open_assigned},
	{"reminder", PB_NOTICE_REMINDER, open_reminder},
	{"breach", PB_NOTICE_BREACH, open_breach},
	{"notify", PB_NOTICE_BREACH, open_manager},
	{"escalate", PB_NOTICE_BREACH, open_manager},
	{"flag", PB_NOTICE_BREACH, open_flag},
	{"handoff", PB_NOTICE_HANDOFF, open_handoff},
	{"unassigned_lead", PB_NOTICE_UNASSIGNED_LEAD, open_unassigned},
	{"absence", PB_NOTICE_ABSENCE, open_absence},
	{"tune_out", PB_NOTICE_TUNE_OUT, open_tune_out},
	{"sign_in", PB_NOTICE_SIGN_IN, open_sign_in},
};
#define NROW_KINDS (sizeof(row_kinds) / sizeof(row_kinds[0]))

static int row_kind(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < NROW_KINDS; i++)
		if (strcmp(row_kinds[i].kind, kind) == 0)
			return (int)i;
	return -1;
}

int notify_kind_of(const char *kind, enum pb_notice *out)
{
	int i = row_kind(kind);

	if (i < 0)
		return -1;
	*out = row_kinds[i].notice;
	return 0;
}

/* ---------------------------------------------------------------- who, by which channel */

#define PERSON_CHANNELS ((1u << PB_CHANNEL_EMAIL) | (1u << PB_CHANNEL_SLACK))

int notify_route(const struct playbook *pb, const char *kind, const char *to, struct notify_route *out)
{
	memset(out, 0, sizeof(*out));
	if (notify_kind_of(kind, &out->kind) != 0 || !pb->notify.kind_on[out->kind])
		return 0;
	out->via = pb->notify.via[out->kind];
	if (!to || strcmp(kind, "flag") == 0)
		out->via &= ~PERSON_CHANNELS;
	/* nobody to tell, and no system either: no row (a kind that is on for people, but has
	 * nobody here, is not undeliverable: the people it concerns are told by rows of their own) */
	out->on = to || out->via;
	return out->on;
}

const char *notify_address(enum pb_channel ch, const struct rep *r)
{
	if (ch == PB_CHANNEL_EMAIL)
		return r ? r->email : NULL;
	return "";
}

const char *notify_assigned_to(const struct event *ev)
{
	const char *owner;

	if (ev->type != EV_ASSIGNED && ev->type != EV_REASSIGNED)
		return NULL;
	owner = event_get_str(ev, "owner");
	if (!owner || (ev->actor && strcmp(ev->actor, owner) == 0))
		return NULL;
	return owner;
}

int notify_reminds(const struct playbook *pb, const struct obligation *ob, int64_t at)
{
	return pb->notify.kind_on[PB_NOTICE_REMINDER] && ob->status == OB_OPEN && ob->owner && ob->rule != OB_RECYCLE &&
	       notify_reminder_at(pb, ob) > at;
}

int64_t notify_reminder_at(const struct playbook *pb, const struct obligation *ob)
{
	return ob->due - pb->notify.before_due * 60;
}

unsigned notify_roles(enum pb_notice kind)
{
	static const unsigned roles[PB_NOTICE_COUNT] = {
		[PB_NOTICE_ASSIGNED] = (1u << ROLE_COUNT) - 1 - (1u << ROLE_MANAGER),
		[PB_NOTICE_REMINDER] = (1u << ROLE_COUNT) - 1 - (1u << ROLE_MANAGER),
		[PB_NOTICE_BREACH] = (1u << ROLE_COUNT) - 1,
		[PB_NOTICE_HANDOFF] = 1u << ROLE_AE,
		[PB_NOTICE_UNASSIGNED_LEAD] = 1u << ROLE_MANAGER,
		[PB_NOTICE_ABSENCE] = 1u << ROLE_MANAGER,
		[PB_NOTICE_TUNE_OUT] = 1u << ROLE_MANAGER,
		[PB_NOTICE_SIGN_IN] = (1u << ROLE_COUNT) - 1,
	};

	return (unsigned)kind < PB_NOTICE_COUNT ? roles[kind] : 0;
}

/* ---------------------------------------------------------------- the words */

const char *notify_link(const char *link_base, const struct lead *l, struct arena *a)
{
	return link_base && l && l->id > 0 ? arena_printf(a, "%s/#/leads/%lld", link_base, (long long)l->id) : NULL;
}

/* "Mon 2026-11-23 10:05 Europe/Paris": an instant in zone, with its weekday. */
static const char *when(int64_t t, const char *zone, struct arena *a)
{
	static const char *const days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	struct local_time lt;
	char buf[24];

	tz_format(zone, t, buf);
	if (tz_local(zone, t, &lt) != 0)
		return arena_printf(a, "%s UTC", buf);
	return arena_printf(a, "%s %s %s", days[lt.weekday], buf, zone);
}

/* The lead in words: "Ada Lovelace (Acme)", its email when it has no name. */
static const char *lead_words(const struct lead *l, struct arena *a)
{
	const char *name;

	if (!l)
		return "a lead";
	name = l->name && *l->name ? l->name : l->email ? l->email : arena_printf(a, "lead %lld", (long long)l->id);
	return l->company && *l->company ? arena_printf(a, "%s (%s)", name, l->company) : name;
}

/* Text for Slack's mrkdwn: &, < and > escaped (anything else goes as it is). */
static const char *slack_escape(const char *s, struct arena *a)
{
	struct strbuf sb;
	char *out;

	strbuf_init(&sb);
	for (; *s; s++) {
		if (*s == '&')
			strbuf_addstr(&sb, "&amp;");
		else if (*s == '<')
			strbuf_addstr(&sb, "&lt;");
		else if (*s == '>')
			strbuf_addstr(&sb, "&gt;");
		else
			strbuf_addch(&sb, *s);
	}
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

void notify_compose(const struct notify_msg *m, const char *slack_id, struct arena *a, struct notify_text *out)
{
	int i = row_kind(m->kind);
	const char *who = lead_words(m->lead, a), *line, *owed = NULL, *link = notify_link(m->link_base, m->lead, a);
	struct strbuf body, slack;

	if (i < 0) {
		out->subject = arena_printf(a, "baton: %s", m->kind ? m->kind : "notification");
		line = arena_printf(a, "A notification (%s) about %s.", m->kind ? m->kind : "?", who);
	} else {
		row_kinds[i].open(m, who, a, &out->subject, &line);
	}
	if (m->owed && m->due)
		owed = arena_printf(a, "Owed: %s, by %s.", m->owed, when(m->due, m->zone, a));
	else if (m->owed)
		owed = arena_printf(a, "Owed: %s.", m->owed);
	strbuf_init(&body);
	strbuf_addf(&body, "Hello%s%s,\n\n%s\n", m->to ? " " : "", m->to ? m->to : "", line);
	if (owed)
		strbuf_addf(&body, "%s\n", owed);
	if (m->lead && m->lead->email)
		strbuf_addf(&body, "\nLead: %s <%s>\n", who, m->lead->email);
	if (link)
		strbuf_addf(&body, "\nOpen it: %s\n", link);
	strbuf_addstr(&body, "\n-- \nbaton, the team's service-level agreement\n");
	out->body = arena_strdup(a, body.buf);
	strbuf_init(&slack);
	if (slack_id)
		strbuf_addf(&slack, "<@%s> ", slack_id);
	strbuf_addstr(&slack, slack_escape(line, a));
	if (owed)
		strbuf_addf(&slack, " %s", slack_escape(owed, a));
	if (link)
		strbuf_addf(&slack, " <%s|Open in baton>", link);
	out->slack = arena_strdup(a, slack.buf);
	strbuf_release(&body);
	strbuf_release(&slack);
}
