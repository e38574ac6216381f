import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateKpi, normalizeTime } from '../../../electron/common/domain/kpi';
import { classify766, judgementTime } from '../../../electron/common/domain/kpi766';
import { openDatabase } from '../../../electron/node/db/open';
import { candidates, timeKey, type Candidate, type Settled } from '../../../electron/node/reports/kpi766-candidates-repo';
import { tempDir } from '../../helpers/tmp';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** Deterministic PRNG: the same mixed feed on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A new store on disk, removed after the test; its path, to reopen it without the indexes. */
function freshDb() {
  const { dir, cleanup: c } = tempDir();
  cleanup = c;
  const path = join(dir, 'k.sqlite3');
  return { path, db: openDatabase(path, { key: null }).db };
}

describe('timeKey', () => {
  it('orders exactly like normalizeTime + Date.parse for the two exact forms', () => {
    const r = rng(3);
    for (let i = 0; i < 2000; i++) {
      const [y, mo, d, h, mi, s] = [2023 + Math.floor(r() * 4), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28), Math.floor(r() * 24), Math.floor(r() * 60), Math.floor(r() * 60)];
      const iso = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+07:00`;
      const nat = `${y}${pad(mo)}${pad(d)}${pad(h)}${pad(mi)}${pad(s)}`;
      expect(timeKey(iso)).toBe(nat);
      expect(timeKey(nat)).toBe(nat);
      expect(normalizeTime(nat)).toBe(iso);
    }
  });

  it('leaves every other form to normalizeTime (undefined), and empty values dropped like it (null)', () => {
    for (const odd of ['2025-02-30T10:00:00+07:00', '20250230100000', '2025-02-29T10:00:00+07:00', '2025-01-01T24:00:00+07:00', '2025-01-01T03:00:00Z', '2025-01-01T10:00:00.500+07:00', '2025-01-01T10:00:00+08:00', '2025-04-31T10:00:00+07:00', 'hôm qua'])
      expect(timeKey(odd)).toBeUndefined();
    expect(timeKey('')).toBeNull();
    expect(timeKey(null)).toBeNull();
    expect(normalizeTime('')).toBeNull();
  });
});

describe('candidates: dossiers settled before the trend window', () => {
  it('are classed exactly as classify766 classes their whole history, and cannot count on a trend day', () => {
    const { dir, cleanup: c } = tempDir();
    cleanup = c;
    const { db } = openDatabase(join(dir, 'k.sqlite3'), { key: null });
    const remote = db.prepare(
      `INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, due_at, finished_at, returned_at, changed_at, payload)
       VALUES (?, 1, ?, 'Q01', ?, ?, ?, ?, ?, ?, ?, '{}')`,
    );
    const hist = db.prepare('INSERT INTO remote_status_history (ma_ho_so, version, status, changed_at) VALUES (?, ?, ?, ?)');
    const r = rng(11);
    const base = Date.parse('2025-01-01T00:00:00+07:00');
    // Times in both exact forms, in odd forms, and empty; statuses with supplements, pre-receipt 1 and end states.
    const time = (ms: number): string | null => {
      const v = new Date(ms + 7 * 3600_000).toISOString();
      const iso = `${v.slice(0, 19)}+07:00`;
      const x = r();
      if (x < 0.45) return v.slice(0, 19).replace(/[-T:]/g, '');
      if (x < 0.9) return iso;
      if (x < 0.93) return new Date(ms).toISOString(); // Z with milliseconds
      if (x < 0.95) return `${iso.slice(0, 8)}30${iso.slice(10)}`; // day 30: in February, Date.parse rolls it over to March
      if (x < 0.97) return '';
      return null;
    };
    const STATUSES = ['1', '2', '4', '5', '9', '10', '3', '7', '8', '6'];
    for (let i = 0; i < 1000; i++) {
      const code = `000.00.01.H22-${pad(i, 6)}`;
      const recv = base + Math.floor(r() * 300) * 86_400_000 + Math.floor(r() * 86_400_000);
      const due = recv + Math.floor(r() * 10) * 86_400_000;
      const end = recv + Math.floor(r() * 12) * 86_400_000;
      const ended = r() < 0.85;
      const status = ended ? STATUSES[4 + Math.floor(r() * 5)]! : STATUSES[Math.floor(r() * 4)]!;
      remote.run(code, status, r() < 0.5 ? '1.001193' : '2.000001', 'Thủ tục', time(recv), r() < 0.95 ? time(due) : null, ended && r() < 0.7 ? time(end) : null, ended && r() < 0.5 ? time(end + 3600_000) : null, time(ended ? end + 7200_000 : recv));
      const n = Math.floor(r() * 4);
      for (let v = 1; v <= n; v++) hist.run(code, v, STATUSES[Math.floor(r() * STATUSES.length)]!, time(recv + Math.floor(r() * 14) * 86_400_000));
    }
    const first = '2025-03-01';
    const last = '2025-08-31';
    const before = '2025-08-01T00:00:00+07:00';
    const now = '2026-01-01T00:00:00+07:00';
    const judgedAt = judgementTime(last, now);
    const fast = candidates(db, '2025-03-01', last, null, { start: `${first}T00:00:00+07:00`, before });
    const slow = new Map((candidates(db, '2025-03-01', last, null, null) as Candidate[]).map((x) => [x.code, x]));
    expect(fast.map((x) => x.code)).toEqual([...slow.keys()]);
    const settled = fast.filter((x): x is Settled => 'settled' in x);
    expect(settled.length).toBeGreaterThan(150);
    expect(fast.length - settled.length).toBeGreaterThan(150);
    const classes = new Set<string | null>();
    for (const s of settled) {
      const full = slow.get(s.code)!;
      expect(classify766(full.due, full.history, { from: first, judgedAt }), s.code).toBe(s.settled);
      // The trend days start at `before`: a settled dossier has ended and has nothing from then on.
      expect(evaluateKpi(full.due, full.history).ended).toBe(true);
      expect(Math.max(...full.history.map((e) => Date.parse(e.at)))).toBeLessThan(Date.parse(before));
      classes.add(s.settled);
    }
    expect(classes).toEqual(new Set([null, 'truocHan', 'dungHan', 'treHan']));
    // Those left to JS are the same candidates as before.
    for (const x of fast) if (!('settled' in x)) expect(x).toEqual(slow.get(x.code));
    db.close();
  });
});

describe('candidates through the indexes of migration 15 (issue #15)', () => {
  it('are exactly those a read of every row finds, for past days, a month, a year and today', () => {
    const { path, db } = freshDb();
    const remote = db.prepare(
      `INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, due_at, finished_at, returned_at, changed_at, payload)
       VALUES (?, 1, ?, ?, 'P', 'Thủ tục', ?, ?, NULL, NULL, ?, '{}')`,
    );
    const local = db.prepare(
      `INSERT INTO dossiers (id, ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, loai_doi_tuong, chu_ho_so, ngay_tiep_nhan, ngay_hen_tra, trang_thai, sync_state, voided_at, created_at, updated_at, name_folded)
       VALUES (?, ?, 'P', 'Thủ tục', 'U', ?, '1', 'x', ?, ?, ?, 'synced', ?, 'x', ?, '')`,
    );
    const r = rng(15);
    const base = Date.parse('2024-01-01T00:00:00+07:00');
    const iso = (ms: number) => `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
    // Received in the national form mostly, some in RFC 3339 or missing; changed in RFC 3339, some never.
    const received = (ms: number) => {
      const x = r();
      return x < 0.8 ? iso(ms).slice(0, 19).replace(/[-T:]/g, '') : x < 0.95 ? iso(ms) : null;
    };
    const STATUSES = ['1', '2', '4', '5', '6', '9', '10', '3', '7', '8'];
    db.pragma('foreign_keys = OFF'); // no unit or catalog rows: the candidates read neither
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        const recv = base + Math.floor(r() * 700) * 86_400_000 + Math.floor(r() * 86_400_000);
        const changed = recv + Math.floor(r() * (r() < 0.1 ? 400 : 15)) * 86_400_000;
        const status = STATUSES[Math.floor(r() * STATUSES.length)]!;
        const counter = r() < 0.5 ? 'Q01' : 'Q02';
        if (r() < 0.8) remote.run(`C-${i}`, status, counter, received(recv), iso(recv + 3 * 86_400_000), r() < 0.97 ? iso(changed) : null);
        // This PC's own: some the feed also holds, some it has not shown yet, some voided.
        if (r() < 0.4) local.run(i + 1, `C-${i}`, counter, iso(recv), iso(recv + 3 * 86_400_000), status, r() < 0.05 ? iso(recv) : null, iso(changed));
      }
    })();
    const periods: Array<[string, string]> = [
      ['2024-06-03', '2024-06-03'],
      ['2025-03-06', '2025-03-12'],
      ['2025-02-01', '2025-02-28'],
      ['2025-01-01', '2025-12-31'],
      ['2025-11-28', '2025-11-30'],
    ];
    const seen = periods.flatMap(([from, last]) => [null, 'Q02'].map((counter) => candidates(db, from, last, counter, null)));
    const plans = db.prepare('EXPLAIN QUERY PLAN SELECT rowid FROM remote_dossiers WHERE substr(received_at, 1, 6) = ? AND coalesce(changed_at, \'~\') >= ? AND received_at <= ?').all('202503', 'x', 'y') as Array<{ detail: string }>;
    expect(plans.map((p) => p.detail).join(' ')).toContain('remote_dossiers_span');
    db.exec('DROP INDEX remote_dossiers_span');
    db.close();
    // A new connection finds the index missing and reads every row, as before the migration.
    const { db: scan } = openDatabase(path, { key: null, migrate: false });
    const all = periods.flatMap(([from, last]) => [null, 'Q02'].map((counter) => candidates(scan, from, last, counter, null)));
    scan.close();
    expect(seen.map((x) => x.length)).toEqual(all.map((x) => x.length));
    expect(seen).toEqual(all); // the same dossiers, histories and order (code order, the feed's first)
    expect(Math.min(...seen.map((x) => x.length))).toBeGreaterThan(20);
  });
});

describe('candidates through the indexes: an empty received time', () => {
  it('is found as a read of every row finds it (it sorts before every month, and the walk over months stepped over it)', () => {
    const { path, db } = freshDb();
    const remote = db.prepare(
      `INSERT INTO remote_dossiers (ma_ho_so, version, status, counter_id, ma_tthc, ten_tthc, received_at, due_at, finished_at, returned_at, changed_at, payload)
       VALUES (?, 1, ?, 'Q01', 'P', 'Thủ tục', ?, '20250305080000', NULL, NULL, ?, '{}')`,
    );
    remote.run('E-1', '9', '', '20250310080000');
    remote.run('E-2', '10', '', '2025-03-11T08:00:00+07:00');
    remote.run('N-1', '9', '20250301080000', '20250310080000');
    const seen = candidates(db, '2025-03-01', '2025-03-31', null, null).map((x) => x.code);
    db.exec('DROP INDEX remote_dossiers_span');
    db.close();
    const { db: scan } = openDatabase(path, { key: null, migrate: false });
    const all = candidates(scan, '2025-03-01', '2025-03-31', null, null).map((x) => x.code);
    scan.close();
    expect(all).toEqual(['E-1', 'E-2', 'N-1']);
    expect(seen).toEqual(all);
  });
});
