/* rep_settings.c - a rep's settings checked and applied; see rep_settings.h. */
#include "core/rep_settings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/action_args.h"
#include "core/clock.h"
#include "core/tz.h"
#include "util/text.h"

/* the most open leads a capacity may allow */
#define REP_CAPACITY_MAX 100000

/* Appends setting `name` to the comma-separated list of what changed. */
static void changed_add(struct strbuf *changed, const char *name)
{
	if (changed->len)
		strbuf_addch(changed, ',');
	strbuf_addstr(changed, name);
}

/* A text setting: when given, text goes to *field ("" clears it) and name to `changed`. */
static void set_text(const char *name, const char *text, const char **field, struct strbuf *changed)
{
	if (!text)
		return;
	*field = text[0] ? text : NULL;
	changed_add(changed, name);
}

/* capacity: a whole number from 0 to REP_CAPACITY_MAX, or none (-1: no limit). */
static int set_capacity(struct rep *r, const char *s, struct bt_error *err)
{
	char *end;
	long long v;

	if (strcmp(s, "none") == 0) {
		r->capacity = -1;
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < 0 || v > REP_CAPACITY_MAX)
		return bt_fail(err, BT_BAD_INPUT, "capacity", 0,
			       "--capacity must be a whole number from 0 to %d, got '%s'", REP_CAPACITY_MAX, s);
	r->capacity = v;
	return 0;
}

/* hours: HH:MM-HH:MM, or default (-1: its team's or the org's). */
static int set_hours(struct rep *r, const char *s, struct bt_error *err)
{
	if (strcmp(s, "default") == 0) {
		r->hours_start = r->hours_end = -1;
		return 0;
	}
	if (clock_parse_hours(s, &r->hours_start, &r->hours_end) == 0)
		return 0;
	return bt_fail(err, BT_BAD_INPUT, "hours", 0, "--hours must be HH:MM-HH:MM with start before end, got '%s'", s);
}

/* timezone: an IANA zone, or default ("" too: its team's or the org's). */
static int set_timezone(struct rep *r, const char *s, struct bt_error *err)
{
	if (strcmp(s, "default") == 0 || !s[0])
		r->timezone = NULL;
	else if (strlen(s) <= 64 && tz_known(s))
		r->timezone = s;
	else
		return bt_fail(err, BT_BAD_INPUT, "timezone", 0,
			       "--timezone: unknown time zone '%.64s': use an IANA name such as Europe/Paris, "
			       "America/New_York or UTC (or default: the team's or the org's)",
			       s);
	return 0;
}

/* active: true or false. */
static int set_active(struct rep *r, const char *s, struct bt_error *err)
{
	if (strcmp(s, "true") == 0)
		r->active = 1;
	else if (strcmp(s, "false") == 0)
		r->active = 0;
	else
		return bt_fail(err, BT_BAD_INPUT, "active", 0, "--active must be true or false, got '%s'", s);
	return 0;
}

/* The settings read by a setter, in the order they are checked. */
static const struct {
	const char *name;
	size_t offset; /* of the words in struct rep_settings */
	int (*set)(struct rep *r, const char *s, struct bt_error *err);
} rep_setters[] = {
	{"capacity", offsetof(struct rep_settings, capacity), set_capacity},
	{"hours", offsetof(struct rep_settings, hours), set_hours},
	{"timezone", offsetof(struct rep_settings, timezone), set_timezone},
	{"active", offsetof(struct rep_settings, active), set_active},
};

int rep_settings_apply(struct rep *r, const struct rep_settings *s, struct arena *a, struct strbuf *changed,
		       struct bt_error *err)
{
	int rc = text_check("team", s->team, 64, 0, err);
	size_t i;

	if (!rc)
		rc = text_check("territory", s->territory, 200, 0, err);
	if (!rc)
		rc = text_check("pod", s->pod, 64, 0, err);
	if (rc)
		return rc;
	set_text("team", s->team, &r->team, changed);
	set_text("manager", s->manager, &r->manager, changed);
	set_text("territory", s->territory, &r->territories, changed);
	set_text("pod", s->pod, &r->pod, changed);
	for (i = 0; !rc && i < sizeof(rep_setters) / sizeof(rep_setters[0]); i++) {
		const char *words = *(const char *const *)((const char *)s + rep_setters[i].offset);

		if (words) {
			rc = rep_setters[i].set(r, words, err);
			changed_add(changed, rep_setters[i].name);
		}
	}
	for (i = 0; !rc && i < rep_args_n && i < sizeof(s->rep_args) / sizeof(s->rep_args[0]); i++)
		if (s->rep_args[i]) {
			rc = arg_set_text(&rep_args[i], r, s->rep_args[i], NULL, err);
			changed_add(changed, rep_args[i].name);
		}
	return rc ? rc : rep_contact_check(r, a, err);
}
