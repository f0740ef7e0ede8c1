/* playbook_intake.c - the playbook's intake: section as data (SPEC 8.9): intake.utm maps the
 * utm_source, utm_medium and utm_campaign values a web form sends to the lead's source, and
 * utm_medium values to its channel. Each map is {utm value: what it becomes}; a utm value is
 * compared ignoring case, so it is kept in lower case. playbook_schema.c reads the section with
 * this table; core/form.c applies it; docs/playbook.md is the user's view. */
#include <stddef.h>
#include <string.h>

#include "core/playbook_priv.h"
#include "util/arena.h"
#include "util/text.h"

#define KEY(n, t, ...) {.name = (n), .type = (t), .off = __VA_ARGS__}
#define UTM(f) offsetof(struct playbook, utm.f)
#define SOURCE_MAX 64 /* the lead's source field (core/intake.c) */

/* A copy of s in lower case (ASCII letters), arena-owned. */
static const char *lower(struct arena *a, const char *s)
{
	char *t = arena_strdup(a, s);

	for (char *p = t; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return t;
}

/* One pair {utm value: what it becomes}: a source, or (channel) inbound or outbound. */
static void pair_read(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line,
		      struct pb_utm_pair *p, int channel)
{
	const char *to = pb_text_of(c, v, path, line, channel ? "inbound or outbound" : "a source such as paid_search");
	struct bt_error err;

	p->value = lower(c->arena, name);
	if (!to)
		return;
	if (channel && strcmp(to, "inbound") != 0 && strcmp(to, "outbound") != 0)
		pb_error(c, path, line, "expected inbound or outbound, found \"%.80s\"", to);
	else if (!channel && (!to[0] || text_check("source", to, SOURCE_MAX, 0, &err)))
		pb_error(c, path, line, "a source is 1 to %d characters on one line, found \"%.80s\"", SOURCE_MAX, to);
	else
		p->to = to;
}

static void source_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			 void *arg)
{
	pair_read(c, name, v, path, line, (struct pb_utm_pair *)arg + i, 0);
}

static void channel_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			  void *arg)
{
	pair_read(c, name, v, path, line, (struct pb_utm_pair *)arg + i, 1);
}

static void read_pairs(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
		       int line)
{
	struct pb_utm_map *m = PB_AT(base, k->off, struct pb_utm_map);

	m->items = pb_read_entries(c, v, path, line,
				   "a map from a utm value to what it becomes, such as {google: paid_search}",
				   sizeof(*m->items), k->off == UTM(channel) ? channel_entry : source_entry, &m->n);
}

static const struct pb_key utm_keys[] = {
	KEY("source", PB_READ, UTM(source), .read = read_pairs),
	KEY("medium", PB_READ, UTM(medium), .read = read_pairs),
	KEY("campaign", PB_READ, UTM(campaign), .read = read_pairs),
	KEY("channel", PB_READ, UTM(channel), .read = read_pairs),
	{.name = NULL},
};

const struct pb_key pb_intake_keys[] = {
	KEY("utm", PB_MAP, 0, .sub = utm_keys),
	{.name = NULL},
};
