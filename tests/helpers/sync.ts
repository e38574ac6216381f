import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../../electron/node/config/resources';
import { silentLogger } from '../../electron/node/log/logger';
import { ProvincialApi } from '../../electron/node/sync/provincial-api';
import { SyncEngine, type SyncOptions } from '../../electron/node/sync/sync-engine';
import { startReferenceServer, type ReferenceServerOptions } from '../reference-server/server';
import type { ProvinceOfficer } from '../reference-server/officers';
import { intakeFixture, OFFICER, OFFICER_PASSWORD } from './intake';

export const CLIENT = { clientId: 'counter-q01', clientSecret: 'secret-q01' };

/**
 * The accounts the test province knows: the fixture's officer and the Chromium host's admin, with
 * the passwords the tests sign in with. Sign-in is checked online whenever an API answers, so an
 * officer the province does not know is refused, as at a real counter.
 */
export const PROVINCE_OFFICERS: readonly ProvinceOfficer[] = [
  { username: 'canbo01', password: OFFICER_PASSWORD, officerId: OFFICER.officerId, hoTen: OFFICER.fullName, roles: ['officer'] },
  { username: 'quantri', password: 'mat-khau-quan-tri', officerId: 'admin-quantri', hoTen: 'Quản Trị Viên', roles: ['admin'] },
];

export async function referenceServer(dir: string, seed = 1, o: Partial<Pick<ReferenceServerOptions, 'officers' | 'clients' | 'boPhanMotCua'>> = {}) {
  return startReferenceServer({ filesDir: join(dir, 'server-files'), dbPath: join(dir, 'server.sqlite3'), resourcesDir: resourcesDir(), seed, officers: PROVINCE_OFFICERS, ...o });
}

/** A scan-like file of `size` bytes, different for each i. */
export function makeScan(dir: string, i: number, size = 4096): string {
  mkdirSync(join(dir, 'scans'), { recursive: true });
  const p = join(dir, 'scans', `scan-${i}.pdf`);
  const body = Buffer.alloc(size, i % 251);
  body.write(`%PDF-1.4\n% scan ${i}\n`, 0);
  writeFileSync(p, body);
  return p;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every dossier on the server once, each file byte-identical to the local copy. */
export async function assertConverged(server: { db: { prepare(sql: string): { all(): unknown[] } } }, serverFilesDir: string, f: Awaited<ReturnType<typeof intakeFixture>>, codes: string[]): Promise<void> {
  const rows = server.db.prepare('SELECT code, body FROM dossiers').all() as Array<{ code: string; body: string }>;
  const got = rows.map((r) => r.code).sort();
  if (JSON.stringify(got) !== JSON.stringify([...codes].sort())) throw new Error(`server holds ${got.length} dossiers, expected ${codes.length}`);
  for (const r of rows) {
    const body = JSON.parse(r.body) as { TaiLieuNop: Array<{ DuongDanTaiTepTin: string; TepDinhKemId: string }> };
    for (const t of body.TaiLieuNop.filter((x) => x.DuongDanTaiTepTin)) {
      const file = readFileSync(join(serverFilesDir, t.DuongDanTaiTepTin.split('/files/')[1]!));
      const expected = await f.store.exec('sha', (db) => (db.prepare('SELECT sha256 FROM attachments WHERE id = ?').get(Number(t.TepDinhKemId)) as { sha256: string }).sha256);
      if (sha256(file) !== expected) throw new Error(`file of ${r.code} differs on the server`);
    }
  }
}

export async function dossiers(f: Awaited<ReturnType<typeof intakeFixture>>, n: number, o: { attachmentSize?: number } = {}): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < n; i++) {
    const draft = {
      MaTTHC: '1.001193',
      ChuHoSo: `Nguyễn Văn ${i}`.replace(/\d+/, (d) => 'ABCDEFGHIK'[Number(d) % 10]!),
      SoGiayToChuHoSo: `001090${String(100000 + i).slice(-6)}`,
      NgaySinhChuHoSo: '19900101',
      GioiTinhChuHoSo: 'Nam',
      TaiLieuNop: ['TP1', 'TP2', 'TP3'],
      DanhSachLePhi: ['LP1'],
      attachments: o.attachmentSize === 0 ? [] : [{ path: makeScan(f.dir, i, o.attachmentSize), MaThanhPhanHoSo: 'TP2' }],
    };
    codes.push((await f.receive(draft)).code);
  }
  return codes;
}

/**
 * A sync engine on the fixture's store. The default request timeout is generous: a loaded machine
 * must not turn a slow answer into a timeout; tests about timeouts pass their own short one.
 */
export function engineFor(f: Awaited<ReturnType<typeof intakeFixture>>, url: string, opts: SyncOptions = {}, timeoutMs = 15_000) {
  return new SyncEngine(
    { store: f.store, api: new ProvincialApi({ baseUrl: url, ...CLIENT, timeoutMs, chunkSize: 64 * 1024 }), files: f.files, log: silentLogger },
    { baseBackoffMs: 20, maxBackoffMs: 500, ...opts },
  );
}

export { readFileSync };
