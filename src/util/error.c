/* error.c - filling struct bt_error; see error.h. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bt_error_clear(struct bt_error *e)
{
	memset(e, 0, sizeof(*e));
}

int bt_fail(struct bt_error *e, enum bt_code code, const char *field, int line, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -(int)code;
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	e->line = line;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return -(int)code;
}

const char *bt_code_name(enum bt_code code)
{
	static const char *const names[] = {"ok", "usage", "bad_input", "not_found", "refused", "storage"};

	if ((unsigned)code < sizeof(names) / sizeof(names[0]))
		return names[code];
	return "unknown";
}
