/* credit.h - what counts for whom (SPEC section 4, credit): the SDR who made the handoff is
 * credited for a held meeting, a seller's late cancel and an accepted SQL; marketing only when
 * an MQL becomes an SQL; the AE for the won amount; the CSM for a renewal and the won amount
 * of the expansions it handed to an AE (SPEC 8.12). credit_after() reads the events just
 * decided for a lead and returns the credits they earn, each with its reason. Pure. */
#ifndef BATON_CREDIT_H
#define BATON_CREDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/lead.h"
#include "core/playbook.h"

/* The closed vocabulary of what a credit is for: one enum, one table of names and flags in
 * credit.c; the names only at the edges (the store's column, JSON). In the order of enum
 * pb_credit's bits (playbook.h), which switch each on. */
enum credit_kind {
	CREDIT_MEETING_HELD,
	CREDIT_SELLER_LATE_CANCEL,
	CREDIT_SQL_ACCEPTED,
	CREDIT_MQL_TO_SQL,
	CREDIT_WON_AMOUNT,
	CREDIT_RENEWAL,           /* a CSM's renewal of a customer (SPEC 8.12) */
	CREDIT_EXPANSION_SOURCED, /* a CSM's expansion won: its amount */
	CREDIT_KIND_COUNT
};

/* What a credit kind means for the rules, asked once here. */
enum credit_flag {
	/* a meeting credit (a held meeting or the seller's late move): one per lead */
	CREDF_MEETING = 1 << 0,
};

/* The kind's name as stored and exported ("meeting_held"); static string, "?" if none. */
const char *credit_kind_name(enum credit_kind k);

/* Sets *out to the kind named name; 0, or -1 if no kind has that name. */
int credit_kind_parse(const char *name, enum credit_kind *out);

/* The kind's enum credit_flag bits. */
unsigned credit_kind_flags(enum credit_kind k);

struct credit {
	const char *rep;       /* rep name, or "marketing" */
	enum credit_kind kind; /* CREDIT_MEETING_HELD, ... */
	int64_t amount;     /* cents, for won_amount and expansion_sourced; else 0 */
	const char *reason; /* in words */
	size_t event;       /* index of the event in the batch that earned it */
};

struct credit_list {
	struct credit *items; /* in the arena */
	size_t n, cap;
};

/* 1 if credit c is a meeting credit (a held meeting or the seller's late move). */
int credit_is_meeting(const struct credit *c);

/* One meeting credit per lead (SPEC 4: a held meeting or the seller's late move, not both, and
 * not again down a chain of reschedules): removes from cl every meeting credit when the lead
 * already earned one (already_credited), else every one after the first. */
void credit_meeting_once(struct credit_list *cl, int already_credited);

/* Appends to *out the credits earned by evs[0..n) on lead `after` (its state after them). */
void credit_after(const struct playbook *pb, const struct lead *after, struct event *const *evs, size_t n,
		  struct arena *a, struct credit_list *out);

#endif
