import type Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { foldVietnamese } from '../../electron/common/domain/text';
import { vietnamDate } from '../../electron/common/domain/time';
import { seedDefaults } from '../../electron/node/app/seed';
import { resourcesDir } from '../../electron/node/config/resources';
import { openDatabase } from '../../electron/node/db/open';
import { documentStores } from '../helpers/documents';
import { IntakeService } from '../../electron/node/intake/intake-service';
import { REWRITE_STEP_PAGES, rewritePending, rewriteStep, searchSegments } from '../../electron/node/search/search-index-repo';
import { searchDossiers } from '../../electron/node/search/search-repo';
import { dailyReport, type DailyReport } from '../../electron/node/reports/report-repo';
import { findPdfWorkerScript, inProcessRenderer, WorkerPdfRenderer, type PdfRenderer } from '../../electron/node/documents/pdf-renderer';
import { settleStep, STEP_DOSSIERS } from '../../electron/node/reports/kpi766-settled-repo';
import { daysStep, STEP_DAY_KEYS } from '../../electron/node/reports/report-days-repo';
import { SqliteStore } from '../../electron/node/store/sqlite-store';
import { evictFromPageCache, loadIntoPageCache } from './page-cache';
import { BENCH_DB_KEY, buildLargeDb, buildSealedCopy, migrateCached, rng, UNIT } from './large-db';
import { BENCH_OFFICER, line, summarize, type Timing } from './stats';
import { record, BENCH_AUDIT_KEY } from './summary';

const NOW = '2026-11-21T17:00:00+07:00';
type Side = 'clear' | 'encrypted';
const SIDES: readonly Side[] = ['clear', 'encrypted'];

/**
 * Every figure with a store under it is taken on the clear and the encrypted database side by side,
 * the two calls interleaved so the shared machine's load falls on both alike.
 */
function paired(n: number, fn: (side: Side, i: number) => unknown): Record<Side, number[]> {
  const out: Record<Side, number[]> = { clear: [], encrypted: [] };
  for (let i = 0; i < n; i++)
    for (const side of SIDES) {
      const t0 = performance.now();
      fn(side, i);
      out[side].push(performance.now() - t0);
    }
  return out;
}

/**
 * Each call in its own turn of the event loop, as each save reaches the store in its own IPC message:
 * what the store defers until after a call has answered (its WAL checkpoint) runs between two calls,
 * untimed here and reported on its own line, instead of never (a loop of awaits never yields).
 */
async function pairedAsync(n: number, fn: (side: Side, i: number) => Promise<unknown>, between?: () => void): Promise<Record<Side, number[]>> {
  const out: Record<Side, number[]> = { clear: [], encrypted: [] };
  for (let i = 0; i < n; i++) {
    for (const side of SIDES) {
      const t0 = performance.now();
      await fn(side, i);
      out[side].push(performance.now() - t0);
      await new Promise((resolve) => setImmediate(resolve));
    }
    between?.();
  }
  return out;
}

/**
 * The disk's own floor for a commit under synchronous=FULL: append what a save appends to the WAL
 * (~38 pages) and fsync, in the saves' folder, between the saves so the same load falls on it. A
 * save p99 above 5 ms while this floor's p99 is above it too is the disk's, not the code's.
 */
function diskFloor(dir: string): { take: () => void; close: () => number[] } {
  const path = join(dir, 'save-bench-fsync-floor.bin');
  const fd = openSync(path, 'w');
  const page = Buffer.alloc(38 * 4096, 0x5a);
  const times: number[] = [];
  let offset = 0;
  return {
    take: () => {
      const t0 = performance.now();
      writeSync(fd, page, 0, page.length, offset);
      fsyncSync(fd);
      times.push(performance.now() - t0);
      // A WAL restarts from its head after each checkpoint; so does this file, every 28 saves.
      offset = (offset + page.length) % (28 * page.length);
    },
    close: () => {
      closeSync(fd);
      rmSync(path, { force: true });
      return times;
    },
  };
}

const storeFiles = (paths: Record<Side, string>) => SIDES.flatMap((side) => [paths[side], `${paths[side]}-wal`]);

/** Both stores, opened as the app opens its own (openDatabase; the sealed one with its key). */
function openBoth(paths: Record<Side, string>, readonly: boolean): Record<Side, Database.Database> {
  return {
    clear: openDatabase(paths.clear, { readonly, key: null }).db,
    encrypted: openDatabase(paths.encrypted, { readonly, key: BENCH_DB_KEY }).db,
  };
}

const p99 = (name: string, t: Timing, goal: number | null) =>
  record(name, t.p99, 'ms', goal === null ? null : { op: '<', value: goal }, `p50 ${t.p50.toFixed(2)} ms, max ${t.max.toFixed(1)} ms (n=${t.n})`);

function p99Pair(name: string, t: Record<Side, number[]>, goal: number | null): void {
  for (const side of SIDES) p99(`${name} — ${side}`, summarize(t[side]), goal);
}

/**
 * Work the background steps do (SettledWarmer), run to its end: the longest step is how long intake
 * may wait behind one, the sum what the work costs in all.
 */
function steps(side: Side, step: () => boolean, label: string): void {
  const took: number[] = [];
  for (let more = true; more; ) {
    const t0 = performance.now();
    more = step();
    took.push(performance.now() - t0);
  }
  const s = summarize(took);
  record(`  ${label}: longest step — ${side}`, s.max, 'ms', null, `${took.length} steps, median ${s.p50.toFixed(0)} ms`);
  record(`  ${label}: all steps together — ${side}`, took.reduce((a, b) => a + b, 0), 'ms', null, 'pauses between steps not counted');
}

/** The cached clear database and its sealed copy, built once per size and brought to the current schema. */
function cachedDatabases(dir: string, dossiers: number): Record<Side, string> {
  const clear = join(dir, `dossiers-v2-${dossiers}.sqlite3`);
  const encrypted = join(dir, `dossiers-v2-${dossiers}.sealed.sqlite3`);
  if (!existsSync(clear)) {
    const t0 = performance.now();
    buildLargeDb(clear, dossiers);
    line(`search db: built ${dossiers.toLocaleString('en')} dossiers`, `${((performance.now() - t0) / 1000).toFixed(1)} s (cached at ${clear})`);
  }
  migrateCached(clear, null);
  if (!existsSync(encrypted)) {
    const t0 = performance.now();
    buildSealedCopy(clear, encrypted);
    line(`search db: sealed copy (SQLCipher 4)`, `${((performance.now() - t0) / 1000).toFixed(1)} s (cached at ${encrypted})`);
  }
  migrateCached(encrypted, BENCH_DB_KEY);
  return { clear, encrypted };
}

export async function benchIntake(opts: { dossiers: number }): Promise<void> {
  const dir = join(process.cwd(), '.tmp', 'bench');
  mkdirSync(dir, { recursive: true });
  const paths = cachedDatabases(dir, opts.dossiers);
  // As a running app's store after a while at the counter; otherwise the figures would read whatever
  // the build or a CI run before the bench happened to leave in memory (coldSearch takes the other case).
  const t0 = performance.now();
  const bytes = loadIntoPageCache(storeFiles(paths));
  line('stores\' files read into the OS page cache first', `${(bytes / 2 ** 20).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Opened for reading the way the app's report and search paths read: openDatabase, with the key for the sealed one.
  const dbs = openBoth(paths, true);
  const n = opts.dossiers.toLocaleString('en');
  await reportFigures(dbs, paths, n);
  searchFigures(dbs, paths, opts.dossiers, n);
  for (const side of SIDES) dbs[side].close();
  await saveFigures(dir);
}

async function reportFigures(dbs: Record<Side, Database.Database>, paths: Record<Side, string>, n: string): Promise<void> {
  const days = ['2024-06-03', '2025-03-12', '2026-10-20'];
  // On a connection that writes, as the app's: the first report after a change counts and summarises what changed.
  const rw = openBoth(paths, false);
  // A cache upgraded past migration 19 has its per-day counts built by the background steps (SettledWarmer).
  for (const side of SIDES) {
    if (rw[side].prepare("SELECT EXISTS (SELECT 1 FROM report_day_stale WHERE part IN ('R', 'F', 'T', 'N'))").pluck().get() === 1) {
      steps(side, () => daysStep(rw[side], STEP_DAY_KEYS), `per-day counts of an upgraded store, in background steps of ${STEP_DAY_KEYS} day keys`);
    }
  }
  p99Pair(`daily report over ${n} dossiers (whole unit)`, paired(15, (side, k) => dailyReport(dbs[side], days[k % days.length]!, { now: NOW })), 200);
  // A year as the supervisor asks for it (report.daily with date … to): ReportService.build runs this same query,
  // totals and KPIs over every dossier, the Mẫu 07 log's first page and its count.
  const yearReport = (side: Side, settled: 'auto' | 'never') => dailyReport(rw[side], '2025-01-01', { now: NOW, to: '2025-12-31', settled }).totals.received;
  let yearRows = 0;
  // During a rebuild of the 766 summaries (the first start after this version, or after the feed brought every
  // dossier anew) a report judges every dossier from its rows and leaves the rebuild to the background steps.
  for (const side of SIDES) rw[side].prepare("INSERT OR IGNORE INTO kpi766_stale (ma_ho_so) VALUES ('*')").run();
  const cold = paired(1, (side) => (yearRows = yearReport(side, 'auto')));
  // The rebuild in steps of STEP_DOSSIERS, each its own transaction.
  for (const side of SIDES) steps(side, () => settleStep(rw[side], STEP_DOSSIERS), `766 summaries rebuilt in background steps of ${STEP_DOSSIERS.toLocaleString('en')}`);
  const year = paired(3, (side) => yearReport(side, 'auto'));
  // The plain path (every dossier judged from its rows, the code before the summaries), in the same run and process.
  const plain = paired(3, (side) => yearReport(side, 'never'));
  for (const side of SIDES) {
    const ys = summarize(year[side]);
    const ps = summarize(plain[side]);
    record(
      `year's report (2025) over ${n} dossiers (whole unit) — ${side}`,
      ys.p50,
      'ms',
      { op: '<', value: 1000 },
      `median of ${ys.n}, max ${ys.max.toFixed(0)} ms; ${yearRows.toLocaleString('en')} dossiers received that year; the plain path ${ps.p50.toFixed(0)} ms (median of ${ps.n})`,
    );
    record(`  its figures asked during a rebuild of the 766 summaries (from the rows) — ${side}`, cold[side][0]!, 'ms', null, 'the rebuild left to the background steps');
  }
  for (const side of SIDES) rw[side].close();
  await reportPdfFigures(dbs.encrypted);
}

const dayAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A report carrying a 1,000-row Mẫu 07 log, the size the goal is set for: the first 1,000 rows of a
 * period from `day` long enough to hold them (a day holds ~950 at 1,000,000 dossiers, ~96 at
 * 100,000), as the log of a day that busy. Real rows, names and codes from the database.
 */
function thousandRowReport(db: Database.Database, day: string): DailyReport {
  const perDay = Math.max(1, dailyReport(db, day, { now: NOW, log: { offset: 0, limit: 0 } }).logTotal);
  const r = dailyReport(db, day, { now: NOW, to: dayAfter(day, Math.ceil(1000 / perDay) - 1), log: { offset: 0, limit: 1000 } });
  return { ...r, log: r.log.slice(0, 1000), logTotal: Math.min(1000, r.log.length) };
}

/**
 * The report PDF as the app renders it: on the PDF worker (the bundle beside this bench), each
 * figure from the request to the bytes back. A new worker is a new V8 isolate, as the first
 * export after the app starts: pdf-lib and fontkit loaded, fonts parsed, code compiled by that
 * export — unless the start warm-up (startBackground) has rendered its throwaway page first.
 */
async function reportPdfFigures(db: Database.Database): Promise<void> {
  const fontsDir = join(resourcesDir(), 'fonts');
  const script = findPdfWorkerScript();
  const where = script ? 'PDF worker' : 'in process, no worker bundle';
  const fresh = () => (script ? new WorkerPdfRenderer(script, fontsDir) : inProcessRenderer(fontsDir));
  const [a, b, c] = ['2025-03-12', '2025-04-14', '2025-05-19'].map((d) => thousandRowReport(db, d));
  const rows = `${a!.log.length}-row Mẫu 07 log`;
  const timed = async (pdf: PdfRenderer, model: DailyReport) => {
    const t0 = performance.now();
    const bytes = await pdf.render({ kind: 'report', model });
    return { ms: performance.now() - t0, kb: (bytes.length / 1024).toFixed(0) };
  };
  const cold = fresh();
  const first = await timed(cold, a!);
  const next = await timed(cold, b!);
  await cold.close();
  const warmed = fresh();
  const w0 = performance.now();
  await warmed.render({ kind: 'warmUp' });
  const warmUp = performance.now() - w0;
  const afterWarmUp = await timed(warmed, c!);
  await warmed.close();
  const goal = { op: '<', value: 1000 } as const;
  record(`  its PDF export (${rows}): first, new ${where}, nothing warmed`, first.ms, 'ms', goal, `${first.kb} KB; as an export before the start warm-up has run`);
  record(`  its PDF export (${rows}): next, another period, same worker`, next.ms, 'ms', goal, `${next.kb} KB`);
  record(`  its PDF export (${rows}): first after the start warm-up`, afterWarmUp.ms, 'ms', goal, `${afterWarmUp.kb} KB; the warm-up itself ${warmUp.toFixed(0)} ms, on the worker from startBackground`);
}

/** Searches that warm the page caches before the timed ones (until 02/12/2026 the warm-up searched the kinds' names). */
const WARM_QUERIES = 20;

/** Search p99 on realistic counter queries, every query run on both databases in turn. */
function searchFigures(dbs: Record<Side, Database.Database>, paths: Record<Side, string>, dossiers: number, n: string): void {
  const r = rng(7);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const sample = dbs.clear.prepare('SELECT ma_ho_so, chu_ho_so, so_giay_to, so_dien_thoai FROM dossiers WHERE id = ?');
  const queries: Array<[string, string]> = [];
  for (let i = 0; i < 400 + WARM_QUERIES; i++) {
    const row = sample.get(1 + Math.floor(r() * dossiers)) as { ma_ho_so: string; chu_ho_so: string; so_giay_to: string; so_dien_thoai: string };
    const folded = foldVietnamese(row.chu_ho_so);
    const kind = i % 8;
    queries.push(
      kind === 0 ? ['full name, unaccented', folded]
      : kind === 1 ? ['full name, accented', row.chu_ho_so]
      : kind === 2 ? ['family + given prefix', `${folded.split(' ')[0]} ${folded.split(' ')[2]!.slice(0, 2)}`]
      : kind === 3 ? ['one common word', pick(['nguyen', 'tran', 'van', 'thi', 'duc'])]
      : kind === 4 ? ['code suffix', row.ma_ho_so.slice(-11)]
      : kind === 5 ? ['ID number prefix', row.so_giay_to.slice(0, 8)]
      : kind === 6 ? ['phone', row.so_dien_thoai]
      : ['đ folded', pick(['dang duc', 'do dinh', 'duong dao', 'đặng đạt'])],
    );
  }
  // Queries of their own warm the caches: searched again in the measure, one would read only pages it had just read.
  const warm = queries.slice(0, WARM_QUERIES);
  const timed = queries.slice(WARM_QUERIES);
  const measure = () => {
    for (const side of SIDES) for (const [, q] of warm) searchDossiers(dbs[side], q);
    return paired(timed.length, (side, i) => searchDossiers(dbs[side], timed[i]![1], 20));
  };
  // A cache upgraded past migration 21 rewrites its index once in the background (SettledWarmer): its
  // searches before and the steps, printed once, when the cache is upgraded.
  const rw = openBoth(paths, false);
  if (SIDES.some((side) => rewritePending(rw[side]))) {
    p99Pair(`  search (${n} dossiers) before the index's one-time rewrite: all queries`, measure(), null);
    for (const side of SIDES) steps(side, () => rewriteStep(rw[side]), `search index rewritten in background steps of ${REWRITE_STEP_PAGES} leaf pages`);
  }
  const segments = SIDES.map((side) => `${side} ${searchSegments(rw[side])}`).join(', ');
  for (const side of SIDES) rw[side].close();
  const all = measure();
  p99Pair(`search (${n} dossiers): all queries`, all, 5);
  line('  search index segments', segments);
  for (const side of SIDES) {
    const byKind = new Map<string, number[]>();
    timed.forEach(([kind], i) => byKind.set(kind, [...(byKind.get(kind) ?? []), all[side][i]!]));
    for (const [k, v] of byKind) p99(`  search: ${k} — ${side}`, summarize(v), null);
  }
  coldSearch(paths, timed, n);
}

/**
 * The morning's first searches: both stores' files out of the OS page cache, new connections, no
 * warm-up. What the figure above reads depends on what ran before the bench (its pages were in
 * memory after the database's build, on disk after a CI run); this one is always taken cold.
 */
function coldSearch(paths: Record<Side, string>, timed: ReadonlyArray<readonly [string, string]>, n: string): void {
  const name = `  search (${n} dossiers), the files out of the OS page cache, no warm-up: all queries`;
  const why = evictFromPageCache(storeFiles(paths));
  if (why) return line(name, `not measured: ${why}`);
  const dbs = openBoth(paths, true);
  try {
    const t = paired(timed.length, (side, i) => searchDossiers(dbs[side], timed[i]![1], 20));
    // The goal (< 5 ms) is the running app's, the figure above: a morning's first searches read the disk.
    for (const side of SIDES) p99(`${name} — ${side}`, summarize(t[side]), null);
  } finally {
    for (const side of SIDES) dbs[side].close();
  }
}

/** Save-dossier transaction p50/p99 on disk (synchronous=FULL), into a fresh clear store and a fresh sealed one. */
async function saveFigures(dir: string): Promise<void> {
  const intakes = {} as Record<Side, IntakeService>;
  const stores = {} as Record<Side, SqliteStore>;
  for (const side of SIDES) {
    const work = join(dir, `save-bench-${side}.sqlite3`);
    for (const f of [work, `${work}-wal`, `${work}-shm`, `${work}.salt`]) rmSync(f, { force: true });
    const store = SqliteStore.open(work, { key: side === 'encrypted' ? BENCH_DB_KEY : null, auditKey: BENCH_AUDIT_KEY });
    await seedDefaults(store, resourcesDir());
    await store.setUnitIdentity({ unitCode: UNIT, unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 1, to: 9999 } }, 'bench');
    stores[side] = store;
    intakes[side] = new IntakeService({ store, ...documentStores(join(dir, `files-${side}`)), receiptsDir: join(dir, `receipts-${side}`), fontsDir: join(resourcesDir(), 'fonts') });
  }
  const draft = {
    MaTTHC: '1.001193',
    cccd: '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021',
    TaiLieuNop: ['TP1', 'TP2', 'TP3'],
    DanhSachLePhi: ['LP1'],
  };
  const floor = diskFloor(dir);
  const whole = await pairedAsync(1000, (side) => intakes[side].receiveImport(BENCH_OFFICER, draft, { baseDir: dir, skipReceipt: true }), floor.take);
  p99Pair('save dossier (validate + one txn, FULL sync, on disk)', whole, 5);
  p99('  the disk alone: write 38 pages + fsync, between the saves (the floor of a FULL commit)', summarize(floor.close()), null);
  // Receipts from the sealed store, as the app runs.
  const intake = intakes.encrypted;
  const receipts: number[] = [];
  const today = await intake.ofDay(vietnamDate(new Date()));
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    await intake.writeReceipt(BENCH_OFFICER, today[i]!.code, { reprint: false });
    receipts.push(performance.now() - t0);
  }
  // The first is the first print of this process (fonts, renderer cold); the others are warm.
  record('receipt Mẫu 01 PDF: first after start (render + atomic write)', receipts[0]!, 'ms', { op: '<', value: 1000 }, 'encrypted store');
  const warm = summarize(receipts.slice(1));
  record('receipt Mẫu 01 PDF: warm (p50)', warm.p50, 'ms', { op: '<', value: 100 }, `p99 ${warm.p99.toFixed(0)} ms (n=${warm.n}), encrypted store`);
  for (const side of SIDES) {
    const s = stores[side].stats();
    record(`store: longest synchronous call during saves — ${side}`, s.maxBlockMs, 'ms', null, `in ${s.maxBlockOp}`);
    const c = s.checkpoints;
    record(`store: WAL checkpoints between saves, longest — ${side}`, c.maxMs, 'ms', null, `${c.n} checkpoints, mean ${(c.n ? c.totalMs / c.n : 0).toFixed(1)} ms`);
    await stores[side].close();
  }
}
