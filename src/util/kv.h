/* kv.h - a small ordered list of string pairs (qualification answers, handoff notes, parsed
 * key=value arguments). Keys are unique: setting an existing key replaces its value. */
#ifndef BATON_KV_H
#define BATON_KV_H

#include <stddef.h>

struct arena;

struct kv {
	const char *key;
	const char *value;
};

struct kvlist {
	struct kv *items; /* n pairs, in the order first set; owned by the arena given to kv_set */
	size_t n;
	size_t cap;
};

/* Sets key to value (both copied into a), replacing an existing value. */
void kv_set(struct kvlist *l, struct arena *a, const char *key, const char *value);

/* The value of key, or NULL; borrowed from l. */
const char *kv_get(const struct kvlist *l, const char *key);

#endif
