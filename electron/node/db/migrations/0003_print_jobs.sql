-- Receipt-printer jobs. A job is written before the printer is touched, so a job that meets
-- paper-out, an open cover or a dead printer is kept for a retry, never silently lost.
CREATE TABLE print_jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('receipt', 'test')),
  ma_ho_so    TEXT,
  reprint     INTEGER NOT NULL DEFAULT 0 CHECK (reprint IN (0, 1)),
  bytes       BLOB NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('held', 'done', 'cancelled')),
  reason      TEXT,
  attempts    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX print_jobs_state ON print_jobs(state);
