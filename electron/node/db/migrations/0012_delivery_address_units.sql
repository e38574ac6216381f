-- Issue #14. How a dossier came in and how its result goes back (Mẫu 01 line 6; DVCQG KenhThucHien
-- and HinhThuc), kept beside the dossier row rather than in it: dossiers without a row here were
-- received before this migration and return at the counter.
--   hinh_thuc: '0' tại quầy, '1' qua dịch vụ bưu chính (domain doc §2.2 HinhThuc).
--   posted_*: the hand-over to the post office of a postal return (status 10 sent with it).
CREATE TABLE dossier_delivery (
  dossier_id    INTEGER PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
  hinh_thuc     TEXT NOT NULL CHECK (hinh_thuc IN ('0', '1')),
  dia_chi_nhan  TEXT,
  posted_at     TEXT,
  tracking_no   TEXT,
  posted_by     TEXT,
  CHECK (hinh_thuc = '1' OR (dia_chi_nhan IS NULL AND posted_at IS NULL)),
  CHECK (hinh_thuc = '0' OR dia_chi_nhan IS NOT NULL)
) STRICT;

-- The fee type (LoaiPhiLePhi) as the catalog gave it at intake, so a retry sends the same bytes
-- even after the catalog changes. Fees saved before this were sent as '1', and keep it.
ALTER TABLE dossier_fees ADD COLUMN loai TEXT;
UPDATE dossier_fees SET loai = '1';

-- The commune-level map of the 2025 reorganisation, as a province publishes it (`motcua address
-- import`). old_key is the folded old province|district|commune; the card's address is never
-- rewritten, this only names today's unit beside it.
CREATE TABLE address_communes (
  old_key      TEXT PRIMARY KEY,
  tinh_cu      TEXT NOT NULL,
  huyen_cu     TEXT NOT NULL,
  xa_cu        TEXT NOT NULL,
  loai_xa_moi  TEXT NOT NULL,
  xa_moi       TEXT NOT NULL,
  tinh_moi     TEXT NOT NULL
) STRICT;
CREATE TABLE address_commune_source (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  nguon        TEXT NOT NULL,
  row_count    INTEGER NOT NULL,
  imported_at  TEXT NOT NULL,
  officer_id   TEXT
) STRICT;
