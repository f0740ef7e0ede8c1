/* playbook_json.h - a parsed playbook as JSON, for `baton playbook show --json` and the HTTP
 * API. The JSON uses the playbook's own keys and units as written in YAML (durations "5m",
 * times "09:00", dates "2026-12-25"), leaves out the sections that are off, and is itself a
 * valid playbook: parsing it again gives the same playbook. */
#ifndef BATON_PLAYBOOK_JSON_H
#define BATON_PLAYBOOK_JSON_H

#include <jansson.h>

struct playbook;

/* Renders pb as a JSON object; the caller owns it and frees it with json_decref(). */
json_t *playbook_to_json(const struct playbook *pb);

#endif
