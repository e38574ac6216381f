/**
 * Reference implementation of the provincial dossier API (shared/provincial-api/contract.md) for
 * development and tests — not product. A real SQLite store, seeded with a unit, counters and the
 * sample catalog, and faults on demand. Other provinces' servers differ: the app is tested against
 * the contract's rules here, never against habits of this server.
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NO_FAULTS, seededRandom, type FaultConfig, type FaultKind } from './faults';
import { handleDayCloses } from './day-closes';
import { cachePrepared } from './prepared';
import { handleRatings } from './ratings';
import { body, err, send } from './http';
import { DEFAULT_OFFICERS, officerDirectory, type OfficerDirectory, type ProvinceOfficer } from './officers';

export interface ReferenceServerOptions {
  readonly port?: number;
  readonly dbPath?: string; // ':memory:' by default
  readonly filesDir: string;
  readonly resourcesDir: string;
  readonly seed?: number;
  readonly unitCode?: string;
  readonly clients?: Record<string, string>;
  readonly officers?: readonly ProvinceOfficer[];
  /** The one-stop desk block of `GET /units/{unitCode}` (contract §2); omitted by default, as older servers do. */
  readonly boPhanMotCua?: { ten: string; diaDiem: string; soDienThoai: string };
}

export interface ReferenceServer {
  readonly url: string;
  readonly db: Database.Database;
  faults: FaultConfig;
  /** The province's accounts: deactivate an officer or change a password as the province's own system would. */
  readonly officers: OfficerDirectory;
  /** Requests seen per "METHOD /route", for assertions. */
  readonly hits: Map<string, number>;
  /** Department processing: moves a dossier on and publishes the change (status 4, 9 with result files…). */
  advance(code: string, status: string, extra?: Record<string, unknown>): void;
  expireTokens(): void;
  close(): Promise<void>;
}

const RFC = (d = new Date()) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00';

const REQUIRED = ['MaHoSo', 'MaTTHC', 'TenTTHC', 'KenhThucHien', 'ChuHoSo', 'LoaiDoiTuong', 'NgayTiepNhan', 'NgayHenTra', 'TrangThaiHoSo', 'NguoiTiepNhan', 'MaQuay'];

export async function startReferenceServer(o: ReferenceServerOptions): Promise<ReferenceServer> {
  const unitCode = o.unitCode ?? '000.00.01.H22';
  const clients = o.clients ?? { 'counter-q01': 'secret-q01', 'counter-q02': 'secret-q02' };
  const officers = officerDirectory(o.officers ?? DEFAULT_OFFICERS);
  mkdirSync(o.filesDir, { recursive: true });
  const db = new Database(o.dbPath ?? ':memory:');
  db.pragma('journal_mode = WAL');
  cachePrepared(db);
  db.exec(`
    CREATE TABLE IF NOT EXISTS dossiers (code TEXT PRIMARY KEY, idem TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, first_response TEXT NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS events (idem TEXT PRIMARY KEY, code TEXT NOT NULL, body TEXT NOT NULL, response TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS leases (id TEXT PRIMARY KEY, unit TEXT, day TEXT, counter TEXT, seq_from INTEGER, seq_to INTEGER);
    CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY, length INTEGER, offset INTEGER, metadata TEXT, done INTEGER DEFAULT 0);
    CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT, version INTEGER, payload TEXT);
    CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, client TEXT, expires INTEGER);
  `);
  const counters = [
    { counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } },
    { counterId: 'Q02', offlineBlock: { from: 9201, to: 9400 } },
  ];
  const catalog = JSON.parse(readFileSync(join(o.resourcesDir, 'catalog', 'sample-procedures.json'), 'utf8')).items as Array<Record<string, unknown>>;
  const calendars = new Map<number, unknown>();
  for (const f of readdirSync(join(o.resourcesDir, 'calendar')).filter((x) => /^\d{4}\.json$/.test(x))) {
    calendars.set(Number(f.slice(0, 4)), JSON.parse(readFileSync(join(o.resourcesDir, 'calendar', f), 'utf8')));
  }
  const rand = seededRandom(o.seed ?? 1);
  const hits = new Map<string, number>();

  const publish = (code: string, version: number, fields: Record<string, unknown>) => {
    const d = db.prepare('SELECT body FROM dossiers WHERE code = ?').get(code) as { body: string } | undefined;
    const hs = d ? (JSON.parse(d.body) as Record<string, unknown>) : {};
    const fees = Array.isArray(hs.DanhSachLePhi) ? (hs.DanhSachLePhi as Array<{ Gia?: string }>).reduce((s, f) => s + Number(f.Gia ?? 0), 0) : 0;
    const summary = Object.fromEntries(['MaTTHC', 'TenTTHC', 'MaQuay', 'NguoiTiepNhan', 'KenhThucHien', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra'].map((k) => [k, hs[k] ?? null]));
    db.prepare('INSERT INTO changes (code, version, payload) VALUES (?, ?, ?)').run(code, version, JSON.stringify({ MaHoSo: code, version, changedAt: RFC(), TongLePhi: String(fees), ...summary, ...fields }));
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) err(res, 500, 'internal', `Lỗi máy chủ: ${(e as Error).message}`);
      else res.destroy();
    });
  });

  const state = { faults: { ...NO_FAULTS } as FaultConfig };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const route = `${req.method} ${path.replace(/\/dossiers\/[^/]+/, '/dossiers/:code').replace(/\/files\/[^/]+/, '/files/:id').replace(/\/units\/[^/]+/, '/units/:unit')}`;
    hits.set(route, (hits.get(route) ?? 0) + 1);
    const f = state.faults;
    if (path === '/' || path === '') return send(res, 200, { name: 'motcua reference server', contract: 'v1' });
    // Benchmark baseline only (not in the contract): a plain streaming PUT to disk.
    const raw = /^\/__raw\/([a-z0-9-]+)$/.exec(path);
    if (raw && req.method === 'PUT') {
      const { pipeline } = await import('node:stream/promises');
      await pipeline(req, createWriteStream(join(o.filesDir, `raw-${raw[1]}`)));
      return send(res, 204);
    }

    // Faults: only on API calls, never on the token endpoint's happy path under test unless asked.
    let fault: FaultKind | null = null;
    if (f.errorRate > 0 && f.kinds.length && (!f.endpoints || new RegExp(f.endpoints).test(route)) && rand() < f.errorRate) {
      fault = f.kinds[Math.floor(rand() * f.kinds.length)]!;
    }
    if (fault === '500') return err(res, 500, 'internal', 'Lỗi máy chủ (giả lập).');
    if (fault === '503') return err(res, 503, 'unavailable', 'Máy chủ đang bận (giả lập).', {}, { 'Retry-After': String(f.retryAfterSec) });
    if (fault === '429') return err(res, 429, 'rate_limited', 'Quá nhiều yêu cầu (giả lập).', {}, { 'Retry-After': String(f.retryAfterSec) });
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === 'delay') await new Promise((r) => setTimeout(r, f.delayMs));
    const afterCommit = async () => {
      if (fault === 'commitThenTimeout') {
        await new Promise((r) => setTimeout(r, f.stallMs));
        req.socket.destroy();
        return true;
      }
      if (fault === 'commitThenReset') {
        req.socket.destroy();
        return true;
      }
      return false;
    };

    if (req.method === 'POST' && path === '/oauth/token') {
      const form = new URLSearchParams((await body(req)).toString());
      if (form.get('grant_type') !== 'client_credentials' || clients[form.get('client_id') ?? ''] !== form.get('client_secret')) {
        return err(res, 401, 'unauthorized', 'Sai thông tin thiết bị.');
      }
      const token = randomUUID();
      db.prepare('INSERT INTO tokens VALUES (?, ?, ?)').run(token, form.get('client_id'), Date.now() + f.tokenTtlSec * 1000);
      return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: f.tokenTtlSec });
    }
    // tus OPTIONS may be sent without a token.
    if (req.method === 'OPTIONS' && path.startsWith('/files')) {
      return send(res, 204, undefined, { 'Tus-Resumable': '1.0.0', 'Tus-Version': '1.0.0', 'Tus-Extension': 'creation,checksum,termination', 'Tus-Checksum-Algorithm': 'sha256' });
    }
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const tok = auth ? (db.prepare('SELECT expires FROM tokens WHERE token = ?').get(auth) as { expires: number } | undefined) : undefined;
    if (!tok || tok.expires < Date.now()) return err(res, 401, 'unauthorized', 'Phiên làm việc đã hết hạn.');

    if (req.method === 'POST' && path === '/officers/login') {
      const b = JSON.parse((await body(req)).toString() || '{}');
      const answer = officers.login(b.username, b.password, unitCode);
      return answer ? send(res, 200, answer) : err(res, 401, 'unauthorized', 'Sai tên đăng nhập hoặc mật khẩu.');
    }
    let m = /^\/units\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      if (decodeURIComponent(m[1]!) !== unitCode) return err(res, 404, 'not_found', 'Không có đơn vị.');
      return send(res, 200, {
        unitCode,
        tenDonVi: 'UBND xã Tân Phú',
        diaChi: 'Xã Tân Phú',
        gioLamViec: [
          { from: '07:00', to: '11:30' },
          { from: '13:30', to: '17:00' },
        ],
        counters,
        ...(o.boPhanMotCua ? { boPhanMotCua: o.boPhanMotCua } : {}),
        extraFieldFromNewerServer: { ignored: true },
      });
    }
    if (await handleDayCloses(db, req, res, path, unitCode)) return;
    if (await handleRatings(db, req, res, path, unitCode)) return;
    m = /^\/units\/([^/]+)\/code-leases$/.exec(path);
    if (req.method === 'POST' && m) {
      const b = JSON.parse((await body(req)).toString() || '{}') as { date: string; counterId: string; size: number };
      if (!/^\d{4}-\d{2}-\d{2}$/.test(b.date) || !(b.size > 0 && b.size <= 500)) return err(res, 400, 'bad_request', 'Yêu cầu không hợp lệ.');
      const max = (db.prepare('SELECT MAX(seq_to) AS m FROM leases WHERE unit = ? AND day = ?').get(unitCode, b.date) as { m: number | null }).m ?? 0;
      let from = max + 1;
      // Never inside any counter's offline block.
      for (const c of counters) if (from <= c.offlineBlock.to && from + b.size - 1 >= c.offlineBlock.from) from = c.offlineBlock.to + 1;
      const to = from + b.size - 1;
      if (to > 9999) return err(res, 409, 'conflict', 'Hết số hồ sơ trong ngày.');
      const leaseId = randomUUID();
      db.prepare('INSERT INTO leases VALUES (?, ?, ?, ?, ?, ?)').run(leaseId, unitCode, b.date, b.counterId, from, to);
      return send(res, 201, { leaseId, date: b.date, from, to });
    }
    if (req.method === 'GET' && path === '/catalog/procedures') {
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const page = catalog.slice(cursor, cursor + 20);
      return send(res, 200, { items: page, cursor: String(cursor + page.length), hasMore: cursor + page.length < catalog.length });
    }
    if (req.method === 'GET' && path === '/catalog/calendar') {
      const y = Number(url.searchParams.get('year'));
      const cal = calendars.get(y);
      return cal ? send(res, 200, cal) : err(res, 404, 'not_found', 'Chưa có lịch năm này.');
    }
    if (req.method === 'GET' && path === '/dossiers/changes') {
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 200));
      const rows = db.prepare('SELECT seq, payload FROM changes WHERE seq > ? ORDER BY seq LIMIT ?').all(cursor, limit) as Array<{ seq: number; payload: string }>;
      let changes = rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
      if (f.duplicateChanges && changes.length) changes = [...changes, ...changes.filter(() => rand() < 0.3)];
      if (f.reorderChanges) changes = changes.map((c) => [rand(), c] as const).sort((a, b) => a[0] - b[0]).map(([, c]) => c);
      const next = rows.length ? rows[rows.length - 1]!.seq : cursor;
      const total = (db.prepare('SELECT MAX(seq) AS m FROM changes').get() as { m: number | null }).m ?? 0;
      return send(res, 200, { changes, cursor: String(next), hasMore: next < total });
    }
    m = /^\/dossiers\/([^/]+)$/.exec(path);
    if (m && req.method === 'GET') {
      const code = decodeURIComponent(m[1]!);
      const d = db.prepare('SELECT * FROM dossiers WHERE code = ?').get(code) as { idem: string; version: number; body: string; status: string; updated_at: string } | undefined;
      if (!d) return err(res, 404, 'not_found', 'Không có hồ sơ.');
      return send(res, 200, { HoSo: JSON.parse(d.body), version: d.version, idempotencyKey: d.idem, TrangThaiHoSo: d.status, updatedAt: d.updated_at });
    }
    if (m && req.method === 'PUT') {
      const code = decodeURIComponent(m[1]!);
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !key) return err(res, 400, 'bad_request', 'Thiếu Idempotency-Key.');
      const raw = (await body(req)).toString();
      let hs: Record<string, unknown>;
      try {
        hs = JSON.parse(raw);
      } catch {
        return err(res, 400, 'bad_request', 'JSON không hợp lệ.');
      }
      const missing = REQUIRED.filter((k) => hs[k] === undefined || hs[k] === null || hs[k] === '');
      if (hs.MaHoSo !== code) missing.push('MaHoSo');
      if (missing.length) return err(res, 422, 'validation', 'Hồ sơ thiếu trường bắt buộc.', { details: missing.map((field) => ({ field, message: `Thiếu ${field}` })) });
      for (const t of (hs.TaiLieuNop as Array<{ DuongDanTaiTepTin?: string }>) ?? []) {
        const id = t.DuongDanTaiTepTin?.split('/files/')[1];
        const file = id ? (db.prepare('SELECT done FROM files WHERE id = ?').get(id) as { done: number } | undefined) : undefined;
        if (t.DuongDanTaiTepTin && !file?.done) return err(res, 422, 'validation', 'Tệp đính kèm chưa tải lên xong.', { details: [{ field: 'TaiLieuNop', message: t.DuongDanTaiTepTin }] });
      }
      const cur = db.prepare('SELECT * FROM dossiers WHERE code = ?').get(code) as { idem: string; version: number; body: string; first_response: string } | undefined;
      const ifMatch = req.headers['if-match'];
      if (!cur) {
        const response = { MaHoSo: code, version: 1, receivedAt: RFC() };
        db.transaction(() => {
          db.prepare('INSERT INTO dossiers VALUES (?, ?, 1, ?, ?, ?, ?)').run(code, key, raw, JSON.stringify(response), String(hs.TrangThaiHoSo), RFC());
          publish(code, 1, { TrangThaiHoSo: String(hs.TrangThaiHoSo) });
        })();
        if (await afterCommit()) return;
        return send(res, 201, response);
      }
      if (cur.idem === key && cur.body === raw && !ifMatch) return send(res, 200, JSON.parse(cur.first_response));
      if (!ifMatch) return err(res, 409, 'conflict', 'Mã hồ sơ đã được dùng cho một hồ sơ khác.');
      if (String(cur.version) !== String(ifMatch).replace(/"/g, '')) return err(res, 412, 'stale_version', 'Phiên bản hồ sơ đã cũ.');
      const version = cur.version + 1;
      db.transaction(() => {
        db.prepare('UPDATE dossiers SET body = ?, version = ?, idem = ?, status = ?, updated_at = ? WHERE code = ?').run(raw, version, key, String(hs.TrangThaiHoSo), RFC(), code);
        publish(code, version, { TrangThaiHoSo: String(hs.TrangThaiHoSo) });
      })();
      if (await afterCommit()) return;
      return send(res, 200, { version });
    }
    m = /^\/dossiers\/([^/]+)\/events$/.exec(path);
    if (m && req.method === 'POST') {
      const code = decodeURIComponent(m[1]!);
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !key) return err(res, 400, 'bad_request', 'Thiếu Idempotency-Key.');
      const seen = db.prepare('SELECT response FROM events WHERE idem = ?').get(key) as { response: string } | undefined;
      if (seen) return send(res, 200, JSON.parse(seen.response));
      const d = db.prepare('SELECT status, version FROM dossiers WHERE code = ?').get(code) as { status: string; version: number } | undefined;
      if (!d) return err(res, 404, 'not_found', 'Không có hồ sơ.');
      const ev = JSON.parse((await body(req)).toString() || '{}') as { TrangThai?: string };
      const allowed: Record<string, string[]> = { '3': ['1', '2'], '5': ['2', '4'], '7': ['2', '4', '5'], '10': ['9'] };
      if (!ev.TrangThai || !(allowed[ev.TrangThai] ?? []).includes(d.status)) {
        return err(res, 409, 'conflict', `Không chuyển được từ trạng thái ${d.status}.`, { TrangThaiHoSo: d.status });
      }
      const response = { eventId: randomUUID() };
      db.transaction(() => {
        db.prepare('INSERT INTO events VALUES (?, ?, ?, ?)').run(key, code, JSON.stringify(ev), JSON.stringify(response));
        db.prepare('UPDATE dossiers SET status = ?, version = version + 1 WHERE code = ?').run(ev.TrangThai, code);
        publish(code, d.version + 1, { TrangThaiHoSo: ev.TrangThai });
      })();
      if (await afterCommit()) return;
      return send(res, 201, response);
    }
    // tus 1.0.0: creation, checksum (sha256), termination.
    const tusHeaders = { 'Tus-Resumable': '1.0.0' };
    if (req.method === 'POST' && (path === '/files' || path === '/files/')) {
      const length = Number(req.headers['upload-length']);
      if (!Number.isInteger(length) || length < 0 || length > 200 * 1024 * 1024) return send(res, 413, undefined, tusHeaders);
      const meta = Object.fromEntries(
        String(req.headers['upload-metadata'] ?? '')
          .split(',')
          .filter(Boolean)
          .map((kv) => {
            const [k, v] = kv.trim().split(' ');
            return [k, v ? Buffer.from(v, 'base64').toString('utf8') : ''];
          }),
      );
      const id = randomUUID().replace(/-/g, '');
      db.prepare('INSERT INTO files (id, length, offset, metadata) VALUES (?, ?, 0, ?)').run(id, length, JSON.stringify(meta));
      // One open that creates it empty (or empties a leftover of an earlier run).
      await writeFile(join(o.filesDir, id), Buffer.alloc(0));
      if (length === 0) db.prepare('UPDATE files SET done = 1 WHERE id = ?').run(id);
      const base = `http://${req.headers.host}${url.pathname.startsWith('/api/v1') ? '/api/v1' : ''}`;
      if (await afterCommit()) return;
      return send(res, 201, undefined, { ...tusHeaders, Location: `${base}/files/${id}` });
    }
    m = /^\/files\/([0-9a-f]+)$/.exec(path);
    if (m) {
      const file = db.prepare('SELECT * FROM files WHERE id = ?').get(m[1]) as { id: string; length: number; offset: number; metadata: string; done: number } | undefined;
      if (!file) return send(res, 404, undefined, tusHeaders);
      if (req.method === 'HEAD') return send(res, 200, undefined, { ...tusHeaders, 'Upload-Offset': String(file.offset), 'Upload-Length': String(file.length), 'Cache-Control': 'no-store' });
      if (req.method === 'DELETE') {
        db.prepare('DELETE FROM files WHERE id = ?').run(file.id);
        rmSync(join(o.filesDir, file.id), { force: true });
        return send(res, 204, undefined, tusHeaders);
      }
      if (req.method === 'GET') {
        if (!file.done) return err(res, 404, 'not_found', 'Tệp chưa tải lên xong.');
        const data = await readFile(join(o.filesDir, file.id));
        res.writeHead(200, { 'Content-Type': JSON.parse(file.metadata).contentType ?? 'application/octet-stream', 'Content-Length': String(data.length) });
        res.end(data);
        return;
      }
      if (req.method === 'PATCH') {
        if (req.headers['content-type'] !== 'application/offset+octet-stream') return send(res, 415, undefined, tusHeaders);
        if (Number(req.headers['upload-offset']) !== file.offset) return send(res, 409, undefined, tusHeaders);
        // Streamed to disk while hashed; a chunk whose checksum fails is cut off again.
        const checksum = req.headers['upload-checksum'];
        const [alg, expected] = typeof checksum === 'string' ? checksum.split(' ') : [null, null];
        if (alg && alg !== 'sha256') return send(res, 400, undefined, tusHeaders);
        // Hashed only when the client sent a checksum to check.
        const hash = expected ? createHash('sha256') : null;
        const out = createWriteStream(join(o.filesDir, file.id), { flags: 'a' });
        let received = 0;
        try {
          for await (const part of req) {
            received += (part as Buffer).length;
            if (file.offset + received > file.length) throw new Error('too long');
            hash?.update(part as Buffer);
            if (!out.write(part)) await new Promise<void>((r) => out.once('drain', () => r()));
          }
        } catch {
          out.destroy();
          await truncate(join(o.filesDir, file.id), file.offset);
          return send(res, 400, undefined, tusHeaders);
        }
        await new Promise<void>((r) => out.end(r));
        if (hash && hash.digest('base64') !== expected) {
          await truncate(join(o.filesDir, file.id), file.offset);
          return send(res, 460, undefined, tusHeaders);
        }
        const chunk = { length: received };
        const offset = file.offset + chunk.length;
        db.prepare('UPDATE files SET offset = ?, done = ? WHERE id = ?').run(offset, offset === file.length ? 1 : 0, file.id);
        if (await afterCommit()) return;
        return send(res, 204, undefined, { ...tusHeaders, 'Upload-Offset': String(offset) });
      }
    }
    return err(res, 404, 'not_found', `Không có ${req.method} ${path}`);
  }

  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    db,
    get faults() {
      return state.faults;
    },
    set faults(v: FaultConfig) {
      state.faults = v;
    },
    officers,
    hits,
    advance(code, status, extra = {}) {
      const d = db.prepare('SELECT version FROM dossiers WHERE code = ?').get(code) as { version: number } | undefined;
      if (!d) throw new Error(`no dossier ${code}`);
      db.prepare('UPDATE dossiers SET status = ?, version = ? WHERE code = ?').run(status, d.version + 1, code);
      publish(code, d.version + 1, { TrangThaiHoSo: status, ...extra });
    },
    expireTokens() {
      db.prepare('UPDATE tokens SET expires = 0').run();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
