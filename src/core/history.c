/* history.c - history rows of CRM exports: stage mapping, CRM dates and the events of one
 * row; see history.h. The default maps are tables of the values as both products write them,
 * compared by their letters and digits in any case ("Marketing Qualified Lead" and HubSpot's
 * internal "marketingqualifiedlead" are one value). */
#include "core/history.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/contract.h"
#include "core/intake.h"
#include "core/sla.h"
#include "core/tz.h"
#include "util/arena.h"
#include "util/text.h"

struct stage_map {
	const char *value; /* letters and digits, lower case */
	enum stage to;
};

/* HubSpot's Lifecycle Stage (SPEC 8.8). */
static const struct stage_map hubspot[] = {
	{"subscriber", STAGE_INQUIRY},
	{"lead", STAGE_INQUIRY},
	{"marketingqualifiedlead", STAGE_MQL},
	{"salesqualifiedlead", STAGE_WORKING},
	{"opportunity", STAGE_SQL},
	{"customer", STAGE_LIVE},
	{"evangelist", STAGE_LIVE},
	{"other", STAGE_INQUIRY},
};

/* Salesforce's Lead Status (SPEC 8.8), and an opportunity's Stage when it is closed. */
static const struct stage_map salesforce[] = {
	{"opennotcontacted", STAGE_MQL},
	{"workingcontacted", STAGE_WORKING},
	{"closedconverted", STAGE_SQL},
	{"closednotconverted", STAGE_DISQUALIFIED},
	/* an opportunity's Stage */
	{"closedwon", STAGE_WON},
	{"closedlost", STAGE_LOST},
};

/* Finds key in map[0..n); 0 and *out, or -1. */
static int map_find(const struct stage_map *map, size_t n, const char *key, enum stage *out)
{
	size_t i;

	for (i = 0; key[0] && i < n; i++)
		if (strcmp(map[i].value, key) == 0) {
			*out = map[i].to;
			return 0;
		}
	return -1;
}

/* The playbook's import.stages for value; 0 and *out, or -1. */
static int playbook_find(const struct playbook *pb, const char *key, enum stage *out)
{
	char k[128];
	size_t i;

	for (i = 0; pb && key[0] && i < pb->import.nstages; i++) {
		text_key(pb->import.stages[i].value, k, sizeof(k));
		if (strcmp(k, key) == 0) {
			*out = (enum stage)pb->import.stages[i].to;
			return 0;
		}
	}
	return -1;
}

int history_row_is_history(const struct history_row *h)
{
	return h->created || h->lifecycle || h->lead_status || h->status;
}

enum stage history_stage(const struct playbook *pb, const struct history_row *h, const char **unmapped)
{
	const char *v = h->lifecycle ? h->lifecycle : h->lead_status ? h->lead_status : h->status;
	char key[128], st[128];
	enum stage s;

	*unmapped = NULL;
	if (!v)
		return STAGE_INQUIRY;
	text_key(v, key, sizeof(key));
	if (playbook_find(pb, key, &s) == 0)
		return s;
	if (h->lifecycle && map_find(hubspot, sizeof(hubspot) / sizeof(hubspot[0]), key, &s) == 0) {
		/* a subscriber or lead whose Lead Status says Unqualified was disqualified */
		text_key(h->lead_status, st, sizeof(st));
		if ((strcmp(key, "subscriber") == 0 || strcmp(key, "lead") == 0) && strcmp(st, "unqualified") == 0)
			return STAGE_DISQUALIFIED;
		return s;
	}
	if (!h->lifecycle && map_find(salesforce, sizeof(salesforce) / sizeof(salesforce[0]), key, &s) == 0)
		return s;
	*unmapped = v;
	return STAGE_INQUIRY;
}

/* ---------------------------------------------------------------- CRM dates */

/* Reads 1 to `max` digits at *sp into *out and moves *sp past them; 0 or -1. */
static int digits(const char **sp, int max, int *out)
{
	const char *s = *sp;
	int v = 0, n = 0;

	while (*s >= '0' && *s <= '9' && n < max) {
		v = v * 10 + (*s++ - '0');
		n++;
	}
	if (!n || (*s >= '0' && *s <= '9'))
		return -1;
	*sp = s;
	*out = v;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : dm[m - 1];
}

/* Reads the date at *sp: YYYY-MM-DD or M/D/YYYY. 0 or -1. */
static int read_date(const char **sp, int *y, int *m, int *d)
{
	const char *s = *sp;

	if (digits(&s, 4, y) == 0 && s - *sp == 4 && *s == '-') {
		s++;
		if (digits(&s, 2, m) || *s++ != '-' || digits(&s, 2, d))
			return -1;
	} else {
		s = *sp;
		if (digits(&s, 2, m) || *s++ != '/' || digits(&s, 2, d) || *s++ != '/' || digits(&s, 4, y) || *y < 1000)
			return -1;
	}
	if (*m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
		return -1;
	*sp = s;
	return 0;
}

/* Reads an optional " h:mm[:ss][.fff][ AM|PM]" or "Thh:mm..." at *sp into seconds after
 * midnight. 0 or -1. */
static int read_clock(const char **sp, int *secs)
{
	const char *s = *sp;
	int h, mi, sec = 0, pm = -1;

	*secs = 0;
	if (*s != ' ' && *s != 'T' && *s != 't')
		return 0;
	s++;
	while (*s == ' ')
		s++;
	if (digits(&s, 2, &h) || *s++ != ':' || digits(&s, 2, &mi))
		return -1;
	if (*s == ':' && (s++, digits(&s, 2, &sec)))
		return -1;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	while (*s == ' ')
		s++;
	if ((s[0] == 'A' || s[0] == 'a' || s[0] == 'P' || s[0] == 'p') && (s[1] == 'M' || s[1] == 'm')) {
		pm = s[0] == 'P' || s[0] == 'p';
		s += 2;
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + (pm ? 12 : 0);
	}
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	*secs = h * 3600 + mi * 60 + (sec > 59 ? 59 : sec);
	*sp = s;
	return 0;
}

/* Reads an optional zone offset "Z", "+01:00", "+0100", "-05" at *sp; 0 (and *given) or -1. */
static int read_offset(const char **sp, int *offset, int *given)
{
	const char *s = *sp;
	int sign, h, mi = 0;

	*given = 0;
	*offset = 0;
	while (*s == ' ')
		s++;
	if (*s == 'Z' || *s == 'z') {
		*given = 1;
		*sp = s + 1;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return 0;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &h))
		return -1;
	if (*s == ':')
		s++;
	if (*s >= '0' && *s <= '9' && digits(&s, 2, &mi))
		return -1;
	if (h > 23 || mi > 59)
		return -1;
	*offset = sign * (h * 3600 + mi * 60);
	*given = 1;
	*sp = s;
	return 0;
}

int history_parse_time(const char *s, const char *zone, int64_t *out)
{
	int y, m, d, secs, offset, given;
	int64_t day, utc;

	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	if (read_date(&s, &y, &m, &d) || read_clock(&s, &secs) || read_offset(&s, &offset, &given))
		return -1;
	while (*s == ' ')
		s++;
	if (*s)
		return -1;
	day = days_from_civil(y, m, d);
	if (given) {
		*out = day * 86400 + secs - offset;
		return 0;
	}
	if (tz_utc(zone ? zone : "UTC", day, secs / 60, &utc))
		return -1;
	*out = utc + secs % 60;
	return 0;
}

/* ---------------------------------------------------------------- the events */

/* The columns as written, kept on the `imported` event under "original". */
/* The renewal date of the contract of a won or live row closed at closed_at with no term in
 * the file: the first anniversary of a CONTRACT_TERM_DEFAULT term after `now` (a customer the
 * CRM still counts has renewed every year since), at most a century of terms; 0 none. */
static int64_t imported_renewal(const char *zone, int64_t closed_at, int64_t now)
{
	int64_t k, renews = 0;

	for (k = 1; k <= 100; k++) {
		renews = contract_renews_at(zone, closed_at, k * CONTRACT_TERM_DEFAULT);
		if (renews > now)
			return renews;
	}
	return 0;
}

static const struct {
	const char *key;
	size_t off; /* of the const char * in struct history_row */
} originals[] = {
	{"original.create_date", offsetof(struct history_row, created)},
	{"original.lifecycle_stage", offsetof(struct history_row, lifecycle)},
	{"original.lead_status", offsetof(struct history_row, lead_status)},
	{"original.status", offsetof(struct history_row, status)},
	{"original.owner", offsetof(struct history_row, owner)},
	{"original.amount", offsetof(struct history_row, amount)},
	{"original.close_date", offsetof(struct history_row, close_date)},
};

/* The obligations recording d on a new lead opens (sla_after in the org's calendar) into
 * *plan, and that lead into *l. */
static void plan_of(const struct playbook *pb, const struct decision *d, struct arena *a, struct lead *l,
		    struct sla_plan *plan)
{
	size_t i;

	lead_init(l);
	for (i = 0; i < d->n; i++)
		lead_apply(l, d->events[i], a);
	sla_after(pb, NULL, l, d->events, d->n, NULL, 0, NULL, a, plan);
}

size_t history_decide(const struct playbook *pb, const struct history_in *in, int64_t now, struct arena *a,
		      struct decision *d)
{
	struct sla_plan plan;
	struct lead after;
	size_t i;
	int speed = 0;
	const struct history_row *raw = in->raw;
	struct lead *l = in->lead;
	enum stage first;
	struct event *ev;
	char buf[32];

	first = intake_created(l, in->created_at, in->actor, a, d);
	ev = event_new(a, EV_IMPORTED, in->created_at, l->id, in->actor);
	if (in->stage != first)
		event_set_stage(ev, (int)first, in->stage);
	event_put_str(ev, a, "owner", in->owner);
	if (in->amount)
		event_put_int(ev, a, "amount_cents", in->amount);
	if (in->closed_at)
		event_put_str(ev, a, "closed_at", clock_format_rfc3339(in->closed_at, buf));
	if ((in->stage == STAGE_WON || in->stage == STAGE_LIVE) && in->amount > 0 && in->closed_at) {
		int64_t renews = imported_renewal(pb->org.timezone, in->closed_at, now);

		if (renews) { /* the contract (SPEC 8.12): the amount is its annual value */
			event_put_int(ev, a, "term_months", CONTRACT_TERM_DEFAULT);
			event_put_str(ev, a, "renews_at", clock_format_rfc3339(renews, buf));
		}
	}
	event_put_str(ev, a, "imported_at", clock_format_rfc3339(now, buf));
	for (i = 0; i < sizeof(originals) / sizeof(originals[0]); i++)
		event_put_str(ev, a, originals[i].key, *(const char *const *)((const char *)raw + originals[i].off));
	decision_add(d, a, ev);
	plan_of(pb, d, a, &after, &plan);
	for (i = 0; i < plan.nopen; i++)
		speed |= plan.open[i].rule == OB_SPEED_TO_LEAD;
	if (!speed)
		event_put_bool(ev, a, "speed_measured", 0);
	return plan.nopen;
}

/* 1 if a[0..n) and NUL-terminated b are the same text in any case. */
static int same_text(const char *a, size_t n, const char *b)
{
	return b && strlen(b) == n && strncasecmp(a, b, n) == 0;
}

const char *history_owner(const struct rep *reps, size_t n, const char *raw)
{
	const char *p = raw;
	size_t len, i;

	if (!raw)
		return NULL;
	while (*p == ' ' || *p == '\t')
		p++;
	len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	for (i = 0; len && i < n; i++)
		if (same_text(p, len, reps[i].name) || same_text(p, len, reps[i].email) ||
		    same_text(p, len, reps[i].full_name))
			return reps[i].name;
	return NULL;
}

void history_preview(const struct playbook *pb, const struct decision *d, struct arena *a, enum stage *stage,
		     size_t *obligations)
{
	struct sla_plan plan;
	struct lead l;

	plan_of(pb, d, a, &l, &plan);
	*stage = l.stage;
	*obligations = plan.nopen;
}
