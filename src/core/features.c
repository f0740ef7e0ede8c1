/* features.c - a lead's one-hot features for the fit model; see features.h. The hot path
 * (features_of) copies bytes by hand instead of calling snprintf: an import of a million
 * leads calls it a million times. Only ASCII letters are lower-cased, whatever the locale. */
#include "core/features.h"

#include <stdio.h>
#include <string.h>

#define WORD_MAX 16 /* title words longer than this match nothing */

static const char *const seniority_names[SENIORITY_COUNT] = {
	"unknown", "individual", "manager", "director", "vp", "c_level",
};

static const char *const size_names[SIZE_COUNT] = {
	"unknown", "1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+",
};

/* Title words and the seniority each one signals ("vice president" is handled apart). */
static const struct {
	const char *word;
	enum seniority s;
} title_words[] = {
	{"ceo", SENIORITY_C_LEVEL},     {"cto", SENIORITY_C_LEVEL},       {"cfo", SENIORITY_C_LEVEL},
	{"coo", SENIORITY_C_LEVEL},     {"cmo", SENIORITY_C_LEVEL},       {"cro", SENIORITY_C_LEVEL},
	{"cio", SENIORITY_C_LEVEL},     {"ciso", SENIORITY_C_LEVEL},      {"chief", SENIORITY_C_LEVEL},
	{"founder", SENIORITY_C_LEVEL}, {"cofounder", SENIORITY_C_LEVEL}, {"owner", SENIORITY_C_LEVEL},
	{"president", SENIORITY_C_LEVEL},
	{"vp", SENIORITY_VP},           {"svp", SENIORITY_VP},            {"evp", SENIORITY_VP},
	{"director", SENIORITY_DIRECTOR}, {"head", SENIORITY_DIRECTOR},
	{"manager", SENIORITY_MANAGER}, {"lead", SENIORITY_MANAGER},
};

/* Feature groups whose value is shown as is in a label. */
static const struct {
	const char *prefix;  /* "segment=" */
	const char *fmt;     /* label with the value */
	const char *unknown; /* label of "=unknown" */
	int upper;           /* show the value upper-cased (country codes) */
} label_groups[] = {
	{"segment=", "segment is %s", "segment unknown", 0},
	{"source=", "source is %s", "source unknown", 0},
	{"channel=", "channel is %s", "channel unknown", 0},
	{"size=", "company has %s employees", "company size unknown", 0},
	{"country=", "country is %s", "country unknown", 1},
};

static const char *const seniority_labels[SENIORITY_COUNT] = {
	"no title given", "title is individual contributor", "title is manager level",
	"title is director level", "title is VP level", "title is C-level",
};

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Writes prefix + lower-cased value (or "unknown") into dst, cut at a UTF-8 boundary. */
static void put(char *dst, const char *prefix, const char *val)
{
	size_t i = 0, start, j;

	while (prefix[i]) {
		dst[i] = prefix[i];
		i++;
	}
	if (!val || !*val)
		val = "unknown";
	start = i;
	for (j = 0; val[j] && i < FEATURE_NAME_MAX - 1; j++)
		dst[i++] = lower(val[j]);
	if (((unsigned char)val[j] & 0xC0) == 0x80) { /* cut inside a multi-byte character */
		while (i > start && ((unsigned char)dst[i - 1] & 0xC0) == 0x80)
			i--;
		if (i > start)
			i--;
	}
	dst[i] = '\0';
}

size_t features_of(const struct lead *l, char names[][FEATURE_NAME_MAX], size_t max)
{
	size_t n = 0;

	if (n < max)
		put(names[n++], "segment=", l->segment);
	if (n < max)
		put(names[n++], "source=", l->source);
	if (n < max)
		put(names[n++], "channel=", channel_name(l->channel));
	if (n < max)
		put(names[n++], "size=", size_names[size_band_of(l->employees)]);
	if (n < max)
		put(names[n++], "country=", l->country);
	if (n < max)
		put(names[n++], "seniority=", seniority_names[seniority_of(l->title)]);
	return n;
}

static enum seniority word_seniority(const char *word, const char *prev)
{
	size_t i;

	if (word[0] == 'p' && strcmp(word, "president") == 0 && strcmp(prev, "vice") == 0)
		return SENIORITY_VP;
	for (i = 0; i < sizeof(title_words) / sizeof(title_words[0]); i++)
		if (title_words[i].word[0] == word[0] && strcmp(word, title_words[i].word) == 0)
			return title_words[i].s;
	return SENIORITY_INDIVIDUAL;
}

enum seniority seniority_of(const char *title)
{
	enum seniority best = SENIORITY_UNKNOWN, s;
	char word[WORD_MAX], prev[WORD_MAX] = "";
	const char *p = title;
	size_t n;

	while (p && *p) {
		while (*p && !is_alnum(*p))
			p++;
		if (!*p)
			break;
		for (n = 0; is_alnum(*p); p++)
			if (n < WORD_MAX)
				word[n++] = lower(*p);
		if (n == WORD_MAX) /* too long to be one of the words */
			n = 0;
		word[n] = '\0';
		s = word_seniority(word, prev);
		if (s > best)
			best = s;
		memcpy(prev, word, n + 1);
	}
	return best;
}

enum size_band size_band_of(int64_t employees)
{
	static const int64_t upper[] = {10, 50, 200, 1000, 5000};
	size_t i;

	if (employees < 0)
		return SIZE_UNKNOWN;
	for (i = 0; i < sizeof(upper) / sizeof(upper[0]); i++)
		if (employees <= upper[i])
			return (enum size_band)(SIZE_1_10 + i);
	return SIZE_5001_PLUS;
}

const char *seniority_name(enum seniority s)
{
	return (unsigned)s < SENIORITY_COUNT ? seniority_names[s] : "unknown";
}

const char *size_band_name(enum size_band b)
{
	return (unsigned)b < SIZE_COUNT ? size_names[b] : "unknown";
}

const char *feature_label(const char *feature, char *buf, size_t size)
{
	char val[FEATURE_NAME_MAX];
	size_t i, plen, k;

	if (!size)
		return buf;
	if (strncmp(feature, "seniority=", 10) == 0)
		for (i = 0; i < SENIORITY_COUNT; i++)
			if (strcmp(feature + 10, seniority_names[i]) == 0) {
				snprintf(buf, size, "%s", seniority_labels[i]);
				return buf;
			}
	for (i = 0; i < sizeof(label_groups) / sizeof(label_groups[0]); i++) {
		plen = strlen(label_groups[i].prefix);
		if (strncmp(feature, label_groups[i].prefix, plen) != 0)
			continue;
		if (strcmp(feature + plen, "unknown") == 0) {
			snprintf(buf, size, "%s", label_groups[i].unknown);
			return buf;
		}
		snprintf(val, sizeof(val), "%s", feature + plen);
		for (k = 0; label_groups[i].upper && val[k]; k++)
			if (val[k] >= 'a' && val[k] <= 'z')
				val[k] = (char)(val[k] - 'a' + 'A');
		snprintf(buf, size, label_groups[i].fmt, val);
		return buf;
	}
	snprintf(buf, size, "%s", feature);
	return buf;
}
