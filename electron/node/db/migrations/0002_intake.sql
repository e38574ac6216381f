-- Intake: folded search text for procedures, the dossier search index (FTS5), per-dossier
-- document checklist, and receipt bookkeeping.

ALTER TABLE procedures ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX procedures_search ON procedures(search_text);

-- Contentless FTS5 over folded text (no diacritics, đ → d, lower case), rowid = dossiers.id.
-- Folding happens in the app so 'đ' folds too, which unicode61's remove_diacritics does not do.
CREATE VIRTUAL TABLE dossier_search USING fts5(
  code, name, id_number, phone,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61',
  prefix = '2 3 4 5 6 7'
);

ALTER TABLE dossier_documents ADD COLUMN provided INTEGER NOT NULL DEFAULT 1 CHECK (provided IN (0, 1));
ALTER TABLE dossiers ADD COLUMN ngay_cap_giay_to TEXT;
ALTER TABLE dossiers ADD COLUMN idempotency_key TEXT;
-- Folded applicant name: exact and beginning-of-name matches come from this B-tree, instantly,
-- however many dossiers share a family name (FTS5 positional queries would visit them all).
ALTER TABLE dossiers ADD COLUMN name_folded TEXT NOT NULL DEFAULT '';
CREATE INDEX dossiers_name_folded ON dossiers(name_folded, id);
CREATE INDEX dossiers_phone ON dossiers(so_dien_thoai);

-- Dossiers turned back at the counter (Mẫu 02 supplement request, Mẫu 03 refusal). Kept apart from
-- `dossiers` on purpose: nothing about them is recorded as accepted, and they use no dossier code.
CREATE TABLE turn_backs (
  id            INTEGER PRIMARY KEY,
  form          TEXT NOT NULL CHECK (form IN ('02', '03')),
  ma_tthc       TEXT NOT NULL,
  ten_tthc      TEXT NOT NULL,
  unit_code     TEXT NOT NULL,
  counter_id    TEXT NOT NULL,
  officer_id    TEXT,
  chu_ho_so     TEXT NOT NULL,
  so_giay_to    TEXT,
  dia_chi       TEXT,
  so_dien_thoai TEXT,
  reasons       TEXT NOT NULL,          -- JSON array of strings
  at            TEXT NOT NULL,
  pdf_path      TEXT
) STRICT;
CREATE INDEX turn_backs_at ON turn_backs(at);

-- Receipts and reprints, for the audit and the daily report.
CREATE TABLE receipt_prints (
  id         INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  form       TEXT NOT NULL CHECK (form IN ('01')),
  medium     TEXT NOT NULL CHECK (medium IN ('pdf', 'thermal')),
  reprint    INTEGER NOT NULL DEFAULT 0 CHECK (reprint IN (0, 1)),
  reason     TEXT,
  officer_id TEXT,
  at         TEXT NOT NULL
) STRICT;
CREATE INDEX receipt_prints_dossier ON receipt_prints(dossier_id);
