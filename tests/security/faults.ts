import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cliAdmin, motcua } from '../helpers/cli';
import { openDataDb } from '../helpers/data-db';

/**
 * Real faults for the security tests: a small tmpfs that really fills up, and a read-only bind
 * mount. Both need root on Linux; where the test process cannot mount, the tests that need them
 * are reported as skipped and the injected-fault tests still run.
 */
export function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'motcua-mount-probe-'));
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status !== 0) return false;
    spawnSync('umount', [probe]);
    return true;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

export function mountTmpfs(dir: string, sizeBytes: number): void {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount tmpfs failed: ${r.stderr}`);
}

/** `dir` seen read-only at `at`, as a write-protected disk or a share mounted read-only would be. */
export function bindReadOnly(dir: string, at: string): void {
  for (const args of [['--bind', dir, at], ['-o', 'remount,bind,ro', at]]) {
    const r = spawnSync('mount', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mount ${args.join(' ')} failed: ${r.stderr}`);
  }
}

export function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
}

/** Fills the file system of `dir` with one file so that only about `freeBytes` stay available. */
export function fillLeaving(dir: string, freeBytes: number): string {
  const filler = join(dir, 'filler.bin');
  rmSync(filler, { force: true });
  const s = statfsSync(dir);
  const size = s.bavail * s.bsize - freeBytes;
  if (size > 0) writeFileSync(filler, Buffer.alloc(size));
  return filler;
}

/** Every temp file under `root` (the content store and atomic writes name theirs `*.tmp`). */
export function tempFilesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tmp$/.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** Rows of a data directory's (encrypted) database, read as a technician would. */
export async function readRows<T>(dataDir: string, sql: string): Promise<T[]> {
  const db = await openDataDb(dataDir, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

export const dossierCodes = async (dbPath: string): Promise<string[]> => (await readRows<{ c: string }>(dirname(dbPath), 'SELECT ma_ho_so AS c FROM dossiers ORDER BY id')).map((r) => r.c);

export const sha256Of = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A counter ready to receive: the first admin (who may also receive) and the unit with an offline block. */
export function counterReady(dataDir: string, env: Record<string, string> = {}): Record<string, string> {
  const admin = cliAdmin(dataDir, env);
  const r = motcua(['unit', 'set', '--code', '000.00.01.H22', '--name', 'UBND xã Tân Phú', '--counter', 'Q01', '--offline-block', '9001-9200', '--data-dir', dataDir], admin);
  if (r.code !== 0) throw new Error(`unit set failed: ${r.stderr}`);
  return admin;
}

/** A dossier of the sample catalog in national field names, as `motcua intake --json` takes it. */
export const DRAFT = {
  MaTTHC: '1.001193',
  LoaiDoiTuong: '1',
  ChuHoSo: 'Phạm Thị Đào',
  SoGiayToChuHoSo: '079304001234',
  NgaySinhChuHoSo: '20040229',
  GioiTinhChuHoSo: 'Nữ',
  DiaChiChuHoSo: 'Thôn 3, xã Tân Phú',
  SoDienThoai: '0987654321',
  TaiLieuNop: ['TP1', 'TP2', 'TP3'],
  DanhSachLePhi: [{ MaPhiLePhi: 'LP1' }],
};
