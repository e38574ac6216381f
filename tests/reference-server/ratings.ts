import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { unitExtensionPost } from './unit-extension';

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
  return unitExtensionPost<{ MaHoSo?: unknown; MucDoHaiLong?: unknown }>(
    { db, req, res, pathUnit: m[1]!, unitCode, table: 'ratings' },
    (b) =>
      typeof b.MaHoSo !== 'string' || !Number.isInteger(b.MucDoHaiLong) || (b.MucDoHaiLong as number) < 1 || (b.MucDoHaiLong as number) > 5
        ? { message: 'Thiếu MaHoSo hoặc MucDoHaiLong (1–5).', field: 'MucDoHaiLong', detail: '1–5' }
        : null,
    (key, raw, b, response) => db.prepare('INSERT INTO ratings VALUES (?, ?, ?, ?, ?)').run(key, unitCode, b.MaHoSo, raw, response),
  );
}

/** Every rating received, oldest first (for tests). */
export function ratingsReceived(db: Database.Database): Array<Record<string, unknown>> {
  db.exec(TABLE);
  return (db.prepare('SELECT body FROM ratings ORDER BY rowid').pluck().all() as string[]).map((b) => JSON.parse(b) as Record<string, unknown>);
}
