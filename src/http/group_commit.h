/* group_commit.h - group commit for intake over HTTP: request threads hand their validated lead to
 * one writer thread, which takes in every lead waiting, commits them in one transaction (one
 * fsync) and then wakes each request with its own answer. A 201 is still only sent once its
 * lead is durable; leads of one batch never see each other's failures except storage ones.
 * On PostgreSQL the writer has a second connection, on which each batch claims the turns of
 * its rotations in a short transaction of its own (work_claim), so that the batches of several
 * servers on one database run at once (docs/scaling.md). */
#ifndef BATON_GROUP_COMMIT_H
#define BATON_GROUP_COMMIT_H

#include <stdint.h>

#include "http/http.h"

struct group_commit;

/* Starts the writer over server s's store with its clock (http_service_open, http_now); s
 * outlives it. Returns it (stop with group_commit_stop) or NULL with *err filled. */
struct group_commit *group_commit_start(struct http_server *s, struct bt_error *err);

/* Stops the writer after the leads already handed over; frees it. */
void group_commit_stop(struct group_commit **g);

/* Hands lead `in` (strings in req's arena) to the writer and waits for the answer, which
 * fills resp: 201 new, 200 duplicate or replayed idempotent answer, or the error. */
void group_commit_intake(struct group_commit *g, struct http_req *req, struct lead *in, const char *key,
			 struct http_resp *resp);

#endif
