/* task.c - the names of the task kinds and statuses; see task.h. */
#include "core/task.h"

#include <string.h>

#include "util/names.h"

static const char *const status_names[TASK_STATUS_COUNT] = {
	[TASK_OPEN] = "open",
	[TASK_DONE] = "done",
	[TASK_CANCELLED] = "cancelled",
};

const char *task_status_name(enum task_status s)
{
	return names_at(status_names, TASK_STATUS_COUNT, (int)s, "?");
}

int task_status_parse(const char *name, enum task_status *out)
{
	int i = names_find(status_names, TASK_STATUS_COUNT, name);

	if (i >= 0)
		*out = (enum task_status)i;
	return i < 0 ? -1 : 0;
}

int task_kind_parse(const char *name, enum pb_task *out)
{
	int i;

	for (i = 0; name && i < PB_TASK_COUNT; i++)
		if (strcmp(pb_task_name((enum pb_task)i), name) == 0) {
			*out = (enum pb_task)i;
			return 0;
		}
	return -1;
}
