/* store_stats.h - whole-store counts that no use case needs but summaries do (`baton demo`
 * ends with them): cheap aggregate reads through db.h, never a write. */
#ifndef BATON_STORE_STATS_H
#define BATON_STORE_STATS_H

#include <stdint.h>

#include "util/error.h"

struct store;

/* How many events the store holds; *n. 0 or -BT_STORAGE. */
int store_event_count(struct store *s, int64_t *n, struct bt_error *err);

#endif
