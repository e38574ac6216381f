-- Reports: every status change the feed brought (supplement rounds and their waiting time count
-- in the national KPI rules), day closes, and the officers' offline-login bookkeeping.

CREATE TABLE remote_status_history (
  ma_ho_so   TEXT NOT NULL,
  version    INTEGER NOT NULL,
  status     TEXT NOT NULL,
  changed_at TEXT,                        -- RFC 3339 or national time as received
  PRIMARY KEY (ma_ho_so, version)
) STRICT;

CREATE TABLE day_closes (
  day         TEXT PRIMARY KEY,           -- YYYY-MM-DD
  closed_at   TEXT NOT NULL,
  closed_by   TEXT NOT NULL,
  notes       TEXT,                       -- JSON: reasons recorded for anything unusual
  report_sha256 TEXT,
  signed_pdf_path TEXT
) STRICT;

CREATE INDEX remote_dossiers_finished ON remote_dossiers(finished_at);
CREATE INDEX remote_dossiers_returned ON remote_dossiers(returned_at);
CREATE INDEX dossiers_returned ON dossiers(ngay_tra);
CREATE INDEX dossiers_sync ON dossiers(sync_state);
CREATE INDEX remote_status_history_changed ON remote_status_history(changed_at);
