/* event_json.c - events and string maps to and from JSON with jansson; see event_json.h. */
#include "io/event_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "util/arena.h"

static json_t *field_json(const struct field *f)
{
	switch (f->type) {
	case FIELD_STR: return json_string(f->s);
	case FIELD_INT: return json_integer(f->i);
	case FIELD_REAL: return json_real(f->r);
	case FIELD_BOOL: return json_boolean(f->i);
	}
	return json_null();
}

json_t *event_payload_json(const struct event *ev)
{
	json_t *obj = json_object();
	size_t i;

	for (i = 0; i < ev->nfields; i++) {
		const struct field *f = &ev->fields[i];
		const char *dot = strchr(f->key, '.');

		if (f->item) {
			json_t *list = json_object_get(obj, f->key);

			if (!json_is_array(list)) {
				list = json_array();
				json_object_set_new(obj, f->key, list);
			}
			json_array_append_new(list, field_json(f));
		} else if (dot) {
			char parent[64];
			json_t *sub;

			snprintf(parent, sizeof(parent), "%.*s", (int)(dot - f->key), f->key);
			sub = json_object_get(obj, parent);
			if (!json_is_object(sub)) {
				sub = json_object();
				json_object_set_new(obj, parent, sub);
			}
			json_object_set_new(sub, dot + 1, field_json(f));
		} else {
			json_object_set_new(obj, f->key, field_json(f));
		}
	}
	return obj;
}

int json_text_plain(const char *s)
{
	for (; s && *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
			return 0;
	return 1;
}

void json_text_string(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;

	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		strbuf_add(sb, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"': strbuf_addstr(sb, "\\\""); break;
		case '\\': strbuf_addstr(sb, "\\\\"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		case '\t': strbuf_addstr(sb, "\\t"); break;
		default:
			strbuf_addstr(sb, "\\u00");
			strbuf_addch(sb, hex[c >> 4]);
			strbuf_addch(sb, hex[c & 15]);
		}
	}
	strbuf_add(sb, run, (size_t)(s - run));
	strbuf_addch(sb, '"');
}

/* The stored form of the payload's common top-level keys (issue 20: the keys were a third of
 * the events' bytes): one or two capital letters, which no key of baton's has (they are
 * lower-case words), so a payload with these and one of an older store read alike. Sorted by
 * key for the writer's binary search. A code, once given, is never changed nor reused: stored
 * events keep it. Nested keys (notes, answers, attributes) are a user's and stay as written. */
static const struct key_code {
	const char *key, *code;
} key_codes[] = {
	{"account", "AT"},
	{"ae", "AE"},
	{"amount_cents", "AC"},
	{"booked_by", "BB"},
	{"channel", "C"},
	{"company", "Y"},
	{"country", "Q"},
	{"email", "E"},
	{"employees", "D"},
	{"first", "F"},
	{"for_event", "FE"},
	{"grade", "J"},
	{"kind", "K"},
	{"meeting", "ME"},
	{"meeting_minutes", "MM"},
	{"meeting_start", "MS"},
	{"mobile", "MO"},
	{"name", "N"},
	{"note", "NT"},
	{"obligation", "B"},
	{"opportunity", "OP"},
	{"outcome", "O"},
	{"owner", "W"},
	{"parent", "PA"},
	{"phone", "V"},
	{"previous_cents", "PC"},
	{"previous_owner", "PO"},
	{"reason", "R"},
	{"reassigns", "RA"},
	{"recipient", "P"},
	{"recipients", "RC"},
	{"renews_at", "RN"},
	{"rep", "RP"},
	{"rotation", "T"},
	{"routing", "G"},
	{"rule", "U"},
	{"score", "A"},
	{"score_source", "L"},
	{"segment", "X"},
	{"skipped_away", "SW"},
	{"skipped_capacity", "SC"},
	{"skipped_hours", "H"},
	{"source", "S"},
	{"speed_minutes", "M"},
	{"start", "ST"},
	{"term_months", "TM"},
	{"territory", "Z"},
	{"title", "I"},
	{"until", "UN"},
	{"variant", "VA"},
};

#define KEY_CODES (sizeof(key_codes) / sizeof(key_codes[0]))

static int cmp_key_code(const void *k, const void *e)
{
	return strcmp(k, ((const struct key_code *)e)->key);
}

/* The code key is stored as, or key itself. */
static const char *stored_key(const char *key)
{
	const struct key_code *kc = bsearch(key, key_codes, KEY_CODES, sizeof(key_codes[0]), cmp_key_code);

	return kc ? kc->code : key;
}

/* The key a stored key stands for: itself unless it is a code. */
static const char *read_key(const char *key)
{
	size_t i;

	if (key[0] < 'A' || key[0] > 'Z' || (key[1] && (key[1] < 'A' || key[1] > 'Z' || key[2])))
		return key;
	for (i = 0; i < KEY_CODES; i++)
		if (strcmp(key_codes[i].code, key) == 0)
			return key_codes[i].key;
	return key;
}

json_t *event_payload_member(json_t *payload, const char *key)
{
	json_t *v = json_object_get(payload, stored_key(key));

	return v ? v : json_object_get(payload, key);
}

/* Writes r in the fewest significant digits that read back as r (15 to 17: a score of 0.33 is
 * "0.33", not "0.33000000000000002"; any JSON reader gets the same double). */
static void real_text(struct strbuf *sb, double r)
{
	char buf[32];
	int digits;

	for (digits = 15; digits < 17; digits++) {
		snprintf(buf, sizeof(buf), "%.*g", digits, r);
		if (strtod(buf, NULL) == r)
			break;
	}
	if (digits == 17)
		snprintf(buf, sizeof(buf), "%.17g", r);
	strbuf_addstr(sb, buf);
}

static void field_text(struct strbuf *sb, const struct field *f)
{
	switch (f->type) {
	case FIELD_STR: json_text_string(sb, f->s); break;
	case FIELD_INT: strbuf_addint(sb, (long long)f->i); break;
	case FIELD_REAL: real_text(sb, f->r); break;
	case FIELD_BOOL: strbuf_addstr(sb, f->i ? "true" : "false"); break;
	}
}

/* Writes the list whose item is fields[i] ("key":[...], every item of that key in order) at
 * its first item; nothing at the later ones. */
static void list_text(struct strbuf *sb, const struct event *ev, size_t i, int first)
{
	const char *key = ev->fields[i].key;
	size_t j;
	int n = 0;

	for (j = 0; j < i; j++)
		if (ev->fields[j].item && strcmp(ev->fields[j].key, key) == 0)
			return;
	strbuf_addstr(sb, first ? "" : ",");
	json_text_string(sb, stored_key(key));
	strbuf_addstr(sb, ":[");
	for (j = i; j < ev->nfields; j++) {
		if (!ev->fields[j].item || strcmp(ev->fields[j].key, key) != 0)
			continue;
		strbuf_addstr(sb, n++ ? "," : "");
		field_text(sb, &ev->fields[j]);
	}
	strbuf_addch(sb, ']');
}

void event_payload_text(const struct event *ev, struct strbuf *sb)
{
	size_t i, j;
	int first = 1;

	strbuf_addch(sb, '{');
	for (i = 0; i < ev->nfields; i++) {
		const struct field *f = &ev->fields[i];
		const char *dot = strchr(f->key, '.');
		size_t plen;
		int done = 0, sub = 1;

		if (f->item) {
			list_text(sb, ev, i, first);
			first = 0;
			continue;
		}
		if (!dot) {
			strbuf_addstr(sb, first ? "" : ",");
			json_text_string(sb, stored_key(f->key));
			strbuf_addch(sb, ':');
			field_text(sb, f);
			first = 0;
			continue;
		}
		/* a nested object: written once, at its first key, with every key of its prefix */
		plen = (size_t)(dot - f->key);
		for (j = 0; j < i && !done; j++)
			done = strncmp(ev->fields[j].key, f->key, plen + 1) == 0;
		if (done)
			continue;
		strbuf_addstr(sb, first ? "\"" : ",\"");
		strbuf_add(sb, f->key, plen);
		strbuf_addstr(sb, "\":{");
		for (j = i; j < ev->nfields; j++) {
			if (strncmp(ev->fields[j].key, f->key, plen + 1) != 0)
				continue;
			strbuf_addstr(sb, sub ? "" : ",");
			json_text_string(sb, ev->fields[j].key + plen + 1);
			strbuf_addch(sb, ':');
			field_text(sb, &ev->fields[j]);
			sub = 0;
		}
		strbuf_addch(sb, '}');
		first = 0;
	}
	strbuf_addch(sb, '}');
}

static void put_value(struct event *ev, struct arena *a, const char *key, json_t *v)
{
	if (json_is_string(v))
		event_put_str(ev, a, key, json_string_value(v));
	else if (json_is_integer(v))
		event_put_int(ev, a, key, json_integer_value(v));
	else if (json_is_real(v))
		event_put_real(ev, a, key, json_real_value(v));
	else if (json_is_boolean(v))
		event_put_bool(ev, a, key, json_is_true(v));
}

/* Lists that older versions stored as objects keyed "0", "1", ... (a dotted key per item):
 * read back as lists, so every reader sees one shape. */
static const struct {
	enum event_type type;
	const char *key;
} legacy_lists[] = {
	{EV_NOTIFIED, "recipients"}, /* before issue 13: {"recipients": {"0": "boss", "1": "boss2"}} */
};

/* 1 if v is key's list of an event of ev's type written in the old shape, {"0": .., "1": ..}. */
static int legacy_list(const struct event *ev, const char *key, json_t *v)
{
	size_t i, n = json_object_size(v);
	char k[24];
	int known = 0;

	for (i = 0; i < sizeof(legacy_lists) / sizeof(legacy_lists[0]); i++)
		known |= ev->type == legacy_lists[i].type && strcmp(key, legacy_lists[i].key) == 0;
	if (!known || !json_is_object(v) || n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		snprintf(k, sizeof(k), "%zu", i);
		if (!json_object_get(v, k))
			return 0;
	}
	return 1;
}

/* Adds scalar v as the next item of list key. */
static void put_item(struct event *ev, struct arena *a, const char *key, json_t *v)
{
	size_t n = ev->nfields;

	put_value(ev, a, key, v);
	if (ev->nfields > n)
		ev->fields[n].item = 1;
}

int event_payload_parse(struct event *ev, struct arena *a, const char *text)
{
	json_t *obj = json_loads(text ? text : "{}", 0, NULL), *v, *sv;
	const char *key, *okey, *skey;
	size_t i;

	if (!json_is_object(obj)) {
		json_decref(obj);
		return -1;
	}
	json_object_foreach(obj, okey, v) {
		key = read_key(okey);
		if (json_is_array(v)) {
			json_array_foreach(v, i, sv)
				put_item(ev, a, key, sv);
		} else if (legacy_list(ev, key, v)) {
			for (i = 0; i < json_object_size(v); i++) {
				char k[24];

				snprintf(k, sizeof(k), "%zu", i);
				put_item(ev, a, key, json_object_get(v, k));
			}
		} else if (json_is_object(v)) {
			json_object_foreach(v, skey, sv) {
				put_value(ev, a, arena_printf(a, "%s.%s", key, skey), sv);
			}
		} else {
			put_value(ev, a, key, v);
		}
	}
	json_decref(obj);
	return 0;
}

json_t *event_to_json(const struct event *ev)
{
	char buf[CLOCK_RFC3339_LEN];
	json_t *obj = json_object(), *payload = event_payload_json(ev);

	json_object_set_new(obj, "id", json_integer(ev->id));
	json_object_set_new(obj, "at", json_string(clock_format_rfc3339(ev->at, buf)));
	json_object_set_new(obj, "type", json_string(event_type_name(ev->type)));
	json_object_set_new(obj, "lead", ev->lead ? json_integer(ev->lead) : json_null());
	json_object_set_new(obj, "actor", json_string(ev->actor));
	if (ev->sets_stage) {
		json_object_set_new(obj, "from",
				    ev->from >= 0 ? json_string(stage_name((enum stage)ev->from)) : json_null());
		json_object_set_new(obj, "to", json_string(stage_name((enum stage)ev->to)));
	}
	/* payload keys never replace the top-level ones (the core does not use those names) */
	json_object_update_missing(obj, payload);
	json_decref(payload);
	return obj;
}

json_t *kvlist_json(const struct kvlist *l)
{
	json_t *obj = json_object();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_object_set_new(obj, l->items[i].key, json_string(l->items[i].value));
	return obj;
}

int kvlist_parse(struct kvlist *l, struct arena *a, const char *text)
{
	json_t *obj, *v;
	const char *key;

	if (!text || strcmp(text, "{}") == 0)
		return 0; /* the common case: nothing to parse */
	obj = json_loads(text, 0, NULL);
	if (!json_is_object(obj)) {
		json_decref(obj);
		return -1;
	}
	json_object_foreach(obj, key, v) {
		if (json_is_string(v))
			kv_set(l, a, key, json_string_value(v));
	}
	json_decref(obj);
	return 0;
}
