/* playbook_import.c - the playbook's import: section as data (SPEC 8.8): import.stages maps
 * the stage or status values of a team's CRM ("Demo Booked", "Closed - Lost") to baton's
 * stages for `lead import`, ahead of the HubSpot and Salesforce defaults of core/history.c.
 * playbook_schema.c reads the section with this table; docs/playbook.md is the user's view. */
#include <stddef.h>

#include "core/playbook_priv.h"

#define KEY(n, t, ...) {.name = (n), .type = (t), .off = __VA_ARGS__}

static const char *stage_at(int i)
{
	return i < STAGE_COUNT ? stage_name((enum stage)i) : NULL;
}

static const struct pb_enum stage_set = {.what = "stage", .name_at = stage_at};

static void stage_entry(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			void *arg)
{
	static const struct pb_key to_key = KEY("", PB_ENUM, 0, .set = &stage_set);
	struct pb_import_stage *s = (struct pb_import_stage *)arg + i;

	s->value = name;
	s->to = STAGE_INQUIRY;
	pb_read_value(c, v, &s->to, &to_key, path, line);
}

static void read_stages(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			int line)
{
	struct pb_import *im = &c->pb->import;

	im->stages = pb_read_entries(
		c, v, path, line, "a map from a CRM's stage or status value to a stage, such as {\"Demo Booked\": sql}",
		sizeof(*im->stages), stage_entry, &im->nstages);
}

const struct pb_key pb_import_keys[] = {
	KEY("stages", PB_READ, 0, .read = read_stages),
	{.name = NULL},
};
