import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { foldVietnamese } from '../../electron/common/domain/text';
import { sealClearStore } from '../../electron/node/db/seal-store';
import { SqliteStore } from '../../electron/node/store/sqlite-store';
import { BENCH_AUDIT_KEY } from './summary';

// The search/report bench's database: built once per size and cached under .tmp/bench, in clear and
// sealed (the encrypted copy is made by the app's own sealing of a clear store, seal-store.ts).

/** The bench's database key (the app's comes from the SecretVault): fixed, so the cached sealed copy opens on every run. */
export const BENCH_DB_KEY = '5a'.repeat(32);

const FAMILY = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Quang', 'Xuân', 'Thu', 'Hoài', 'Công', 'Kim', 'Bảo', 'Gia'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Ngọc', 'Phong', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Trung', 'Tuấn', 'Vân', 'Việt', 'Yến', 'Đào', 'Đạt', 'Định', 'Điệp', 'Khoa', 'Lộc'];

/** Deterministic PRNG so every run measures the same database. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export const UNIT = '000.00.01.H22';

/**
 * Builds (once, cached under .tmp/bench) a database of `n` dossiers spread over ~3 years, with
 * their search rows, through SQL in large transactions: the intake service would need ~10 min
 * for a million, and the point here is the search index at that size.
 */
export function buildLargeDb(path: string, n: number): void {
  const tmp = `${path}.building`;
  for (const f of [tmp, `${tmp}.salt`]) rmSync(f, { force: true });
  const storeTmp = SqliteStore.open(tmp, { key: null, auditKey: BENCH_AUDIT_KEY });
  void storeTmp.close();
  const db = new Database(tmp);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const r = rng(42);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  db.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('1.001193', 'Đăng ký khai sinh', 1, 'NgayLamViec', 'x')").run();
  const ins = db.prepare(
    `INSERT INTO dossiers (id, ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, so_giay_to, so_dien_thoai,
       ngay_tiep_nhan, ngay_hen_tra, ngay_tra, trang_thai, sync_state, created_at, updated_at, name_folded)
     VALUES (?, ?, '1.001193', 'Đăng ký khai sinh', ?, 'Q01', '1', ?, ?, ?, ?, ?, ?, ?, 'synced', ?, ?, ?)`,
  );
  const fts = db.prepare('INSERT INTO dossier_search (rowid, code, name, id_number, phone) VALUES (?, ?, ?, ?, ?)');
  const fee = db.prepare("INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position, collected_at) VALUES (?, 'LP1', 'Lệ phí', ?, 0, ?)");
  const remote = db.prepare("INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, due_at, finished_at, returned_at, fees_vnd, changed_at, payload) VALUES (?, 2, ?, ?, '1.001193', 'Đăng ký khai sinh', ?, ?, ?, ?, ?, ?, '{}')");
  const hist = db.prepare('INSERT INTO remote_status_history VALUES (?, ?, ?, ?)');
  const nat = (rfc: string) => rfc.slice(0, 19).replace(/[-T:]/g, '');
  const lastDay = Math.ceil(n / Math.ceil(n / 1050));
  const start = Date.UTC(2024, 0, 1);
  const batch = 50_000;
  for (let b = 0; b < n; b += batch) {
    db.transaction(() => {
      for (let i = b; i < Math.min(n, b + batch); i++) {
        const perDay = Math.ceil(n / 1050);
        const day = new Date(start + Math.floor(i / perDay) * 86_400_000).toISOString().slice(0, 10);
        const uniqueCode = `${UNIT}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String((i % perDay) + 1).padStart(4, '0')}`;
        const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
        const id = String(1 + Math.floor(r() * 96)).padStart(3, '0') + String(Math.floor(r() * 1e9)).padStart(9, '0');
        const phone = `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
        const hh = String(7 + (i % 10)).padStart(2, '0');
        const at = `${day}T${hh}:${String(i % 60).padStart(2, '0')}:00+07:00`;
        const dueDay = new Date(Date.parse(`${day}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
        const due = `${dueDay}T${hh}:00:00+07:00`;
        // Old dossiers are finished and returned (mostly on time); the last weeks are still open.
        const dayIndex = Math.floor(i / perDay);
        const open = dayIndex > lastDay - 20;
        const retDay = new Date(Date.parse(`${day}T00:00:00Z`) + (r() < 0.85 ? 2 : 5) * 86_400_000).toISOString().slice(0, 10);
        const returned = open ? null : `${retDay}T10:00:00+07:00`;
        ins.run(i + 1, uniqueCode, UNIT, name, id, phone, at, due, returned, open ? '4' : '10', at, at, foldVietnamese(name));
        fee.run(i + 1, (i % 4) * 10000, at);
        const counter = i % 3 === 0 ? 'Q02' : 'Q01';
        remote.run(uniqueCode, open ? '4' : '10', counter, nat(at), nat(due), returned ? nat(returned) : null, returned ? nat(returned) : null, (i % 4) * 10000, returned ?? at);
        hist.run(uniqueCode, 1, '2', at);
        if (returned) hist.run(uniqueCode, 2, '10', returned);
        fts.run(i + 1, foldVietnamese(uniqueCode), foldVietnamese(name), id, phone);
      }
    })();
  }
  db.pragma('optimize');
  db.close();
  renameSync(tmp, path);
  // The store's salt file stays behind under the building name: the database is opened by its own name from now on.
  for (const f of [`${tmp}-wal`, `${tmp}-shm`, `${tmp}.salt`]) rmSync(f, { force: true });
}

/**
 * The sealed copy of the clear cache, as the app seals a store from a version before encryption:
 * copy, then sealClearStore (PRAGMA rekey in SQLCipher 4 format, integrity_check, rename). Opened
 * afterwards with the same openDatabase + applyKey as the app, so the figures are the app's.
 */
export function buildSealedCopy(clearPath: string, sealedPath: string): void {
  const tmp = `${sealedPath}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`, `${tmp}.salt`, `${tmp}.clear`]) rmSync(f, { force: true });
  // The clear cache is closed; its WAL, if any holds pages, travels with it and is folded in by the sealing.
  copyFileSync(clearPath, tmp);
  if (existsSync(`${clearPath}-wal`) && statSync(`${clearPath}-wal`).size > 0) copyFileSync(`${clearPath}-wal`, `${tmp}-wal`);
  sealClearStore(tmp, BENCH_DB_KEY);
  renameSync(tmp, sealedPath);
}

/** Brings a cached database (clear or sealed) up to the current schema, the way the app opens it. */
export function migrateCached(path: string, key: string | null): void {
  void SqliteStore.open(path, { key, auditKey: BENCH_AUDIT_KEY }).close();
}
