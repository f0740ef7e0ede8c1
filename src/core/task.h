/* task.h - the closed vocabulary of follow-up tasks (SPEC section 4, tasks): their kinds (the
 * playbook's names, enum pb_task in playbook.h, which gives each to a role) and their
 * statuses. Enums inside baton; the names only at the edges (the store's columns, JSON, the
 * command line). */
#ifndef BATON_TASK_H
#define BATON_TASK_H

#include "core/playbook.h"

enum task_status { TASK_OPEN, TASK_DONE, TASK_CANCELLED, TASK_STATUS_COUNT };

/* The status's name as stored and exported ("open"); static string, "?" if none. */
const char *task_status_name(enum task_status s);

/* Sets *out to the status named name; 0, or -1 if none has that name. */
int task_status_parse(const char *name, enum task_status *out);

/* Sets *out to the task kind named name ("reschedule_no_show", pb_task_name()); 0, or -1 if
 * none has that name. */
int task_kind_parse(const char *name, enum pb_task *out);

#endif
