-- Same-day procedures (chứng thực bản sao, chữ ký: Nghị định 23/2015/NĐ-CP Điều 7 khoản 1) are due at
-- the close of the day they are received before the procedure's cut-off (GioCatNgay, 15:00 unless the
-- catalog says otherwise), else at the close of the next working day: duration_unit gains 'TrongNgay'
-- and procedures gain gio_cat_ngay. SQLite cannot alter a CHECK, so the table is rebuilt.
--
-- The runner applies migrations in one transaction with foreign keys on, where PRAGMA foreign_keys
-- cannot change. Dropping the parent therefore cascades to its documents and fees (kept aside and
-- put back) and leaves dossiers briefly without their procedure; defer_foreign_keys holds that check
-- until COMMIT, when every procedure is back. The temporary index keeps the drop and the re-insert
-- from scanning every dossier once per procedure.
PRAGMA defer_foreign_keys = ON;
CREATE INDEX dossiers_ma_tthc_rebuild ON dossiers(ma_tthc);
CREATE TEMP TABLE keep_procedures AS SELECT * FROM procedures;
CREATE TEMP TABLE keep_procedure_documents AS SELECT * FROM procedure_documents;
CREATE TEMP TABLE keep_procedure_fees AS SELECT * FROM procedure_fees;
DROP TABLE procedures;
CREATE TABLE procedures (
  ma_tthc         TEXT PRIMARY KEY,
  ten_tthc        TEXT NOT NULL,
  ma_linh_vuc     TEXT,
  ten_linh_vuc    TEXT,
  cap_thuc_hien   TEXT,
  duration_value  REAL NOT NULL CHECK (duration_value >= 0),
  duration_unit   TEXT NOT NULL CHECK (duration_unit IN ('NgayLamViec', 'Ngay', 'Gio', 'Thang', 'TrongNgay')),
  co_quan         TEXT,
  ket_qua         TEXT,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  is_sample       INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  updated_at      TEXT NOT NULL,
  search_text     TEXT NOT NULL DEFAULT '',
  gio_cat_ngay    TEXT CHECK (gio_cat_ngay IS NULL OR (length(gio_cat_ngay) = 5 AND gio_cat_ngay GLOB '[0-2][0-9]:[0-5][0-9]')),
  -- Only a same-day procedure has a cut-off, and it always has one.
  CHECK ((duration_unit = 'TrongNgay') = (gio_cat_ngay IS NOT NULL))
) STRICT;
CREATE INDEX procedures_search ON procedures(search_text);
INSERT INTO procedures (ma_tthc, ten_tthc, ma_linh_vuc, ten_linh_vuc, cap_thuc_hien, duration_value, duration_unit, co_quan, ket_qua, active, is_sample, updated_at, search_text)
  SELECT ma_tthc, ten_tthc, ma_linh_vuc, ten_linh_vuc, cap_thuc_hien, duration_value, duration_unit, co_quan, ket_qua, active, is_sample, updated_at, search_text FROM keep_procedures;
INSERT INTO procedure_documents SELECT * FROM keep_procedure_documents;
INSERT INTO procedure_fees SELECT * FROM keep_procedure_fees;
DROP TABLE keep_procedures;
DROP TABLE keep_procedure_documents;
DROP TABLE keep_procedure_fees;
DROP INDEX dossiers_ma_tthc_rebuild;
