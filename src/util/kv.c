/* kv.c - ordered string pairs; see kv.h. */
#include "util/kv.h"

#include <string.h>

#include "util/arena.h"

void kv_set(struct kvlist *l, struct arena *a, const char *key, const char *value)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].key, key) == 0) {
			l->items[i].value = arena_strdup(a, value);
			return;
		}
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct kv *n = arena_alloc(a, cap * sizeof(*n));

		if (l->n)
			memcpy(n, l->items, l->n * sizeof(*n));
		l->items = n;
		l->cap = cap;
	}
	l->items[l->n].key = arena_strdup(a, key);
	l->items[l->n].value = arena_strdup(a, value);
	l->n++;
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].value;
	return NULL;
}
