import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { body, err, send } from './http';

const TABLE = 'CREATE TABLE IF NOT EXISTS ratings (idem TEXT PRIMARY KEY, unit TEXT NOT NULL, code TEXT NOT NULL, body TEXT NOT NULL, response TEXT NOT NULL)';

/**
 * `POST /units/{unitCode}/ratings` (Idempotency-Key): a citizen's 1–5 rating of a dossier from the
 * counter's citizen display. Not in contract v1 (docs/contract-extensions.md): this server offers it.
 * Body: MaHoSo, MucDoHaiLong (1–5), ThoiDiemDanhGia, MaQuay; no personal data. Replays answer 200.
 */
export async function handleRatings(db: Database.Database, req: IncomingMessage, res: ServerResponse, path: string, unitCode: string): Promise<boolean> {
  const m = /^\/units\/([^/]+)\/ratings$/.exec(path);
  if (!m || req.method !== 'POST') return false;
  db.exec(TABLE);
  if (decodeURIComponent(m[1]!) !== unitCode) {
    err(res, 404, 'not_found', 'Không có đơn vị.');
    return true;
  }
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !key) {
    err(res, 400, 'bad_request', 'Thiếu Idempotency-Key.');
    return true;
  }
  const seen = db.prepare('SELECT response FROM ratings WHERE idem = ?').get(key) as { response: string } | undefined;
  if (seen) {
    send(res, 200, JSON.parse(seen.response));
    return true;
  }
  const raw = (await body(req)).toString();
  const b = JSON.parse(raw || '{}') as { MaHoSo?: unknown; MucDoHaiLong?: unknown };
  if (typeof b.MaHoSo !== 'string' || !Number.isInteger(b.MucDoHaiLong) || (b.MucDoHaiLong as number) < 1 || (b.MucDoHaiLong as number) > 5) {
    err(res, 422, 'validation', 'Thiếu MaHoSo hoặc MucDoHaiLong (1–5).', { details: [{ field: 'MucDoHaiLong', message: '1–5' }] });
    return true;
  }
  const response = { eventId: randomUUID() };
  db.prepare('INSERT INTO ratings VALUES (?, ?, ?, ?, ?)').run(key, unitCode, b.MaHoSo, raw, JSON.stringify(response));
  send(res, 201, response);
  return true;
}

/** Every rating received, oldest first (for tests). */
export function ratingsReceived(db: Database.Database): Array<Record<string, unknown>> {
  db.exec(TABLE);
  return (db.prepare('SELECT body FROM ratings ORDER BY rowid').pluck().all() as string[]).map((b) => JSON.parse(b) as Record<string, unknown>);
}
