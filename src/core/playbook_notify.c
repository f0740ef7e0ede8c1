/* playbook_notify.c - the playbook's notify: section as data (SPEC 8.6): where messages link
 * to, the channels (email through SMTP, a Slack-compatible incoming webhook, the signed webhook)
 * and which kinds of notification go by which channels (on:), with the readers of its own
 * values (an SMTP URL, a sender's address). The signed webhook's keys are also the old
 * escalation.webhook's. playbook_schema.c reads the section with these tables; playbook.c
 * checks what one key alone cannot (a kind naming a channel the section does not configure).
 * docs/notifications.md is the user's view. */
#include <stddef.h>
#include <string.h>

#include "core/email.h"
#include "core/playbook_priv.h"
#include "util/names.h"

#define KEY(n, t, ...) {.name = (n), .type = (t), .off = __VA_ARGS__}
#define PB(f) offsetof(struct playbook, f)
#define NOTIFY(f) offsetof(struct playbook, notify.f)

/* The names of the kinds (the keys of on:, then sign_in) and of the channels, in the order of
 * enum pb_notice and enum pb_channel; a kind's list of channels is read as bits. */
static const char *const notice_names[PB_NOTICE_COUNT + 1] = {
	"assigned", "reminder", "breach", "handoff", "unassigned_lead", "absence", "tune_out", "sign_in", NULL,
};
static const char *const channel_names[PB_CHANNEL_COUNT + 1] = {"email", "slack", "webhook", NULL};
static const struct pb_enum channel_set = {.what = "channel", .names = channel_names};

_Static_assert(PB_CHANNEL_EMAIL == 0 && PB_CHANNEL_WEBHOOK == 2, "channel names follow enum pb_channel");
_Static_assert(PB_NOTICE_ASSIGNED == 0 && PB_NOTICE_SIGN_IN == 7, "kind names follow enum pb_notice");

const char *pb_notice_name(enum pb_notice k)
{
	return names_at(notice_names, PB_NOTICE_COUNT, (int)k, "?");
}

int pb_notice_parse(const char *name, enum pb_notice *out)
{
	int k = names_find(notice_names, PB_NOTICE_COUNT, name);

	if (k >= 0)
		*out = (enum pb_notice)k;
	return k >= 0 ? 0 : -1;
}

const char *pb_channel_name(enum pb_channel ch)
{
	return names_at(channel_names, PB_CHANNEL_COUNT, (int)ch, "?");
}

int pb_channel_parse(const char *name, enum pb_channel *out)
{
	int ch = names_find(channel_names, PB_CHANNEL_COUNT, name);

	if (ch >= 0)
		*out = (enum pb_channel)ch;
	return ch >= 0 ? 0 : -1;
}

static const char *const web_schemes[] = {"http", "https", NULL};
static const char *const smtp_schemes[] = {"smtp", "smtps", NULL};

static void read_web_url(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			 int line)
{
	const char *s = pb_url_of(c, v, path, line, web_schemes, "https://hooks.example.com/baton");

	if (s)
		*PB_AT(base, k->off, const char *) = s;
}

/* link_base: a web address; a trailing slash is dropped (links append "/#/leads/ID"). */
static void read_link_base(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			   int line)
{
	char *s = (char *)pb_url_of(c, v, path, line, web_schemes, "https://baton.example.com");
	size_t n = s ? strlen(s) : 0;

	while (n > 0 && s[n - 1] == '/')
		s[--n] = '\0';
	if (s)
		*PB_AT(base, k->off, const char *) = s;
}

static void read_smtp_url(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			  int line)
{
	const char *s = pb_url_of(c, v, path, line, smtp_schemes, "smtp://mail.example.com:587");

	if (s)
		*PB_AT(base, k->off, const char *) = s;
}

/* from: the sender's plain address (the leads' rule, email_normalize). */
static void read_from(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		      int line)
{
	const char *s = pb_text_of(c, v, path, line, "an email address such as baton@example.com"), *norm = NULL;
	struct bt_error err;

	if (s && email_normalize(s, c->arena, &norm, &err) != 0)
		pb_error(c, path, line,
			 "\"%s\" is not an email address: write the sender's address alone, e.g. baton@example.com", s);
	else if (s)
		*PB_AT(base, k->off, const char *) = norm;
}

const struct pb_key pb_webhook_keys[] = {
	KEY("url", PB_READ, PB(webhook.url), .read = read_web_url, .flags = PB_REQUIRED),
	KEY("secret_env", PB_STR, PB(webhook.secret_env)),
	{.name = NULL},
};

static const struct pb_key email_keys[] = {
	KEY("smtp_url", PB_READ, NOTIFY(email.smtp_url), .read = read_smtp_url, .flags = PB_REQUIRED),
	KEY("from", PB_READ, NOTIFY(email.from), .read = read_from, .flags = PB_REQUIRED),
	KEY("password_env", PB_STR, NOTIFY(email.password_env)),
	{.name = NULL},
};

static const struct pb_key slack_keys[] = {
	KEY("webhook_url_env", PB_STR, NOTIFY(slack.webhook_url_env), .flags = PB_REQUIRED),
	{.name = NULL},
};

static const struct pb_key channels_keys[] = {
	KEY("email", PB_MAP, 0, .sub = email_keys, .flags = PB_SETS_ON, .on = NOTIFY(email.on)),
	KEY("slack", PB_MAP, 0, .sub = slack_keys, .flags = PB_SETS_ON, .on = NOTIFY(slack.on)),
	KEY("webhook", PB_MAP, 0, .sub = pb_webhook_keys, .flags = PB_SETS_ON, .on = NOTIFY(webhook_here)),
	{.name = NULL},
};

/* One kind of on: given as its list of channels. */
#define KIND(name, k)                                                                                                  \
	KEY(name, PB_BITS, NOTIFY(via[k]), .set = &channel_set, .flags = PB_SETS_ON, .on = NOTIFY(kind_on[k]))

static const struct pb_key reminder_keys[] = {
	KEY("before_due", PB_DURATION, NOTIFY(before_due), .flags = PB_REQUIRED),
	KEY("via", PB_BITS, NOTIFY(via[PB_NOTICE_REMINDER]), .set = &channel_set, .flags = PB_REQUIRED),
	{.name = NULL},
};

static const struct pb_key on_keys[] = {
	KIND("assigned", PB_NOTICE_ASSIGNED),
	KEY("reminder", PB_MAP, 0, .sub = reminder_keys, .flags = PB_SETS_ON,
	    .on = NOTIFY(kind_on[PB_NOTICE_REMINDER])),
	KIND("breach", PB_NOTICE_BREACH),
	KIND("handoff", PB_NOTICE_HANDOFF),
	KIND("unassigned_lead", PB_NOTICE_UNASSIGNED_LEAD),
	KIND("absence", PB_NOTICE_ABSENCE),
	KIND("tune_out", PB_NOTICE_TUNE_OUT),
	{.name = NULL},
};

const struct pb_key pb_notify_keys[] = {
	KEY("link_base", PB_READ, NOTIFY(link_base), .read = read_link_base),
	KEY("channels", PB_MAP, 0, .sub = channels_keys),
	KEY("on", PB_MAP, 0, .sub = on_keys, .flags = PB_SETS_ON, .on = NOTIFY(on_given)),
	{.name = NULL},
};
