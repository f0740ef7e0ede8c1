--src: schema.sql - baton's schema for both engines, the one place a migration is written.
--src: tools/schema.sh writes each engine's text from it at build time (build/gen/schema_*.sql,
--src: embedded in the binary): a line tagged "--sqlite:" is SQLite's only, "--pg:" PostgreSQL's
--src: only ("--src:" lines, these, neither's); every other line is both engines', in SQLite's
--src: words, which PostgreSQL's text maps: INTEGER to BIGINT (SQLite's INTEGER is 64-bit), an
--src: "id INTEGER PRIMARY KEY" to an identity column, REAL to DOUBLE PRECISION.
--sqlite:-- baton's schema for SQLite. Each "-- migration N" section runs once, in order, in its own
--sqlite:-- transaction, when a store is opened; meta.schema_version records the last one applied.
--sqlite:-- Times are seconds since the epoch (UTC). Events are append-only (triggers refuse changes).
--pg:-- baton's schema for PostgreSQL: the same "-- migration N" sections as sqlite.sql, each run
--pg:-- once, in order, in its own transaction (under an advisory lock, so two servers starting at
--pg:-- once never race); meta.schema_version records the last one applied. Integers are BIGINT
--pg:-- (SQLite's INTEGER is 64-bit), ids come from identity columns, events are append-only (a
--pg:-- trigger raises). Times are seconds since the epoch (UTC).

-- migration 1
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE playbooks (
  version    INTEGER PRIMARY KEY,
  applied_at INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  text       TEXT NOT NULL
);
CREATE TABLE reps (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL CHECK (role IN ('mrr','sdr','ae','csm','manager')),
  team        TEXT,
  manager     TEXT,
  territories TEXT,
  pod         TEXT,
  capacity    INTEGER NOT NULL DEFAULT -1,
  hours_start INTEGER NOT NULL DEFAULT -1,
  hours_end   INTEGER NOT NULL DEFAULT -1,
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL
);
CREATE TABLE accounts (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  domain     TEXT NOT NULL UNIQUE,
  segment    TEXT,
  employees  INTEGER,
  territory  TEXT,
  owner      TEXT REFERENCES reps(name),
  sdr        TEXT REFERENCES reps(name),
  target     INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE leads (
  id             INTEGER PRIMARY KEY,
  email          TEXT NOT NULL UNIQUE,
  name           TEXT,
  title          TEXT,
  company        TEXT,
  phone          TEXT,
  mobile         TEXT,
  source         TEXT,
  channel        TEXT NOT NULL,
  segment        TEXT,
  employees      INTEGER,
  country        TEXT,
  territory      TEXT,
  account        INTEGER REFERENCES accounts(id),
  stage          TEXT NOT NULL,
  owner          TEXT REFERENCES reps(name),
  handed_by      TEXT REFERENCES reps(name),
  ae             TEXT REFERENCES reps(name),
  score          REAL,
  grade          TEXT,
  reason         TEXT,
  answers        TEXT NOT NULL DEFAULT '{}',
  notes          TEXT NOT NULL DEFAULT '{}',
  reviewed       INTEGER NOT NULL DEFAULT 0,
  nurture_until  INTEGER,
  amount         INTEGER NOT NULL DEFAULT 0,
  touches        INTEGER NOT NULL DEFAULT 0,
  first_touch_at INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX leads_owner ON leads(owner, stage);
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  type       TEXT NOT NULL,
  lead       INTEGER REFERENCES leads(id),
  actor      TEXT NOT NULL,
  from_stage TEXT,
  to_stage   TEXT,
  data       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_lead ON events(lead, id);
--pg:CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
--pg:BEGIN
--pg:  RAISE EXCEPTION 'events are append-only' USING ERRCODE = 'integrity_constraint_violation';
--pg:END $$;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
--sqlite:BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--pg:  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
--sqlite:BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--pg:  FOR EACH ROW EXECUTE FUNCTION events_append_only();
--pg:CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
--pg:  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
CREATE TABLE obligations (
  id         INTEGER PRIMARY KEY,
  rule       TEXT NOT NULL,
  lead       INTEGER NOT NULL REFERENCES leads(id),
  owner      TEXT REFERENCES reps(name),
  due        INTEGER NOT NULL,
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','met','breached','cancelled')),
  opened_at  INTEGER NOT NULL,
  closed_at  INTEGER,
  data       TEXT NOT NULL DEFAULT '{}'
);
--sqlite:CREATE INDEX obligations_open ON obligations(status, due);
--pg:CREATE INDEX obligations_open ON obligations(status, due, id); -- in claim order: LIMIT 1 needs no sort
CREATE INDEX obligations_lead ON obligations(lead);
CREATE TABLE meetings (
  id         INTEGER PRIMARY KEY,
  lead       INTEGER NOT NULL REFERENCES leads(id),
  ae         TEXT NOT NULL REFERENCES reps(name),
  booked_by  TEXT NOT NULL REFERENCES reps(name),
  start      INTEGER NOT NULL,
  minutes    INTEGER NOT NULL,
  status     TEXT NOT NULL DEFAULT 'booked'
             CHECK (status IN ('booked','held','no_show','rescheduled','cancelled')),
  created_at INTEGER NOT NULL
);
CREATE INDEX meetings_ae ON meetings(ae, start);
CREATE INDEX meetings_lead ON meetings(lead);
CREATE TABLE credits (
  id     INTEGER PRIMARY KEY,
  event  INTEGER NOT NULL REFERENCES events(id),
  lead   INTEGER REFERENCES leads(id),
  rep    TEXT,
  kind   TEXT NOT NULL,
  amount INTEGER NOT NULL DEFAULT 0,
  at     INTEGER NOT NULL
);
CREATE TABLE tokens (
  id         INTEGER PRIMARY KEY,
  hash       TEXT NOT NULL UNIQUE,
  rep        TEXT REFERENCES reps(name),
  intake     INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- migration 2
-- notifications for people and systems (managers told of unassigned leads, breaches,
-- escalations, handoffs); the server's webhooks drain it.
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  rep          TEXT REFERENCES reps(name),
  lead         INTEGER REFERENCES leads(id),
  payload      TEXT NOT NULL DEFAULT '{}',
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_at      INTEGER,
  delivered_at INTEGER
);
CREATE INDEX outbox_pending ON outbox(delivered_at, next_at);
CREATE TABLE models (
  version    INTEGER PRIMARY KEY,
  trained_at INTEGER NOT NULL,
  data       TEXT NOT NULL
);

-- migration 3
-- the agreement enforced: obligation progress, follow-up tasks, calendars, rejection streaks
ALTER TABLE obligations ADD COLUMN meeting INTEGER REFERENCES meetings(id);
ALTER TABLE obligations ADD COLUMN need INTEGER NOT NULL DEFAULT 0;
ALTER TABLE obligations ADD COLUMN progress INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN mql_at INTEGER;
ALTER TABLE meetings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
CREATE TABLE tasks (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  lead       INTEGER NOT NULL REFERENCES leads(id),
  meeting    INTEGER REFERENCES meetings(id),
  role       TEXT NOT NULL,
  rep        TEXT REFERENCES reps(name),
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
  created_at INTEGER NOT NULL,
  done_at    INTEGER,
  done_by    TEXT,
  note       TEXT
);
CREATE INDEX tasks_rep ON tasks(rep, status);
CREATE INDEX tasks_lead ON tasks(lead);
CREATE TABLE availability (
  id     INTEGER PRIMARY KEY,
  rep    TEXT NOT NULL REFERENCES reps(name),
  start  INTEGER NOT NULL,
  finish INTEGER NOT NULL,
  kind   TEXT NOT NULL CHECK (kind IN ('free','busy')),
  source TEXT NOT NULL
);
CREATE INDEX availability_rep ON availability(rep, start);
CREATE TABLE streaks (
  ae         TEXT NOT NULL,
  source     TEXT NOT NULL,
  rejections INTEGER NOT NULL,
  PRIMARY KEY (ae, source)
);

-- migration 4
-- the HTTP API: first answers to Idempotency-Key, replayed across restarts
CREATE TABLE idempotency (
  token      INTEGER NOT NULL REFERENCES tokens(id),
  key        TEXT NOT NULL,
  status     INTEGER NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (token, key)
);
-- a rep's work list reads its obligations
CREATE INDEX obligations_owner ON obligations(owner, status);

-- migration 5
-- reports: one narrow row per lead, the part of its projection the reports scan (written with
-- the lead, in the same transaction), and an index over the events the handoff report reads.
-- channel and stage are the enum values of core/stage.h; at_<stage> is when the lead first
-- reached that stage (NULL: never); speed is minutes to the first touch (NULL: untouched).
CREATE TABLE lead_facts (
  lead            INTEGER PRIMARY KEY REFERENCES leads(id),
  created_at      INTEGER NOT NULL,
  channel         INTEGER NOT NULL,
  source          TEXT,
  segment         TEXT,
  grade           TEXT,
  worked_by       TEXT,
  stage           INTEGER NOT NULL,
  reached         INTEGER NOT NULL,
  at_inquiry      INTEGER,
  at_mql          INTEGER,
  at_working      INTEGER,
  at_handoff      INTEGER,
  at_sql          INTEGER,
  at_won          INTEGER,
  at_live         INTEGER,
  at_lost         INTEGER,
  at_filtered     INTEGER,
  at_nurture      INTEGER,
  at_disqualified INTEGER,
  at_target       INTEGER,
  speed           INTEGER,
  amount          INTEGER NOT NULL DEFAULT 0,
  variant         TEXT,
  replied         INTEGER NOT NULL DEFAULT 0
);
-- leads stored before this migration: what their current row tells (the stage they are in)
INSERT INTO lead_facts(lead, created_at, channel, source, segment, grade, worked_by, stage, reached,
                       at_mql, speed, amount)
SELECT id, created_at, CASE channel WHEN 'outbound' THEN 1 ELSE 0 END, source, segment, grade, owner, s.n,
       1 << s.n, mql_at, CASE WHEN first_touch_at IS NULL THEN NULL ELSE (first_touch_at - created_at) / 60 END, amount
FROM leads JOIN (SELECT 'inquiry' AS name, 0 AS n UNION ALL SELECT 'mql', 1 UNION ALL SELECT 'working', 2
                 UNION ALL SELECT 'handoff', 3 UNION ALL SELECT 'sql', 4 UNION ALL SELECT 'won', 5
                 UNION ALL SELECT 'live', 6 UNION ALL SELECT 'lost', 7 UNION ALL SELECT 'filtered', 8
                 UNION ALL SELECT 'nurture', 9 UNION ALL SELECT 'disqualified', 10 UNION ALL SELECT 'target', 11) s
     ON s.name = leads.stage;
CREATE INDEX events_handoff_report ON events(type)
  WHERE type IN ('handoff', 'accept', 'reject', 'meeting_held', 'won', 'lost', 'tune_out');

-- migration 6
-- credit caps count a lead's credits of a kind: an index instead of a scan of every credit
CREATE INDEX credits_lead ON credits(lead, kind);

-- migration 7
-- the sla report by nothing counts the obligations of each rule and status due in a period (a
-- range of this index each); by rep or team it reads rule, status and owner from it, nothing else
CREATE INDEX obligations_report ON obligations(rule, status, due, owner);

-- migration 8
-- the funnel by nothing counts the leads created in a period per set of stages reached: this
-- index lets the store count them in order, reading nothing else
CREATE INDEX lead_facts_funnel ON lead_facts(reached, created_at);

-- migration 9
-- SPEC 8.1-8.2: an obligation nobody owns yet waits for its pool (the role of its rotation);
-- reassigns counts the reassignments that led to it (at most the rule's max_reassign); a
-- breached one stays in its owner's queue until settled_at (done_at when its work was done)
ALTER TABLE obligations ADD COLUMN pool TEXT;
ALTER TABLE obligations ADD COLUMN reassigns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE obligations ADD COLUMN settled_at INTEGER;
ALTER TABLE obligations ADD COLUMN done_at INTEGER;

-- migration 10
-- SPEC 8.5: a rep's weight in a weighted rotation (1 to 100); the routing report reads the
-- routing events of a period through an index of their own
ALTER TABLE reps ADD COLUMN weight INTEGER NOT NULL DEFAULT 1;
CREATE INDEX events_routing_report ON events(type, at)
  WHERE type = 'assigned' OR type = 'reassigned' OR type = 'unassigned';

-- migration 11
-- SPEC 8.3: a rep away from start to finish (exclusive), entered by hand or from an imported
-- calendar's out-of-office events (source); due is when its start is processed (its untouched
-- leads back to the rotation, its manager told), NULL once begun (begun_at) or cancelled. One
-- cancelled once begun ends at the cancellation (finish cut to it).
CREATE TABLE absences (
  id           INTEGER PRIMARY KEY,
  rep          TEXT NOT NULL REFERENCES reps(name),
  start        INTEGER NOT NULL,
  finish       INTEGER NOT NULL,
  reason       TEXT,
  source       TEXT NOT NULL CHECK (source IN ('manual','ics')),
  created_at   INTEGER NOT NULL,
  cancelled_at INTEGER,
  begun_at     INTEGER,
  due          INTEGER
);
CREATE INDEX absences_rep ON absences(rep, start);
CREATE INDEX absences_due ON absences(due);

-- migration 12
-- SPEC 8.4: a rep's own time zone (rep set --timezone; NULL: its team's, else the org's) and a
-- lead's (given at intake; NULL: derived from a single-zone country, else unknown)
ALTER TABLE reps ADD COLUMN timezone TEXT;
ALTER TABLE leads ADD COLUMN timezone TEXT;

-- migration 13
-- The hot tables' checks without a temporary table: SQLite tests `x IN (...)` of more than two
-- values, in a CHECK or an index's WHERE, by building a table in memory for every row written
-- (every event appended, every obligation opened or closed: about a quarter of the CPU of
-- issue 15's catch-up); the same test written with OR is plain comparisons. The same rows.
-- The handoff report's partial index (store_report.c asks with the same words, so that SQLite
-- may use it; PostgreSQL proves its IN list within the OR):
DROP INDEX events_handoff_report;
CREATE INDEX events_handoff_report ON events(type)
  WHERE type = 'handoff' OR type = 'accept' OR type = 'reject' OR type = 'meeting_held' OR type = 'won'
     OR type = 'lost' OR type = 'tune_out';
-- The obligations' status: SQLite changes a CHECK only by copying the table (its columns in the
-- order the migrations up to 9 left them) and making its indexes again; PostgreSQL's stays.
--sqlite:CREATE TABLE obligations_new (
--sqlite:  id         INTEGER PRIMARY KEY,
--sqlite:  rule       TEXT NOT NULL,
--sqlite:  lead       INTEGER NOT NULL REFERENCES leads(id),
--sqlite:  owner      TEXT REFERENCES reps(name),
--sqlite:  due        INTEGER NOT NULL,
--sqlite:  status     TEXT NOT NULL DEFAULT 'open'
--sqlite:             CHECK (status = 'open' OR status = 'met' OR status = 'breached' OR status = 'cancelled'),
--sqlite:  opened_at  INTEGER NOT NULL,
--sqlite:  closed_at  INTEGER,
--sqlite:  data       TEXT NOT NULL DEFAULT '{}',
--sqlite:  meeting    INTEGER REFERENCES meetings(id),
--sqlite:  need       INTEGER NOT NULL DEFAULT 0,
--sqlite:  progress   INTEGER NOT NULL DEFAULT 0,
--sqlite:  pool       TEXT,
--sqlite:  reassigns  INTEGER NOT NULL DEFAULT 0,
--sqlite:  settled_at INTEGER,
--sqlite:  done_at    INTEGER
--sqlite:);
--sqlite:INSERT INTO obligations_new(id, rule, lead, owner, due, status, opened_at, closed_at, data, meeting, need,
--sqlite:                            progress, pool, reassigns, settled_at, done_at)
--sqlite:  SELECT id, rule, lead, owner, due, status, opened_at, closed_at, data, meeting, need, progress, pool,
--sqlite:         reassigns, settled_at, done_at FROM obligations;
--sqlite:DROP TABLE obligations;
--sqlite:ALTER TABLE obligations_new RENAME TO obligations;
--sqlite:CREATE INDEX obligations_open ON obligations(status, due);
--sqlite:CREATE INDEX obligations_lead ON obligations(lead);
--sqlite:CREATE INDEX obligations_owner ON obligations(owner, status);
--sqlite:CREATE INDEX obligations_report ON obligations(rule, status, due, owner);

-- migration 14
-- SPEC 8.6: a rep's contact details: an email (normalised as a lead's, unique: signing in by
-- link finds the rep by it) and a Slack member id (mentioned in Slack messages).
ALTER TABLE reps ADD COLUMN email TEXT;
ALTER TABLE reps ADD COLUMN slack TEXT;
CREATE UNIQUE INDEX reps_email ON reps(email);
-- The outbox holds one row per (notification, channel): the channel it goes by (NULL: a kind
-- that is on but goes by no channel), where to (an email address; NULL for Slack and the
-- webhook, which have one address each), and what became of it: pending (to send when next_at
-- comes, baton's clock), sent (delivered_at), skipped (a reminder whose obligation was no
-- longer open when it came due) or undeliverable (no channel or no address: kept, never sent);
-- last_error says why the last attempt failed, or why it cannot go. A sender claims a pending
-- row until claimed_until (the wall clock: two servers on one store never send it twice; a
-- crash lets it go when the claim runs out). The values of channel and status come from the
-- closed sets of src/store/store_outbox.c; no CHECK, nor an index of the undeliverable rows,
-- weighs on the catch-up's many inserts (a tick of 13,000 breaches paid 3% for them).
ALTER TABLE outbox ADD COLUMN channel TEXT DEFAULT 'webhook';
ALTER TABLE outbox ADD COLUMN address TEXT;
ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
UPDATE outbox SET status = 'sent' WHERE delivered_at IS NOT NULL;
DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox(next_at) WHERE status = 'pending';
-- how many notifications of each row kind were undeliverable (/metrics), counted as the rows
-- are written: shared by every server on the store
CREATE TABLE notify_undeliverable (
  kind TEXT PRIMARY KEY,
  n    INTEGER NOT NULL
);

-- migration 15
-- SPEC 8.7: sign-in by emailed link. A link is a random token sent once to a rep's email and
-- stored only as its hash (hex BLAKE2b-256): it signs its rep in once (used_at) until
-- expires_at (15 minutes after created_at). A session is what the link's cookie names, stored
-- only as its hash too: alive while last_seen_at is within the idle limit (12 hours) and it
-- was not signed out (revoked_at). Both stay as the history of who signed in when.
CREATE TABLE signin_links (
  id         INTEGER PRIMARY KEY,
  hash       TEXT NOT NULL UNIQUE,
  rep        TEXT NOT NULL REFERENCES reps(name),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX signin_links_rep ON signin_links(rep, created_at);
CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  hash         TEXT NOT NULL UNIQUE,
  rep          TEXT NOT NULL REFERENCES reps(name),
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  revoked_at   INTEGER
);

-- migration 16
-- SPEC 8.8: a rep's full name as a CRM writes it ("Ada Lovelace"): `lead import` and
-- `account import` match a history row's owner to a rep by name, email or full name.
ALTER TABLE reps ADD COLUMN full_name TEXT;
-- The leads imported as history whose speed-to-lead window was over (lead_facts.speed -2,
-- LEAD_SPEED_HISTORY): `report sla` says how many of a period it leaves out. Partial: empty,
-- and free to keep up, in a store without history.
CREATE INDEX lead_facts_history ON lead_facts(created_at) WHERE speed = -2;

-- migration 17
-- SPEC 8.9: what a lead's web form (or, with lead import --keep, its CSV row) sent beyond
-- baton's fields: a JSON object's text, at most 50 keys (core/form.h), NULL when none. It is
-- also carried by the lead's created event, so a replay rebuilds it.
ALTER TABLE leads ADD COLUMN attributes TEXT;

-- migration 18
-- SPEC 8.12: a customer's contract, projected from its won, renewed and churned events: the
-- renewal date of its current period (NULL: no contract) and that period's term in months (its
-- annual value is leads.amount); a customer that did not renew reaches the new final stage
-- churned (lead_facts.at_churned, stage 12 of core/stage.h).
ALTER TABLE leads ADD COLUMN renews_at INTEGER;
ALTER TABLE leads ADD COLUMN term_months INTEGER;
ALTER TABLE lead_facts ADD COLUMN at_churned INTEGER;
-- `report customers` reads a customer's won, live, renewed and churned events through an index
-- of their own (store_report.c asks with the same words, so that SQLite may use it)
CREATE INDEX events_customers_report ON events(type)
  WHERE type = 'won' OR type = 'live' OR type = 'renewed' OR type = 'churned';

-- migration 19
-- SPEC 8.12: an expansion is an opportunity of its own, linked to the customer it grows
-- (leads.parent, from its created event; NULL for every other lead); when won, the customer's
-- `expanded` event adds its amount to the annual value, and `report customers` reads those too.
ALTER TABLE leads ADD COLUMN parent INTEGER;
DROP INDEX events_customers_report;
CREATE INDEX events_customers_report ON events(type)
  WHERE type = 'won' OR type = 'live' OR type = 'renewed' OR type = 'churned' OR type = 'expanded';

-- migration 20
-- Issue 20, reports within 1.5x of DuckDB at a million leads: counts per UTC day, kept as
-- obligations and routing events are written, so that a report over whole days reads a few
-- rows a day instead of a row per obligation or event (its partial days at either end are read
-- as before). The store adds to them in memory through a write transaction and writes them at
-- its commit, one row per day and key (src/store/store_days.c); on PostgreSQL each connection
-- adds to rows of its own slot (its backend's pid modulo 64), so that servers committing at
-- once do not queue on one row: a day's count is the sum of its slots (a slot's may be
-- negative). The rows already stored are counted here once.
-- obligation_days: the obligations due on a day (due / 86400) per rule and status (an
-- obligation's rule and due never change, its status does), for `report sla` by nothing.
CREATE TABLE obligation_days (
  due_day INTEGER NOT NULL,
  rule    TEXT NOT NULL,
  status  TEXT NOT NULL,
  slot    INTEGER NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (due_day, rule, status, slot)
--sqlite:) WITHOUT ROWID;
--pg:);
INSERT INTO obligation_days(due_day, rule, status, slot, n)
  SELECT due / 86400, rule, status, 0, COUNT(*) FROM obligations GROUP BY due / 86400, rule, status;
-- routing_days: what the routing events (assigned, reassigned, unassigned) of a day (at /
-- 86400) count for each rep in a column of `report routing` (kind: assignments,
-- skipped_hours, skipped_capacity, skipped_away, manual_in, manual_out, sla_in, sla_out; the
-- rule is core/report_routing.c's report_routing_each(), read here from the stored payloads).
CREATE TABLE routing_days (
  at_day INTEGER NOT NULL,
  rep    TEXT NOT NULL,
  kind   TEXT NOT NULL,
  slot   INTEGER NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (at_day, rep, kind, slot)
--sqlite:) WITHOUT ROWID;
--pg:);
--sqlite:INSERT INTO routing_days(at_day, rep, kind, slot, n)
--sqlite:SELECT at_day, rep, kind, 0, COUNT(*) FROM (
--sqlite:  SELECT e.at / 86400 AS at_day, json_extract(e.data, '$.owner') AS rep,
--sqlite:         CASE WHEN e.type = 'assigned' AND json_extract(e.data, '$.manual') = 1 THEN 'manual_in'
--sqlite:              WHEN e.type = 'assigned' AND json_extract(e.data, '$.rotation') IS NOT NULL THEN 'assignments'
--sqlite:              WHEN e.type = 'reassigned' AND json_extract(e.data, '$.reassigns') IS NOT NULL THEN 'sla_in' END AS kind FROM events e WHERE (e.type = 'assigned' OR e.type = 'reassigned' OR e.type = 'unassigned')
--sqlite:  UNION ALL SELECT e.at / 86400 AS at_day, json_extract(e.data, '$.previous_owner'),
--sqlite:         CASE WHEN e.type = 'assigned' AND json_extract(e.data, '$.manual') = 1 THEN 'manual_out'
--sqlite:              WHEN e.type <> 'assigned' AND json_extract(e.data, '$.reassigns') IS NOT NULL THEN 'sla_out' END FROM events e WHERE (e.type = 'assigned' OR e.type = 'reassigned' OR e.type = 'unassigned')
--sqlite:  UNION ALL SELECT e.at / 86400 AS at_day, j.value, s.key FROM events e, json_each(e.data) s, json_each(s.value) j
--sqlite:    WHERE (s.key = 'skipped_hours' OR s.key = 'skipped_capacity' OR s.key = 'skipped_away')
--sqlite:      AND s.type = 'array' AND j.type = 'text'
--sqlite:      AND (e.type = 'assigned' OR e.type = 'reassigned' OR e.type = 'unassigned')
--sqlite:  ) WHERE rep IS NOT NULL AND kind IS NOT NULL GROUP BY at_day, rep, kind;
--pg:INSERT INTO routing_days(at_day, rep, kind, slot, n)
--pg:SELECT e.at / 86400, c.r, c.k, 0, COUNT(*)
--pg:FROM events e, LATERAL (
--pg:    SELECT e.data::jsonb AS d) j, LATERAL (
--pg:    SELECT j.d->>'owner' AS r,
--pg:           CASE WHEN e.type = 'assigned' AND j.d->'manual' IN ('true', '1') THEN 'manual_in'
--pg:                WHEN e.type = 'assigned' AND coalesce(j.d->'rotation', 'null') <> 'null' THEN 'assignments'
--pg:                WHEN e.type = 'reassigned' AND coalesce(j.d->'reassigns', 'null') <> 'null' THEN 'sla_in' END AS k
--pg:    UNION ALL SELECT j.d->>'previous_owner',
--pg:           CASE WHEN e.type = 'assigned' AND j.d->'manual' IN ('true', '1') THEN 'manual_out'
--pg:                WHEN e.type <> 'assigned' AND coalesce(j.d->'reassigns', 'null') <> 'null' THEN 'sla_out' END
--pg:    UNION ALL SELECT v ->> 0, s.key FROM jsonb_each(j.d) s,
--pg:           jsonb_array_elements(CASE WHEN jsonb_typeof(s.value) = 'array' THEN s.value ELSE '[]' END) v
--pg:      WHERE s.key IN ('skipped_hours', 'skipped_capacity', 'skipped_away') AND jsonb_typeof(v) = 'string'
--pg:  ) c
--pg:WHERE (e.type = 'assigned' OR e.type = 'reassigned' OR e.type = 'unassigned') AND c.r IS NOT NULL AND c.k IS NOT NULL
--pg:GROUP BY e.at / 86400, c.r, c.k;
-- The funnel and the speed report by nothing, source or channel count the leads created in a
-- period per stages reached, source, channel and minutes to the first touch, in the order of
-- this index (no sort, nothing read but the index); it replaces migration 8's.
DROP INDEX lead_facts_funnel;
CREATE INDEX lead_facts_funnel ON lead_facts(reached, source, channel, speed, created_at);

-- migration 21
-- issue 20: an owner's work list reads the obligations still owed (open, or breached and not
-- settled) through this partial index, word for word its test (store_sla.c,
-- store_obligation_each with `owed`), instead of walking every obligation (SQLite could not use
-- obligations_owner (owner, status) for that filter); closed obligations leave it, so it stays
-- the size of the work owed, not of the history. obligations_owner, which nothing read, goes.
-- From this version on an event's payload stores its common top-level keys as codes
-- (src/io/event_json.c, key_codes): a later migration that reads events.data in SQL must read
-- both forms ("$.owner" and "$.W").
DROP INDEX IF EXISTS obligations_owner;
--sqlite:CREATE INDEX obligations_owed ON obligations(owner, due)
--pg:CREATE INDEX obligations_owed ON obligations(owner, due, id)
  WHERE status = 'open' OR (status = 'breached' AND settled_at IS NULL);
