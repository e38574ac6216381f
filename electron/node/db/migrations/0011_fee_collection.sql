-- Fees are counted when they are collected (issue #14). The catalog says when each fee is taken
-- (ThoiDiemThu: at intake, the default, or at the hand-over of the result); each dossier's fee keeps
-- when it is taken, when it was collected and by whom. Fees already stored were taken at intake.
ALTER TABLE procedure_fees ADD COLUMN thoi_diem_thu TEXT NOT NULL DEFAULT 'TiepNhan' CHECK (thoi_diem_thu IN ('TiepNhan', 'TraKetQua'));
ALTER TABLE dossier_fees ADD COLUMN thoi_diem_thu TEXT NOT NULL DEFAULT 'TiepNhan' CHECK (thoi_diem_thu IN ('TiepNhan', 'TraKetQua'));
ALTER TABLE dossier_fees ADD COLUMN collected_at TEXT;
ALTER TABLE dossier_fees ADD COLUMN collected_by TEXT;
UPDATE dossier_fees SET collected_at = (SELECT ngay_tiep_nhan FROM dossiers WHERE dossiers.id = dossier_fees.dossier_id),
                        collected_by = (SELECT officer_id FROM dossiers WHERE dossiers.id = dossier_fees.dossier_id);
CREATE INDEX dossier_fees_collected ON dossier_fees(collected_at);
