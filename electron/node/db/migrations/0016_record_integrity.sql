-- Officer accounts and the security settings carry an HMAC under a key derived from the audit key
-- (kept in the secret vault, not in this file), so a row edited with only the database key — roles
-- raised to admin, a lock cleared, the PKCS#11 module pointed at another library — is refused.
-- SQL cannot compute the MAC: rows that exist now are sealed once by the first open that holds the
-- key (auth/integrity-repo.ts), recorded in `record_integrity` and in the audit log.
ALTER TABLE officers ADD COLUMN mac TEXT;
-- Kept beside `settings` rather than as a column, so the settings rows keep their shape.
CREATE TABLE setting_macs (
  key  TEXT PRIMARY KEY,
  mac  TEXT NOT NULL
) STRICT;
-- sealed_at NULL: rows written before this version still wait for their MAC. A new database has
-- nothing to seal.
CREATE TABLE record_integrity (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  sealed_at  TEXT
) STRICT;
INSERT INTO record_integrity (id, sealed_at)
  SELECT 1, CASE WHEN (SELECT count(*) FROM officers) + (SELECT count(*) FROM settings) = 0 THEN 'new' ELSE NULL END;
