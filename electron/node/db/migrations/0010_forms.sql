-- Forms of Thông tư 03/2025/TT-VPCP. The receipt (Mẫu 01) and the log book (Mẫu 07) share one
-- number, "số thứ tự trong sổ theo dõi", counted per unit and per calendar year and given at intake
-- in the dossier's own transaction. Dossiers received before this migration get theirs in receipt
-- order, so last year's book keeps its order and this year's continues after them.
ALTER TABLE dossiers ADD COLUMN so_thu_tu INTEGER;
UPDATE dossiers SET so_thu_tu = (
  SELECT n FROM (
    SELECT id, ROW_NUMBER() OVER (PARTITION BY unit_code, substr(ngay_tiep_nhan, 1, 4) ORDER BY ngay_tiep_nhan, id) AS n FROM dossiers
  ) x WHERE x.id = dossiers.id
);
CREATE UNIQUE INDEX dossiers_log_number ON dossiers(unit_code, substr(ngay_tiep_nhan, 1, 4), so_thu_tu);

-- Mẫu 02 has a reason line ("Lý do") besides the list of what to supplement.
ALTER TABLE turn_backs ADD COLUMN ly_do TEXT;
-- A dossier's earlier turn-backs are found by the applicant's ID number and the procedure.
CREATE INDEX turn_backs_applicant ON turn_backs(so_giay_to, ma_tthc);

-- Mẫu 04 (xin lỗi và đề nghị gia hạn) and Mẫu 05 (dừng giải quyết) written for a dossier: the reason
-- and the new date the officer entered. Free text that may name the citizen: kept here, never in the
-- audit row (which has its length).
CREATE TABLE form_notices (
  id          INTEGER PRIMARY KEY,
  dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
  form        TEXT NOT NULL CHECK (form IN ('04', '05')),
  reason      TEXT NOT NULL,
  new_due_at  TEXT,
  officer_id  TEXT,
  at          TEXT NOT NULL,
  CHECK (form <> '04' OR new_due_at IS NOT NULL)
) STRICT;
CREATE INDEX form_notices_dossier ON form_notices(dossier_id, form);
