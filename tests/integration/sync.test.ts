import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../reference-server/faults';
import { intakeFixture, OFFICER } from '../helpers/intake';
import { CLIENT, dossiers, engineFor, referenceServer, sha256 } from '../helpers/sync';
import { serverPerTest } from '../helpers/sync-suite';
import { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { silentLogger } from '../../electron/node/log/logger';
import { SyncEngine } from '../../electron/node/sync/sync-engine';
import { toVietnamRfc3339 } from '../../electron/common/domain/time';

type F = Awaited<ReturnType<typeof intakeFixture>>;
type S = Awaited<ReturnType<typeof referenceServer>>;

/** The server's view: each dossier once, with every file intact (same SHA-256 as the local copy). */
async function serverHoldsExactly(server: S, f: F, codes: string[]): Promise<void> {
  const rows = server.db.prepare('SELECT code, body FROM dossiers').all() as Array<{ code: string; body: string }>;
  expect(rows.map((r) => r.code).sort()).toEqual([...codes].sort());
  for (const r of rows) {
    const body = JSON.parse(r.body) as { TaiLieuNop: Array<{ DuongDanTaiTepTin: string; TepDinhKemId: string }> };
    for (const t of body.TaiLieuNop.filter((x) => x.DuongDanTaiTepTin)) {
      const file = readFileSync(join(f.dir, 'server-files', t.DuongDanTaiTepTin.split('/files/')[1]!));
      const expected = await f.store.exec('sha', (db) => (db.prepare('SELECT sha256 FROM attachments WHERE id = ?').get(Number(t.TepDinhKemId)) as { sha256: string }).sha256);
      expect(sha256(file)).toBe(expected);
    }
  }
}

describe('sync with the reference server', () => {
  let f: F;
  let server: S;
  serverPerTest((x) => ({ f, server } = x));

  it('a scan larger than one tus chunk is sent from the sealed store, decrypted into the chunks: identical on the server, never clear on disk', async () => {
    const size = 5 * 64 * 1024 + 777;
    const codes = await dossiers(f, 1, { attachmentSize: size });
    // Every file of the app's own folders that holds the scan in clear, looked for after each chunk the server took.
    const clearCopies = () =>
      readdirSync(join(f.dir, 'files'), { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
        .filter((p) => readFileSync(p).includes('% scan 0'));
    const seen: string[][] = [];
    const sent: number[] = [];
    const engine = new SyncEngine(
      {
        store: f.store,
        api: new ProvincialApi({ baseUrl: server.url, ...CLIENT, timeoutMs: 15_000, chunkSize: 64 * 1024 }),
        files: f.files,
        log: silentLogger,
        onProgress: (p) => {
          sent.push(p.sent);
          seen.push(clearCopies());
        },
      },
      { baseBackoffMs: 20, maxBackoffMs: 500 },
    );
    expect(await engine.runOnce()).toMatchObject({ remaining: 0, rejected: 0 });
    expect(sent).toEqual([1, 2, 3, 4, 5].map((n) => n * 64 * 1024).concat(size));
    expect(seen.flat()).toEqual([]);
    await serverHoldsExactly(server, f, codes);
  });

  it('pushes dossiers with their files exactly once, pulls unit, catalog, calendar, leases and changes', async () => {
    const codes = await dossiers(f, 5);
    const engine = engineFor(f, server.url);
    const r = await engine.runOnce();
    expect(r).toMatchObject({ remaining: 0, rejected: 0 });
    expect(r.sent).toBe(10);
    await serverHoldsExactly(server, f, codes);
    const states = await f.store.exec('s', (db) => db.prepare('SELECT DISTINCT sync_state AS s FROM dossiers').all());
    expect(states).toEqual([{ s: 'synced' }]);
    // Leases topped up for today; the next dossier takes a leased number, not the offline block.
    const next = await dossiers(f, 1, { attachmentSize: 0 });
    expect(next[0]).toMatch(/-0001$/);
    // The feed brought our own dossiers back into the unit view.
    const remote = await f.store.exec('r', (db) => (db.prepare('SELECT COUNT(*) AS n FROM remote_dossiers').get() as { n: number }).n);
    expect(remote).toBe(5);
    // A second run sends nothing twice.
    const again = await engine.runOnce();
    expect(again.sent).toBe(1);
    expect((server.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n).toBe(6);
  });

  it('the dossier names its receiving officer (NguoiTiepNhan); only a row without one names the counter', async () => {
    const draft = { MaTTHC: '1.001193', ChuHoSo: 'Lê Thị Hoa', SoGiayToChuHoSo: '001090000777', TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'] };
    const mine = (await f.receive(draft, { actor: { ...OFFICER, officerId: 'cb-001' } })).code;
    const older = (await f.receive(draft)).code;
    // Rows saved before receipts recorded their officer.
    await f.store.exec('legacy', (db) => db.prepare('UPDATE dossiers SET officer_id = NULL WHERE ma_ho_so = ?').run(older));
    expect(await engineFor(f, server.url).runOnce({ pulls: false })).toMatchObject({ remaining: 0, rejected: 0 });
    const sent = (code: string) => JSON.parse((server.db.prepare('SELECT body FROM dossiers WHERE code = ?').get(code) as { body: string }).body) as { NguoiTiepNhan: string; MaQuay: string };
    expect(sent(mine)).toMatchObject({ NguoiTiepNhan: 'cb-001', MaQuay: 'Q01' });
    expect(sent(older)).toMatchObject({ NguoiTiepNhan: 'quay:Q01', MaQuay: 'Q01' });
  });

  it('an unknown outcome (commit, then timeout) is resolved by reading, not by sending twice', async () => {
    const codes = await dossiers(f, 3, { attachmentSize: 0 });
    server.faults = { ...NO_FAULTS, errorRate: 1, kinds: ['commitThenTimeout'], endpoints: '^PUT /dossiers', stallMs: 800 };
    const engine = engineFor(f, server.url, {}, 400);
    const r = await engine.runOnce({ pulls: false });
    // Every PUT was applied but its answer lost; each was then read (GET) and found with our key.
    expect(r.remaining).toBe(0);
    expect(server.hits.get('PUT /dossiers/:code')).toBe(3);
    expect(server.hits.get('GET /dossiers/:code')).toBe(3);
    expect(r.errors.every((e) => /hết thời gian chờ/.test(e.text))).toBe(true);
    await serverHoldsExactly(server, f, codes);
  });

  it('honours Retry-After on 429/503 and refreshes an expired token once', async () => {
    await dossiers(f, 2, { attachmentSize: 0 });
    const engine = engineFor(f, server.url);
    await engine.runOnce({ pulls: false, deadlineMs: 100 }).catch(() => undefined);
    server.expireTokens();
    server.faults = { ...NO_FAULTS, errorRate: 0.5, kinds: ['429', '503'], retryAfterSec: 0 };
    const r = await engine.runOnce({ pulls: false });
    expect(r.remaining).toBe(0);
    expect(engine.backoff(3, 2000)).toBe(2000);
    const b = engine.backoff(30, null);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThanOrEqual(500);
  });

  it('422 and 409 go to the rejection inbox with the server reasons, and block only that dossier', async () => {
    const [bad, good] = await dossiers(f, 2, { attachmentSize: 0 });
    // Make one dossier invalid for the server: no applicant name.
    await f.store.exec('x', (db) => {
      db.prepare("UPDATE outbox SET payload = json_set(payload, '$.body', json_set(?, '$.ChuHoSo', '')) WHERE ma_ho_so = ?").run(
        JSON.stringify({}),
        bad,
      );
    });
    const engine = engineFor(f, server.url);
    await f.store.exec('y', (db) => db.prepare("UPDATE outbox SET payload = '{\"version\":null}' WHERE ma_ho_so = ?").run(bad));
    // Force the dossier's stored name empty, as a corrupted migration might.
    await f.store.exec('z', (db) => db.prepare("UPDATE dossiers SET chu_ho_so = '' WHERE ma_ho_so = ?").run(bad));
    const r = await engine.runOnce({ pulls: false });
    expect(r.rejected).toBe(1);
    const inbox = await f.store.exec('i', (db) => db.prepare("SELECT ma_ho_so, last_error FROM outbox WHERE state = 'rejected'").all() as Array<{ ma_ho_so: string; last_error: string }>);
    expect(inbox[0]!.ma_ho_so).toBe(bad);
    expect(JSON.parse(inbox[0]!.last_error)).toMatchObject({ status: 422, error: 'validation', details: [{ field: 'ChuHoSo' }] });
    expect((server.db.prepare('SELECT code FROM dossiers').all() as Array<{ code: string }>).map((x) => x.code)).toEqual([good]);
    const syncState = await f.store.exec('s', (db) => (db.prepare('SELECT sync_state FROM dossiers WHERE ma_ho_so = ?').get(bad) as { sync_state: string }).sync_state);
    expect(syncState).toBe('rejected');
  });

  it('two engines on one data dir never both send', async () => {
    await dossiers(f, 2, { attachmentSize: 0 });
    const a = engineFor(f, server.url);
    const b = engineFor(f, server.url);
    expect(await a.acquire()).toBe(true);
    await expect(b.runOnce()).rejects.toThrow(/đang đồng bộ/);
    await a.release();
    expect((await b.runOnce({ pulls: false })).remaining).toBe(0);
  });

  it('changes feed: duplicated, reordered and stale changes are ignored by version; results ready are downloaded', async () => {
    const [code] = await dossiers(f, 1, { attachmentSize: 0 });
    const engine = engineFor(f, server.url);
    await engine.runOnce();
    // The department finishes: a result file on the server, status 9.
    const up = await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=counter-q01&client_secret=secret-q01' });
    const token = ((await up.json()) as { access_token: string }).access_token;
    const pdf = Buffer.from('%PDF-1.4\n% giấy khai sinh\n%%EOF\n');
    const create = await fetch(`${server.url}/files/`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(pdf.length) } });
    const loc = create.headers.get('location')!;
    await fetch(loc, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, body: pdf });
    server.advance(code!, '4');
    server.advance(code!, '9', { DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh', MaGiayToKetQua: 'KQ1', DuongDanTepTinKetQua: loc }] });
    server.faults = { ...NO_FAULTS, duplicateChanges: true, reorderChanges: true };
    await engine.runOnce();
    const d = await f.store.exec('d', (db) => db.prepare('SELECT trang_thai, server_version FROM dossiers WHERE ma_ho_so = ?').get(code) as { trang_thai: string; server_version: number });
    expect(d.trang_thai).toBe('9');
    const results = await f.store.exec('r', (db) => db.prepare("SELECT file_name, sha256 FROM attachments WHERE kind = 'result'").all() as Array<{ file_name: string; sha256: string }>);
    expect(results).toEqual([{ file_name: 'Giấy khai sinh.pdf', sha256: sha256(pdf) }]);
    // A stale change (lower version) arriving later does not move the status back.
    server.db.prepare('INSERT INTO changes (code, version, payload) VALUES (?, 1, ?)').run(code, JSON.stringify({ MaHoSo: code, version: 1, TrangThaiHoSo: '2' }));
    await engine.runOnce();
    const after = await f.store.exec('d2', (db) => (db.prepare('SELECT trang_thai FROM dossiers WHERE ma_ho_so = ?').get(code) as { trang_thai: string }).trang_thai);
    expect(after).toBe('9');
  });

  it('a hostile or malformed response fails that item, never the process', async () => {
    await dossiers(f, 1, { attachmentSize: 0 });
    const engine = engineFor(f, 'http://127.0.0.1:9/api/v1'); // nothing listens: connection refused
    const r = await engine.runOnce({ deadlineMs: 300, waitForBackoff: false });
    expect(r.remaining).toBe(1);
    expect(r.errors.length).toBeGreaterThan(0);
    // Events queue after the dossier and go out once it is there.
    const at = toVietnamRfc3339(new Date());
    const code = (await f.store.exec('c', (db) => db.prepare('SELECT ma_ho_so FROM dossiers').get() as { ma_ho_so: string })).ma_ho_so;
    await f.store.exec('e', (db) => SyncEngine.queueEvent(db, code, { TrangThai: '7', ThoiDiemXuLy: '20261121143005', NguoiXuLy: 'cb01', NoiDungXuLy: 'Công dân rút hồ sơ' }, at));
    const ok = await engineFor(f, server.url).runOnce({ pulls: false });
    expect(ok.remaining).toBe(0);
    expect((server.db.prepare('SELECT status FROM dossiers WHERE code = ?').get(code) as { status: string }).status).toBe('7');
  });
});
