/* credit.c - the credit rules as reactions to events; see credit.h. One line per rule in
 * credit_after(): the event that earns it, the playbook bit that switches it on, who gets it. */
#include "core/credit.h"

#include <string.h>

#include "util/arena.h"

static const struct {
	const char *name;
	unsigned flags;
} credit_kinds[CREDIT_KIND_COUNT] = {
	[CREDIT_MEETING_HELD] = {"meeting_held", CREDF_MEETING},
	[CREDIT_SELLER_LATE_CANCEL] = {"seller_late_cancel", CREDF_MEETING},
	[CREDIT_SQL_ACCEPTED] = {"sql_accepted", 0},
	[CREDIT_MQL_TO_SQL] = {"mql_to_sql", 0},
	[CREDIT_WON_AMOUNT] = {"won_amount", 0},
	[CREDIT_RENEWAL] = {"renewal", 0},
	[CREDIT_EXPANSION_SOURCED] = {"expansion_sourced", 0},
};

_Static_assert(PB_CREDIT_MEETING_HELD == 1 << CREDIT_MEETING_HELD &&
		       PB_CREDIT_SELLER_LATE_CANCEL == 1 << CREDIT_SELLER_LATE_CANCEL &&
		       PB_CREDIT_SQL_ACCEPTED == 1 << CREDIT_SQL_ACCEPTED &&
		       PB_CREDIT_MQL_TO_SQL == 1 << CREDIT_MQL_TO_SQL &&
		       PB_CREDIT_WON_AMOUNT == 1 << CREDIT_WON_AMOUNT && PB_CREDIT_RENEWAL == 1 << CREDIT_RENEWAL &&
		       PB_CREDIT_EXPANSION_SOURCED == 1 << CREDIT_EXPANSION_SOURCED,
	       "enum credit_kind follows the bits of enum pb_credit");

const char *credit_kind_name(enum credit_kind k)
{
	return (unsigned)k < CREDIT_KIND_COUNT ? credit_kinds[k].name : "?";
}

int credit_kind_parse(const char *name, enum credit_kind *out)
{
	int k;

	for (k = 0; name && k < CREDIT_KIND_COUNT; k++)
		if (strcmp(credit_kinds[k].name, name) == 0) {
			*out = (enum credit_kind)k;
			return 0;
		}
	return -1;
}

unsigned credit_kind_flags(enum credit_kind k)
{
	return (unsigned)k < CREDIT_KIND_COUNT ? credit_kinds[k].flags : 0;
}

static void give(struct credit_list *out, struct arena *a, const char *rep, enum credit_kind kind, int64_t amount,
		 const char *reason, size_t event)
{
	struct credit *c;

	if (!rep)
		return;
	c = arena_push(a, (void **)&out->items, &out->n, &out->cap, sizeof(*c));
	c->rep = rep;
	c->kind = kind;
	c->amount = amount;
	c->reason = reason;
	c->event = event;
}

void credit_after(const struct playbook *pb, const struct lead *after, struct event *const *evs, size_t n,
		  struct arena *a, struct credit_list *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct event *ev = evs[i];
		enum event_type t = ev->type;

		if (t == EV_ACCEPT) {
			/* an expansion's handoff is the CSM's, credited when won (expansion_sourced) */
			if ((pb->credit_sdr & PB_CREDIT_SQL_ACCEPTED) && !after->parent)
				give(out, a, after->handed_by, CREDIT_SQL_ACCEPTED, 0,
				     arena_printf(a, "%s accepted the handoff", ev->actor), i);
			if ((pb->credit_marketing & PB_CREDIT_MQL_TO_SQL) && after->mql_at)
				give(out, a, "marketing", CREDIT_MQL_TO_SQL, 0,
				     "a marketing qualified lead became an SQL", i);
		} else if (t == EV_WON && (pb->credit_ae & PB_CREDIT_WON_AMOUNT)) {
			give(out, a, after->ae ? after->ae : after->owner, CREDIT_WON_AMOUNT,
			     event_get_int(ev, "amount_cents", 0), "closed won", i);
		} else if (t == EV_RENEWED && (pb->credit_csm & PB_CREDIT_RENEWAL)) {
			give(out, a, after->owner, CREDIT_RENEWAL, 0, "the customer renewed", i);
		} else if (t == EV_MEETING_HELD && (pb->credit_sdr & PB_CREDIT_MEETING_HELD)) {
			give(out, a, event_get_str(ev, "booked_by"), CREDIT_MEETING_HELD, 0,
			     "the meeting it booked was held", i);
		} else if ((t == EV_MEETING_CANCELLED || t == EV_MEETING_RESCHEDULED) &&
			   (pb->credit_sdr & PB_CREDIT_SELLER_LATE_CANCEL) && event_get_int(ev, "late", 0)) {
			give(out, a, event_get_str(ev, "booked_by"), CREDIT_SELLER_LATE_CANCEL, 0,
			     arena_printf(a, "the seller moved the meeting with %lld minutes' notice",
					  (long long)event_get_int(ev, "notice_minutes", 0)),
			     i);
		}
		/* a won expansion: the CSM who handed it to the AE sourced it (SPEC 8.12) */
		if (t == EV_WON && after->parent && (pb->credit_csm & PB_CREDIT_EXPANSION_SOURCED))
			give(out, a, after->handed_by, CREDIT_EXPANSION_SOURCED, event_get_int(ev, "amount_cents", 0),
			     arena_printf(a, "the expansion of customer %lld it handed off was won",
					  (long long)after->parent),
			     i);
	}
}

int credit_is_meeting(const struct credit *c)
{
	return (credit_kind_flags(c->kind) & CREDF_MEETING) != 0;
}

void credit_meeting_once(struct credit_list *cl, int already_credited)
{
	size_t i, k = 0;
	int seen = already_credited;

	for (i = 0; i < cl->n; i++) {
		if (credit_is_meeting(&cl->items[i])) {
			if (seen)
				continue;
			seen = 1;
		}
		cl->items[k++] = cl->items[i];
	}
	cl->n = k;
}
