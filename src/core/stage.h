/* stage.h - the fixed names of a lead's lifecycle states (SPEC section 3) and of the roles
 * and channels. The playbook only labels them; it cannot add or rename them. */
#ifndef BATON_STAGE_H
#define BATON_STAGE_H

enum stage {
	STAGE_INQUIRY,
	STAGE_MQL,
	STAGE_WORKING,
	STAGE_HANDOFF,
	STAGE_SQL,
	STAGE_WON,
	STAGE_LIVE,
	STAGE_LOST,
	STAGE_FILTERED,
	STAGE_NURTURE,
	STAGE_DISQUALIFIED,
	STAGE_TARGET,
	STAGE_CHURNED, /* a customer that did not renew (churn, or its contract lapsed: SPEC 8.12) */
	STAGE_COUNT
};

enum role { ROLE_MRR, ROLE_SDR, ROLE_AE, ROLE_CSM, ROLE_MANAGER, ROLE_COUNT };

enum channel { CHANNEL_INBOUND, CHANNEL_OUTBOUND, CHANNEL_COUNT };

/* The stage's fixed name ("mql"); static string. */
const char *stage_name(enum stage s);
/* Finds a stage by name; returns 0 and sets *out, or -1 if unknown. */
int stage_parse(const char *name, enum stage *out);

/* The stages a lead at stage s has passed through on the lifecycle's main path (bit 1u << stage
 * each, s included): a lead imported as history at s (SPEC 8.8) is counted by the funnel in
 * each, at its creation time (won, lost and live at its close date). */
unsigned stage_path(enum stage s);

/* The role's name ("sdr"); static string. */
const char *role_name(enum role r);
/* Finds a role by name; returns 0 and sets *out, or -1 if unknown. */
int role_parse(const char *name, enum role *out);

/* The channel's name ("inbound"); static string. */
const char *channel_name(enum channel c);
/* Finds a channel by name; returns 0 and sets *out, or -1 if unknown. */
int channel_parse(const char *name, enum channel *out);

#endif
