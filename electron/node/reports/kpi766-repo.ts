import type Database from 'better-sqlite3';
import type { WorkCalendar } from '../../common/domain/calendar';
import { evaluateKpi } from '../../common/domain/kpi';
import { addTo766, classifier766, emptyKpi766, judgementTime, ratio766, type Kpi766, type Kpi766Class } from '../../common/domain/kpi766';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { candidates, type Candidate, type Known, type Settled } from './kpi766-candidates-repo';
import { refreshSettled, settledGroups, settledName, unsettled, type RecentSettled, type SettledGroup, type SettledPeriod } from './kpi766-settled-repo';
import { loadWorkCalendar } from '../calendar/calendar-repo';

// The 766 on-time indicator over the unit's dossiers as the feed shows them, plus this PC's own
// dossiers the feed has not shown yet (offline, or a counter without a province). It reads them;
// the only thing it writes is the summaries of settled dossiers, derived from them (kpi766-settled-repo).

export interface TrendDay {
  readonly day: string;
  readonly received: number;
  /** Dossiers whose processing ended that day (trước hạn + đúng hạn + trễ hạn). */
  readonly finished: number;
  /** The 766 ratio judged at the end of that day. */
  readonly tyLeDungHan: number | null;
}

export interface Kpi766Report {
  readonly kpi: Kpi766;
  readonly byProcedure: ReadonlyMap<string, { name: string; onTime: number; late: number }>;
  readonly trend: TrendDay[];
}

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * No NgayHenTra: the legal time limit instead — the procedure's duration in the catalog, counted
 * with the working calendar from the receipt time, as intake computes it.
 */
function legalDue(db: Database.Database, c: Candidate, cal: () => WorkCalendar): string | null {
  const received = c.receivedAt ?? c.history.map((e) => e.at).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
  // A receipt time that does not parse gives no legal due time (khongRoHan), not an Invalid Date.
  if (!c.maTthc || !received || Number.isNaN(Date.parse(received))) return null;
  const p = db.prepare('SELECT duration_value, duration_unit, gio_cat_ngay FROM procedures WHERE ma_tthc = ?').get(c.maTthc) as
    | { duration_value: number; duration_unit: 'NgayLamViec' | 'Ngay' | 'Gio' | 'Thang' | 'TrongNgay'; gio_cat_ngay: string | null }
    | undefined;
  if (!p) return null;
  return toVietnamRfc3339(cal().dueDate(new Date(received), p.duration_value, p.duration_unit, p.gio_cat_ngay));
}

/**
 * Whether settled dossiers are added up from their summaries (kpi766-settled-repo): 'auto' past a
 * quarter, 'always', or 'never' — every dossier judged from its history, the way the summaries are
 * checked against. 'never' is the report's plain path throughout: no facts read with a candidate
 * (kpi766-candidates-repo Known), and dailyReport counts from the rows, not the per-day counts.
 */
export type SettledMode = 'auto' | 'always' | 'never';

const nat = (day: string) => day.replace(/-/g, '');

function settledPeriod(from: string, o: { first: string; last: string; counterId: string | null }, trendFrom: string): SettledPeriod {
  return { fromIso: `${from}T00:00:00`, toIso: `${o.last}T99`, toNat: `${nat(o.last)}999999`, counter: o.counterId, start: `${nat(o.first)}000000`, before: `${nat(trendFrom)}000000` };
}

/** Bytewise, as SQLite orders the codes (UTF-16 order differs above U+FFFF). */
const codeOrder = (a: { src: number; code: string }, b: { src: number; code: string }) => a.src - b.src || Buffer.compare(Buffer.from(a.code), Buffer.from(b.code));

/**
 * The settled groups' counts added to the classes of those judged now. A procedure keeps the name
 * of its first counted dossier and its place in that order — the candidates' order, in which the
 * plain path meets them — so both paths give the same report.
 */
function withSettled(
  kpi: Kpi766,
  groups: readonly SettledGroup[],
  judged: Iterable<{ maTthc: string | null; name?: string | null; src: 0 | 1; code: string; k: Kpi766Class | null }>,
  nameOf: (code: string) => string | null,
) {
  // name undefined: a summarised dossier's, looked up once its procedure's first dossier is known.
  const entries = new Map<string, { key: string; name: string | null | undefined; onTime: number; late: number; src: 0 | 1; code: string }>();
  const note = (key: string, first: { src: 0 | 1; code: string; name?: string | null }, late: boolean, n: number) => {
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { key, name: first.name, onTime: 0, late: 0, src: first.src, code: first.code }));
    else if (codeOrder(first, e) < 0) Object.assign(e, { name: first.name, src: first.src, code: first.code });
    if (late) e.late += n;
    else e.onTime += n;
  };
  for (const g of groups) {
    kpi[g.verdict] += g.n;
    note(g.maTthc ?? '?', g.first, g.verdict === 'treHan', g.n);
  }
  for (const c of judged) {
    const k = c.k;
    if (!k) continue;
    kpi[k]++;
    if (k === 'truocHan' || k === 'dungHan' || k === 'treHan') note(c.maTthc ?? '?', c, k === 'treHan', 1);
  }
  kpi.tyLeDungHan = ratio766(kpi);
  return new Map([...entries.values()].sort(codeOrder).map((e) => [e.key, { name: (e.name === undefined ? nameOf(e.code) : e.name) ?? e.key, onTime: e.onTime, late: e.late }]));
}

/** A time key as a number (yyyyMMddHHmmss, Vietnam wall clock) in ms. */
const keyMs = (k: number) =>
  Date.UTC(Math.floor(k / 1e10), (Math.floor(k / 1e8) % 100) - 1, Math.floor(k / 1e6) % 100, Math.floor(k / 1e4) % 100, Math.floor(k / 100) % 100, k % 100) - 7 * 3600_000;

/** A candidate read with its facts, in the form the summaries give them. */
const asRecent = (c: Known): RecentSettled => ({
  src: c.src,
  code: c.code,
  maTthc: c.maTthc,
  receivedDay: c.receivedDay === null ? null : Number(c.receivedDay.replace(/-/g, '')),
  counted: c.facts.counted === null ? null : Number(c.facts.counted),
  end: Number(c.facts.end),
  due: Number(c.facts.due),
});

/**
 * classify766 for a settled dossier judged inside its history (a trend day): with no supplement
 * request, what is known at an instant follows from three times — the first that counts, the end
 * (the earliest end state) and the due time — with no history to order. Judged at `cut` for a period
 * starting at `start` (both in ms), so tens of thousands of dossiers judged per day parse no dates.
 * With when it can count at all (the judge's first tests): from `first`, on days `last` has not passed before.
 */
function factJudge(r: RecentSettled): { first: number; last: number; judge: (cut: number, start: number) => Kpi766Class | null } {
  const countedMs = r.counted === null ? null : keyMs(r.counted);
  const endMs = keyMs(r.end);
  const dueMs = keyMs(r.due);
  const early = Math.floor(r.end / 1e6) < Math.floor(r.due / 1e6);
  const judge = (cut: number, start: number): Kpi766Class | null => {
    if (countedMs === null || countedMs > cut) return null;
    if (endMs <= cut) {
      if (endMs < start) return null;
      if (endMs > dueMs) return 'treHan';
      return early ? 'truocHan' : 'dungHan';
    }
    return cut <= dueMs ? 'dangTrongHan' : 'dangQuaHan';
  };
  return { first: countedMs ?? Infinity, last: endMs, judge };
}

/**
 * The 766 indicator for [first, last] judged at the period's end (or now), by procedure, and the
 * day-by-day trend over the last `trendDays` days up to `last`.
 */
export function kpi766Report(
  db: Database.Database,
  o: { first: string; last: string; now: string; counterId: string | null; trendDays: number; settled?: SettledMode },
): Kpi766Report {
  const trendFrom = addDays(o.last, 1 - o.trendDays);
  const from = trendFrom < o.first ? trendFrom : o.first;
  let calendar: WorkCalendar | null = null;
  const cal = () => (calendar ??= loadWorkCalendar(db));
  const judgedAt = judgementTime(o.last, o.now);
  // The query judges the dossiers settled before the trend window when every bound is an exact day.
  const before = `${trendFrom}T00:00:00+07:00`;
  const exact = /^\d{4}-\d{2}-\d{2}$/.test(o.first) && /^\d{4}-\d{2}-\d{2}$/.test(trendFrom) && Date.parse(judgedAt) >= Date.parse(before);
  const settle = exact ? { start: `${o.first}T00:00:00+07:00`, before } : null;
  // The summaries serve every period when they are ready: past a quarter they spare reading every
  // row, and a day's candidates are a few range reads of their index (migration 23) instead of
  // thousands of feed rows and histories read at random. 'auto' reads them only when ready (a
  // rebuild is the background's, and a day's report never waits for a first summary of a million:
  // it finds its rows through the indexes, as before); 'always' finishes the work first.
  const mode = o.settled ?? 'auto';
  const period = settle && mode !== 'never' && refreshSettled(db, mode === 'always') ? settledPeriod(from, o, trendFrom) : null;
  const groups = period ? settledGroups(db, period) : [];
  const rest = period ? unsettled(db, period) : null;
  const listed = candidates(db, from, o.last, o.counterId, settle, rest?.rows, mode !== 'never');
  const all: Candidate[] = [];
  const known: Known[] = [];
  for (const c of listed) {
    if ('facts' in c) known.push(c);
    else if (!('settled' in c)) all.push(c);
  }
  for (const c of all) c.due ??= legalDue(db, c, cal);
  // Judged once for the period and once per trend day: each dossier's history is ordered once.
  const judges = all.map((c) => classifier766(c.due, c.history));
  const judgeOf = new Map(all.map((c, i) => [c, judges[i]!]));

  const kpi = emptyKpi766(judgedAt);
  let byProcedure = new Map<string, { name: string; onTime: number; late: number }>();
  // Both are judged from their facts: the settled ones with something in the trend window, and the candidates read with facts.
  const recent = [...(rest?.recent ?? []), ...known.map(asRecent)];
  const recentJudges = recent.map(factJudge);
  const factJudgeOf = new Map(known.map((c, i) => [c, recentJudges[recent.length - known.length + i]!.judge]));
  const [cutMs, firstMs] = [Date.parse(judgedAt), Date.parse(`${o.first}T00:00:00+07:00`)];
  const now = (c: Candidate | Settled | Known) => ('settled' in c ? c.settled : 'facts' in c ? factJudgeOf.get(c)!(cutMs, firstMs) : judgeOf.get(c)!({ from: o.first, judgedAt }));
  if (period) {
    byProcedure = withSettled(kpi, groups, [
      ...listed.map((c) => ({ maTthc: c.maTthc, name: c.name, code: c.code, src: 'facts' in c ? c.src : 'local' in c && c.local ? (1 as const) : (0 as const), k: now(c) })),
      ...(rest?.recent ?? []).map((r, i) => ({ maTthc: r.maTthc, src: r.src, code: r.code, k: recentJudges[i]!.judge(cutMs, firstMs) })),
    ], settledName(db));
  } else {
    for (const c of listed) {
      const k = now(c);
      if (!k) continue;
      addTo766(kpi, k);
      if (k === 'truocHan' || k === 'dungHan' || k === 'treHan') {
        const key = c.maTthc ?? '?';
        const e = byProcedure.get(key) ?? { name: c.name ?? key, onTime: 0, late: 0 };
        if (k === 'treHan') e.late++;
        else e.onTime++;
        byProcedure.set(key, e);
      }
    }
  }

  // The trend days, each with its judgement instant (nondecreasing) and its start; a day still to come ends them.
  const days: Array<{ period: { from: string; judgedAt: string }; atMs: number; start: number; k: Kpi766; received: number }> = [];
  for (let day = trendFrom; day <= o.last; day = addDays(day, 1)) {
    const at = judgementTime(day, o.now);
    const atMs = Date.parse(at);
    const start = Date.parse(`${day}T00:00:00+07:00`);
    if (atMs < start) break;
    days.push({ period: { from: day, judgedAt: at }, atMs, start, k: emptyKpi766(at), received: 0 });
  }
  const dayIndex = new Map(days.map((d, j) => [Number(d.period.from.replace(/-/g, '')), j]));
  // A dossier is judged only on the days it can count on: from the first judged after its first time
  // to the last that starts before its end has passed. Both bounds only move forward from day to day,
  // so those days are one run, found without looking at the others (31 × every dossier, before).
  const tally = (b: { first: number; last: number; ended: boolean; day: number | null }, judge: (d: (typeof days)[number]) => Kpi766Class | null) => {
    const r = b.day === null ? undefined : dayIndex.get(b.day);
    if (r !== undefined) days[r]!.received++;
    let j = 0;
    while (j < days.length && b.first > days[j]!.atMs) j++;
    for (; j < days.length && !(b.ended && b.last < days[j]!.start); j++) {
      const cls = judge(days[j]!);
      if (cls) days[j]!.k[cls]++;
    }
  };
  all.forEach((c, i) => {
    const times = c.history.map((e) => Date.parse(e.at));
    const b = { first: Math.min(...times), last: Math.max(...times), ended: evaluateKpi(c.due, c.history).ended, day: c.receivedAt ? Number(toVietnamRfc3339(new Date(c.receivedAt)).slice(0, 10).replace(/-/g, '')) : null };
    tally(b, (d) => judges[i]!(d.period));
  });
  recent.forEach((r, i) => {
    const f = recentJudges[i]!;
    tally({ first: f.first, last: f.last, ended: true, day: r.receivedDay }, (d) => f.judge(d.atMs, d.start));
  });
  const trend: TrendDay[] = days.map(({ period, k, received }) => {
    k.tyLeDungHan = ratio766(k);
    return { day: period.from, received, finished: k.truocHan + k.dungHan + k.treHan, tyLeDungHan: k.tyLeDungHan };
  });
  return { kpi, byProcedure, trend };
}
