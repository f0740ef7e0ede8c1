/* file.c - whole-file reads with a cap; see file.h. */
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int file_read(const char *path, size_t max, char **out, size_t *len, struct bt_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	int rc = 0;

	if (!f)
		return bt_fail(err, errno == ENOENT ? BT_NOT_FOUND : BT_BAD_INPUT, "file", 0, "cannot read %s: %s",
			       path, strerror(errno));
	do {
		if (n + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap);
			if (!nb) {
				rc = bt_fail(err, BT_BAD_INPUT, "file", 0, "%s: out of memory", path);
				goto done;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			rc = bt_fail(err, BT_BAD_INPUT, "file", 0, "%s is larger than %zu bytes", path, max);
			goto done;
		}
	} while (got > 0);
	if (ferror(f))
		rc = bt_fail(err, BT_BAD_INPUT, "file", 0, "cannot read %s", path);
done:
	fclose(f);
	if (rc) {
		free(buf);
		return rc;
	}
	if (!buf) {
		buf = malloc(1);
		if (!buf)
			return bt_fail(err, BT_BAD_INPUT, "file", 0, "out of memory");
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}
