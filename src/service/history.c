/* history.c - a history row recorded as history; see service/history.h. */
#include "service/history.h"

#include <string.h>

#include "core/bounds.h"
#include "core/intake.h"
#include "service/record.h"
#include "service/service.h"
#include "util/arena.h"

/* Reads the date column `v` (field `field`, "the creation date") into *out; 0 or -BT_BAD_INPUT. */
static int read_time(const char *v, const char *zone, const char *field, const char *what, int64_t *out,
		     struct bt_error *err)
{
	if (history_parse_time(v, zone, out) == 0)
		return 0;
	return bt_fail(err, BT_BAD_INPUT, field, 0,
		       "the %s \"%.40s\" is not a date: write it as 2025-03-01 10:00 (the org's time zone), "
		       "2025-03-01T10:00:00+01:00 or 3/1/2025",
		       what, v);
}

/* The amount as bound_amount_text() reads it: a leading currency sign and the thousands
 * separators (",", spaces) of "$12,500.00" left out; in a. */
static const char *plain_amount(struct arena *a, const char *v)
{
	char *out = arena_alloc(a, strlen(v) + 1), *o = out;

	if (*v == '$')
		v++;
	else if (strncmp(v, "\xE2\x82\xAC", 3) == 0 || strncmp(v, "\xC2\xA3", 2) == 0) /* euro, pound */
		v += (unsigned char)*v == 0xE2 ? 3 : 2;
	for (; *v; v++)
		if (*v != ',' && *v != ' ')
			*o++ = *v;
	*o = '\0';
	return out;
}

int history_add(struct service *svc, struct work *b, struct arena *a, struct lead *in, const struct history_row *h,
		const struct rep *reps, size_t nreps, const char *actor, int dry, struct history_outcome *out,
		struct bt_error *err)
{
	const char *zone = svc->pb->org.timezone;
	struct history_in hi = {0};
	struct decision d = {0};
	struct lead existing, l;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = intake_validate(in, a, err);
	hi.created_at = svc->now;
	if (!rc && h->created)
		rc = read_time(h->created, zone, "create_date", "creation date", &hi.created_at, err);
	if (!rc && h->close_date)
		rc = read_time(h->close_date, zone, "close_date", "close date", &hi.closed_at, err);
	if (!rc && h->amount)
		rc = bound_amount_text(plain_amount(a, h->amount), &hi.amount, err);
	if (rc)
		return rc;
	if (hi.created_at > svc->now)
		return bt_fail(err, BT_BAD_INPUT, "create_date", 0,
			       "the creation date \"%.40s\" is in the future: history comes from the past", h->created);
	rc = store_lead_by_email(svc->store, a, in->email, &existing, err);
	if (rc == 0) {
		out->duplicate = 1;
		return 0;
	}
	if (rc != -BT_NOT_FOUND)
		return rc;
	bt_error_clear(err);
	hi.lead = in;
	hi.raw = h;
	hi.stage = history_stage(svc->pb, h, &out->unmapped);
	hi.owner = history_owner(reps, nreps, h->owner);
	hi.actor = actor;
	if (h->owner && !hi.owner)
		out->unmatched_owner = h->owner;
	out->obligations = history_decide(svc->pb, &hi, svc->now, a, &d);
	out->stage = hi.stage;
	if (dry)
		return 0;
	lead_init(&l);
	rc = service_record(svc, a, &l, &d, 1, err);
	if (!rc)
		b->added++;
	return rc;
}
