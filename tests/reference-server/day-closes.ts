import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { unitExtensionPost } from './unit-extension';

/**
 * `POST /units/{unitCode}/day-closes` (Idempotency-Key): a counter's day close with the audit anchor it
 * recorded (`NhatKyKiemToan`: rows, last id, head hash, first keyed id, time). Not in contract v1: this
 * server offers it so the province keeps a copy of each anchor the counter cannot later rewrite.
 * Replays with the same key answer 200 with the first response. Returns whether it handled the request.
 */
export async function handleDayCloses(db: Database.Database, req: IncomingMessage, res: ServerResponse, path: string, unitCode: string): Promise<boolean> {
  const m = /^\/units\/([^/]+)\/day-closes$/.exec(path);
  if (!m || req.method !== 'POST') return false;
  db.exec('CREATE TABLE IF NOT EXISTS day_closes (idem TEXT PRIMARY KEY, unit TEXT NOT NULL, body TEXT NOT NULL, response TEXT NOT NULL)');
  return unitExtensionPost<{ NgayChot?: unknown; MaQuay?: unknown }>(
    { db, req, res, pathUnit: m[1]!, unitCode, table: 'day_closes' },
    (b) => (typeof b.NgayChot !== 'string' || typeof b.MaQuay !== 'string' ? { message: 'Thiếu NgayChot hoặc MaQuay.', field: 'NgayChot', detail: 'bắt buộc' } : null),
    (key, raw, _b, response) => db.prepare('INSERT INTO day_closes VALUES (?, ?, ?, ?)').run(key, unitCode, raw, response),
  );
}

/** What the province holds: every day close received, oldest first (for tests). */
export function dayClosesReceived(db: Database.Database): Array<Record<string, unknown>> {
  db.exec('CREATE TABLE IF NOT EXISTS day_closes (idem TEXT PRIMARY KEY, unit TEXT NOT NULL, body TEXT NOT NULL, response TEXT NOT NULL)');
  return (db.prepare('SELECT body FROM day_closes ORDER BY rowid').pluck().all() as string[]).map((b) => JSON.parse(b) as Record<string, unknown>);
}
