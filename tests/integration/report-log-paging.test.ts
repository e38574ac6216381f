import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/node/app/app-services';
import { dailyReport } from '../../electron/node/reports/report-repo';
import { LOG_PAGE_SIZE, logPage } from '../../electron/node/reports/report-log-repo';
import { TEST_ORIGIN, testAppServices } from '../helpers/app';
import { tempDir } from '../helpers/tmp';

// Issue #15: a period's Mẫu 07 log comes a page at a time, with the count of the whole; totals stay
// exact. The expected figures come from the seed's rules below, not from the code under test.

const good = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true };
const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: null };
const DAYS = 40; // 01/09 … 10/10/2026
const PER_DAY = 13; // one an hour, 07:00 … 19:00
const FIRST = '2026-09-01';
const LAST = '2026-10-10';
const dayOf = (n: number) => new Date(Date.parse(`${FIRST}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const voided = (i: number) => i % 10 === 9;
const counterOf = (i: number) => (i % 3 === 0 ? 'Q02' : 'Q01');
/** Dossiers from before log numbers: STT is then their place in the whole log. */
const unnumbered = (i: number) => i % 7 === 3;
const code = (i: number) => `H22-${String(i).padStart(4, '0')}`;
const ALL = Array.from({ length: DAYS * PER_DAY }, (_, i) => i);
const LIVE = ALL.filter((i) => !voided(i)); // 520 − 52 voided = 468

describe('the report log, a page at a time (issue #15)', () => {
  const t = tempDir('motcua-report-log-');
  const dataDir = join(t.dir, 'data');
  let app: AppServices;
  const call = (channel: string, input: unknown = {}) => app.dispatcher.dispatch(good, channel, input);
  beforeAll(async () => {
    mkdirSync(dataDir);
    app = await testAppServices(dataDir, { documentsDir: join(t.dir, 'Documents') });
    const setup = await call('auth.setup', { unit: UNIT, admin: { username: 'quantri', fullName: 'Quản Trị', password: 'mat-khau-quan-tri' } });
    expect(setup.ok).toBe(true);
    await app.store.exec('test.seed', (db) => {
      db.prepare("INSERT INTO procedures (ma_tthc, ten_tthc, duration_value, duration_unit, updated_at) VALUES ('P1', 'Đăng ký khai sinh', 1, 'NgayLamViec', 'x')").run();
      const ins = db.prepare(`INSERT INTO dossiers (id, ma_ho_so, ma_tthc, ten_tthc, unit_code, counter_id, officer_id, kenh_thuc_hien, loai_doi_tuong, chu_ho_so,
          ngay_tiep_nhan, ngay_hen_tra, ngay_tra, trang_thai, sync_state, voided_at, so_thu_tu, created_at, updated_at, name_folded)
        VALUES (?, ?, 'P1', 'Đăng ký khai sinh', ?, ?, 'cb01', '1', '1', ?, ?, NULL, NULL, '2', 'synced', ?, ?, 'x', 'x', '')`);
      db.transaction(() => {
        for (const i of ALL) {
          const at = `${dayOf(Math.floor(i / PER_DAY))}T${String(7 + (i % PER_DAY)).padStart(2, '0')}:00:00+07:00`;
          ins.run(i + 1, code(i), UNIT.unitCode, counterOf(i), `Công dân ${i}`, at, voided(i) ? at : null, unnumbered(i) ? null : 10_000 + i);
        }
      })();
    });
  });
  afterAll(async () => {
    await app?.close();
    t.cleanup();
  });

  it('a period report carries the first page and the count of the whole log; every total stays exact', async () => {
    const r = await app.store.exec('test.report', (db) => dailyReport(db, FIRST, { to: LAST, now: '2026-11-21T17:00:00+07:00' }));
    expect(LIVE).toHaveLength(468);
    expect(r.logTotal).toBe(468);
    expect(r.logOffset).toBe(0);
    expect(r.log).toHaveLength(LOG_PAGE_SIZE);
    expect(r.log.map((x) => x.code)).toEqual(LIVE.slice(0, LOG_PAGE_SIZE).map(code));
    expect(r.totals.received).toBe(468);
    expect(r.byHour.reduce((s, n) => s + n, 0)).toBe(468);
    expect(r.byHour[7]).toBe(LIVE.filter((i) => i % PER_DAY === 0).length);
    expect(r.byChannel).toEqual({ direct: 468, online: 0, post: 0 });
    expect(r.byCounter.map((c) => [c.counterId, c.received])).toEqual([
      ['Q01', LIVE.filter((i) => counterOf(i) === 'Q01').length],
      ['Q02', LIVE.filter((i) => counterOf(i) === 'Q02').length],
    ]);
    expect(r.byProcedure.map((p) => [p.maTthc, p.received])).toEqual([['P1', 468]]);
    // The trend covers the period's last 31 days.
    expect(r.trend.map((d) => d.day)).toEqual(Array.from({ length: 31 }, (_, n) => dayOf(DAYS - 31 + n)));
    // Received on those days: this PC's own dossiers (the feed has not shown them), voided ones left out.
    expect(r.trend.map((d) => d.received)).toEqual(r.trend.map((_, n) => LIVE.filter((i) => Math.floor(i / PER_DAY) === DAYS - 31 + n).length));
  });

  it('pages follow each other with no gap or overlap; the last is short; past the end is empty; STT is the place in the whole log', async () => {
    const pages = await app.store.exec('test.pages', (db) =>
      [0, 200, 400, 468].map((offset) => logPage(db, { first: FIRST, last: LAST, counterId: null, offset, limit: 200 })),
    );
    expect(pages.map((p) => p.rows.length)).toEqual([200, 200, 68, 0]);
    expect(pages.map((p) => p.total)).toEqual([468, 468, 468, 468]);
    expect(pages.map((p) => p.offset)).toEqual([0, 200, 400, 468]);
    expect(pages.flatMap((p) => p.rows.map((x) => x.code))).toEqual(LIVE.map(code));
    const stt = pages.flatMap((p) => p.rows.map((x) => x.stt));
    expect(stt).toEqual(LIVE.map((i, place) => (unnumbered(i) ? place + 1 : 10_000 + i)));
    // A page boundary inside a day: 200 = 15 days of 12 live (and some 13) … the rows around it are consecutive.
    expect(pages[1]!.rows[0]!.code).toBe(code(LIVE[200]!));
    expect(pages[0]!.rows.at(-1)!.code).toBe(code(LIVE[199]!));
  });

  it('one counter: its own rows and count', async () => {
    const mine = LIVE.filter((i) => counterOf(i) === 'Q02');
    const p = await app.store.exec('test.q02', (db) => logPage(db, { first: FIRST, last: LAST, counterId: 'Q02', offset: 100, limit: 50 }));
    expect(p.total).toBe(mine.length);
    expect(p.rows.map((x) => x.code)).toEqual(mine.slice(100, 150).map(code));
  });

  it('report.log over IPC: the same page; a page out of bounds is refused with a clear error', async () => {
    const ok = await call('report.log', { date: FIRST, to: LAST, counterId: null, offset: 200, limit: 200 });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const page = ok.value as { rows: Array<{ code: string }>; total: number; offset: number };
    expect(page.total).toBe(468);
    expect(page.offset).toBe(200);
    expect(page.rows.map((x) => x.code)).toEqual(LIVE.slice(200, 400).map(code));
    for (const bad of [{ offset: -1, limit: 10 }, { offset: 0, limit: 0 }, { offset: 0, limit: 1001 }, { offset: 1.5, limit: 10 }]) {
      expect(await call('report.log', { date: FIRST, to: LAST, counterId: null, ...bad })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await call('report.log', { date: LAST, to: FIRST, counterId: null, offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'report.backwards' } });
    const service = await app.reports.logPage({ officerId: 'quantri', roles: ['admin'] } as never, { date: FIRST, to: LAST, counterId: null, offset: 0, limit: 5000 }).catch((e: unknown) => e);
    expect(service).toMatchObject({ code: 'invalid_input', key: 'report.badPage' });
  });

  it('exports: up to 31 days the whole log; longer, PDF/XLSX keep the summary and say where the log is, CSV is refused in Vietnamese', async () => {
    const month = await call('report.export', { date: FIRST, to: '2026-10-01', counterId: null, format: 'csv' });
    expect(month.ok).toBe(true);
    if (!month.ok) return;
    const lines = readFileSync((month.value as { path: string }).path, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(1 + LIVE.filter((i) => Math.floor(i / PER_DAY) < 31).length);

    const csv = await call('report.export', { date: FIRST, to: LAST, counterId: null, format: 'csv' });
    expect(csv).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'report.logTooLong' } });
    if (!csv.ok) expect(csv.error.message).toMatch(/40 ngày.*tối đa 31 ngày/);

    const xlsx = await call('report.export', { date: FIRST, to: LAST, counterId: null, format: 'xlsx' });
    expect(xlsx.ok).toBe(true);
    if (!xlsx.ok) return;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((xlsx.value as { path: string }).path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp']);
    const cells = wb.worksheets[0]!.getColumn(1).values.map(String);
    expect(cells.some((c) => c.includes('468 hồ sơ') && c.includes('báo cáo từng ngày'))).toBe(true);
    expect(wb.worksheets[0]!.getRow(4).values).toContain(468); // "Hồ sơ tiếp nhận", exact
  });
});
