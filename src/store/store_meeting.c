/* store_meeting.c - the meetings table: meetings booked with an AE for a lead, their status
 * (booked, held, no_show, cancelled) and the invitation's sequence, listed by lead or by AE.
 * Portable SQL through db.h's row helpers; see store.h. */
#include "store/store.h"

#include <string.h>

#include "store/store_priv.h"
#include "util/arena.h"

#define MEETING_COLS "id, lead, ae, booked_by, start, minutes, status, created_at, sequence"

static void read_meeting(struct db *db, struct db_stmt *st, struct arena *a, void *out)
{
	struct meeting *m = out;
	const char *status;

	memset(m, 0, sizeof(*m));
	db_read(db, st, "iittidsid", a, NULL, &m->id, &m->lead, &m->ae, &m->booked_by, &m->start, &m->minutes, &status,
		&m->created_at, &m->sequence);
	meeting_status_parse(status, &m->status);
}

int store_meeting_add(struct store *s, struct meeting *m, struct bt_error *err)
{
	static const char sql[] = "INSERT INTO meetings(lead, ae, booked_by, start, minutes, status, created_at, "
				  "sequence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

	return db_add(s->db, sql, "ittidtid", &m->id, err, m->lead, m->ae, m->booked_by, m->start, m->minutes,
		      meeting_status_name(m->status), m->created_at, m->sequence);
}

int store_meetings_cancel(struct store *s, int64_t lead, int64_t *n, struct bt_error *err)
{
	static const char sql[] = "UPDATE meetings SET status = 'cancelled' WHERE lead = $1 AND status = 'booked'";
	int rc = db_run(s->db, sql, "i", err, lead);

	*n = rc ? 0 : db_changes(s->db);
	return rc;
}

int store_meeting_list(struct store *s, struct arena *a, int64_t lead, const char *ae, int64_t since,
		       struct meeting **out, size_t *n, struct bt_error *err)
{
	/* one statement per case, so that each uses its index (meetings_lead, meetings_ae) */
	static const char by_lead[] = "SELECT " MEETING_COLS " FROM meetings WHERE lead = $1 AND ($2 = '' OR ae = $2) "
				      "AND start + minutes * 60 > $3 ORDER BY start, id";
	static const char by_ae[] = "SELECT " MEETING_COLS " FROM meetings WHERE $1 = 0 AND ae = $2 AND "
				    "start >= $3 - 86400 AND start + minutes * 60 > $3 ORDER BY start, id";
	static const char all[] = "SELECT " MEETING_COLS " FROM meetings WHERE $1 = 0 AND $2 = '' AND "
				  "start + minutes * 60 > $3 ORDER BY start, id";
	struct db_stmt *st = db_query(s->db,
				      lead        ? by_lead
				      : ae && *ae ? by_ae
						  : all,
				      "iti", err, lead, ae ? ae : "", since);

	return store_list(s->db, st, read_meeting, a, (void **)out, n, sizeof(**out), err);
}

int store_meeting_get(struct store *s, struct arena *a, int64_t id, struct meeting *out, struct bt_error *err)
{
	static const char sql[] = "SELECT " MEETING_COLS " FROM meetings WHERE id = $1";
	int rc = store_one(s->db, db_query(s->db, sql, "i", err, id), read_meeting, a, out, err);

	return store_found(rc, err, "meeting", "no meeting %lld", (long long)id);
}

int store_meeting_set_status(struct store *s, int64_t id, enum meeting_status status, struct bt_error *err)
{
	static const char sql[] = "UPDATE meetings SET status = $1 WHERE id = $2";

	return db_run(s->db, sql, "ti", err, meeting_status_name(status), id);
}
