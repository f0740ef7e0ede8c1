/* event_words.h - an event's payload in words for people: the DETAILS column of `lead show`
 * ("reason: not_qualified; recipients: maria, boss2"), never a JSON dump. JSON output keeps
 * the payload's own shape (event_json.h). */
#ifndef BATON_EVENT_WORDS_H
#define BATON_EVENT_WORDS_H

#include "core/event.h"
#include "util/strbuf.h"

/* Appends ev's payload to sb on one line, "key: value" joined by "; ": a key's underscores as
 * spaces; a list's items joined by ", "; a nested object as "name=value, name=value"; an RFC
 * 3339 time as "YYYY-MM-DD HH:MM" in `zone` (an IANA name); an amount in cents ("amount_cents")
 * as "amount: 24000.00"; a boolean as yes or no; control characters of text as spaces, and text
 * that holds a separator (";", or "," in a list or object) in double quotes. Appends nothing
 * for an empty payload. */
void event_payload_words(const struct event *ev, const char *zone, struct strbuf *sb);

#endif
