/* rep.c - small helpers over struct rep and struct account; see rep.h. */
#include "core/rep.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/email.h"
#include "core/event.h"
#include "core/playbook.h"

int64_t rep_weight(const struct rep *r)
{
	return r->weight > 0 ? r->weight : 1;
}

const char *rep_zone(const struct playbook *pb, const struct rep *r)
{
	const struct pb_team *team = r ? playbook_team(pb, r->team) : NULL;

	if (r && r->timezone)
		return r->timezone;
	if (team && team->cal.timezone)
		return team->cal.timezone;
	return pb->org.timezone;
}

int rep_contact_check(struct rep *r, struct arena *a, struct bt_error *err)
{
	const char *p;

	if (r->email && !*r->email)
		r->email = NULL;
	if (r->slack && !*r->slack)
		r->slack = NULL;
	if (r->email && email_normalize(r->email, a, &r->email, err) != 0)
		return -BT_BAD_INPUT; /* the leads' messages, naming the field "email" */
	for (p = r->slack; p && *p; p++)
		if (!isalnum((unsigned char)*p))
			break;
	if (r->slack && (*p || p - r->slack > 32))
		return bt_fail(err, BT_BAD_INPUT, "slack", 0,
			       "--slack: '%.64s' is not a Slack member id (1 to 32 letters and digits, e.g. U012AB3CD; "
			       "Slack shows it in a profile's menu, \"Copy member ID\")",
			       r->slack);
	return 0;
}

int rep_list_has(const char *list, const char *item)
{
	size_t n;
	const char *p = list, *end;

	if (!list || !item)
		return 0;
	n = strlen(item);
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		end = p;
		while (*end && *end != ',')
			end++;
		while (end > p && isspace((unsigned char)end[-1]))
			end--;
		if ((size_t)(end - p) == n && strncasecmp(p, item, n) == 0)
			return 1;
		while (*end && *end != ',')
			end++;
		p = end;
	}
	return 0;
}

/* The settings a rep event carries (rep_put_settings): key, kind, where in struct rep. */
enum rep_setting_kind { SET_TEXT, SET_WHOLE, SET_INT };
static const struct {
	const char *key;
	enum rep_setting_kind kind;
	size_t off;
} rep_settings[] = {
	{"settings.team", SET_TEXT, offsetof(struct rep, team)},
	{"settings.manager", SET_TEXT, offsetof(struct rep, manager)},
	{"settings.territories", SET_TEXT, offsetof(struct rep, territories)},
	{"settings.pod", SET_TEXT, offsetof(struct rep, pod)},
	{"settings.capacity", SET_WHOLE, offsetof(struct rep, capacity)},
	{"settings.hours_start", SET_INT, offsetof(struct rep, hours_start)},
	{"settings.hours_end", SET_INT, offsetof(struct rep, hours_end)},
	{"settings.timezone", SET_TEXT, offsetof(struct rep, timezone)},
	{"settings.active", SET_INT, offsetof(struct rep, active)},
	{"settings.weight", SET_WHOLE, offsetof(struct rep, weight)},
	{"settings.email", SET_TEXT, offsetof(struct rep, email)},
	{"settings.slack", SET_TEXT, offsetof(struct rep, slack)},
	{"settings.full_name", SET_TEXT, offsetof(struct rep, full_name)},
};

void rep_put_settings(struct event *ev, struct arena *a, const struct rep *r)
{
	size_t i;

	event_put_str(ev, a, "settings.role", role_name(r->role));
	for (i = 0; i < sizeof(rep_settings) / sizeof(rep_settings[0]); i++) {
		const void *f = (const char *)r + rep_settings[i].off;

		if (rep_settings[i].kind == SET_TEXT)
			event_put_str(ev, a, rep_settings[i].key, *(const char *const *)f);
		else
			event_put_int(ev, a, rep_settings[i].key,
				      rep_settings[i].kind == SET_WHOLE ? *(const int64_t *)f : *(const int *)f);
	}
}

int rep_get_settings(const struct event *ev, struct rep *r)
{
	const char *role = event_get_str(ev, "settings.role");
	size_t i;

	if (!role)
		return 0;
	if (role_parse(role, &r->role))
		return -1;
	for (i = 0; i < sizeof(rep_settings) / sizeof(rep_settings[0]); i++) {
		void *f = (char *)r + rep_settings[i].off;

		if (rep_settings[i].kind == SET_TEXT)
			*(const char **)f = event_get_str(ev, rep_settings[i].key);
		else if (rep_settings[i].kind == SET_WHOLE)
			*(int64_t *)f = event_get_int(ev, rep_settings[i].key, *(int64_t *)f);
		else
			*(int *)f = (int)event_get_int(ev, rep_settings[i].key, *(int *)f);
	}
	return 1;
}
