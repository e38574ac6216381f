import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocking, runAxe, type AxeFinding } from '../helpers/axe';
import { ROOT } from '../helpers/cli';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { UNIT } from '../helpers/intake';
import { typeAsOfficer } from '../helpers/keyboard';

type Host = Awaited<ReturnType<typeof startTestHost>>;
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `content-${name}.png`), fullPage: true });

/** Long names, as counters see them: a company, a procedure title of sixty letters. */
const DRAFTS = [
  { MaTTHC: '1.004227', LoaiDoiTuong: '2' as const, ChuHoSo: 'Công ty Trách nhiệm hữu hạn Thương mại và Dịch vụ Sao Mai Phương Nam', TaiLieuNop: [] as string[], DanhSachLePhi: ['LP1', 'LP2'], SoBo: 1 },
  { MaTTHC: '1.001193', LoaiDoiTuong: '1' as const, ChuHoSo: 'Nguyễn Thị Phương Thảo', SoGiayToChuHoSo: '001190123457', TaiLieuNop: [] as string[], DanhSachLePhi: [], SoBo: 1 },
  { MaTTHC: '2.000884', LoaiDoiTuong: '1' as const, ChuHoSo: 'Trần Văn Hùng', SoGiayToChuHoSo: '001090123458', TaiLieuNop: [] as string[], DanhSachLePhi: ['LP1'], SoBo: 1 },
];

const CATALOG = JSON.parse(readFileSync(join(ROOT, 'resources', 'catalog', 'sample-procedures.json'), 'utf8')) as { items: Array<{ MaTTHC: string; ThanhPhanHoSo: Array<{ MaThanhPhanHoSo: string }> }> };
/** Every document handed in: these dossiers are complete ones. */
const withDocs = (d: (typeof DRAFTS)[number]) => ({ ...d, TaiLieuNop: CATALOG.items.find((p) => p.MaTTHC === d.MaTTHC)!.ThanhPhanHoSo.map((x) => x.MaThanhPhanHoSo) });

/** Cells of the dossier table whose text is cut: all but the name and procedure (those have tooltips). */
function cutCells(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLTableCellElement>('[data-testid="search-results"] tbody tr[tabindex] td'))
      .filter((td) => td.cellIndex !== 1 && td.cellIndex !== 2 && td.scrollWidth > td.clientWidth + 1)
      .map((td) => `${td.cellIndex}: ${td.textContent}`),
  );
}

/** Elements wider than their box (a table that makes its card or the page scroll sideways). */
function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      Array.from(document.querySelectorAll<HTMLElement>(sel))
        .flatMap((el) => [el, ...Array.from(el.querySelectorAll<HTMLElement>('*'))])
        .concat([document.documentElement, document.body])
        .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'hidden')
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}>${el.clientWidth}`),
    selector,
  );
}

describe('screens with content: axe-core, tables at 1366 px, Báo cáo charts and headers, fees in đồng', () => {
  let host: Host;
  const counts: Record<string, string[]> = {};
  const findings: Record<string, AxeFinding[]> = {};
  const axe = async (screen: string, page: Page = host.page) => {
    const v = await runAxe(page, `content-${screen}`);
    counts[screen] = v.map((x) => `${x.id}:${x.impact}`);
    findings[screen] = blocking(v);
    return findings[screen];
  };
  beforeAll(async () => {
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    const { page } = host;
    expect((await page.evaluate((u) => window.motcua['unit.set'](u), UNIT)).ok).toBe(true);
    for (const draft of DRAFTS) {
      const r = await page.evaluate((d) => window.motcua['intake.receive']({ draft: d, attachments: [] }), withDocs(draft));
      expect(r.ok ? 'ok' : JSON.stringify(r.error)).toBe('ok');
    }
    await page.waitForSelector('nav button[data-section]');
  });
  afterAll(async () => {
    console.log('axe violations on screens with content:', JSON.stringify(counts));
    await host?.close();
    host?.cleanupDir();
  });

  it('intake with a procedure chosen: the fees in đồng ("50.000 đ"), the checklist showing, and no serious axe violation', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.waitForSelector('nav button[data-section="intake"][aria-current="page"]');
    await page.keyboard.press('F2');
    await typeAsOfficer(page, 'chuyen nhuong');
    await page.waitForSelector('#procedure-list li.active:has-text("chuyển nhượng")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="checklist"]');
    const fees = (await page.textContent('[data-testid="fees"]')) ?? '';
    expect(fees).toContain('50.000 đ');
    expect(fees).toContain('500.000 đ');
    expect(fees).toContain('Tổng thu: 550.000 đ');
    await page.click('[data-testid="fees"] li:has-text("500.000 đ") input[type="checkbox"]');
    await page.waitForSelector('[data-testid="fees"] p:has-text("Tổng thu: 50.000 đ")');
    await shot(page, 'intake-procedure');
    expect(await axe('intake-procedure')).toEqual([]);
  });

  it('F1 help over intake: no serious axe violation', async () => {
    const { page } = host;
    await page.keyboard.press('F1');
    await page.waitForSelector('[role="dialog"]');
    expect(await axe('help')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="dialog"]', { state: 'detached' });
    await page.keyboard.press('Escape');
  });

  it('Hồ sơ: search results fit 1366 px and the detail passes axe', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.waitForSelector('[data-testid="dossier-search"]');
    await page.fill('[data-testid="dossier-search"]', '000.00.01');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="search-results"] tbody tr[tabindex]').length >= 3);
    expect(await overflowing(page, '[data-testid="search-results"]')).toEqual([]);
    expect(await cutCells(page)).toEqual([]);
    await page.focus('[data-testid="search-results"] tbody tr[tabindex] >> nth=0');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dossier-detail"]');
    await shot(page, 'dossier-detail');
    expect(await axe('dossier-detail')).toEqual([]);
  });

  it('Báo cáo for a period: both charts have axis ticks and titles, every table a header row, the tables fit, and axe passes', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+5');
    await page.waitForSelector('[data-testid="totals"]');
    const today = await page.inputValue('input[name="reportDate"]');
    const [d, m, y] = today.split('/').map(Number) as [number, number, number];
    const start = new Date(Date.UTC(y, m - 1, d - 3));
    const pad = (n: number) => String(n).padStart(2, '0');
    await page.fill('input[name="reportDate"]', `${pad(start.getUTCDate())}/${pad(start.getUTCMonth() + 1)}/${start.getUTCFullYear()}`);
    await page.fill('input[name="reportTo"]', today);
    await page.waitForSelector('[data-testid="trend-chart"]');
    for (const id of ['hour-chart', 'trend-chart']) {
      const chart = await page.evaluate((sel) => {
        const svg = document.querySelector(`[data-testid="${sel}"]`)!;
        const texts = (q: string) => Array.from(svg.querySelectorAll(q)).map((e) => e.textContent ?? '');
        return { yTicks: texts('g.axis > g > text'), xTicks: texts('text.tick'), titles: texts('text.axis-title, g.axis > text'), values: texts('text.value') };
      }, id);
      expect(chart.yTicks.length, id).toBeGreaterThanOrEqual(2);
      expect(chart.yTicks[0], id).toBe('0');
      expect(chart.xTicks.length, id).toBeGreaterThanOrEqual(id === 'hour-chart' ? 11 : 4);
      expect(chart.titles.filter((s) => s.trim()).length, id).toBeGreaterThanOrEqual(2);
      // Values on the marks; the hour chart's may all be 0 (dossiers received outside 07–17 when the suite runs late).
      expect(chart.values.length, id).toBeGreaterThanOrEqual(id === 'hour-chart' ? 11 : 4);
      if (id === 'trend-chart') expect(chart.values.some((v) => Number(v) > 0), id).toBe(true);
    }
    const tick = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="trend-chart"] g.axis > text')).map((e) => e.textContent));
    expect(tick).toEqual(expect.arrayContaining(['0%', '50%', '100%']));
    const tables = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="reports"] table')).map((t) => ({
        heads: t.querySelectorAll('thead th').length,
        cols: Math.max(...Array.from(t.querySelectorAll('tbody tr')).map((r) => r.children.length), 0),
        rows: t.querySelectorAll('tbody tr').length,
      })),
    );
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const tb of tables) {
      expect(tb.rows).toBeGreaterThan(0);
      expect(tb.heads).toBe(tb.cols);
    }
    expect(await overflowing(page, '[data-testid="reports"] table')).toEqual([]);
    await shot(page, 'reports-period');
    expect(await axe('reports')).toEqual([]);
  });

  it('at text size 150 %, the Hồ sơ results and the Báo cáo tables still fit 1366 px with rows present', async () => {
    const { page } = host;
    expect((await page.evaluate(() => window.motcua['app.setTextScale']({ scale: 150 }))).ok).toBe(true);
    await page.reload();
    await page.waitForSelector('nav button[data-section]');
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(24);
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', '000.00.01');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="search-results"] tbody tr[tabindex]').length >= 3);
    expect(await overflowing(page, '[data-testid="search-results"]')).toEqual([]);
    expect(await cutCells(page)).toEqual([]);
    await shot(page, 'dossiers-150');
    await page.keyboard.press('Alt+5');
    await page.waitForSelector('[data-testid="by-counter"] tbody tr');
    expect(await overflowing(page, '[data-testid="reports"] table')).toEqual([]);
    await shot(page, 'reports-150');
  });
});
