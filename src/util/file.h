/* file.h - reading a whole (small) file, with a size cap, for the playbook and iCalendar. */
#ifndef BATON_FILE_H
#define BATON_FILE_H

#include <stddef.h>

#include "util/error.h"

/* Reads path into a NUL-terminated buffer (*out, freed by the caller with free()) of *len
 * bytes; refuses files over max bytes. 0, -BT_NOT_FOUND or -BT_BAD_INPUT. */
int file_read(const char *path, size_t max, char **out, size_t *len, struct bt_error *err);

#endif
