import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { body, err, send } from './http';

/**
 * The shape both unit-level extensions share (`POST /units/{unitCode}/…` with an Idempotency-Key):
 * another unit → 404, no key → 400, a replayed key → 200 with the first answer, a body `check`
 * refuses → 422, else `keep` stores it and the answer is 201 `{eventId}`.
 */
export async function unitExtensionPost<B>(
  o: { db: Database.Database; req: IncomingMessage; res: ServerResponse; pathUnit: string; unitCode: string; table: string },
  check: (b: B) => { message: string; field: string; detail: string } | null,
  keep: (key: string, raw: string, b: B, response: string) => void,
): Promise<true> {
  const { db, req, res } = o;
  if (decodeURIComponent(o.pathUnit) !== o.unitCode) {
    err(res, 404, 'not_found', 'Không có đơn vị.');
    return true;
  }
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !key) {
    err(res, 400, 'bad_request', 'Thiếu Idempotency-Key.');
    return true;
  }
  const seen = db.prepare(`SELECT response FROM ${o.table} WHERE idem = ?`).get(key) as { response: string } | undefined;
  if (seen) {
    send(res, 200, JSON.parse(seen.response));
    return true;
  }
  const raw = (await body(req)).toString();
  const b = JSON.parse(raw || '{}') as B;
  const refused = check(b);
  if (refused) {
    err(res, 422, 'validation', refused.message, { details: [{ field: refused.field, message: refused.detail }] });
    return true;
  }
  const response = { eventId: randomUUID() };
  keep(key, raw, b, JSON.stringify(response));
  send(res, 201, response);
  return true;
}
