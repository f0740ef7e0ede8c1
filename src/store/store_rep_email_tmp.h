/* store_rep_email_tmp.h - TEMPORARY (branch signin): the lookup of a rep by its email address
 * that helper NOTIFY adds to store.h with reps.email (migration 14). Delete this file and
 * store_rep_email_tmp.c at the merge and include store/store.h for NOTIFY's own. */
#ifndef BATON_STORE_REP_EMAIL_TMP_H
#define BATON_STORE_REP_EMAIL_TMP_H

#include "store/store.h"

/* Loads the rep whose email is `email` (normalised by core/email.c) into *out, as
 * store_rep_get does; -BT_NOT_FOUND if none. */
int store_rep_by_email(struct store *s, struct arena *a, const char *email, struct rep *out, struct bt_error *err);

#endif
