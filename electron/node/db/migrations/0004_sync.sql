-- Sync: the engine lock (one engine per data dir), the unit-wide view the changes feed brings
-- (every counter's dossiers, for the unit report), and the feed cursor lives in settings.

CREATE TABLE engine_lock (
  name        TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,           -- host:pid:nonce
  pid         INTEGER NOT NULL,
  heartbeat   INTEGER NOT NULL         -- ms since epoch
) STRICT;

CREATE TABLE remote_dossiers (
  ma_ho_so     TEXT PRIMARY KEY,
  version      INTEGER NOT NULL,
  status       TEXT NOT NULL,
  counter_id   TEXT,
  officer_id   TEXT,
  ma_tthc      TEXT,
  ten_tthc     TEXT,
  channel      TEXT,
  received_at  TEXT,
  due_at       TEXT,
  finished_at  TEXT,
  returned_at  TEXT,
  fees_vnd     INTEGER,
  changed_at   TEXT,
  payload      TEXT NOT NULL           -- the last change as received (JSON)
) STRICT;
CREATE INDEX remote_dossiers_received ON remote_dossiers(received_at);

-- Result documents the department produced, downloaded from the feed.
ALTER TABLE attachments ADD COLUMN remote_url TEXT;
ALTER TABLE attachments ADD COLUMN result_code TEXT;
