/* arena.c - region allocator; see arena.h. Blocks are chained; big requests get their own.
 * Under AddressSanitizer the free room of a block and a red zone after each allocation are
 * poisoned, so that a read or write past what was asked for is caught as with malloc. */
#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE 16 /* poisoned bytes after each allocation */
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define ARENA_REDZONE 0
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct block {
	struct block *next; /* older block */
	size_t used;        /* bytes handed out from data */
	size_t cap;         /* bytes in data */
	max_align_t data[]; /* the memory itself */
};

struct arena {
	struct block *head; /* newest block, NULL when empty */
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fputs("baton: out of memory\n", stderr);
		abort();
	}
	return p;
}

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof(*a));

	a->head = NULL;
	return a;
}

void arena_free(struct arena **ap)
{
	struct arena *a;
	struct block *b, *next;

	if (!ap || !*ap)
		return;
	a = *ap;
	*ap = NULL; /* first: ap may lie in the arena itself */
	for (b = a->head; b; b = next) {
		next = b->next;
		UNPOISON(b->data, b->cap);
		free(b);
	}
	free(a);
}

void arena_reset(struct arena *a)
{
	struct block *b, *next;

	if (!a->head)
		return;
	for (b = a->head->next; b; b = next) {
		next = b->next;
		UNPOISON(b->data, b->cap);
		free(b);
	}
	a->head->next = NULL;
	a->head->used = 0;
	POISON(a->head->data, a->head->cap);
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct block *b = a->head;
	size_t want = n;
	void *p;

	n = (n + ARENA_REDZONE + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		POISON(b->data, cap);
		if (a->head && n > ARENA_BLOCK) {
			/* keep the current block in front so its free room stays usable */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	UNPOISON(p, want);
	memset(p, 0, ARENA_REDZONE ? want : n); /* the padding too, when nothing guards it */
	return p;
}

void *arena_push(struct arena *a, void **items, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		void *bigger = arena_alloc(a, ncap * size);

		if (*n)
			memcpy(bigger, *items, *n * size);
		*items = bigger;
		*cap = ncap;
	}
	return memset((char *)*items + (*n)++ * size, 0, size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
