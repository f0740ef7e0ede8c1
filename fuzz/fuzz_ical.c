/* fuzz_ical.c - libFuzzer target for the iCalendar reader (src/io/ical*.c, libical): the input
 * is a calendar export, read for the busy intervals of a 180-day window with floating times
 * in Europe/Paris. What comes back must be sorted, merged, non-empty intervals that overlap
 * the window; its first line, if valid UTF-8, also becomes an invitation's summary. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ical.h"
#include "util/text.h"

#define FROM 1795392000LL /* 2026-11-23T00:00:00Z */
#define TO (FROM + 180LL * 86400)

static void check(const struct busy *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i].start >= b[i].end || b[i].end <= FROM || b[i].start >= TO)
			abort(); /* empty, or outside the window */
		if (i && b[i].start <= b[i - 1].end)
			abort(); /* not sorted, or not merged */
	}
}

static void invite(const char *text, size_t size)
{
	const char *nl = memchr(text, '\n', size);
	size_t len = nl ? (size_t)(nl - text) : size;
	struct ical_invite inv = {0};
	char summary[256];
	char *out;

	if (len >= sizeof(summary) || memchr(text, '\0', len) || !text_utf8_valid(text, len))
		return;
	memcpy(summary, text, len);
	summary[len] = '\0';
	inv.meeting_id = 7;
	inv.start = FROM + 9 * 3600;
	inv.minutes = 30;
	inv.attendee_email = "ana@example.com";
	inv.summary = summary;
	inv.description = summary;
	inv.status = "booked";
	inv.stamp = FROM;
	inv.uid_domain = "baton.local";
	out = ical_invite_write(&inv);
	if (!out)
		abort();
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct busy *b = NULL;
	struct bt_error err;
	size_t n = 0;
	char *copy = malloc(size ? size : 1);

	/* exactly size bytes, no NUL after them: a read past the end is caught */
	if (size)
		memcpy(copy, data, size);
	bt_error_clear(&err);
	if (ical_busy_read(copy, size, FROM, TO, "Europe/Paris", &b, &n, &err) == 0)
		check(b, n);
	else if (!err.message[0] || n != 0 || b)
		abort();
	free(b);
	invite(copy, size);
	free(copy);
	return 0;
}
