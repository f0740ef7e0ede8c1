/* error.h - the one error record that every layer fills and the adapters turn into an exit
 * code (CLI) or an HTTP status (server). Functions return 0 or a negative bt_code. */
#ifndef BATON_ERROR_H
#define BATON_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum bt_code {
	BT_OK = 0,
	BT_USAGE = 1,     /* wrong command line */
	BT_BAD_INPUT = 2, /* a value, file or body that does not validate */
	BT_NOT_FOUND = 3, /* the lead, rep, account ... does not exist */
	BT_REFUSED = 4,   /* invalid transition, rule, permission or conflict */
	BT_STORAGE = 5,   /* the store failed */
	BT_DENIED = 6,    /* refused because of who asks (role, ownership): exit 4, HTTP 403 */
};

struct bt_error {
	enum bt_code code;  /* BT_OK while no error was recorded */
	char field[64];     /* the field, key path or argument at fault, "" if none */
	int line;           /* 1-based line in a file, 0 if not from a file */
	char message[1024]; /* human sentence, without the "baton: " prefix */
};

/* Clears an error record to BT_OK. */
void bt_error_clear(struct bt_error *e);

/* Records an error (code, field or NULL, line or 0, printf message); returns -code. */
int bt_fail(struct bt_error *e, enum bt_code code, const char *field, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* bt_fail with the message's arguments as a va_list (for functions that take printf-style
 * arguments of their own); returns -code. */
int bt_vfail(struct bt_error *e, enum bt_code code, const char *field, int line, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

/* calloc(1, size) that records its failure: zeroed memory the caller frees, or NULL with *err
 * filled (BT_STORAGE, "out of memory"). */
void *bt_calloc(size_t size, struct bt_error *err);

/* The short machine name of a code ("bad_input", "refused", ...); static string. */
const char *bt_code_name(enum bt_code code);

#endif
