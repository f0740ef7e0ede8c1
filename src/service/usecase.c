/* usecase.c - the entry of every use case that touches leads: its unit of work, caught up with
 * the clock; see usecase.h. It calls work.c and tick.c; only the use cases call it. */
#include "service/usecase.h"

#include "service/tick.h"

int usecase_begin(struct work *w, struct service *svc, struct bt_error *err)
{
	int rc = work_begin(w, svc, err);

	if (rc)
		return rc;
	/* the catch-up runs in this work; the use case then reads the routing state it left */
	if ((rc = tick_catch_up(w, err)) || (rc = work_settle(w, err))) {
		work_abort(w);
		return rc;
	}
	return 0;
}
