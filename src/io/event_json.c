/* event_json.c - events and string maps to and from JSON with jansson; see event_json.h. */
#include "io/event_json.h"

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

		if (dot) {
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

static void field_text(struct strbuf *sb, const struct field *f)
{
	switch (f->type) {
	case FIELD_STR: json_text_string(sb, f->s); break;
	case FIELD_INT: strbuf_addint(sb, (long long)f->i); break;
	case FIELD_REAL: strbuf_addf(sb, "%.17g", f->r); break;
	case FIELD_BOOL: strbuf_addstr(sb, f->i ? "true" : "false"); break;
	}
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

		if (!dot) {
			strbuf_addstr(sb, first ? "" : ",");
			json_text_string(sb, f->key);
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

int event_payload_parse(struct event *ev, struct arena *a, const char *text)
{
	json_t *obj = json_loads(text ? text : "{}", 0, NULL), *v, *sv;
	const char *key, *skey;

	if (!json_is_object(obj)) {
		json_decref(obj);
		return -1;
	}
	json_object_foreach(obj, key, v) {
		if (json_is_object(v)) {
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
	json_object_set_new(obj, "type", json_string(ev->type));
	json_object_set_new(obj, "lead", ev->lead ? json_integer(ev->lead) : json_null());
	json_object_set_new(obj, "actor", json_string(ev->actor));
	if (ev->sets_stage) {
		json_object_set_new(obj, "from", ev->from >= 0 ? json_string(stage_name((enum stage)ev->from)) : json_null());
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
