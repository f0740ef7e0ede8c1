/* credit.c - the credit rules as reactions to events; see credit.h. One line per rule in
 * credit_after(): the event that earns it, the playbook bit that switches it on, who gets it. */
#include "core/credit.h"

#include <string.h>

#include "util/arena.h"

static void give(struct credit_list *out, struct arena *a, const char *rep, const char *kind, int64_t amount,
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
			if (pb->credit_sdr & PB_CREDIT_SQL_ACCEPTED)
				give(out, a, after->handed_by, "sql_accepted", 0,
				     arena_printf(a, "%s accepted the handoff", ev->actor), i);
			if ((pb->credit_marketing & PB_CREDIT_MQL_TO_SQL) && after->mql_at)
				give(out, a, "marketing", "mql_to_sql", 0, "a marketing qualified lead became an SQL", i);
		} else if (t == EV_WON && (pb->credit_ae & PB_CREDIT_WON_AMOUNT)) {
			give(out, a, after->ae ? after->ae : after->owner, "won_amount", event_get_int(ev, "amount_cents", 0),
			     "closed won", i);
		} else if (t == EV_MEETING_HELD && (pb->credit_sdr & PB_CREDIT_MEETING_HELD)) {
			give(out, a, event_get_str(ev, "booked_by"), "meeting_held", 0, "the meeting it booked was held", i);
		} else if ((t == EV_MEETING_CANCELLED || t == EV_MEETING_RESCHEDULED) &&
			   (pb->credit_sdr & PB_CREDIT_SELLER_LATE_CANCEL) && event_get_int(ev, "late", 0)) {
			give(out, a, event_get_str(ev, "booked_by"), "seller_late_cancel", 0,
			     arena_printf(a, "the seller moved the meeting with %lld minutes' notice",
					  (long long)event_get_int(ev, "notice_minutes", 0)),
			     i);
		}
	}
}

int credit_is_meeting(const struct credit *c)
{
	return strcmp(c->kind, "meeting_held") == 0 || strcmp(c->kind, "seller_late_cancel") == 0;
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
