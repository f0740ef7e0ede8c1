/* event_json.h - an event as JSON: its payload (stored in events.data, dotted keys nested one
 * level, list items as arrays) and the exported shape {"id", "at", "type", "lead", "actor",
 * "from", "to", ...}. */
#ifndef BATON_EVENT_JSON_H
#define BATON_EVENT_JSON_H

#include <jansson.h>

#include "core/event.h"
#include "util/kv.h"
#include "util/strbuf.h"

/* The payload as a new JSON object (dotted keys nested); the caller decrefs it. */
json_t *event_payload_json(const struct event *ev);

/* Appends the payload as compact JSON text to sb, as the store keeps it: the object of
 * event_payload_json() written directly (the store's hot path: no intermediate objects), its
 * common top-level keys as their short codes (event_json.c's key_codes), which
 * event_payload_parse() reads back; nothing else sees this text. */
void event_payload_text(const struct event *ev, struct strbuf *sb);

/* Appends s as a JSON string literal (quoted, escaped) to sb. */
void json_text_string(struct strbuf *sb, const char *s);

/* 1 if s is NULL or printable ASCII without '"' and '\\': JSON writes it as it is between
 * quotes (no escape, valid UTF-8), so jansson's text of it is known without jansson. */
int json_text_plain(const char *s);

/* Reads a payload written by event_payload_text (its key codes) or event_payload_json back into ev's fields (allocated in a; an
 * array becomes list items); a list that an older version wrote as {"0": .., "1": ..} (the
 * table legacy_lists: "recipients" of "notified") is read as the list too. Returns 0, or -1 if
 * the text is not a JSON object. */
int event_payload_parse(struct event *ev, struct arena *a, const char *text);

/* The member `key` of a stored payload parsed as it is (json_loads of events.data): under its
 * code or, written by an older baton, its name; borrowed from payload, NULL if absent. */
json_t *event_payload_member(json_t *payload, const char *key);

/* The event in the exported shape (times RFC 3339 UTC; "from"/"to" on stage changes, "from"
 * null at creation); the caller decrefs it. */
json_t *event_to_json(const struct event *ev);

/* A kvlist as a new JSON object of strings; the caller decrefs it. */
json_t *kvlist_json(const struct kvlist *l);

/* Reads a JSON object of strings into l (strings copied into a); 0 or -1. */
int kvlist_parse(struct kvlist *l, struct arena *a, const char *text);

#endif
