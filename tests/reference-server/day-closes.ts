import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { body, err, send } from './http';

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
  if (decodeURIComponent(m[1]!) !== unitCode) {
    err(res, 404, 'not_found', 'Không có đơn vị.');
    return true;
  }
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !key) {
    err(res, 400, 'bad_request', 'Thiếu Idempotency-Key.');
    return true;
  }
  const seen = db.prepare('SELECT response FROM day_closes WHERE idem = ?').get(key) as { response: string } | undefined;
  if (seen) {
    send(res, 200, JSON.parse(seen.response));
    return true;
  }
  const raw = (await body(req)).toString();
  const b = JSON.parse(raw || '{}') as { NgayChot?: unknown; MaQuay?: unknown };
  if (typeof b.NgayChot !== 'string' || typeof b.MaQuay !== 'string') {
    err(res, 422, 'validation', 'Thiếu NgayChot hoặc MaQuay.', { details: [{ field: 'NgayChot', message: 'bắt buộc' }] });
    return true;
  }
  const response = { eventId: randomUUID() };
  db.prepare('INSERT INTO day_closes VALUES (?, ?, ?, ?)').run(key, unitCode, raw, JSON.stringify(response));
  send(res, 201, response);
  return true;
}

/** What the province holds: every day close received, oldest first (for tests). */
export function dayClosesReceived(db: Database.Database): Array<Record<string, unknown>> {
  db.exec('CREATE TABLE IF NOT EXISTS day_closes (idem TEXT PRIMARY KEY, unit TEXT NOT NULL, body TEXT NOT NULL, response TEXT NOT NULL)');
  return (db.prepare('SELECT body FROM day_closes ORDER BY rowid').pluck().all() as string[]).map((b) => JSON.parse(b) as Record<string, unknown>);
}
