/* rep.h - the people (reps) and companies (accounts) that leads are routed between, as plain
 * structs filled by the store. Strings are borrowed from the arena the store loaded them in. */
#ifndef BATON_REP_H
#define BATON_REP_H

#include <stddef.h>
#include <stdint.h>

#include "core/stage.h"

struct arena;
struct event;

struct absence;
struct arena;
struct bt_error;
struct playbook;

struct rep {
	int64_t id;              /* order of addition: round robin follows it */
	const char *name;        /* unique, never changes */
	enum role role;
	const char *team;        /* may be NULL */
	const char *manager;     /* rep name of the manager, may be NULL */
	const char *territories; /* comma-separated, may be NULL */
	const char *pod;         /* SDRs and AEs that work together, may be NULL */
	int64_t capacity;        /* open leads it may own, -1 = no limit */
	int hours_start;         /* minutes after local midnight, -1 = its team's or the org's business hours */
	int hours_end;
	const char *timezone;    /* its own IANA zone (SPEC 8.4), NULL = its team's or the org's */
	int active;              /* 0: skipped by routing, may not act */
	/* its share of a weighted rotation, 1 to 100 (SPEC 8.5); 0 in a struct built by hand
	 * counts as 1 (rep_weight) */
	int64_t weight;
	int64_t open_leads;      /* leads it owns in an open stage (counted by the store when it has a capacity) */
	/* its contact details (SPEC 8.6): an email address (normalised, unique among reps) and a
	 * Slack member id such as U012AB3CD; NULL when not given */
	const char *email;
	const char *slack;
	/* its full name as a CRM writes it ("Ada Lovelace"): history imports match owners by it
	 * (SPEC 8.8); NULL when not given */
	const char *full_name;
	int64_t created_at;
	/* its absences that make it away (absence_counts), by start, loaded with it by the store
	 * (SPEC 8.3; rep_away in absence.h); borrowed */
	const struct absence *away;
	size_t naway;
};

struct account {
	int64_t id;
	const char *name;
	const char *domain;      /* lower case, unique */
	const char *segment;     /* may be NULL */
	int64_t employees;       /* -1 unknown */
	const char *territory;   /* may be NULL */
	const char *owner;       /* owner AE's name, may be NULL */
	const char *sdr;         /* assigned SDR's name, may be NULL */
	int target;              /* on an outbound target list */
	int owner_active;        /* 1 if the owner is an active rep (filled by the store) */
	int sdr_active;          /* 1 if the SDR is an active rep (filled by the store) */
	int owner_away;          /* 1 if the owner is away now (SPEC 8.3; filled by the service) */
	int sdr_away;            /* 1 if the SDR is away now (filled by the service) */
	int64_t created_at;
};

/* The weight r has in a weighted rotation: r->weight, or 1 when it is not set (0). */
int64_t rep_weight(const struct rep *r);

/* The time zone rep r's dates and hours are read in (SPEC 8.4): its own (`rep set --timezone`),
 * else its team's (the playbook's teams:), else the org's. Borrowed from r or pb. */
const char *rep_zone(const struct playbook *pb, const struct rep *r);

/* Checks and normalises r's contact details as given (SPEC 8.6): an email by the leads' rule
 * (email_normalize, its canonical form into a), a Slack member id of 1 to 32 letters and
 * digits (U012AB3CD); "" clears either (NULL). Returns 0, or -BT_BAD_INPUT naming the field. */
int rep_contact_check(struct rep *r, struct arena *a, struct bt_error *err);

/* 1 if the comma-separated list has `item` (case-insensitive), else 0. */
int rep_list_has(const char *list, const char *item);

/* Writes r's settings (role, team, manager, territories, pod, capacity, hours, timezone, active,
 * weight, email, slack, full name) on ev as "settings.KEY" fields (copied into a): what a rep
 * event says the rep was from then on, so a replay can set it at that time (SPEC 8.10). */
void rep_put_settings(struct event *ev, struct arena *a, const struct rep *r);

/* Overwrites r's settings with those ev carries (rep_put_settings; strings borrowed from ev).
 * 1 if ev carried them, 0 if not (an event written before they were: r is untouched), -1 if
 * its role is unknown. */
int rep_get_settings(const struct event *ev, struct rep *r);

#endif
