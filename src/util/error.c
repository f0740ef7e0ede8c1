/* error.c - filling struct bt_error; see error.h. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bt_error_clear(struct bt_error *e)
{
	memset(e, 0, sizeof(*e));
}

int bt_fail(struct bt_error *e, enum bt_code code, const char *field, int line, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = bt_vfail(e, code, field, line, fmt, ap);
	va_end(ap);
	return rc;
}

void *bt_calloc(size_t size, struct bt_error *err)
{
	void *p = calloc(1, size);

	if (!p)
		bt_fail(err, BT_STORAGE, NULL, 0, "out of memory");
	return p;
}

int bt_vfail(struct bt_error *e, enum bt_code code, const char *field, int line, const char *fmt, va_list ap)
{
	char msg[sizeof(e->message)], fld[sizeof(e->field)];

	if (!e)
		return -(int)code;
	/* format into copies first: the arguments may point into *e itself */
	snprintf(fld, sizeof(fld), "%s", field ? field : "");
	vsnprintf(msg, sizeof(msg), fmt, ap);
	e->code = code;
	e->line = line;
	memcpy(e->field, fld, sizeof(fld));
	memcpy(e->message, msg, sizeof(msg));
	return -(int)code;
}

const char *bt_code_name(enum bt_code code)
{
	static const char *const names[] = {"ok", "usage", "bad_input", "not_found", "refused", "storage", "denied"};

	if ((unsigned)code < sizeof(names) / sizeof(names[0]))
		return names[code];
	return "unknown";
}
