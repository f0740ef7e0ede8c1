/* usecase.h - how a use case that touches leads begins: its unit of work (work.h), caught up
 * with the clock. The entry layer of src/service: above the unit of work and the timers
 * (tick.h), below the use cases that call it; so the catch-up can record through work.c and
 * record.c without a use case calling back into the timers. */
#ifndef BATON_SVC_USECASE_H
#define BATON_SVC_USECASE_H

#include "service/work.h"

/* Begins a unit of work on svc (work_begin) and runs in it what the clock already decided:
 * every obligation due by svc->now (the catch-up, tick_catch_up), so that a touch after the
 * speed-to-lead deadline finds the lead reassigned whether tick ran or not; then empties the
 * routing cache (work_settle) so the use case reads the state the catch-up left. Returns 0,
 * or a negative code with nothing left open. */
int usecase_begin(struct work *w, struct service *svc, struct bt_error *err);

#endif
