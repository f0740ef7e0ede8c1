/* stage.c - names of stages, roles and channels; see stage.h. */
#include "core/stage.h"

#include "util/names.h"

static const char *const stage_names[STAGE_COUNT] = {
	"inquiry", "mql",      "working", "handoff",      "sql",    "won",     "live",
	"lost",    "filtered", "nurture", "disqualified", "target", "churned",
};
static const char *const role_names[ROLE_COUNT] = {"mrr", "sdr", "ae", "csm", "manager"};
static const char *const channel_names[CHANNEL_COUNT] = {"inbound", "outbound"};

const char *stage_name(enum stage s)
{
	return names_at(stage_names, STAGE_COUNT, (int)s, "?");
}

int stage_parse(const char *name, enum stage *out)
{
	int i = names_find(stage_names, STAGE_COUNT, name);

	if (i < 0)
		return -1;
	*out = (enum stage)i;
	return 0;
}

const char *role_name(enum role r)
{
	return names_at(role_names, ROLE_COUNT, (int)r, "?");
}

int role_parse(const char *name, enum role *out)
{
	int i = names_find(role_names, ROLE_COUNT, name);

	if (i < 0)
		return -1;
	*out = (enum role)i;
	return 0;
}

const char *channel_name(enum channel c)
{
	return names_at(channel_names, CHANNEL_COUNT, (int)c, "?");
}

int channel_parse(const char *name, enum channel *out)
{
	int i = names_find(channel_names, CHANNEL_COUNT, name);

	if (i < 0)
		return -1;
	*out = (enum channel)i;
	return 0;
}

unsigned stage_path(enum stage s)
{
	static const unsigned sales = 1u << STAGE_MQL | 1u << STAGE_WORKING | 1u << STAGE_HANDOFF | 1u << STAGE_SQL;
	unsigned bits = 1u << STAGE_INQUIRY;

	switch (s) {
	case STAGE_MQL: return bits | 1u << STAGE_MQL;
	case STAGE_WORKING: return bits | 1u << STAGE_MQL | 1u << STAGE_WORKING;
	case STAGE_HANDOFF: return bits | (sales & ~(1u << STAGE_SQL));
	case STAGE_SQL: return bits | sales;
	case STAGE_WON: return bits | sales | 1u << STAGE_WON;
	case STAGE_LIVE: return bits | sales | 1u << STAGE_WON | 1u << STAGE_LIVE;
	case STAGE_LOST: return bits | sales | 1u << STAGE_LOST;
	case STAGE_NURTURE: return bits | 1u << STAGE_MQL | 1u << STAGE_NURTURE;
	case STAGE_TARGET: return 1u << STAGE_TARGET;
	case STAGE_CHURNED: return stage_path(STAGE_LIVE) | 1u << STAGE_CHURNED;
	default: return bits | 1u << s;
	}
}
