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
