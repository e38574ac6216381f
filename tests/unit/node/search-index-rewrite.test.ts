import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../../electron/common/domain/text';
import { migrate } from '../../../electron/node/db/migration';
import { migrations } from '../../../electron/node/db/migrations/index.generated';
import { openDatabase } from '../../../electron/node/db/open';
import { rewriteStep, searchSegments } from '../../../electron/node/search/search-index-repo';
import { indexDossier, searchDossiers } from '../../../electron/node/search/search-repo';
import { tempDir } from '../../helpers/tmp';

// Migration 21: the search index's leaves fit an encrypted page, and an upgraded store rewrites its
// index once, in background steps, into one segment — every search answering as before.

const PAGES = migrations.find((m) => m.name === 'search_pages')!.version;
const BEFORE = migrations.filter((m) => m.version < PAGES).at(-1)!.version;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng', 'Bùi', 'Đỗ', 'Võ', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Hữu', 'Ngọc'];
const GIVEN = ['An', 'Anh', 'Bình', 'Châu', 'Dũng', 'Đạt', 'Hà', 'Hải', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Vy'];
const QUERIES = ['nguyen', 'tran van', 'dang duc', 'le thi ha', 'pham mi', '0912', '0791230', 'h12', 'ngoc v', 'quan'];

let dir: { dir: string; cleanup: () => void };
let db: Database.Database;
let key: string;

beforeEach(() => {
  dir = tempDir();
  key = randomBytes(32).toString('hex');
});
afterEach(() => {
  db?.close();
  dir.cleanup();
});

/** An encrypted store at `version`, as a counter keeps it. */
function store(version?: number): Database.Database {
  const conn = openDatabase(join(dir.dir, 'search.sqlite3'), { key, migrate: false }).db;
  migrate(conn, migrations, version);
  conn.prepare("INSERT INTO units (unit_code, name, updated_at) VALUES ('U', 'Xã', 'x')").run();
  conn.prepare("INSERT INTO counters (unit_code, counter_id, is_this_pc) VALUES ('U', 'Q01', 1)").run();
  conn.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at, search_text) VALUES ('1.1', 'Khai sinh', 1, 'NgayLamViec', 'x', '')").run();
  return conn;
}

/** `n` dossiers in transactions of `batch`, each flush a segment of its own, their names varied enough to fill many leaves. */
function receive(conn: Database.Database, n: number, batch: number, first = 0): void {
  let s = 11;
  const r = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const pick = <T,>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const ins = conn.prepare(
    `INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, name_folded, ngay_tiep_nhan, trang_thai, created_at, updated_at)
     VALUES (?, '1.1', 'Khai sinh', 'U', 'Q01', '1', ?, ?, '2025-05-05T09:10:00+07:00', '2', 'x', 'x')`,
  );
  for (let from = first; from < first + n; from += batch) {
    conn.transaction(() => {
      for (let i = from; i < Math.min(first + n, from + batch); i++) {
        const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
        const code = `000.00.01.H12-250505-${String(i).padStart(5, '0')}`;
        const id = Number(ins.run(code, name, foldVietnamese(name)).lastInsertRowid);
        const idNumber = `0${String(79_000_000_000 + Math.floor(r() * 999_999_999))}`;
        indexDossier(conn, { id, code, name, idNumber, phone: `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}` });
      }
    })();
  }
}

/** The most of a row a page holds (SQLite's max local payload), less the %_data record's 3-byte header. */
function leafRoom(conn: Database.Database): number {
  const reserve = 80; // SQLCipher 4: a 16-byte IV and a 64-byte HMAC-SHA512 per page
  return (conn.pragma('page_size', { simple: true }) as number) - reserve - 35 - 3;
}
const longestLeaf = (conn: Database.Database) => conn.prepare('SELECT max(length(block)) FROM dossier_search_data').pluck().get() as number;
const answers = (conn: Database.Database) => QUERIES.map((q) => searchDossiers(conn, q, 20));
const rewriteAsked = (conn: Database.Database) => conn.prepare('SELECT count(*) FROM search_index_upkeep').pluck().get() as number;

describe('migration 21: the search index in leaves that fit a page', () => {
  it('an upgraded store rewrites its index in steps into one segment whose leaves fit, every search answering the same', () => {
    db = store(BEFORE);
    receive(db, 3000, 500);
    // The old layout this migration is for: leaves of 4,050 bytes spilling onto a second page, several segments.
    expect(longestLeaf(db)).toBeGreaterThan(leafRoom(db));
    expect(searchSegments(db)).toBeGreaterThan(1);
    const before = answers(db);
    expect(before.flat().length).toBeGreaterThan(50);

    migrate(db, migrations);
    expect(rewriteAsked(db)).toBe(1);
    let steps = 0;
    while (rewriteStep(db, 4)) {
      steps++;
      // Between steps, searches read the index as it stands and answer as before.
      if (steps % 7 === 0) expect(answers(db)).toEqual(before);
    }
    expect(steps).toBeGreaterThan(3);
    expect(rewriteAsked(db)).toBe(0);
    expect(searchSegments(db)).toBe(1);
    expect(longestLeaf(db)).toBeLessThanOrEqual(leafRoom(db));
    expect(answers(db)).toEqual(before);
    expect(() => db.exec("INSERT INTO dossier_search (dossier_search) VALUES ('integrity-check')")).not.toThrow();
    // Done once: a later step finds nothing asked.
    expect(rewriteStep(db)).toBe(false);
  });

  it('ends after about one pass however many dossiers arrive meanwhile (each one a new segment, which would start the forced merge over)', () => {
    db = store(BEFORE);
    receive(db, 3000, 500);
    migrate(db, migrations);
    let steps = 0;
    let n = 3000;
    while (rewriteStep(db, 4) && steps < 20_000) {
      steps++;
      receive(db, 1, 1, n); // a dossier received between two steps
      n++;
    }
    expect(rewriteAsked(db)).toBe(0);
    expect(steps).toBeLessThan(200);
    // The pass did its job: no leaf of the old size is left, only the newest few segments beside the big one.
    expect(longestLeaf(db)).toBeLessThanOrEqual(leafRoom(db));
    expect(db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(n);
    expect(() => db.exec("INSERT INTO dossier_search (dossier_search) VALUES ('integrity-check')")).not.toThrow();
  });

  it('a new store asks for no rewrite, and writes leaves that fit from its first dossier', () => {
    db = store();
    expect(rewriteAsked(db)).toBe(0);
    receive(db, 3000, 500);
    expect(longestLeaf(db)).toBeLessThanOrEqual(leafRoom(db));
    expect(rewriteStep(db)).toBe(false);
    expect(searchSegments(db)).toBeGreaterThan(1); // automerge's business, not the rewrite's
  });

  it('a read-only connection leaves the rewrite to the writer', () => {
    db = store(BEFORE);
    receive(db, 50, 50);
    migrate(db, migrations);
    db.close();
    db = openDatabase(join(dir.dir, 'search.sqlite3'), { key, readonly: true }).db;
    expect(rewriteStep(db)).toBe(false);
    expect(rewriteAsked(db)).toBe(1);
  });
});
