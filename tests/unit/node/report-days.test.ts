import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/node/db/migration';
import { migrations } from '../../../electron/node/db/migrations/index.generated';
import { openDatabase } from '../../../electron/node/db/open';
import { dailyReport } from '../../../electron/node/reports/report-repo';
import { daysStep } from '../../../electron/node/reports/report-days-repo';
import { recordRemoteChange } from '../../../electron/node/sync/remote-dossier-repo';
import type { Change } from '../../../electron/common/domain/sync-wire';
import { rng } from '../../bench/large-db';
import { tempDir } from '../../helpers/tmp';

// The per-day counts of migration 19 (report-days-repo) against the plain path ('never': every count
// from the rows): the same report, to the last field, for any period and counter, after any write to
// what they count, and with times in forms that do not start with their day.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAY = 86_400_000;
const NOW = '2026-11-21T17:00:00+07:00';

let dir: { dir: string; cleanup: () => void };
let path: string;
let db: Database.Database;

const iso = (ms: number) => `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
const nat = (ms: number) => iso(ms).slice(0, 19).replace(/[-T:]/g, '');

/** A store of the version before the counts, with its dossiers, brought up to it as an upgrade does (the counts are left to the background steps). */
function build(): void {
  db = openDatabase(path, { key: null, migrate: false }).db;
  migrate(db, migrations, 18);
  db.pragma('foreign_keys = OFF'); // procedures the catalog does not have
  db.prepare("INSERT INTO units (unit_code, name, updated_at) VALUES ('U', 'Xã', 'x')").run();
  db.prepare("INSERT INTO counters (unit_code, counter_id, is_this_pc) VALUES ('U', 'Q01', 1)").run();
  const r = rng(19);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  // Exact times, and forms a day key does not start with a real day: a space for the T, a short or odd prefix.
  const time = (ms: number) => {
    const x = r();
    const t = iso(ms);
    if (x < 0.9) return t;
    if (x < 0.94) return t.replace('T', ' ');
    if (x < 0.97) return `${t.slice(0, 8)}${t.slice(8, 9)}x${t.slice(10)}`;
    return t.slice(0, 7);
  };
  const local = db.prepare(
    `INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, kenh_thuc_hien, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, ngay_tra, trang_thai, sync_state, voided_at, created_at, updated_at)
     VALUES (?, ?, ?, 'U', ?, ?, ?, '1', 'x', ?, ?, ?, 'synced', ?, 'x', 'x')`,
  );
  const fee = db.prepare('INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position, collected_at) VALUES (?, ?, ?, ?, 0, ?)');
  const remote = db.prepare(
    `INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, returned_at, fees_vnd, changed_at, payload) VALUES (?, 1, ?, ?, '1.1', 'x', ?, ?, ?, ?, '{}')`,
  );
  const PROCS = [['1.1', 'Khai sinh'], ['1.1', 'Khai sinh (cũ)'], ['2.2', 'Chứng thực'], ['3.3', 'Kết hôn']] as const;
  const base = Date.parse('2024-12-20T00:00:00+07:00');
  db.transaction(() => {
    for (let i = 0; i < 4000; i++) {
      const recv = base + Math.floor(r() * 420) * DAY + Math.floor(r() * DAY);
      const [ma, name] = pick(PROCS);
      const returned = r() < 0.7 ? time(recv + Math.floor(r() * 6) * DAY) : null;
      const id = local.run(`L-${pad(i, 5)}`, ma, name, pick(['Q01', 'Q02', 'Q03']), pick(['cb01', 'cb02', null]), pick(['1', '2', '3']), time(recv), returned, returned ? '10' : '4', r() < 0.04 ? iso(recv) : null).lastInsertRowid;
      if (r() < 0.8) fee.run(id, 'LP', 'Lệ phí', Math.floor(r() * 5) * 10_000, time(recv));
      if (r() < 0.3) fee.run(id, 'PH', 'Phí', 25_000, r() < 0.5 ? returned : null);
    }
    for (let i = 0; i < 3000; i++) {
      const recv = base + Math.floor(r() * 420) * DAY + Math.floor(r() * DAY);
      const ret = r() < 0.7 ? nat(recv + Math.floor(r() * 6) * DAY) : null;
      remote.run(`R-${pad(i, 5)}`, ret ? '10' : '4', pick(['Q01', 'Q02', 'Q04', null]), r() < 0.97 ? nat(recv) : null, ret, r() < 0.8 ? 10_000 : null, ret ?? nat(recv));
    }
  })();
  migrate(db, migrations);
}

const PERIODS: Array<[string, string]> = [
  ['2025-03-12', '2025-03-12'],
  ['2025-03-12', '2025-03-13'],
  ['2025-03-09', '2025-03-15'],
  ['2025-03-01', '2025-03-31'],
  ['2025-01-01', '2025-12-31'],
  ['2024-12-25', '2025-02-03'],
  ['2025-09-30', '2025-10-01'],
];
const COUNTERS = [null, 'Q01', 'Q02'];

const report = (conn: Database.Database, [first, last]: [string, string], counterId: string | null, settled: 'auto' | 'never') =>
  dailyReport(conn, first, { now: NOW, to: last, counterId, settled, log: { offset: 0, limit: 0 } });
const same = (what: string, conn = db, periods = PERIODS) => {
  for (const p of periods) for (const c of COUNTERS) expect(report(conn, p, c, 'auto'), `${what}: ${p.join('…')}, ${c}`).toEqual(report(conn, p, c, 'never'));
};
const stale = () => db.prepare('SELECT count(*) FROM report_day_stale').pluck().get() as number;
const YEAR = PERIODS[4]!;

beforeAll(() => {
  dir = tempDir();
  path = join(dir.dir, 'days.sqlite3');
  build();
}, 120_000);
afterAll(() => {
  db?.close();
  dir?.cleanup();
});

describe('per-day report counts', () => {
  it('are counted after an upgrade in small background steps, a report meanwhile counting from the rows what they have not reached', () => {
    const cursors = () => db.prepare("SELECT part, day FROM report_day_stale WHERE part IN ('R', 'F', 'T', 'N') ORDER BY part").all() as Array<{ part: string; day: string }>;
    expect(cursors().map((c) => c.part)).toEqual(['F', 'N', 'R', 'T']);
    expect(db.prepare('SELECT count(*) FROM report_day_received').pluck().get()).toBe(0); // nothing counted at the upgrade
    const seen = new Set<string>();
    let steps = 0;
    while (daysStep(db, 40)) {
      steps++;
      // Cursors inside the year, before it, after it: the year and a month still the rows' figures.
      if (steps % 7 === 1) same(`step ${steps}`, db, [YEAR, PERIODS[3]!, ['2025-05-01', '2025-07-31']]);
      for (const c of cursors()) seen.add(`${c.part}${c.day.slice(0, 4)}`);
      expect(steps).toBeLessThan(200);
    }
    expect(seen).toContain('R2025');
    expect(seen).toContain('N2025');
    expect(cursors()).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM report_day_received').pluck().get()).toBeGreaterThan(1000);
  }, 120_000);

  it('give the same report as counting the rows, for a day, two days, a week, a month, a year, per counter and for the unit', () => {
    expect(stale()).toBe(0); // as the steps counted them
    same('as built');
    const year = report(db, YEAR, null, 'auto');
    // Not two empty reports: thousands counted, every part present, the odd times among them.
    expect(year.totals.received).toBeGreaterThan(2500);
    expect(year.totals.returned).toBeGreaterThan(1500);
    expect(year.totals.feesCollected).toBeGreaterThan(0);
    expect(year.byCounter.filter((c) => c.source === 'feed').map((c) => c.counterId)).toEqual(['Q02', 'Q04']);
    expect(db.prepare("SELECT count(*) FROM report_day_received WHERE day NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'").pluck().get()).toBeGreaterThan(10);
  }, 60_000);

  it('are what a long period reads: a count changed by hand shows in it, not in a day’s report nor the plain path', () => {
    const before = report(db, YEAR, null, 'auto');
    const day = report(db, ['2025-06-10', '2025-06-10'], null, 'auto');
    db.prepare("UPDATE report_day_received SET n = n + 1000 WHERE rowid = (SELECT rowid FROM report_day_received WHERE day = '2025-06-10' LIMIT 1)").run();
    try {
      expect(report(db, YEAR, null, 'auto').totals.received).toBe(before.totals.received + 1000);
      expect(report(db, YEAR, null, 'never').totals.received).toBe(before.totals.received);
      expect(report(db, ['2025-06-10', '2025-06-10'], null, 'auto')).toEqual(day);
    } finally {
      db.prepare("UPDATE report_day_received SET n = n - 1000 WHERE rowid = (SELECT rowid FROM report_day_received WHERE day = '2025-06-10' LIMIT 1)").run();
    }
    expect(report(db, YEAR, null, 'auto')).toEqual(before);
  });

  it('follow every write to what they count: intake, a void, a hand-over and its fees, a counter moved, a delete, the feed', () => {
    const some = (sql: string) => db.prepare(sql).pluck().get() as number;
    const inYear = "ngay_tiep_nhan BETWEEN '2025-02-01' AND '2025-11-30'";
    const changes: Array<[string, () => unknown]> = [
      ['a dossier received, with its fee', () => {
        const id = db.prepare("INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, kenh_thuc_hien, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, trang_thai, sync_state, created_at, updated_at) VALUES ('N-1', '4.4', 'Mới', 'U', 'Q02', '2', '1', 'x', '2025-05-05T09:10:00+07:00', '2', 'pending', 'x', 'x')").run().lastInsertRowid;
        db.prepare("INSERT INTO dossier_fees (dossier_id, ma_phi, ten, amount_vnd, position, collected_at) VALUES (?, 'LP', 'Lệ phí', 70000, 0, '2025-05-05T09:10:00+07:00')").run(id);
      }],
      ['a receipt voided', () => db.prepare(`UPDATE dossiers SET voided_at = '2025-06-01T10:00:00+07:00' WHERE id = ?`).run(some(`SELECT id FROM dossiers WHERE voided_at IS NULL AND ${inYear} AND id IN (SELECT dossier_id FROM dossier_fees WHERE amount_vnd > 0) LIMIT 1 OFFSET 7`))],
      ['a hand-over collecting its fee', () => {
        const id = some(`SELECT dossier_id FROM dossier_fees WHERE collected_at IS NULL AND dossier_id IN (SELECT id FROM dossiers WHERE ngay_tra IS NULL AND ${inYear}) LIMIT 1`);
        db.prepare("UPDATE dossiers SET trang_thai = '10', ngay_tra = '2025-07-07T15:00:00+07:00' WHERE id = ?").run(id);
        db.prepare("UPDATE dossier_fees SET collected_at = '2025-07-07T15:00:00+07:00' WHERE dossier_id = ? AND collected_at IS NULL").run(id);
      }],
      ['a dossier moved to another counter and officer', () => db.prepare(`UPDATE dossiers SET counter_id = 'Q01', officer_id = 'cb09' WHERE id = ?`).run(some(`SELECT id FROM dossiers WHERE counter_id = 'Q02' AND ngay_tra IS NOT NULL AND ${inYear} AND id IN (SELECT dossier_id FROM dossier_fees WHERE amount_vnd > 0) LIMIT 1`))],
      // Received before the year, returned in it: its procedure and name come from the returned counts alone.
      ['a returned dossier’s procedure corrected', () =>
        db.prepare(`UPDATE dossiers SET ma_tthc = '5.5', ten_tthc = 'A trước' WHERE id = ?`).run(some("SELECT id FROM dossiers WHERE ngay_tiep_nhan < '2025-01-01' AND ngay_tra BETWEEN '2025-01-02' AND '2025-12-30' LIMIT 1"))],
      ['a received time moved', () => db.prepare(`UPDATE dossiers SET ngay_tiep_nhan = '2025-08-08T08:08:08+07:00' WHERE id = ?`).run(some(`SELECT id FROM dossiers WHERE voided_at IS NULL AND ${inYear} LIMIT 1 OFFSET 11`))],
      ['a fee removed', () => db.prepare('DELETE FROM dossier_fees WHERE rowid = ?').run(some(`SELECT rowid FROM dossier_fees WHERE amount_vnd > 0 AND collected_at BETWEEN '2025-02-01' AND '2025-11-30' LIMIT 1 OFFSET 5`))],
      ['a dossier deleted', () => db.prepare('DELETE FROM dossiers WHERE id = ?').run(some(`SELECT id FROM dossiers WHERE voided_at IS NULL AND ngay_tra IS NOT NULL AND ${inYear} AND id IN (SELECT dossier_id FROM dossier_fees WHERE amount_vnd > 0) LIMIT 1 OFFSET 20`))],
      ['the feed brings a dossier', () => db.prepare("INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, received_at, returned_at, fees_vnd, payload) VALUES ('R-new', 1, '10', 'Q04', '20250404080000', '20250406080000', 50000, '{}')").run()],
      ['the feed returns one', () => db.prepare("UPDATE remote_dossiers SET status = '10', returned_at = '20251010100000' WHERE ma_ho_so = ?").run(some("SELECT ma_ho_so FROM remote_dossiers WHERE returned_at IS NULL AND counter_id = 'Q02' AND received_at BETWEEN '20250201' AND '20251001' LIMIT 1"))],
      ['the feed drops one', () => db.prepare('DELETE FROM remote_dossiers WHERE ma_ho_so = ?').run(some("SELECT ma_ho_so FROM remote_dossiers WHERE counter_id = 'Q04' AND received_at BETWEEN '20250201' AND '20251001' LIMIT 1"))],
    ];
    for (const [what, change] of changes) {
      // Only the keys inside a period are counted again by its report; those outside wait for another.
      expect(db.prepare("SELECT count(*) FROM report_day_stale WHERE day > '2025-01-01' AND day < '2025-12-31' OR day > '20250101' AND day < '20251231'").pluck().get(), what).toBe(0);
      const before = report(db, YEAR, null, 'auto');
      change();
      expect(stale(), what).toBeGreaterThan(0);
      // The periods whose inner keys, first and last days meet the changes above.
      same(what, db, [YEAR, PERIODS[5]!, ['2025-05-01', '2025-07-31']]);
      expect(report(db, YEAR, null, 'auto'), what).not.toEqual(before);
    }
  }, 180_000);

  it('on a connection that cannot write, with keys still to count, count the period from the rows', () => {
    db.prepare("UPDATE dossiers SET officer_id = 'cb77' WHERE id = (SELECT id FROM dossiers WHERE voided_at IS NULL AND ngay_tiep_nhan BETWEEN '2025-04-01' AND '2025-04-30' LIMIT 1)").run();
    const queued = stale();
    expect(queued).toBeGreaterThan(0);
    const ro = openDatabase(path, { key: null, readonly: true }).db;
    try {
      same('read-only', ro);
      expect(report(ro, YEAR, null, 'auto').byOfficer.map((o) => o.officerId)).toContain('cb77');
      expect(stale()).toBe(queued);
    } finally {
      ro.close();
    }
    db.pragma('query_only = ON');
    try {
      same('query_only');
    } finally {
      db.pragma('query_only = OFF');
    }
    expect(stale()).toBe(queued);
    same('writable again');
    expect(stale()).toBeLessThan(queued);
  }, 60_000);

  it('cost a save one queued key per time it writes, and nothing for the writes no count reads', () => {
    db.prepare('DELETE FROM report_day_stale').run();
    const row = db.prepare("SELECT id FROM dossiers WHERE ngay_tra IS NULL AND voided_at IS NULL LIMIT 1").get() as { id: number };
    db.prepare("UPDATE dossiers SET sync_state = 'synced', receipt_path = 'r.pdf', server_version = 3, trang_thai = '4', updated_at = 'y' WHERE id = ?").run(row.id);
    expect(stale()).toBe(0);
    db.prepare("INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, trang_thai, sync_state, created_at, updated_at) VALUES ('N-2', '4.4', 'Mới', 'U', 'Q01', '1', 'x', '2026-11-21T09:00:00+07:00', '2', 'pending', 'x', 'x')").run();
    expect(db.prepare('SELECT part, day FROM report_day_stale').all()).toEqual([{ part: 'r', day: '2026-11-21' }]);
  });
});

// Inside an upsert's DO UPDATE SQLite applies the upsert's ABORT to what its triggers insert, OR IGNORE
// or not: a feed change to a dossier already queued (its new history row queues it just before) failed the pull.
describe('the queues behind the feed’s upsert', () => {
  it('take a change to a dossier already queued, the 766 summaries built and the days counted', () => {
    const d = tempDir();
    const conn = openDatabase(join(d.dir, 'upsert.sqlite3'), { key: null }).db;
    try {
      conn.prepare('DELETE FROM kpi766_stale').run(); // as after the warmer's rebuild: no '*' holding the codes back
      const change = (version: number, returned: string | undefined) =>
        recordRemoteChange(conn, { MaHoSo: 'X-1', version, TrangThaiHoSo: returned ? '10' : '4', changedAt: '2025-01-02T08:00:00+07:00', NgayTiepNhan: '20250101080000', MaQuay: 'Q02', ...(returned ? { NgayTra: returned } : {}) } as Change);
      expect(change(1, undefined)).toBe(true);
      expect(change(2, '20250103080000')).toBe(true);
      expect(change(3, '20250103090000')).toBe(true);
      expect(conn.prepare('SELECT ma_ho_so FROM kpi766_stale').pluck().all()).toEqual(['X-1']);
      expect(conn.prepare("SELECT day FROM report_day_stale WHERE part = 'n' ORDER BY day").pluck().all()).toEqual(['20250101', '20250103']);
    } finally {
      conn.close();
      d.cleanup();
    }
  });
});
