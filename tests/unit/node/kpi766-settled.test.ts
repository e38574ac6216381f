import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/node/db/open';
import { candidates } from '../../../electron/node/reports/kpi766-candidates-repo';
import { refreshSettled, settledGroups, settleStep } from '../../../electron/node/reports/kpi766-settled-repo';
import { dailyReport } from '../../../electron/node/reports/report-repo';
import { buildLargeDb, rng } from '../../bench/large-db';
import { tempDir } from '../../helpers/tmp';

// The 766 summaries of settled dossiers (migration 18) against the plain path ('never': every
// dossier judged from its rows, the code before them): the same report, to the last field, for any
// data, period, counter and judgement time, and after any change to what a summary came from.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAY = 86_400_000;
const LATER = '2026-11-21T17:00:00+07:00';

let dir: { dir: string; cleanup: () => void };
let path: string;
let db: Database.Database;

/** The bench's database at a small size (every dossier in the feed, exact times), then a varied feed and this PC's own on top. */
function build(): void {
  buildLargeDb(path, 6000);
  db = openDatabase(path, { key: null }).db;
  db.pragma('foreign_keys = OFF'); // this PC's dossiers name procedures the catalog may not have
  db.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('2.000001', 'Chứng thực bản sao', 2, 'NgayLamViec', 'x')").run();
  const r = rng(18);
  const iso = (ms: number) => `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
  // Both exact forms, and the forms that send a dossier to the JS path: Z with milliseconds, 30 February, empty, missing.
  const time = (ms: number): string | null => {
    const x = r();
    if (x < 0.45) return iso(ms).slice(0, 19).replace(/[-T:]/g, '');
    if (x < 0.9) return iso(ms);
    if (x < 0.93) return new Date(ms).toISOString();
    if (x < 0.95) return `${iso(ms).slice(0, 8)}30${iso(ms).slice(10)}`;
    if (x < 0.97) return '';
    return null;
  };
  const STATUSES = ['1', '2', '4', '5', '9', '10', '3', '7', '8', '6'];
  const PROCS: Array<[string | null, string | null]> = [['1.001193', 'Đăng ký khai sinh'], ['1.001193', 'Đăng ký khai sinh (tên cũ)'], ['2.000001', 'Chứng thực bản sao'], [null, null], ['2.000001', null], ['?', 'Dấu hỏi']];
  const remote = db.prepare(
    `INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, due_at, finished_at, returned_at, changed_at, payload)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')`,
  );
  const hist = db.prepare('INSERT INTO remote_status_history (ma_ho_so, version, status, changed_at) VALUES (?, ?, ?, ?)');
  const local = db.prepare(
    `INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, ngay_hen_tra, ngay_ket_thuc_xu_ly, ngay_tra, trang_thai, sync_state, voided_at, created_at, updated_at, name_folded)
     VALUES (?, ?, ?, 'U', ?, '1', 'x', ?, ?, ?, ?, ?, 'pending', ?, 'x', ?, '')`,
  );
  const base = Date.parse('2024-10-01T00:00:00+07:00');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      const code = `V-${pad(i, 5)}`;
      const recv = base + Math.floor(r() * 480) * DAY + Math.floor(r() * DAY);
      const due = recv + Math.floor(r() * 10) * DAY;
      const end = recv + Math.floor(r() * (r() < 0.1 ? 120 : 12)) * DAY;
      const ended = r() < 0.85;
      const status = ended ? STATUSES[4 + Math.floor(r() * 5)]! : STATUSES[Math.floor(r() * 4)]!;
      const [maTthc, name] = PROCS[Math.floor(r() * PROCS.length)]!;
      const counter = ['Q01', 'Q02', 'Q03', null][Math.floor(r() * 4)]!;
      remote.run(code, status, counter, maTthc, name, time(recv), r() < 0.93 ? time(due) : null, ended && r() < 0.7 ? time(end) : null, ended && r() < 0.5 ? time(end + 3600_000) : null, time(ended ? end + 7200_000 : recv));
      const n = Math.floor(r() * 4);
      for (let v = 1; v <= n; v++) hist.run(code, v, STATUSES[Math.floor(r() * STATUSES.length)]!, time(recv + Math.floor(r() * 14) * DAY));
    }
    // This PC's own: the feed's rows (some voided here), and those it has not shown yet.
    for (let i = 0; i < 1500; i++) {
      const inFeed = r() < 0.3;
      const code = inFeed ? `V-${pad(Math.floor(r() * 3000), 5)}` : `L-${pad(i, 5)}`;
      if (inFeed && db.prepare('SELECT 1 FROM dossiers WHERE ma_ho_so = ?').get(code)) continue;
      const recv = base + Math.floor(r() * 480) * DAY + Math.floor(r() * DAY);
      const end = recv + Math.floor(r() * 9) * DAY;
      const ended = r() < 0.8;
      const status = ended ? ['9', '10', '3', '7'][Math.floor(r() * 4)]! : ['2', '4', '5', '6'][Math.floor(r() * 4)]!;
      const [maTthc, name] = PROCS[Math.floor(r() * 3)]!;
      // Forms Date.parse reads (the plain path judges this PC's times unnormalised): exact, or Z with milliseconds.
      const odd = (ms: number) => (r() < 0.9 ? iso(ms) : new Date(ms).toISOString());
      local.run(code, maTthc, name, ['Q01', 'Q02'][Math.floor(r() * 2)]!, odd(recv), r() < 0.9 ? odd(recv + 3 * DAY) : null, ended && r() < 0.6 ? odd(end) : null, ended && r() < 0.6 ? odd(end + 3600_000) : null, status, r() < 0.05 ? iso(recv) : null, odd(ended ? end + 7200_000 : recv + DAY));
    }
  })();
}

/** Every period kind with the counters and judgement times that change what settles: past, inside the trend window, before it. */
const CASES: Array<{ first: string; last: string; now: string }> = [
  { first: '2025-01-01', last: '2025-12-31', now: LATER },
  { first: '2025-01-01', last: '2025-12-31', now: '2025-12-15T10:00:00+07:00' },
  { first: '2025-01-01', last: '2025-12-31', now: '2025-06-15T10:00:00+07:00' },
  { first: '2024-10-01', last: '2026-01-31', now: LATER },
  { first: '2025-04-01', last: '2025-06-30', now: LATER },
  { first: '2025-03-01', last: '2025-03-31', now: LATER },
  { first: '2025-03-12', last: '2025-03-12', now: LATER },
  { first: '2025-03-12', last: '2025-03-12', now: '2025-03-12T11:00:00+07:00' },
];
const COUNTERS = [null, 'Q01', 'Q03'];

const report = (o: { first: string; last: string; now: string }, counterId: string | null, settled: 'always' | 'never' | 'auto') =>
  dailyReport(db, o.first, { now: o.now, to: o.last, counterId, settled, log: { offset: 0, limit: 0 } });

beforeAll(() => {
  dir = tempDir();
  path = join(dir.dir, 'settled.sqlite3');
  build();
}, 120_000);
afterAll(() => {
  db?.close();
  dir?.cleanup();
});

describe('766 summaries of settled dossiers', () => {
  it('give the same report as judging every dossier, for a day, a month, a quarter, a year and more, per counter and for the unit', () => {
    for (const c of CASES)
      for (const counter of COUNTERS) {
        const plain = report(c, counter, 'never');
        expect(report(c, counter, 'always'), `${c.first}…${c.last} at ${c.now}, ${counter}`).toEqual(plain);
        expect(report(c, counter, 'auto')).toEqual(plain);
      }
    // Not a comparison of two empty reports: the year counts thousands, most of them from the summaries.
    const year = report(CASES[0]!, null, 'always');
    expect(year.kpi766.truocHan + year.kpi766.dungHan + year.kpi766.treHan).toBeGreaterThan(2000);
    expect(year.byProcedure.length).toBeGreaterThan(2);
    const settled = settledGroups(db, { fromIso: '2025-01-01T00:00:00', toIso: '2025-12-31T99', toNat: '20251231999999', counter: null, start: '20250101000000', before: '20251201000000' });
    expect(settled.reduce((s, g) => s + g.n, 0)).toBeGreaterThan(2000);
    expect(new Set(settled.map((g) => g.verdict))).toEqual(new Set(['truocHan', 'dungHan', 'treHan']));
    expect(db.prepare("SELECT count(*) FROM kpi766_settled WHERE src = 1 AND verdict IS NOT NULL").pluck().get()).toBeGreaterThan(100);
  });

  it('serve a day’s report once ready (migration 23: by ten days received), the same as judging every dossier, whatever form the received time has', () => {
    refreshSettled(db);
    const read: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = (sql: string) => (read.push(sql), prepare(sql));
    (db as unknown as { prepare: typeof spy }).prepare = spy;
    try {
      // Every 11th day over the 16 months the feed spans (days early and late in a month, in every
      // month), and the days on each side of a key's bound (the tens of the day: 9|10, 19|20, 29|30|31).
      const every11th = Array.from({ length: 44 }, (_, i) => new Date(Date.parse('2024-10-01T00:00:00Z') + i * 11 * DAY).toISOString().slice(0, 10));
      for (const day of [...every11th, '2025-01-09', '2025-01-10', '2025-01-19', '2025-01-20', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-28', '2025-03-01']) {
        for (const counter of COUNTERS) {
          const c = { first: day, last: day, now: LATER };
          expect(report(c, counter, 'auto'), `${day}, ${counter}`).toEqual(report(c, counter, 'never'));
        }
      }
    } finally {
      (db as unknown as { prepare: typeof prepare }).prepare = prepare;
    }
    expect(read.some((sql) => sql.includes('FROM kpi766_settled WHERE src = @src AND CASE src WHEN 0 THEN substr(received, 1, 7)'))).toBe(true);
    // The feed's received times in RFC 3339 (and the other odd forms) sort among the national ones by their text, as the candidates query compares them.
    expect(db.prepare("SELECT count(*) FROM kpi766_settled WHERE src = 0 AND substr(received, 5, 1) = '-'").pluck().get()).toBeGreaterThan(100);
  });

  it('follow every change to what they were computed from: the feed, its history, the due time, this PC’s records', () => {
    const year = CASES[0]!;
    const counted = (code: string) => db.prepare('SELECT count(*) FROM kpi766_settled WHERE ma_ho_so = ?').pluck().get(code) as number;
    // Settled, counted dossiers of 2025 of each source, summarised by the reports above.
    const pick = (src: number, verdict: string) =>
      db
        .prepare("SELECT ma_ho_so FROM kpi766_settled WHERE src = @src AND verdict = @verdict AND end_key >= '20250101' AND last_key < '20251101' AND ma_ho_so NOT IN (SELECT ma_ho_so FROM dossiers WHERE @src = 0) ORDER BY ma_ho_so LIMIT 1")
        .pluck()
        .get({ src, verdict }) as string;
    const supp = pick(0, 'truocHan');
    const voided = db.prepare("SELECT ma_ho_so FROM kpi766_settled WHERE src = 0 AND verdict = 'truocHan' AND end_key >= '20250101' AND last_key < '20251101' AND ma_ho_so > ? ORDER BY ma_ho_so LIMIT 1").pluck().get(supp) as string;
    const changes: Array<[string, string, () => unknown]> = [
      ['a second supplement request in the history', supp, () =>
        db.prepare("INSERT INTO remote_status_history (ma_ho_so, version, status, changed_at) VALUES (@c, 901, '5', '20250102080000'), (@c, 902, '2', '20250103080000'), (@c, 903, '5', '20250104080000')").run({ c: supp })],
      ['a later due time', pick(0, 'treHan'), () => db.prepare("UPDATE remote_dossiers SET due_at = '20261231170000' WHERE ma_ho_so = ?").run(pick(0, 'treHan'))],
      ['a receipt voided here', voided, () => {
        db.prepare("INSERT INTO dossiers (ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, trang_thai, sync_state, created_at, updated_at, name_folded) VALUES (?, '1.001193', 'x', 'U', 'Q01', '1', 'x', '2025-01-01T08:00:00+07:00', '10', 'synced', 'x', 'x', '')").run(voided);
        db.prepare("UPDATE dossiers SET voided_at = '2025-01-01T09:00:00+07:00' WHERE ma_ho_so = ?").run(voided);
      }],
      ['this PC’s dossier returned late', pick(1, 'truocHan'), () =>
        db.prepare("UPDATE dossiers SET ngay_tra = '2025-11-20T10:00:00+07:00', ngay_ket_thuc_xu_ly = NULL, ngay_hen_tra = '2025-11-01T10:00:00+07:00' WHERE ma_ho_so = ?").run(pick(1, 'truocHan'))],
      ['the feed shows this PC’s dossier, still open', pick(1, 'treHan'), () =>
        db.prepare("INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, due_at, changed_at, payload) VALUES (?, 1, '4', 'Q02', '2.000001', 'Chứng thực bản sao', '20250301080000', '20250305080000', '20250301080000', '{}')").run(pick(1, 'treHan'))],
      ['the feed row deleted', pick(0, 'dungHan'), () => db.prepare('DELETE FROM remote_dossiers WHERE ma_ho_so = ?').run(pick(0, 'dungHan'))],
    ];
    for (const [what, code, change] of changes) {
      expect(code, what).toBeTruthy();
      const before = report(year, null, 'always');
      expect(counted(code), what).toBe(1);
      change();
      // Dropped with the change itself, before any report: no stale verdict is ever there to read.
      expect(counted(code), what).toBe(0);
      const after = report(year, null, 'always');
      expect(after, what).toEqual(report(year, null, 'never'));
      expect(after.kpi766, what).not.toEqual(before.kpi766);
    }
  });

  it('on a connection that cannot write, with changes not yet summarised, judge every dossier from its rows', () => {
    db.prepare("UPDATE remote_dossiers SET returned_at = '20250401100000' WHERE ma_ho_so = (SELECT ma_ho_so FROM kpi766_settled WHERE src = 0 AND verdict = 'truocHan' AND end_key >= '20250101' LIMIT 1)").run();
    const ro = openDatabase(path, { key: null, readonly: true }).db;
    try {
      expect(ro.prepare('SELECT count(*) FROM kpi766_stale').pluck().get()).toBe(1);
      const plain = dailyReport(ro, '2025-01-01', { now: LATER, to: '2025-12-31', settled: 'never' });
      expect(dailyReport(ro, '2025-01-01', { now: LATER, to: '2025-12-31', settled: 'always' })).toEqual(plain);
      expect(ro.prepare('SELECT count(*) FROM kpi766_stale').pluck().get()).toBe(1);
      // A connection that refuses writes without saying so up front (a full disk answers alike): the same.
      db.pragma('query_only = ON');
      try {
        expect(dailyReport(db, '2025-01-01', { now: LATER, to: '2025-12-31', settled: 'always' })).toEqual(plain);
      } finally {
        db.pragma('query_only = OFF');
      }
      expect(db.prepare('SELECT count(*) FROM kpi766_stale').pluck().get()).toBe(1);
      expect(dailyReport(db, '2025-01-01', { now: LATER, to: '2025-12-31', settled: 'always' })).toEqual(plain);
      expect(db.prepare('SELECT count(*) FROM kpi766_stale').pluck().get()).toBe(0);
    } finally {
      ro.close();
    }
  });
});

// While the summaries cannot be read (a rebuild under way, as here, or a connection that cannot write
// with changes queued) a day's or a month's report finds its candidates through the indexes, and many
// have facts all the same (ended, exact times, no supplement request): they are judged from them, not
// from a history (issue #15).
describe('candidates judged from their facts', () => {
  const DAYS = Array.from({ length: 40 }, (_, i) => new Date(Date.parse('2024-10-01T00:00:00Z') + i * 13 * DAY).toISOString().slice(0, 10));
  // A rebuild queued: 'auto' leaves it to the background steps and reads no summary.
  beforeAll(() => void db.prepare("INSERT INTO kpi766_stale (ma_ho_so) VALUES ('*')").run());
  afterAll(() => void db.prepare("DELETE FROM kpi766_stale WHERE ma_ho_so = '*'").run());

  it('give the same day, week and month reports as judging every dossier from its history, per counter, at any judgement time', () => {
    for (const day of DAYS)
      for (const counter of COUNTERS) {
        const c = { first: day, last: day, now: LATER };
        expect(report(c, counter, 'auto'), `${day}, ${counter}`).toEqual(report(c, counter, 'never'));
      }
    for (const c of [
      { first: '2025-02-10', last: '2025-02-10', now: '2025-02-10T09:30:00+07:00' },
      { first: '2025-02-10', last: '2025-02-16', now: LATER },
      { first: '2025-05-01', last: '2025-05-31', now: '2025-05-20T15:00:00+07:00' },
      { first: '2025-08-01', last: '2025-08-31', now: LATER },
    ])
      for (const counter of COUNTERS) expect(report(c, counter, 'auto'), `${c.first}…${c.last} at ${c.now}, ${counter}`).toEqual(report(c, counter, 'never'));
  });

  it('are many of a day’s candidates, from the feed and this PC’s own', () => {
    const all = DAYS.flatMap((d) => candidates(db, d, d, null, { start: `${d}T00:00:00+07:00`, before: `${d}T00:00:00+07:00` }, undefined, true));
    const known = all.filter((c) => 'facts' in c);
    // A quarter here, where the varied feed holds many open dossiers and odd times; nearly all in the bench's.
    expect(known.length).toBeGreaterThan(all.length / 4);
    expect(new Set(known.map((c) => c.src))).toEqual(new Set([0, 1]));
    // The plain path asked for: none.
    expect(DAYS.flatMap((d) => candidates(db, d, d, null, null)).filter((c) => 'facts' in c)).toEqual([]);
  });
});

// The rebuild in background steps (settleStep): where it has reached is kept in kpi766_stale, so a
// report never takes a partial table for the whole, a change during it is not lost, and a restart
// goes on from there.
describe('766 summaries rebuilt in steps', () => {
  const STEP = 500;
  const table = () => db.prepare('SELECT * FROM kpi766_settled ORDER BY ma_ho_so').all();
  const summaries = () => db.prepare('SELECT count(*) FROM kpi766_settled').pluck().get() as number;
  const cursor = () => db.prepare("SELECT ma_ho_so FROM kpi766_stale WHERE ma_ho_so >= '*' AND ma_ho_so < '+'").pluck().all() as string[];
  const queued = () => db.prepare("SELECT ma_ho_so FROM kpi766_stale WHERE NOT (ma_ho_so >= '*' AND ma_ho_so < '+')").pluck().all() as string[];
  const queueAll = () => db.prepare("INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) VALUES ('*')").run();
  /** As a migration changing what is summarised does: every row deleted, '*' queued. */
  const rebuild = () => {
    db.prepare('DELETE FROM kpi766_settled').run();
    queueAll();
  };
  /** Steps until none is left; how many it took. */
  const finish = () => {
    let n = 1;
    while (settleStep(db, STEP)) expect(++n).toBeLessThan(200);
    return n;
  };
  /** The table a rebuild from scratch in one transaction makes of the same rows. */
  const fromScratch = () => {
    rebuild();
    expect(refreshSettled(db)).toBe(true);
    return table();
  };
  const year = CASES[0]!;

  it('leave an interrupted rebuild unread: a report finishes it, or judges every dossier on a connection that cannot', () => {
    const plain = report(year, null, 'never');
    rebuild();
    for (let i = 0; i < 3; i++) expect(settleStep(db, STEP)).toBe(true);
    expect(summaries()).toBe(3 * STEP);
    expect(cursor()).toHaveLength(1);
    const ro = openDatabase(path, { key: null, readonly: true }).db;
    try {
      expect(dailyReport(ro, year.first, { now: year.now, to: year.last, settled: 'always', log: { offset: 0, limit: 0 } })).toEqual(plain);
    } finally {
      ro.close();
    }
    expect(summaries()).toBe(3 * STEP);
    for (const counter of COUNTERS) expect(report(year, counter, 'always')).toEqual(report(year, counter, 'never'));
    expect(cursor()).toEqual([]);
    expect(summaries()).toBeGreaterThan(9000);
  });

  it('summarise again a dossier changed behind the cursor, and read one changed ahead of it', () => {
    rebuild();
    // Behind: a late dossier of 2025 already summarised, made on time. Ahead: one the rebuild has not read.
    const lateOf2025 = db.prepare("SELECT ma_ho_so FROM kpi766_settled WHERE src = 0 AND verdict = 'treHan' AND end_key >= '20250101' ORDER BY ma_ho_so LIMIT 1").pluck();
    // The first step drops the summaries of before, then goes on until one is behind the cursor.
    do expect(settleStep(db, STEP)).toBe(true);
    while (!lateOf2025.get());
    const behind = lateOf2025.get() as string;
    const at = cursor()[0]!;
    expect(at.startsWith('*remote>')).toBe(true);
    const reached = at.slice('*remote>'.length);
    const ahead = db.prepare("SELECT ma_ho_so FROM remote_dossiers WHERE ma_ho_so > ? AND finished_at >= '20250101' AND ma_ho_so NOT IN (SELECT ma_ho_so FROM dossiers) ORDER BY ma_ho_so DESC LIMIT 1").pluck().get(reached) as string;
    expect(behind && ahead).toBeTruthy();
    const later = db.prepare("UPDATE remote_dossiers SET due_at = '20261231170000' WHERE ma_ho_so = ?");
    later.run(behind);
    later.run(ahead);
    expect(queued().sort()).toEqual([ahead, behind].sort());
    expect(db.prepare('SELECT count(*) FROM kpi766_settled WHERE ma_ho_so = ?').pluck().get(behind)).toBe(0);
    // Into this PC's dossiers: one already summarised, returned late after the fact.
    while (!cursor()[0]!.startsWith('*local>') || summaries() < 9000) expect(settleStep(db, STEP)).toBe(true);
    const mine = db.prepare("SELECT ma_ho_so FROM kpi766_settled WHERE src = 1 AND verdict = 'truocHan' AND end_key >= '20250101' ORDER BY ma_ho_so LIMIT 1").pluck().get() as string;
    expect(mine).toBeTruthy();
    db.prepare("UPDATE dossiers SET ngay_tra = '2025-11-20T10:00:00+07:00', ngay_ket_thuc_xu_ly = NULL, ngay_hen_tra = '2025-11-01T10:00:00+07:00' WHERE ma_ho_so = ?").run(mine);
    expect(queued()).toEqual([mine]);
    finish();
    expect(db.prepare('SELECT verdict FROM kpi766_settled WHERE ma_ho_so = ?').pluck().all(behind)).toEqual(['truocHan']);
    expect(db.prepare('SELECT verdict FROM kpi766_settled WHERE ma_ho_so = ?').pluck().all(mine)).toEqual(['treHan']);
    expect(db.prepare('SELECT count(*) FROM kpi766_stale').pluck().get()).toBe(0);
    const stepped = table();
    expect(stepped).toEqual(fromScratch());
    expect(report(year, null, 'always')).toEqual(report(year, null, 'never'));
  });

  it('go on after a restart from where the rebuild had reached', () => {
    rebuild();
    for (let i = 0; i < 4; i++) settleStep(db, STEP);
    const at = cursor();
    expect(summaries()).toBe(4 * STEP);
    db.close();
    db = openDatabase(path, { key: null }).db;
    expect(cursor()).toEqual(at);
    expect(summaries()).toBe(4 * STEP);
    expect(settleStep(db, STEP)).toBe(true);
    expect(summaries()).toBe(5 * STEP);
    expect(cursor()[0]! > at[0]!).toBe(true);
    const steps = finish();
    const stepped = table();
    expect(stepped).toEqual(fromScratch());
    // Fewer steps than from the start.
    rebuild();
    expect(finish()).toBe(steps + 5);
    // '*' over rows of before, some made by other rules or for codes now gone: none is left as it was.
    const some = db.prepare("SELECT ma_ho_so FROM kpi766_settled WHERE verdict = 'treHan' ORDER BY ma_ho_so LIMIT 1 OFFSET 40").pluck().get() as string;
    expect(db.prepare("UPDATE kpi766_settled SET verdict = 'truocHan' WHERE ma_ho_so = ?").run(some).changes).toBe(1);
    expect(db.prepare("INSERT INTO kpi766_settled SELECT 'ZZ-gone', src, rid, counter_id, ma_tthc, ten_tthc, received, status, changed, end_key, last_key, verdict, due_key, counted_key FROM kpi766_settled WHERE ma_ho_so = ?").run(some).changes).toBe(1);
    expect(db.prepare("INSERT INTO kpi766_settled SELECT '0-gone', src, rid, counter_id, ma_tthc, ten_tthc, received, status, changed, end_key, last_key, verdict, due_key, counted_key FROM kpi766_settled WHERE ma_ho_so = ?").run(some).changes).toBe(1);
    queueAll();
    finish();
    expect(table()).toEqual(stepped);
    expect(report(year, 'Q01', 'always')).toEqual(report(year, 'Q01', 'never'));
  });
});
