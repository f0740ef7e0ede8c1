/* playbook_priv.h - what the files of the playbook reader share; internal to src/core/playbook*.c.
 * The reader is in layers, each file calling only the ones below it:
 *   playbook.c         the API: the defaults, the checks across keys, the result;
 *   playbook_schema.c  the schema as data: one table of keys per map, readers of its own values;
 *   playbook_yaml.c    the text into one YAML document, refusing what libfyaml would mishandle;
 *   playbook_alias.c   the budget of what the aliases of the text would copy;
 *   playbook_walk.c    the walker: a map read against a table of keys, each value by its type,
 *                      the errors with their key path and line.
 * The YAML library stays inside the .c files: here a YAML value is a struct pb_node, opaque. */
#ifndef BATON_PLAYBOOK_PRIV_H
#define BATON_PLAYBOOK_PRIV_H

#include <stddef.h>

#include "core/playbook.h"

#define PB_PATH_MAX 128    /* longest key path kept, e.g. "qualification.handoff_requires.all[3]" */
#define PB_MAX_KEYS 32     /* most keys in one table */
#define PB_ANCHORS_MAX 100 /* anchors (&name) one playbook may define */
/* values the aliases (*name) of one playbook may copy in all, nested copies counted (an alias of
 * nothing counts 1) */
#define PB_ALIAS_VALUES_MAX 10000

/* The value of type `type` at offset `off` of the struct at base. */
#define PB_AT(base, off, type) ((type *)(void *)((char *)(base) + (off)))

/* A value of the YAML document (a map, a list or a scalar); only playbook_walk.c and
 * playbook_yaml.c see what it is. NULL stands for no value. */
struct pb_node;

struct pb_line {
	char path[PB_PATH_MAX]; /* key path or list item, e.g. "org.holidays[0]" */
	int line;               /* 1-based line where it was read */
};

struct pb_ctx {
	struct playbook *pb;    /* being filled */
	struct arena *arena;    /* pb->arena */
	struct pb_errors *errs; /* errors found so far; owned, freed after the parse */
	int nfound;             /* errors found, counting those past PB_MAX_ERRORS */
	struct pb_line *lines;  /* every key and list item read, in reading order; owned likewise */
	size_t nlines, caplines;
};

enum pb_type {
	PB_MAP,      /* a map read with the table `sub`, into the same base */
	PB_STR,      /* non-empty text -> const char * */
	PB_BOOL,     /* true or false -> int */
	PB_INT,      /* whole number >= min -> int */
	PB_I64,      /* whole number >= min -> int64_t */
	PB_FRACTION, /* number from 0 to 1 -> double */
	PB_DURATION, /* "5m", "24h", "10d" -> int64_t minutes */
	PB_HHMM,     /* "09:00" -> int minutes after midnight */
	PB_ENUM,     /* one name of `set` -> int, set->base + its index */
	PB_WORD,     /* one name of `set` -> const char *, the static name */
	PB_BITS,     /* a list of names of `set` -> unsigned, bit set->base + index */
	PB_LIST,     /* a list of at least `min` distinct texts -> struct pb_list */
	PB_READ,     /* read by the function `read` */
	PB_TYPE_COUNT
};

#define PB_REQUIRED 1 /* missing is an error */
#define PB_SETS_ON 2  /* when present, the int at `on` becomes 1 */

struct pb_key;
typedef void (*pb_read_fn)(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path,
			   int line);

struct pb_enum {
	const char *what;              /* what one name is, for messages: "role" */
	const char *const *names;      /* NULL-terminated; NULL to ask name_at */
	const char *(*name_at)(int i); /* the i-th name, NULL past the last */
	/* value (PB_ENUM) or bit (PB_BITS) of the first name */
	int base;
};

struct pb_key {
	const char *name;          /* NULL ends a table */
	enum pb_type type;         /* how the value is read */
	size_t off;                /* where the value goes, from the base of the struct being filled */
	const struct pb_key *sub;  /* PB_MAP: the map's keys */
	const struct pb_enum *set; /* PB_ENUM, PB_WORD, PB_BITS: the allowed names */
	pb_read_fn read;           /* PB_READ */
	long long min;             /* PB_INT, PB_I64: lowest value; PB_LIST, PB_BITS: fewest items */
	int flags;                 /* PB_REQUIRED, PB_SETS_ON */
	size_t on;                 /* PB_SETS_ON: offset of the int set to 1 */
};

/* Called for each pair of a map whose keys the team chooses, or each item of a list. */
typedef void (*pb_entry_fn)(struct pb_ctx *c, const char *name, struct pb_node *v, const char *path, int line, size_t i,
			    void *arg);
typedef void (*pb_item_fn)(struct pb_ctx *c, struct pb_node *v, const char *path, int line, size_t i, void *arg);

/* ---- playbook_walk.c: the parse context and its errors */

/* Starts a parse context that fills pb; pb_ctx_release() frees what it owns. */
void pb_ctx_init(struct pb_ctx *c, struct playbook *pb);
void pb_ctx_release(struct pb_ctx *c);

/* Records an error at key path `path` (may be "") and 1-based `line`. */
void pb_error(struct pb_ctx *c, const char *path, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- playbook_walk.c: values */

/* The 1-based line where n starts (its first scalar), or `fallback` if it has none. */
int pb_node_line(struct pb_node *n, int fallback);

/* 1 if v is absent, empty, ~ or null. */
int pb_is_null(struct pb_node *v);

/* What v is, for messages: "a map", "a list", `the text "x"`, "nothing"; arena-owned. */
const char *pb_kind(struct pb_ctx *c, struct pb_node *v);

/* The text of scalar v, copied into the arena; NULL after an error saying it expected `want`. */
const char *pb_text_of(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want);

/* The URL in scalar v, arena-owned: one of `schemes` (NULL-terminated, "https") then "://"
 * and a host, no white space; NULL after an error saying what is expected (with `example`). */
const char *pb_url_of(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *const *schemes,
		      const char *example);

/* The value of `key` in map m; NULL if there is none or m is not a map. */
struct pb_node *pb_lookup(struct pb_node *m, const char *key);

/* The index of name s in set e, or -1. */
int pb_set_find(const struct pb_enum *e, const char *s);

/* "a, b, c": the names of set e, arena-owned. */
const char *pb_set_list(struct pb_ctx *c, const struct pb_enum *e);

/* ---- playbook_walk.c: the walk */

/* Reads map m with the key table `keys` into base: unknown keys, missing required keys and
 * every value's own errors are recorded. */
void pb_walk_map(struct pb_ctx *c, struct pb_node *m, const struct pb_key *keys, void *base, const char *path,
		 int line);

/* Reads the root of a document with pb_walk_map: a missing key is the whole text's fault (line
 * 1), a root that is no map its own. Returns 0, or -1 when the root is no map. */
int pb_walk_root(struct pb_ctx *c, struct pb_node *root, const struct pb_key *keys, void *base);

/* Reads value v of key k into base. */
void pb_read_value(struct pb_ctx *c, struct pb_node *v, void *base, const struct pb_key *k, const char *path, int line);

/* Calls fn for each pair of map v; returns the number of pairs, or -1 after an error saying it
 * expected `want` when v is not a map. */
int pb_each_entry(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want, pb_entry_fn fn,
		  void *arg);

/* Calls fn for each item of list v (path "path[i]"); returns the number of items, or -1 after
 * an error saying it expected `want` when v is not a list. */
int pb_each_item(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want, pb_item_fn fn,
		 void *arg);

/* Reads map v into a new array of one zeroed element of `size` bytes per pair, arena-owned:
 * pb_each_entry calls fn with arg = the array. Returns the array and sets *n to the number of
 * pairs (0 when v is not a map, after the error). */
void *pb_read_entries(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want, size_t size,
		      pb_entry_fn fn, size_t *n);

/* The same for the items of list v, with pb_each_item. */
void *pb_read_items(struct pb_ctx *c, struct pb_node *v, const char *path, int line, const char *want, size_t size,
		    pb_item_fn fn, size_t *n);

/* ---- playbook_yaml.c: the text */

/* Parses text (len bytes) as one YAML document and returns use(c, its root); or -1 after
 * recording why the text is no document (not UTF-8, a NUL byte, a YAML error, aliases past
 * their budget, empty, a second document). */
int pb_yaml_read(struct pb_ctx *c, const char *text, size_t len, int (*use)(struct pb_ctx *c, struct pb_node *root));

/* ---- playbook_alias.c: the alias budget */

/* Reads text as YAML parse events, copying nothing, and adds up the values every alias would
 * copy (an alias of an anchor that holds aliases copies their copies too). Returns 0 when they
 * stay within PB_ALIAS_VALUES_MAX, the anchors within PB_ANCHORS_MAX and the nesting within
 * 256, else the 1-based line of the first value past a limit, with the reason written to msg
 * (msgsize bytes). YAML errors are left to the loader (0). */
int pb_alias_check(const char *text, size_t len, char *msg, size_t msgsize);

/* ---- playbook_intake.c: the intake section */

/* The keys of intake: (SPEC 8.9), into struct playbook. */
extern const struct pb_key pb_intake_keys[];

/* ---- playbook_notify.c: the notify section */

/* The keys of notify: (SPEC 8.6), into struct playbook. */
extern const struct pb_key pb_notify_keys[];

/* The keys of the signed webhook {url, secret_env}, into struct playbook's webhook: the old
 * escalation.webhook's (notify.channels.webhook reads the same). */
extern const struct pb_key pb_webhook_keys[];

/* ---- playbook_import.c: the import section */

/* The keys of import: (SPEC 8.8), into struct playbook. */
extern const struct pb_key pb_import_keys[];

/* ---- playbook_schema.c: the schema */

/* Reads the playbook text into c->pb, recording every error. Returns 0 when the text was a map
 * of keys (the checks across keys apply), -1 when it was no YAML document or no map. */
int pb_schema_read(struct pb_ctx *c, const char *text, size_t len);

/* Reads only the `stages` map of the playbook text into c->pb->stages (the built-in
 * playbook's, for the defaults); errors are recorded. */
void pb_schema_read_stages(struct pb_ctx *c, const char *text, size_t len);

#endif
