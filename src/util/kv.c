/* kv.c - ordered string pairs; see kv.h. */
#include "util/kv.h"

#include <string.h>

#include "util/arena.h"

void kv_set(struct kvlist *l, struct arena *a, const char *key, const char *value)
{
	struct kv *kv;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].key, key) == 0) {
			l->items[i].value = arena_strdup(a, value);
			return;
		}
	}
	kv = arena_push(a, (void **)&l->items, &l->n, &l->cap, sizeof(*kv));
	kv->key = arena_strdup(a, key);
	kv->value = arena_strdup(a, value);
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].value;
	return NULL;
}
