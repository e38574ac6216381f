import type Database from 'better-sqlite3';
import type { KeyedText } from '../../common/ipc/error-messages';
import { readStoredWording } from '../../common/ipc/notice';

/**
 * The only module that reads or writes `print_jobs`. A job keeps the exact bytes it was built
 * with, so a receipt held after a printer fault prints again as it was, not rebuilt later.
 */
export type PrintJobKind = 'receipt' | 'test';
export type PrintJobState = 'held' | 'done' | 'cancelled';

export interface PrintJobView {
  readonly id: number;
  readonly kind: PrintJobKind;
  readonly code: string | null;
  readonly state: PrintJobState;
  /** Why it is held, in Vietnamese; `reasonKey` words it in the officer's language (null on older rows). */
  readonly reason: string | null;
  readonly reasonKey: KeyedText | null;
  readonly attempts: number;
  readonly createdAt: string;
}

/** A new job starts held: it only becomes done once the printer took every byte. */
export function insertPrintJob(db: Database.Database, j: { kind: PrintJobKind; code: string | null; reprint: boolean; bytes: Uint8Array; at: string }): number {
  return Number(
    db
      .prepare("INSERT INTO print_jobs (kind, ma_ho_so, reprint, bytes, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'held', ?, ?)")
      .run(j.kind, j.code, j.reprint ? 1 : 0, Buffer.from(j.bytes), j.at, j.at).lastInsertRowid,
  );
}

export function printJob(db: Database.Database, id: number): { state: PrintJobState; kind: PrintJobKind; code: string | null; reprint: boolean } | null {
  const r = db.prepare('SELECT state, kind, ma_ho_so, reprint FROM print_jobs WHERE id = ?').get(id) as
    | { state: PrintJobState; kind: PrintJobKind; ma_ho_so: string | null; reprint: number }
    | undefined;
  return r ? { state: r.state, kind: r.kind, code: r.ma_ho_so, reprint: r.reprint === 1 } : null;
}

export function printJobBytes(db: Database.Database, id: number): Buffer {
  return (db.prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(id) as { bytes: Buffer }).bytes;
}

export function markJobHeld(db: Database.Database, id: number, reason: string, at: string): void {
  db.prepare("UPDATE print_jobs SET state = 'held', reason = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?").run(reason, at, id);
}

export function markJobDone(db: Database.Database, id: number, at: string): void {
  db.prepare("UPDATE print_jobs SET state = 'done', reason = NULL, attempts = attempts + 1, updated_at = ? WHERE id = ?").run(at, id);
}

/** The newest 100 jobs, optionally of one state. */
export function listPrintJobs(db: Database.Database, state?: PrintJobState): PrintJobView[] {
  return db
    .prepare(
      `SELECT id, kind, ma_ho_so AS code, state, reason, attempts, created_at AS createdAt FROM print_jobs ${state ? 'WHERE state = ?' : ''} ORDER BY id DESC LIMIT 100`,
    )
    .all(...(state ? [state] : []))
    .map((r) => {
      const j = r as Omit<PrintJobView, 'reasonKey'>;
      const stored = j.reason === null ? null : readStoredWording(j.reason);
      return { ...j, reason: stored?.message ?? null, reasonKey: stored?.wording ?? null };
    });
}
