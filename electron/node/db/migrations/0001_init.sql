-- Initial schema: everything the intake, devices, sync, signing and report features hang on.
-- Times are stored as RFC 3339 strings with offset (Asia/Ho_Chi_Minh for dossier times), so a
-- row read back prints exactly what the receipt showed.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE units (
  unit_code   TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  address     TEXT,
  work_hours  TEXT,                      -- JSON [{"from":"07:00","to":"11:30"},…]; null = defaults
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE counters (
  unit_code           TEXT NOT NULL REFERENCES units(unit_code),
  counter_id          TEXT NOT NULL,
  offline_block_from  INTEGER,
  offline_block_to    INTEGER,
  is_this_pc          INTEGER NOT NULL DEFAULT 0 CHECK (is_this_pc IN (0, 1)),
  PRIMARY KEY (unit_code, counter_id),
  CHECK ((offline_block_from IS NULL) = (offline_block_to IS NULL)),
  CHECK (offline_block_from IS NULL OR offline_block_from <= offline_block_to)
) STRICT;
CREATE UNIQUE INDEX counters_this_pc ON counters(is_this_pc) WHERE is_this_pc = 1;

CREATE TABLE officers (
  officer_id     TEXT PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE,
  full_name      TEXT NOT NULL,
  title          TEXT,
  roles          TEXT NOT NULL,         -- JSON array of officer|supervisor|admin
  verifier       TEXT,                  -- slow-hash verifier for offline login, never the password
  failed_logins  INTEGER NOT NULL DEFAULT 0,
  locked_until   TEXT,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE procedures (
  ma_tthc         TEXT PRIMARY KEY,
  ten_tthc        TEXT NOT NULL,
  ma_linh_vuc     TEXT,
  ten_linh_vuc    TEXT,
  cap_thuc_hien   TEXT,
  duration_value  REAL NOT NULL CHECK (duration_value >= 0),
  duration_unit   TEXT NOT NULL CHECK (duration_unit IN ('NgayLamViec', 'Ngay', 'Gio', 'Thang')),
  co_quan         TEXT,
  ket_qua         TEXT,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  is_sample       INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE procedure_documents (
  ma_tthc       TEXT NOT NULL REFERENCES procedures(ma_tthc) ON DELETE CASCADE,
  ma_thanh_phan TEXT NOT NULL,
  ten           TEXT NOT NULL,
  required      INTEGER NOT NULL CHECK (required IN (0, 1)),
  originals     INTEGER NOT NULL DEFAULT 0,
  copies        INTEGER NOT NULL DEFAULT 0,
  position      INTEGER NOT NULL,
  PRIMARY KEY (ma_tthc, ma_thanh_phan)
) STRICT;

CREATE TABLE procedure_fees (
  ma_tthc    TEXT NOT NULL REFERENCES procedures(ma_tthc) ON DELETE CASCADE,
  ma_phi     TEXT NOT NULL,
  ten        TEXT NOT NULL,
  amount_vnd INTEGER NOT NULL CHECK (amount_vnd >= 0),
  loai       TEXT,
  position   INTEGER NOT NULL,
  PRIMARY KEY (ma_tthc, ma_phi)
) STRICT;

-- Working-day calendar as data: only exceptions to Monday–Friday are stored (contract §2).
CREATE TABLE calendar_days (
  day   TEXT PRIMARY KEY,                 -- YYYY-MM-DD
  kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name  TEXT NOT NULL,
  year  INTEGER NOT NULL
) STRICT;
CREATE INDEX calendar_days_year ON calendar_days(year);

-- Dossier-number ranges this counter owns: leases from the server, and the offline block.
CREATE TABLE code_ranges (
  id         INTEGER PRIMARY KEY,
  unit_code  TEXT NOT NULL,
  day        TEXT,                        -- YYYY-MM-DD for leases; NULL for the offline block (any day)
  kind       TEXT NOT NULL CHECK (kind IN ('lease', 'offline')),
  lease_id   TEXT,
  seq_from   INTEGER NOT NULL CHECK (seq_from BETWEEN 1 AND 99999),
  seq_to     INTEGER NOT NULL CHECK (seq_to BETWEEN 1 AND 99999),
  next_seq   INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (seq_from <= seq_to),
  CHECK (next_seq BETWEEN seq_from AND seq_to + 1)
) STRICT;
-- Numbers of the offline block are per day: the block's range restarts each day but a used
-- (day, seq) pair is never handed out twice.
CREATE TABLE used_codes (
  unit_code TEXT NOT NULL,
  day       TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  ma_ho_so  TEXT NOT NULL UNIQUE,
  PRIMARY KEY (unit_code, day, seq)
) STRICT;

CREATE TABLE dossiers (
  id               INTEGER PRIMARY KEY,
  ma_ho_so         TEXT NOT NULL UNIQUE,
  ma_tthc          TEXT NOT NULL REFERENCES procedures(ma_tthc),
  ten_tthc         TEXT NOT NULL,
  unit_code        TEXT NOT NULL,
  counter_id       TEXT NOT NULL,
  officer_id       TEXT,
  kenh_thuc_hien   TEXT NOT NULL DEFAULT '1',
  loai_doi_tuong   TEXT NOT NULL CHECK (loai_doi_tuong IN ('1', '2', '3', '4')),
  chu_ho_so        TEXT NOT NULL,
  so_giay_to       TEXT,
  so_cmnd          TEXT,
  ngay_sinh        TEXT,                  -- YYYY-MM-DD
  gioi_tinh        TEXT,
  dia_chi          TEXT,
  so_dien_thoai    TEXT,
  email            TEXT,
  trich_yeu        TEXT,
  so_bo            INTEGER NOT NULL DEFAULT 1,
  ngay_tiep_nhan   TEXT NOT NULL,         -- RFC 3339 +07:00
  ngay_hen_tra     TEXT,
  ngay_tra         TEXT,
  ngay_ket_thuc_xu_ly TEXT,
  trang_thai       TEXT NOT NULL,         -- DVCQG status code, domain doc §2.4
  voided_at        TEXT,
  void_reason      TEXT,
  sync_state       TEXT NOT NULL DEFAULT 'pending'
                   CHECK (sync_state IN ('pending', 'sending', 'synced', 'rejected', 'local')),
  server_version   INTEGER,
  receipt_path     TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX dossiers_received ON dossiers(ngay_tiep_nhan);
CREATE INDEX dossiers_id_number ON dossiers(so_giay_to);
CREATE INDEX dossiers_status ON dossiers(trang_thai);

CREATE TABLE dossier_documents (
  dossier_id    INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  ma_thanh_phan TEXT NOT NULL,
  ten           TEXT NOT NULL,
  originals     INTEGER NOT NULL DEFAULT 0,
  copies        INTEGER NOT NULL DEFAULT 0,
  position      INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, ma_thanh_phan)
) STRICT;

CREATE TABLE dossier_fees (
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  ma_phi     TEXT NOT NULL,
  ten        TEXT NOT NULL,
  amount_vnd INTEGER NOT NULL CHECK (amount_vnd >= 0),
  position   INTEGER NOT NULL,
  PRIMARY KEY (dossier_id, ma_phi)
) STRICT;

CREATE TABLE attachments (
  id            INTEGER PRIMARY KEY,
  dossier_id    INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  ma_thanh_phan TEXT,
  kind          TEXT NOT NULL CHECK (kind IN ('scan', 'receipt', 'result', 'signed_result', 'form')),
  file_name     TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
  size_bytes    INTEGER NOT NULL CHECK (size_bytes >= 0),
  upload_url    TEXT,                     -- tus upload URL, persisted so uploads resume across restarts
  uploaded_at   TEXT,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_dossier ON attachments(dossier_id);

-- One ordered queue per dossier; `seq` orders items of the same dossier.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  dossier_id       INTEGER REFERENCES dossiers(id),
  ma_ho_so         TEXT NOT NULL,
  seq              INTEGER NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('upload', 'dossier_put', 'event')),
  idempotency_key  TEXT NOT NULL UNIQUE,
  payload          TEXT NOT NULL,         -- JSON
  state            TEXT NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'in_flight', 'unknown', 'done', 'rejected', 'waiting')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (ma_ho_so, seq)
) STRICT;
CREATE INDEX outbox_ready ON outbox(state, next_attempt_at);

-- Append-only; the hash chain (each row hashes the previous) is filled by the audit service.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT,                       -- officer id, or 'system' / 'cli'
  action      TEXT NOT NULL,
  subject     TEXT,                       -- dossier code etc.; never personal data
  details     TEXT,                       -- JSON, no PINs, passwords or citizens' data
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
