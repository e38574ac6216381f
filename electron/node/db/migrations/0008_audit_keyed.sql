-- The audit chain becomes an HMAC under a key kept outside the database (the secret vault), so a
-- row cannot be rewritten by someone who can only reach this file. Rows written before this
-- migration keep their unkeyed SHA-256 links and still verify; `keyed_from` is the first id that
-- must carry an HMAC. The anchors (anchor file, day closes, the province) repeat it, so lowering it
-- to pass rewritten rows off as old ones is caught.
CREATE TABLE audit_chain (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  keyed_from  INTEGER NOT NULL
) STRICT;
INSERT INTO audit_chain (id, keyed_from) SELECT 1, coalesce(max(id), 0) + 1 FROM audit_log;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END;

-- Each day close keeps the audit head it saw (JSON: rows, lastId, head, keyedFrom, at).
ALTER TABLE day_closes ADD COLUMN audit_anchor TEXT;

-- A supervisor's permission to receive while sync is overdue, with the reason they wrote. The reason
-- is free text that can name a citizen, so it lives here (read by the end-of-day review), and the
-- audit row keeps only who, when and the reason's length. Older overrides keep theirs in audit details.
CREATE TABLE stale_overrides (
  id             INTEGER PRIMARY KEY,
  ma_ho_so       TEXT NOT NULL,
  officer_id     TEXT NOT NULL,
  supervisor_id  TEXT NOT NULL,
  reason         TEXT NOT NULL,
  at             TEXT NOT NULL
) STRICT;
CREATE INDEX stale_overrides_at ON stale_overrides(at);
