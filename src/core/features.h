/* features.h - what the fit model sees of a lead: one-hot feature names such as
 * "segment=saas", "size=51-200" or "seniority=vp", always one per group in a fixed order.
 * features_of() runs once per imported lead, so it writes into the caller's buffer and
 * allocates nothing. See docs/fit-model.md. */
#ifndef BATON_FEATURES_H
#define BATON_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/lead.h"

#define FEATURE_NAME_MAX 64 /* bytes of a feature name, NUL included; longer values are cut */
#define FEATURES_MAX 6      /* groups: segment, source, channel, size, country, seniority */

/* Seniority read from a job title, lowest first. */
enum seniority {
	SENIORITY_UNKNOWN,    /* no title */
	SENIORITY_INDIVIDUAL, /* a title with none of the words below */
	SENIORITY_MANAGER,    /* Manager, Lead */
	SENIORITY_DIRECTOR,   /* Director, Head */
	SENIORITY_VP,         /* VP, SVP, EVP, Vice President */
	SENIORITY_C_LEVEL,    /* CEO CTO CFO COO CMO CRO CIO CISO, Chief, Founder, Owner, President */
	SENIORITY_COUNT
};

/* Company size bands by employee count. */
enum size_band {
	SIZE_UNKNOWN, /* employees < 0 */
	SIZE_1_10,    /* 0..10 */
	SIZE_11_50,
	SIZE_51_200,
	SIZE_201_1000,
	SIZE_1001_5000,
	SIZE_5001_PLUS,
	SIZE_COUNT
};

/* Writes the lead's feature names into names[0..] (at most max, FEATURES_MAX is enough) in
 * the order segment, source, channel, size, country, seniority; returns how many. Values are
 * lower-cased; a missing segment, source or country is "=unknown". Allocates nothing. */
size_t features_of(const struct lead *l, char names[][FEATURE_NAME_MAX], size_t max);

/* The seniority of a title by case-insensitive whole-word match; the most senior word wins. */
enum seniority seniority_of(const char *title);

/* The band of an employee count (-1 or any negative: unknown). */
enum size_band size_band_of(int64_t employees);

/* The seniority's feature value ("c_level", "vp", ...); static string. */
const char *seniority_name(enum seniority s);

/* The band's feature value ("51-200", "5001+", "unknown"); static string. */
const char *size_band_name(enum size_band b);

/* Writes a human label for a feature name into buf ("segment is saas", "title is VP level",
 * "company has 51-200 employees"); an unrecognised name is copied as is. Returns buf. */
const char *feature_label(const char *feature, char *buf, size_t size);

#endif
