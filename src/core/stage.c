/* stage.c - names of stages, roles and channels; see stage.h. */
#include "core/stage.h"

#include <string.h>

static const char *const stage_names[STAGE_COUNT] = {
	"inquiry", "mql",  "working",  "handoff", "sql",          "won",
	"live",    "lost", "filtered", "nurture", "disqualified", "target",
};
static const char *const role_names[ROLE_COUNT] = {"mrr", "sdr", "ae", "csm", "manager"};
static const char *const channel_names[CHANNEL_COUNT] = {"inbound", "outbound"};

int name_index(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *stage_name(enum stage s)
{
	return (unsigned)s < STAGE_COUNT ? stage_names[s] : "?";
}

int stage_parse(const char *name, enum stage *out)
{
	int i = name_index(stage_names, STAGE_COUNT, name);

	if (i < 0)
		return -1;
	*out = (enum stage)i;
	return 0;
}

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "?";
}

int role_parse(const char *name, enum role *out)
{
	int i = name_index(role_names, ROLE_COUNT, name);

	if (i < 0)
		return -1;
	*out = (enum role)i;
	return 0;
}

const char *channel_name(enum channel c)
{
	return (unsigned)c < CHANNEL_COUNT ? channel_names[c] : "?";
}

int channel_parse(const char *name, enum channel *out)
{
	int i = name_index(channel_names, CHANNEL_COUNT, name);

	if (i < 0)
		return -1;
	*out = (enum channel)i;
	return 0;
}
