import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/node/db/open';
import { refreshSettled, settleStep } from '../../../electron/node/reports/kpi766-settled-repo';
import { daysStep } from '../../../electron/node/reports/report-days-repo';
import { dailyReport } from '../../../electron/node/reports/report-repo';
import { buildLargeDb, rng, UNIT } from '../../bench/large-db';
import { tempDir } from '../../helpers/tmp';

// The reports' derived tables — the per-day counts (migration 19) and the 766 summaries (18) — against
// the same tables computed from scratch, after random writes of every kind the app makes: intake,
// status changes, returns, voids, fees, deletions, the feed and its history.

const NOW = '2026-11-21T17:00:00+07:00';
const DAY = 86_400_000;
let dir: { dir: string; cleanup: () => void };
let db: Database.Database;

const iso = (ms: number) => `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
const nat = (ms: number) => iso(ms).slice(0, 19).replace(/[-T:]/g, '');

/** Each per-day table as it stands for the keys of a wide period, and as counted from the rows now. */
const DAYS: Array<[string, string, string]> = [
  ['report_day_received', 'ma_tthc, ten_tthc, counter_id, officer_id, channel, hour, n, first_at, first_id',
    `SELECT substr(ngay_tiep_nhan, 1, 10) AS day, ma_tthc, ten_tthc, counter_id, officer_id, kenh_thuc_hien AS channel, substr(ngay_tiep_nhan, 12, 2) AS hour, count(*) AS n, min(ngay_tiep_nhan) AS first_at, min(id) AS first_id
     FROM dossiers WHERE voided_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7`],
  ['report_day_fees', 'counter_id, s',
    'SELECT substr(f.collected_at, 1, 10) AS day, d.counter_id, sum(f.amount_vnd) AS s FROM dossier_fees f JOIN dossiers d ON d.id = f.dossier_id WHERE f.collected_at IS NOT NULL AND d.voided_at IS NULL GROUP BY 1, 2'],
  ['report_day_returned', 'counter_id, ma_tthc, ten_tthc, n',
    'SELECT substr(ngay_tra, 1, 10) AS day, counter_id, ma_tthc, min(ten_tthc) AS ten_tthc, count(*) AS n FROM dossiers WHERE ngay_tra IS NOT NULL GROUP BY 1, 2, 3'],
  ['report_day_feed', 'kind, counter_id, n, fees',
    `SELECT substr(received_at, 1, 8) AS day, 0 AS kind, counter_id, count(*) AS n, sum(coalesce(fees_vnd, 0)) AS fees FROM remote_dossiers WHERE received_at IS NOT NULL AND counter_id IS NOT NULL GROUP BY 1, 3
     UNION ALL SELECT substr(returned_at, 1, 8), 1, counter_id, count(*), 0 FROM remote_dossiers WHERE returned_at IS NOT NULL AND counter_id IS NOT NULL GROUP BY 1, 3`],
];
const inner = "(day > '2023-01-01' AND day < '2027-12-31' OR day > '20230101' AND day < '20271231')";
const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

function expectDaysExact(what: string): void {
  // A report over the wide period counts its stale inner keys again before reading them.
  dailyReport(db, '2023-01-01', { now: NOW, to: '2027-12-31', log: { offset: 0, limit: 0 } });
  for (const [table, columns, scratch] of DAYS) {
    const kept = db.prepare(`SELECT day, ${columns} FROM ${table} WHERE ${inner}`).all();
    const fresh = db.prepare(`SELECT day, ${columns} FROM (${scratch}) WHERE ${inner}`).all();
    expect(sorted(kept), `${what}: ${table}`).toEqual(sorted(fresh));
  }
}

function expectSettledExact(what: string): void {
  expect(refreshSettled(db)).toBe(true);
  while (settleStep(db, 700));
  const kept = db.prepare('SELECT * FROM kpi766_settled').all();
  const days = db.prepare('SELECT * FROM kpi766_settled_days').all();
  db.prepare("INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) VALUES ('*')").run();
  while (settleStep(db, 700));
  expect(sorted(kept), `${what}: kpi766_settled`).toEqual(sorted(db.prepare('SELECT * FROM kpi766_settled').all()));
  // The sums per end day their triggers kept up to date, and those counted anew after the rebuild.
  expect(sorted(days), `${what}: kpi766_settled_days`).toEqual(sorted(db.prepare('SELECT * FROM kpi766_settled_days').all()));
}

beforeAll(() => {
  dir = tempDir();
  const path = join(dir.dir, 'random.sqlite3');
  buildLargeDb(path, 3000);
  db = openDatabase(path, { key: null }).db;
  db.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('2.2', 'Chứng thực', 2, 'NgayLamViec', 'x')").run();
  while (daysStep(db) || settleStep(db));
}, 120_000);
afterAll(() => {
  db?.close();
  dir?.cleanup();
});

describe('the reports’ derived tables after random writes', () => {
  it('equal the same tables computed from scratch, and the reports equal those counted from the rows', () => {
    const r = rng(2020);
    const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
    const some = (sql: string) => db.prepare(`${sql} ORDER BY random() LIMIT 1`).pluck().get() as number | string | undefined;
    const base = Date.parse('2024-09-01T00:00:00+07:00');
    const when = () => base + Math.floor(r() * 500) * DAY + Math.floor(r() * DAY);
    let n = 0;
    const ops: Array<[string, () => unknown]> = [
      ['intake', () => {
        const at = iso(when());
        const id = db.prepare(`INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, kenh_thuc_hien, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, ngay_hen_tra, trang_thai, sync_state, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, '1', 'x', ?, ?, '2', 'pending', ?, ?)`).run(`T-${n++}`, pick(['1.001193', '2.2']), pick(['Đăng ký khai sinh', 'Chứng thực']), UNIT, pick(['Q01', 'Q02']), pick(['cb1', null]), pick(['1', '2', '3']), at, iso(Date.parse(at) + 3 * DAY), at, at).lastInsertRowid;
        db.prepare("INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position, collected_at) VALUES (?, 'LP', 'Lệ phí', ?, 0, ?)").run(id, pick([0, 10_000, 50_000]), at);
      }],
      ['a status change', () => db.prepare("UPDATE dossiers SET trang_thai = ?, updated_at = ? WHERE id = ?").run(pick(['4', '5', '9']), iso(when()), some('SELECT id FROM dossiers WHERE ngay_tra IS NULL'))],
      ['a return', () => {
        const id = some('SELECT id FROM dossiers WHERE ngay_tra IS NULL');
        const at = iso(when());
        db.prepare("UPDATE dossiers SET trang_thai = '10', ngay_tra = ?, ngay_ket_thuc_xu_ly = ?, updated_at = ? WHERE id = ?").run(at, at, at, id);
        db.prepare("INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position, collected_at) VALUES (?, 'PH', 'Phí', 25000, 1, ?)").run(id, at);
      }],
      ['a return moved', () => db.prepare('UPDATE dossiers SET ngay_tra = ? WHERE id = ?').run(iso(when()), some('SELECT id FROM dossiers WHERE ngay_tra IS NOT NULL'))],
      ['a void', () => db.prepare('UPDATE dossiers SET voided_at = ?, void_reason = ? WHERE id = ?').run(iso(when()), 'nhầm', some('SELECT id FROM dossiers WHERE voided_at IS NULL'))],
      ['a counter moved', () => db.prepare("UPDATE dossiers SET counter_id = 'Q03', officer_id = 'cb9' WHERE id = ?").run(some('SELECT id FROM dossiers'))],
      ['a fee changed', () => db.prepare('UPDATE dossier_fees SET amount_vnd = amount_vnd + 5000, collected_at = ? WHERE rowid = ?').run(iso(when()), some('SELECT rowid FROM dossier_fees'))],
      ['a fee removed', () => db.prepare('DELETE FROM dossier_fees WHERE rowid = ?').run(some('SELECT rowid FROM dossier_fees'))],
      ['a dossier deleted', () => db.prepare('DELETE FROM dossiers WHERE id = ?').run(some('SELECT id FROM dossiers'))],
      ['the feed brings one', () => {
        const t = when();
        const code = `F-${n++}`;
        const ret = r() < 0.6 ? nat(t + 2 * DAY) : null;
        db.prepare("INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, due_at, finished_at, returned_at, fees_vnd, changed_at, payload) VALUES (?, 1, ?, ?, '1.001193', 'Đăng ký khai sinh', ?, ?, ?, ?, ?, ?, '{}')")
          .run(code, ret ? '10' : '4', pick(['Q01', 'Q02', 'Q04']), nat(t), nat(t + 3 * DAY), ret, ret, pick([null, 20_000]), iso(t + 2 * DAY));
        db.prepare("INSERT INTO remote_status_history VALUES (?, 1, '2', ?)").run(code, iso(t));
      }],
      ['the feed returns one late', () => {
        const code = some("SELECT ma_ho_so FROM remote_dossiers WHERE returned_at IS NULL");
        const t = when();
        db.prepare("UPDATE remote_dossiers SET status = '10', version = version + 1, returned_at = ?, finished_at = ?, changed_at = ? WHERE ma_ho_so = ?").run(nat(t), nat(t), iso(t), code);
        db.prepare("INSERT OR IGNORE INTO remote_status_history VALUES (?, 9, '10', ?)").run(code, iso(t));
      }],
      ['the feed asks a supplement', () => db.prepare("INSERT OR IGNORE INTO remote_status_history VALUES (?, 8, '5', ?)").run(some('SELECT ma_ho_so FROM remote_dossiers'), iso(when()))],
      ['the feed drops one', () => db.prepare('DELETE FROM remote_dossiers WHERE ma_ho_so = ?').run(some('SELECT ma_ho_so FROM remote_dossiers'))],
    ];
    for (let round = 0; round < 6; round++) {
      const done: string[] = [];
      for (let i = 0; i < 25; i++) {
        const [what, op] = pick(ops);
        op();
        done.push(what);
      }
      const what = `round ${round} (${[...new Set(done)].join(', ')})`;
      expect(db.prepare('SELECT count(*) FROM report_day_stale').pluck().get(), what).toBeGreaterThan(0);
      expect(db.prepare('SELECT count(*) FROM kpi766_stale').pluck().get(), what).toBeGreaterThan(0);
      // The reports first, with the work queued: a long period counts and summarises it before reading.
      for (const [first, last] of [['2025-01-01', '2025-12-31'], ['2024-10-01', '2025-03-31'], ['2025-06-10', '2025-06-10']] as const) {
        const plain = dailyReport(db, first, { now: NOW, to: last, settled: 'never', log: { offset: 0, limit: 0 } });
        expect(dailyReport(db, first, { now: NOW, to: last, settled: 'auto', log: { offset: 0, limit: 0 } }), `${what}: ${first}…${last}`).toEqual(plain);
      }
      expectDaysExact(what);
      expectSettledExact(what);
    }
  }, 300_000);

  it('during a rebuild of the 766 summaries, answer a long period from the rows and leave the rebuild to the steps', () => {
    db.prepare("INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) VALUES ('*')").run();
    for (let i = 0; i < 2; i++) expect(settleStep(db, 500)).toBe(true);
    const cursor = () => db.prepare("SELECT ma_ho_so FROM kpi766_stale WHERE ma_ho_so >= '*' AND ma_ho_so < '+'").pluck().all();
    const at = cursor();
    expect(at).toHaveLength(1);
    const plain = dailyReport(db, '2025-01-01', { now: NOW, to: '2025-12-31', settled: 'never' });
    expect(dailyReport(db, '2025-01-01', { now: NOW, to: '2025-12-31', settled: 'auto' })).toEqual(plain);
    expect(cursor()).toEqual(at); // not finished by the report, not moved
    while (settleStep(db, 500));
    expect(cursor()).toEqual([]);
    expect(dailyReport(db, '2025-01-01', { now: NOW, to: '2025-12-31', settled: 'auto' })).toEqual(plain);
  }, 120_000);

  it('on a store upgraded with summaries, add up the days counted so far and count the others from the summaries', () => {
    while (settleStep(db, 500));
    const counted = sorted(db.prepare('SELECT * FROM kpi766_settled_days').all());
    // As migration 22 leaves such a store: no sums, the build's cursor, and a day queued by a later change.
    db.exec("DELETE FROM kpi766_settled_days; DELETE FROM kpi766_day_stale; INSERT INTO kpi766_day_stale (day) VALUES ('*')");
    db.exec("INSERT INTO kpi766_day_stale (day) SELECT substr(max(end_key), 1, 8) FROM kpi766_settled WHERE verdict IS NOT NULL AND end_key < '20250601'");
    const periods = [['2024-01-01', '2024-12-31'], ['2025-01-01', '2025-12-31'], ['2024-07-01', '2025-09-30']] as const;
    const plain = periods.map(([first, last]) => dailyReport(db, first, { now: NOW, to: last, settled: 'never', log: { offset: 0, limit: 0 } }));
    const auto = () => periods.map(([first, last]) => dailyReport(db, first, { now: NOW, to: last, settled: 'auto', log: { offset: 0, limit: 0 } }));
    expect(auto()).toEqual(plain);
    let steps = 0;
    while (settleStep(db, 300)) {
      if (++steps % 3 === 0) expect(auto(), `after ${steps} steps`).toEqual(plain);
      expect(steps).toBeLessThan(1000);
    }
    expect(steps).toBeGreaterThan(3);
    expect(sorted(db.prepare('SELECT * FROM kpi766_settled_days').all())).toEqual(counted);
    expect(auto()).toEqual(plain);
  }, 300_000);
});
