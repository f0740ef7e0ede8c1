/* rep.h - the people (reps) and companies (accounts) that leads are routed between, as plain
 * structs filled by the store. Strings are borrowed from the arena the store loaded them in. */
#ifndef BATON_REP_H
#define BATON_REP_H

#include <stdint.h>

#include "core/stage.h"

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
	int64_t created_at;
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
	int64_t created_at;
};

/* The weight r has in a weighted rotation: r->weight, or 1 when it is not set (0). */
int64_t rep_weight(const struct rep *r);

/* 1 if the comma-separated list has `item` (case-insensitive), else 0. */
int rep_list_has(const char *list, const char *item);

#endif
