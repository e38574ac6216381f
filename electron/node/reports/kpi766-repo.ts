import type Database from 'better-sqlite3';
import type { WorkCalendar } from '../../common/domain/calendar';
import { evaluateKpi } from '../../common/domain/kpi';
import { addTo766, classifier766, emptyKpi766, judgementTime, ratio766, type Kpi766, type Kpi766Class } from '../../common/domain/kpi766';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { candidates, type Candidate, type Known, type Settled, type SettledFacts } from './kpi766-candidates-repo';
import { refreshSettled, settledGroups, unsettled, type SettledGroup, type SettledPeriod } from './kpi766-settled-repo';
import { SEEK_MAX_DAYS } from './kpi766-spans-repo';
import { periodDays } from './report-log-repo';
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
function withSettled(kpi: Kpi766, groups: readonly SettledGroup[], judged: Iterable<{ maTthc: string | null; name: string | null; src: 0 | 1; code: string; k: Kpi766Class | null }>) {
  const entries = new Map<string, { key: string; name: string; onTime: number; late: number; src: 0 | 1; code: string }>();
  const note = (key: string, first: { src: 0 | 1; code: string; name: string | null }, late: boolean, n: number) => {
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { key, name: first.name ?? key, onTime: 0, late: 0, src: first.src, code: first.code }));
    else if (codeOrder(first, e) < 0) Object.assign(e, { name: first.name ?? key, src: first.src, code: first.code });
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
  return new Map([...entries.values()].sort(codeOrder).map((e) => [e.key, { name: e.name, onTime: e.onTime, late: e.late }]));
}

// A trend judges tens of thousands of dossiers at one instant after another: each parsed once, not per dossier.
let lastInstant = ['', 0] as [string, number];
let lastDay = ['', 0] as [string, number];
const instant = (at: string) => (lastInstant[0] === at ? lastInstant[1] : (lastInstant = [at, Date.parse(at)])[1]);
const dayStartMs = (day: string) => (lastDay[0] === day ? lastDay[1] : (lastDay = [day, Date.parse(`${day}T00:00:00+07:00`)])[1]);

/**
 * When a dossier judged from its facts can count at all (factJudge's first tests): from the time it
 * counts from, on days its end has not passed before; so a trend day skips it without judging it.
 */
const factBounds = (f: SettledFacts) => ({ first: f.counted === null ? Infinity : keyMs(f.counted), last: keyMs(f.end), ended: true });

const keyMs = (k: string) => Date.UTC(+k.slice(0, 4), +k.slice(4, 6) - 1, +k.slice(6, 8), +k.slice(8, 10), +k.slice(10, 12), +k.slice(12, 14)) - 7 * 3600_000;

/**
 * classify766 for a settled dossier judged inside its history (a trend day): with no supplement
 * request, what is known at an instant follows from three times — the first that counts, the end
 * (the earliest end state) and the due time — with no history to order.
 */
function factJudge(f: SettledFacts): (period: { from: string; judgedAt: string }) => Kpi766Class | null {
  const countedMs = f.counted === null ? null : keyMs(f.counted);
  const endMs = keyMs(f.end);
  const dueMs = keyMs(f.due);
  const early = f.end.slice(0, 8) < f.due.slice(0, 8);
  return (period) => {
    const cut = instant(period.judgedAt);
    if (countedMs === null || countedMs > cut) return null;
    if (endMs <= cut) {
      if (endMs < dayStartMs(period.from)) return null;
      if (endMs > dueMs) return 'treHan';
      return early ? 'truocHan' : 'dungHan';
    }
    return cut <= dueMs ? 'dangTrongHan' : 'dangQuaHan';
  };
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
  // The summaries pay where the candidates query reads every row (past a quarter); shorter periods
  // find theirs through the indexes, and a day's report never waits for a first summary of a million.
  // 'auto' reads them only when ready (a rebuild is the background's); 'always' finishes the work first.
  const mode = o.settled ?? 'auto';
  const period = settle && (mode === 'always' || (mode === 'auto' && periodDays(from, o.last) > SEEK_MAX_DAYS)) && refreshSettled(db, mode === 'always') ? settledPeriod(from, o, trendFrom) : null;
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
  const recent = [...(rest?.recent ?? []), ...known];
  const recentJudges = recent.map((r) => factJudge(r.facts));
  const factJudgeOf = new Map<Known, (period: { from: string; judgedAt: string }) => Kpi766Class | null>(known.map((c, i) => [c, recentJudges[recent.length - known.length + i]!]));
  const now = (c: Candidate | Settled | Known) => ('settled' in c ? c.settled : 'facts' in c ? factJudgeOf.get(c)!({ from: o.first, judgedAt }) : judgeOf.get(c)!({ from: o.first, judgedAt }));
  if (period) {
    byProcedure = withSettled(kpi, groups, [
      ...listed.map((c) => ({ maTthc: c.maTthc, name: c.name, code: c.code, src: 'facts' in c ? c.src : 'local' in c && c.local ? (1 as const) : (0 as const), k: now(c) })),
      ...(rest?.recent ?? []).map((r, i) => ({ ...r, k: recentJudges[i]!({ from: o.first, judgedAt }) })),
    ]);
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

  // Cheap bounds per dossier so each trend day only judges the dossiers that can count on it.
  const bounds = all.map((c) => {
    const times = c.history.map((e) => Date.parse(e.at));
    return { first: Math.min(...times), last: Math.max(...times), ended: evaluateKpi(c.due, c.history).ended, day: c.receivedAt ? toVietnamRfc3339(new Date(c.receivedAt)).slice(0, 10) : null };
  });
  for (const r of recent) bounds.push({ ...factBounds(r.facts), day: r.receivedDay });
  judges.push(...recentJudges);
  const trend: TrendDay[] = [];
  for (let day = trendFrom; day <= o.last; day = addDays(day, 1)) {
    const at = judgementTime(day, o.now);
    const atMs = Date.parse(at);
    const dayStart = Date.parse(`${day}T00:00:00+07:00`);
    if (atMs < dayStart) break; // a day still to come
    const k = emptyKpi766(at);
    let received = 0;
    for (let i = 0; i < judges.length; i++) {
      const b = bounds[i]!;
      if (b.day === day) received++;
      if (b.first > atMs || (b.ended && b.last < dayStart)) continue;
      const cls: Kpi766Class | null = judges[i]!({ from: day, judgedAt: at });
      if (cls) addTo766(k, cls);
    }
    trend.push({ day, received, finished: k.truocHan + k.dungHan + k.treHan, tyLeDungHan: k.tyLeDungHan });
  }
  return { kpi, byProcedure, trend };
}
