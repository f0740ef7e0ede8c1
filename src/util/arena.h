/* arena.h - a region allocator (nginx pools): everything allocated for one command or one
 * request is freed at once by arena_free(). Allocation failure aborts: baton cannot go on
 * without memory and must not half-write. */
#ifndef BATON_ARENA_H
#define BATON_ARENA_H

#include <stddef.h>

struct arena;

/* Returns a new empty arena; the caller frees it with arena_free(). */
struct arena *arena_new(void);

/* Frees every block of the arena and sets *ap to NULL; NULL-safe. *ap may lie in the arena
 * itself: an object allocated in the arena it owns is freed by arena_free(&obj->arena). */
void arena_free(struct arena **ap);

/* Frees everything allocated in the arena but keeps its newest block for reuse. */
void arena_reset(struct arena *a);

/* Returns n zeroed bytes owned by the arena, aligned for any type. */
void *arena_alloc(struct arena *a, size_t n);

/* Makes room for one more element in the array *items of *n elements of `size` bytes with
 * capacity *cap (doubling into a new arena block when full); returns a pointer to the new
 * zeroed element and increments *n. */
void *arena_push(struct arena *a, void **items, size_t *n, size_t *cap, size_t size);

/* Returns a copy of s owned by the arena; NULL for NULL. */
char *arena_strdup(struct arena *a, const char *s);

/* Returns a NUL-terminated copy of the first n bytes of s, owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Returns a printf-formatted string owned by the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
