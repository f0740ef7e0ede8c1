/* playbook_json.h - a parsed playbook as JSON, for `baton playbook show --json` and the HTTP
 * API. The JSON uses the playbook's own keys and units as written in YAML (durations "5m",
 * times "09:00", dates "2026-12-25"), leaves out the sections that are off, and is itself a
 * valid playbook: parsing it again gives the same playbook. */
#ifndef BATON_PLAYBOOK_JSON_H
#define BATON_PLAYBOOK_JSON_H

#include <jansson.h>

struct playbook;

/* Who reads the rendering: delivery settings (escalation.webhook: where notifications go and
 * which environment variable holds the secret) are for operators and managers only. */
enum playbook_view {
	PLAYBOOK_VIEW_FULL,    /* the command line's operator: everything, verbatim */
	PLAYBOOK_VIEW_MANAGER, /* a manager's token: delivery URLs with any password masked */
	PLAYBOOK_VIEW_REP,     /* a rep's token: no delivery settings at all */
};

/* Renders pb as a JSON object; the caller owns it and frees it with json_decref(). */
json_t *playbook_to_json(const struct playbook *pb);

/* Renders pb for `view` (playbook_to_json is PLAYBOOK_VIEW_FULL); the caller owns the result. */
json_t *playbook_to_json_view(const struct playbook *pb, enum playbook_view view);

/* url with the password of its user information replaced by "***" (libcurl's URL parser);
 * an unparsable url becomes "***". Returns a string the caller frees with free(). */
char *playbook_mask_url(const char *url);

#endif
