/* rep_settings.h - a rep's settings as words: what `rep add` and `rep set` take (cli/cmd_rep.c)
 * and what a replay's changes give a rep (service/replay_changes.c), each given setting
 * checked and applied to a struct rep by one function, so both accept and refuse the same
 * values with the same messages. */
#ifndef BATON_REP_SETTINGS_H
#define BATON_REP_SETTINGS_H

#include "core/rep.h"
#include "util/error.h"
#include "util/strbuf.h"

struct arena;

/* The settings as given, NULL where not given; borrowed. */
struct rep_settings {
	const char *team, *manager, *territory, *pod;
	const char *capacity; /* a whole number from 0 to 100000, or none */
	const char *hours;    /* HH:MM-HH:MM, or default */
	const char *timezone; /* an IANA zone, or default */
	const char *active;   /* true or false */
	/* the settings of core/action_args.c's rep_args table, in its order */
	const char *rep_args[4];
};

/* Checks the settings given in s and applies them to r ("" clears a text setting), appending
 * the name of each to `changed` (comma-separated). Strings stay borrowed from s; a normalised
 * email is copied into a. Returns 0 or -BT_BAD_INPUT naming the field (the messages say
 * --FIELD, as the command line does). */
int rep_settings_apply(struct rep *r, const struct rep_settings *s, struct arena *a, struct strbuf *changed,
		       struct bt_error *err);

#endif
