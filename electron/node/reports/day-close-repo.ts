import type Database from 'better-sqlite3';

/** The owner of `day_closes`: one row per closed day; a re-close replaces it (the audit log keeps each close). */
export function saveDayClose(
  db: Database.Database,
  c: { day: string; closedAt: string; closedBy: string; notes: string | null; sha256: string; path: string; auditAnchor: string | null },
): void {
  db.prepare(
    `INSERT INTO day_closes (day, closed_at, closed_by, notes, report_sha256, signed_pdf_path, audit_anchor) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(day) DO UPDATE SET closed_at = excluded.closed_at, closed_by = excluded.closed_by, notes = excluded.notes,
       report_sha256 = excluded.report_sha256, signed_pdf_path = excluded.signed_pdf_path, audit_anchor = excluded.audit_anchor`,
  ).run(c.day, c.closedAt, c.closedBy, c.notes, c.sha256, c.path, c.auditAnchor);
}

/** The audit anchor a day close kept (JSON as written), for tests and the province event. */
export function dayCloseAnchorOf(db: Database.Database, day: string): string | null {
  return (db.prepare('SELECT audit_anchor FROM day_closes WHERE day = ?').get(day) as { audit_anchor: string | null } | undefined)?.audit_anchor ?? null;
}
