-- The daily report counts voided dossiers and reprints of one day. Without these indexes both
-- scanned the whole table (240 ms at a million dossiers). Voids are rare, so the index is partial.
CREATE INDEX dossiers_voided ON dossiers(voided_at) WHERE voided_at IS NOT NULL;
CREATE INDEX receipt_prints_at ON receipt_prints(at) WHERE reprint = 1;
-- The end-of-day review lists the day's stale-sync overrides from the audit log.
CREATE INDEX audit_log_action_at ON audit_log(action, at);
