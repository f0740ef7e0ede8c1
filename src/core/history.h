/* history.h - a team's history comes in as history (SPEC 8.8): the history columns of a
 * HubSpot or Salesforce export (creation date, stage, owner, amount, close date) read into a
 * lead that keeps its own creation time, stage and owner. history_stage() maps a CRM's stage
 * values through the playbook's import.stages and the defaults of both products;
 * history_decide() returns the events of one row: its creation and one `imported` event
 * carrying the original values. Which obligations it opens is sla_after()'s answer for that
 * event: only those whose window is still running at import time. Pure. */
#ifndef BATON_HISTORY_H
#define BATON_HISTORY_H

#include <stdint.h>

#include "core/lifecycle.h"
#include "core/playbook.h"
#include "core/rep.h"

/* The history columns of one row as written in the file; NULL when absent or empty. */
struct history_row {
	const char *created;     /* Create Date (HubSpot), Created Date (Salesforce) */
	const char *lifecycle;   /* Lifecycle Stage (HubSpot) */
	const char *lead_status; /* Lead Status (HubSpot, Salesforce) */
	const char *status;      /* Status (Salesforce reports) */
	const char *owner;       /* Contact owner, Lead Owner, Owner */
	const char *amount;      /* Amount */
	const char *close_date;  /* Close Date */
};

/* 1 if the row carries its history (a creation date or a stage value): it is imported as
 * history, not as a new inquiry. */
int history_row_is_history(const struct history_row *h);

/* The stage the row imports at: the first of Lifecycle Stage, Lead Status, Status that is
 * given, mapped by pb's import.stages, else by HubSpot's Lifecycle Stage defaults (with Lead
 * Status "Unqualified" making a subscriber or lead disqualified), else by Salesforce's Lead
 * Status defaults. A value no map knows gives STAGE_INQUIRY and *unmapped = that value
 * (borrowed from h); else *unmapped = NULL. No stage value at all gives STAGE_INQUIRY. */
enum stage history_stage(const struct playbook *pb, const struct history_row *h, const char **unmapped);

/* Parses a CRM date: RFC 3339 or "YYYY-MM-DD[ HH:MM[:SS]]" with or without a zone offset
 * ("Z", "+01:00"), or "M/D/YYYY[ h:mm[:ss][ AM|PM]]" as Salesforce writes it; a date without an
 * offset is in `zone` (the org's). Returns 0 and sets *out (seconds since the epoch), or -1. */
int history_parse_time(const char *s, const char *zone, int64_t *out);

/* One history row, read and checked by the adapter. */
struct history_in {
	struct lead *lead;             /* its contact data, validated (intake_validate) */
	const struct history_row *raw; /* the columns as written: the `imported` event's "original" */
	enum stage stage;              /* history_stage() */
	const char *owner;             /* the rep its owner matched, or NULL */
	int64_t created_at;            /* its creation time (the import time when the file has none) */
	int64_t closed_at;             /* its close date, 0 none */
	int64_t amount;                /* its amount in cents, 0 none */
	const char *actor;             /* who imports it: "import" */
};

/* The events of history row `in` imported at `now` into d (allocated in a): "created" at its
 * creation time, then "imported" at the same time moving it to its stage with its owner,
 * amount and close date and the original values, and the import time (imported_at) by which
 * sla_after() judges whether a rule's window is still running. No routing. A lead whose
 * speed-to-lead window is not running at `now` is history for the reports: its speed to lead
 * is not measured ("speed_measured": false; lead speed_minutes LEAD_SPEED_HISTORY). Returns
 * how many obligations recording d opens (in the org's calendar). */
size_t history_decide(const struct playbook *pb, const struct history_in *in, int64_t now, struct arena *a,
		      struct decision *d);

/* The rep the owner column `raw` names among reps[0..n): by name, email or full name (`rep set
 * --full-name`), any case, white space at the ends ignored; NULL when none does. Borrowed. */
const char *history_owner(const struct rep *reps, size_t n, const char *raw);

/* What recording decision d on a new lead would leave, without a store: the lead's stage and
 * the obligations sla_after() opens (in the org's calendar). For --dry-run. */
void history_preview(const struct playbook *pb, const struct decision *d, struct arena *a, enum stage *stage,
		     size_t *obligations);

#endif
