/* demo_names.c - the raw material of `baton demo`: a seeded random source of its own
 * (splitmix64 to seed xoshiro256**, never rand()), and small word lists from which it makes
 * plausible companies, people, titles, phone numbers and the text of notes and reasons. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "demo/demo_names.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- random source */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void drng_seed(struct demo_rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t drng_next(struct demo_rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

double drng_unit(struct demo_rng *r)
{
	return (double)(drng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

uint64_t drng_below(struct demo_rng *r, uint64_t n)
{
	return n ? (uint64_t)(drng_unit(r) * (double)n) % n : 0;
}

int drng_chance(struct demo_rng *r, double p)
{
	return drng_unit(r) < p;
}

double drng_lognormal(struct demo_rng *r, double median, double sigma)
{
	double u1 = drng_unit(r), u2 = drng_unit(r), z;

	if (u1 < 1e-12)
		u1 = 1e-12;
	z = sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
	return median * exp(sigma * z);
}

size_t drng_weighted(struct demo_rng *r, const double *w, size_t n)
{
	double total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i];
	x = drng_unit(r) * total;
	for (i = 0; i + 1 < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

uint64_t demo_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* ---------------------------------------------------------------- companies */

static const char *const prefixes[] = {
	"Alto",   "Arden",   "Argo",    "Aster",   "Atlas",     "Beacon",   "Birch",  "Blue",    "Bright", "Cedar",
	"Cobalt", "Crest",   "Delta",   "Ember",   "Evergreen", "Falcon",   "Fjord",  "Granite", "Harbor", "Helix",
	"Iron",   "Juniper", "Kestrel", "Lumen",   "Maple",     "Meridian", "Nimbus", "Nord",    "Oak",    "Orbit",
	"Pine",   "Polar",   "Quarry",  "Redwood", "Sable",     "Summit",   "Terra",  "Vega",    "Willow", "Zenith",
};

static const struct {
	const char *word, *segment;
	double weight;
} suffixes[] = {
	{"Systems", "saas", 3},
	{"Software", "saas", 3},
	{"Analytics", "saas", 2},
	{"Cloud", "saas", 2},
	{"Labs", "saas", 2},
	{"Pay", "fintech", 2},
	{"Capital", "fintech", 1.5},
	{"Bank", "fintech", 1},
	{"Health", "healthcare", 2},
	{"Medical", "healthcare", 1.5},
	{"Logistics", "logistics", 2},
	{"Freight", "logistics", 1},
	{"Manufacturing", "manufacturing", 1.5},
	{"Industries", "manufacturing", 1.5},
	{"Robotics", "manufacturing", 1},
	{"Energy", "energy", 1.5},
	{"Retail", "retail", 1.5},
	{"Foods", "retail", 1},
	{"Learning", "education", 1},
	{"Consulting", "services", 1.5},
	{"Partners", "services", 1},
	{"Shop", "ecommerce", 0.8},
	{"Store", "ecommerce", 0.6},
	{"Travel", "destination", 0.5},
	{"Resorts", "destination", 0.4},
};

static const struct {
	const char *country, *tld;
	enum demo_region region;
	double weight;
} countries[] = {
	{"FR", "fr", REGION_EMEA, 4}, {"DE", "de", REGION_EMEA, 3}, {"UK", "co.uk", REGION_EMEA, 3},
	{"US", "com", REGION_NA, 7},  {"CA", "ca", REGION_NA, 1.5},
};

/* Lower-cases the letters of s into buf (size n), dropping anything else. */
static void slug(const char *s, char *buf, size_t n)
{
	size_t k = 0;

	for (; *s && k + 1 < n; s++)
		if (isalpha((unsigned char)*s))
			buf[k++] = (char)tolower((unsigned char)*s);
	buf[k] = '\0';
}

void demo_company_draw(struct demo_rng *r, enum demo_region region, struct demo_company *c)
{
	double sw[N(suffixes)], cw[N(countries)];
	size_t i, p, s, k;
	uint64_t h;
	double e;
	char a[32], b[32];

	for (i = 0; i < N(suffixes); i++)
		sw[i] = suffixes[i].weight;
	for (i = 0; i < N(countries); i++)
		cw[i] = countries[i].region == region ? countries[i].weight : 0;
	p = drng_below(r, N(prefixes));
	s = drng_weighted(r, sw, N(suffixes));
	k = drng_weighted(r, cw, N(countries));
	snprintf(c->name, sizeof(c->name), "%s %s", prefixes[p], suffixes[s].word);
	slug(prefixes[p], a, sizeof(a));
	slug(suffixes[s].word, b, sizeof(b));
	snprintf(c->domain, sizeof(c->domain), "%s%s.%s", a, b, countries[k].tld);
	snprintf(c->country, sizeof(c->country), "%s", countries[k].country);
	c->segment = suffixes[s].segment;
	/* the size and the US coast belong to the company: a hash of its domain, not the draw */
	h = demo_hash(c->domain);
	e = exp(log(150.0) + 1.6 * (((double)(h % 10007) / 10007.0 + (double)((h >> 20) % 10009) / 10009.0 +
				     (double)((h >> 40) % 10037) / 10037.0 - 1.5) *
				    2.0));
	c->employees = e < 2 ? 2 : e > 50000 ? 50000 : (int64_t)e;
	if (strcmp(c->country, "US") == 0)
		snprintf(c->territory, sizeof(c->territory), "%s", (h >> 7) % 2 ? "US-East" : "US-West");
	else
		snprintf(c->territory, sizeof(c->territory), "%s", c->country);
}

/* ---------------------------------------------------------------- people */

static const char *const first_fr[] = {"Camille", "Louis",  "Chloe", "Hugo", "Manon",    "Lucas",  "Ines",   "Jules",
				       "Lea",     "Arthur", "Sarah", "Paul", "Juliette", "Nathan", "Claire", "Antoine"};
static const char *const last_fr[] = {"Martin",   "Bernard", "Dubois", "Thomas",  "Robert", "Richard",
				      "Petit",    "Durand",  "Leroy",  "Moreau",  "Simon",  "Laurent",
				      "Lefebvre", "Michel",  "Garcia", "Fournier"};
static const char *const first_de[] = {"Lukas", "Anna",      "Jonas",      "Lena",  "Felix", "Marie",
				       "Paul",  "Laura",     "Maximilian", "Julia", "Leon",  "Sophie",
				       "Tim",   "Katharina", "Jan",        "Hannah"};
static const char *const last_de[] = {"Muller", "Schmidt", "Schneider", "Fischer",  "Weber", "Meyer",
				      "Wagner", "Becker",  "Schulz",    "Hoffmann", "Koch",  "Richter",
				      "Klein",  "Wolf",    "Neumann",   "Braun"};
static const char *const first_en[] = {"Oliver", "Amelia", "George", "Isla",  "Harry", "Ava",  "Jack",
				       "Emily",  "James",  "Olivia", "Noah",  "Emma",  "Liam", "Mia",
				       "Ethan",  "Grace",  "Mason",  "Chloe", "Logan", "Zoe"};
static const char *const last_en[] = {"Smith", "Johnson", "Williams", "Brown",  "Jones",  "Taylor", "Davies",
				      "Evans", "Wilson",  "Walker",   "Miller", "Moore",  "Clark",  "Lewis",
				      "Young", "Hall",    "Allen",    "King",   "Wright", "Scott"};

static const struct {
	const char *title;
	int seniority;
	double weight;
} titles[] = {
	{"CEO", 3, 2},
	{"Founder", 3, 1.5},
	{"Chief Revenue Officer", 3, 1.5},
	{"VP Sales", 3, 3},
	{"VP Marketing", 3, 2},
	{"Head of Revenue Operations", 2, 3},
	{"Sales Director", 2, 4},
	{"Head of Growth", 2, 2},
	{"Marketing Director", 2, 2},
	{"Sales Manager", 1, 5},
	{"Sales Operations Manager", 1, 4},
	{"Marketing Manager", 1, 4},
	{"SDR Team Lead", 1, 3},
	{"Business Developer", 0, 4},
	{"Sales Operations Analyst", 0, 3},
	{"Account Executive", 0, 3},
	{"Marketing Intern", 0, 1},
	{"Student", 0, 0.6},
};

static const char *const freemail[] = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com"};

/* Appends `len` random digits to buf at *k. */
static void digits(struct demo_rng *r, char *buf, size_t n, size_t *k, int len)
{
	int i;

	for (i = 0; i < len && *k + 1 < n; i++)
		buf[(*k)++] = (char)('0' + drng_below(r, 10));
	buf[*k] = '\0';
}

void demo_phone(struct demo_rng *r, const char *country, int mobile, char *buf, size_t n)
{
	size_t k;

	if (strcmp(country, "FR") == 0)
		snprintf(buf, n, "+33%s", mobile ? (drng_chance(r, 0.5) ? "6" : "7") : "1");
	else if (strcmp(country, "DE") == 0)
		snprintf(buf, n, "+49%s", mobile ? "151" : "30");
	else if (strcmp(country, "UK") == 0)
		snprintf(buf, n, "+44%s", mobile ? "7700" : "20");
	else
		snprintf(buf, n, "+1%s", mobile ? "917" : "212");
	k = strlen(buf);
	digits(r, buf, n, &k, strncmp(buf, "+1", 2) == 0 ? 7 : 8);
}

void demo_person_draw(struct demo_rng *r, const struct demo_company *c, int freemail_addr, struct demo_person *p)
{
	const char *const *first = first_en, *const *last = last_en;
	size_t nf = N(first_en), nl = N(last_en), i;
	double tw[N(titles)];
	const char *f, *l;
	char fs[32], ls[32];

	if (strcmp(c->country, "FR") == 0 || (strcmp(c->country, "CA") == 0 && drng_chance(r, 0.3))) {
		first = first_fr, nf = N(first_fr), last = last_fr, nl = N(last_fr);
	} else if (strcmp(c->country, "DE") == 0) {
		first = first_de, nf = N(first_de), last = last_de, nl = N(last_de);
	}
	f = first[drng_below(r, nf)];
	l = last[drng_below(r, nl)];
	for (i = 0; i < N(titles); i++)
		tw[i] = titles[i].weight;
	i = drng_weighted(r, tw, N(titles));
	snprintf(p->name, sizeof(p->name), "%s %s", f, l);
	snprintf(p->title, sizeof(p->title), "%s", titles[i].title);
	p->seniority = titles[i].seniority;
	slug(f, fs, sizeof(fs));
	slug(l, ls, sizeof(ls));
	if (freemail_addr)
		snprintf(p->email, sizeof(p->email), "%s.%s@%s", fs, ls, freemail[drng_below(r, N(freemail))]);
	else if (drng_chance(r, 0.2))
		snprintf(p->email, sizeof(p->email), "%c%s@%s", fs[0], ls, c->domain);
	else
		snprintf(p->email, sizeof(p->email), "%s.%s@%s", fs, ls, c->domain);
	demo_phone(r, c->country, 0, p->phone, sizeof(p->phone));
	demo_phone(r, c->country, 1, p->mobile, sizeof(p->mobile));
}

void demo_email_suffix(struct demo_person *p, int n)
{
	char *at = strchr(p->email, '@');
	char tail[96];

	if (!at)
		return;
	snprintf(tail, sizeof(tail), "%s", at);
	snprintf(at, sizeof(p->email) - (size_t)(at - p->email), "%d%s", n, tail);
}

void demo_rep_name(struct demo_rng *r, enum demo_region region, char *buf, size_t n)
{
	const char *f, *l;
	char fs[32], ls[32];

	if (region == REGION_EMEA && drng_chance(r, 0.5)) {
		f = first_fr[drng_below(r, N(first_fr))];
		l = last_fr[drng_below(r, N(last_fr))];
	} else if (region == REGION_EMEA && drng_chance(r, 0.4)) {
		f = first_de[drng_below(r, N(first_de))];
		l = last_de[drng_below(r, N(last_de))];
	} else {
		f = first_en[drng_below(r, N(first_en))];
		l = last_en[drng_below(r, N(last_en))];
	}
	slug(f, fs, sizeof(fs));
	slug(l, ls, sizeof(ls));
	snprintf(buf, n, "%s.%c", fs, ls[0]);
}

/* ---------------------------------------------------------------- text of notes and reasons */

static const char *const needs[] = {
	"Inbound leads wait hours for a first call",
	"No shared definition of a qualified lead between marketing and sales",
	"AEs ignore meetings booked by SDRs",
	"Forecast swings from quarter to quarter",
	"Handoff notes are thin and get lost",
	"Wants routing by territory and capacity",
	"Needs SLA reporting for the board",
	"Replacing spreadsheets for lead assignment",
};

static const char *const summaries[] = {
	"Team of 12 SDRs and 5 AEs; evaluating two vendors",
	"Inbound volume doubled since spring; response time is the pain",
	"New CRO wants one funnel report across regions",
	"Pilot for the DACH team first, then company-wide",
	"Strong interest after the webinar; asked for pricing",
	"Referred by an existing customer; budget approved",
	"Marketing and sales disagree on MQL numbers",
	"Wants meetings booked straight into AE calendars",
};

static const char *const changes[] = {
	"None",
	"New CRO since March",
	"Opened an office in Berlin",
	"Raised a Series B",
	"Merged with a competitor",
	"Reorganised sales into pods",
	"Hiring 10 SDRs this year",
	"Moved to a new CRM last quarter",
};

static const char *const systems[] = {
	"HubSpot, Aircall", "Salesforce, Outreach", "Pipedrive, Gmail",   "Salesforce, Salesloft",
	"HubSpot, Lemlist", "Dynamics 365, Teams",  "Zoho CRM, Ringover", "Spreadsheets and Outlook",
};

static const char *const lost[] = {
	"price", "chose a competitor", "no decision", "project postponed", "built it in house", "champion left"};

static const char *const dq[] = {"student",          "competitor", "no longer at the company",
				 "personal project", "spam form",  "job seeker"};

static const char *const churn[] = {
	"budget cut", "switched to a competitor", "low adoption", "acquired", "project ended", "champion left"};

/* The word list of each kind of text, indexed by enum demo_text. */
static const struct text_list {
	const char *const *words;
	size_t n;
} texts[TEXT_COUNT] = {
	[TEXT_NEED] = {needs, N(needs)},
	[TEXT_SUMMARY] = {summaries, N(summaries)},
	[TEXT_COMPANY_CHANGE] = {changes, N(changes)},
	[TEXT_SYSTEMS] = {systems, N(systems)},
	[TEXT_LOST_REASON] = {lost, N(lost)},
	[TEXT_DISQUALIFY_REASON] = {dq, N(dq)},
	[TEXT_CHURN_REASON] = {churn, N(churn)},
};

const char *demo_text(struct demo_rng *r, enum demo_text kind)
{
	return texts[kind].words[drng_below(r, texts[kind].n)];
}
