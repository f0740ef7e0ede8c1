/* demo_names.h - the raw material of `baton demo` (demo_names.c): a seeded random source of its
 * own and the synthetic companies, people, phone numbers and the text of notes and reasons the
 * driver draws from it. It knows nothing of the store or of the driver's state. */
#ifndef BATON_DEMO_NAMES_H
#define BATON_DEMO_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- random source (xoshiro256**) */

struct demo_rng {
	uint64_t s[4];
};

/* Seeds the generator through splitmix64 (any seed, 0 included, gives a good state). */
void drng_seed(struct demo_rng *r, uint64_t seed);
/* The next 64 random bits. */
uint64_t drng_next(struct demo_rng *r);
/* A uniform double in [0, 1). */
double drng_unit(struct demo_rng *r);
/* A uniform integer in [0, n); 0 when n is 0. */
uint64_t drng_below(struct demo_rng *r, uint64_t n);
/* 1 with probability p. */
int drng_chance(struct demo_rng *r, double p);
/* A log-normal draw with the given median and sigma (of the log). */
double drng_lognormal(struct demo_rng *r, double median, double sigma);
/* An index into weights[0..n) drawn in proportion to the weights. */
size_t drng_weighted(struct demo_rng *r, const double *weights, size_t n);

/* ---------------------------------------------------------------- companies and people */

enum demo_region { REGION_EMEA, REGION_NA, REGION_COUNT };

struct demo_company {
	char name[64];
	char domain[64];
	char country[4];      /* FR, DE, UK, US, CA */
	char territory[12];   /* FR, DE, UK, US-East, US-West, CA */
	const char *segment;  /* static */
	int64_t employees;
};

struct demo_person {
	char email[128];
	char name[64];
	char title[64];
	char phone[32];
	char mobile[32];
	int seniority;        /* 0 junior, 1 manager, 2 director, 3 executive */
};

/* Draws a company of `region` from the fixed pool (the same index gives the same company). */
void demo_company_draw(struct demo_rng *r, enum demo_region region, struct demo_company *c);
/* Draws a person at company c; with freemail the address is at a free-mail provider. The
 * email may collide with an earlier one: the caller makes it unique (demo_email_suffix). */
void demo_person_draw(struct demo_rng *r, const struct demo_company *c, int freemail, struct demo_person *p);
/* A phone number of `country` ("FR", ...), a mobile one if mobile, into buf (size n). */
void demo_phone(struct demo_rng *r, const char *country, int mobile, char *buf, size_t n);
/* Makes p->email unique by adding n (>= 2) before the '@'. */
void demo_email_suffix(struct demo_person *p, int n);
/* A rep's login name ("claire.m") drawn for region; unique-making is the caller's. */
void demo_rep_name(struct demo_rng *r, enum demo_region region, char *buf, size_t n);
/* The kinds of text drawn from a word list: qualification answers, handoff notes, reasons. */
enum demo_text {
	/* a qualification answer to "need" */
	TEXT_NEED,
	/* the handoff notes "summary", "company_changes" and "current_systems" */
	TEXT_SUMMARY,
	TEXT_COMPANY_CHANGE,
	TEXT_SYSTEMS,
	/* why a deal was lost, why a lead was disqualified, why a customer left */
	TEXT_LOST_REASON,
	TEXT_DISQUALIFY_REASON,
	TEXT_CHURN_REASON,
	TEXT_COUNT
};

/* A text of `kind` drawn from its word list (a static string). */
const char *demo_text(struct demo_rng *r, enum demo_text kind);
/* 64-bit FNV-1a of a string (hash sets of names and emails). */
uint64_t demo_hash(const char *s);

#endif
