import { join } from 'node:path';
import { tempDir } from '../helpers/tmp';
import { blocking, runAxe } from '../helpers/axe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { tool } from '../helpers/tools';
import { clearFiles } from '../helpers/clear-files';
import { cspViolations, keepPrintView, lastPrinted, pdfPageSizes, printCalls, stubPrint, viewerLeftovers, type PrintCall } from '../helpers/print-view';

type Host = Awaited<ReturnType<typeof startTestHost>>;

const pdfText = (path: string) => tool('pdftotext', [path, '-']).stdout.normalize('NFC').replace(/\s+/g, ' ');

/** The last document printed, unsealed by the app's vault into a folder of the test's own: its text, page count and page sizes. */
async function printedForm(host: Host) {
  const f = await lastPrinted(host);
  try {
    const sizes = pdfPageSizes(f.path);
    return { text: pdfText(f.path), pages: sizes.length, sizes };
  } finally {
    f.cleanup();
  }
}
/** The print view's sheet sizes ("419.53pt") as numbers, beside the PDF's own. */
const sheetSizes = (call: PrintCall) => call.sizes.map((s) => [parseFloat(s.w), parseFloat(s.h)]);

/** Issue 16: Mẫu 02/03 and the dossier's other forms printed (and reprinted) from the Hồ sơ detail. */
describe('In mẫu… on the Hồ sơ detail (Chromium host)', () => {
  let host: Host;
  let code = '';
  /** Fetches of pdf.js's worker script: one per worker started. */
  const workerStarts: string[] = [];

  beforeAll(async () => {
    host = await startTestHost();
    host.context.on('request', (r) => {
      if (/pdf\.worker[^/]*\.m?js$/.test(new URL(r.url()).pathname)) workerStarts.push(r.url());
    });
    await stubPrint(host.page);
    const { page } = host;
    const desk = await page.evaluate(() => window.motcua['unit.setDesk']({ deskName: 'Trung tâm Phục vụ hành chính công xã Tân Phú', place: 'Tân Phú', phone: '0272 3811 234' }));
    expect(desk.ok).toBe(true);
    // The company was sent back once for a missing paper, then came back with everything.
    const tb = await page.evaluate(() =>
      window.motcua['intake.turnBack']({
        form: '02',
        MaTTHC: '2.002010',
        ChuHoSo: 'Công ty TNHH Sao Mai',
        DiaChiChuHoSo: null,
        SoDienThoai: null,
        SoGiayToChuHoSo: '0312345678',
        reasons: ['Bổ sung Điều lệ công ty'],
        reason: 'Hồ sơ thiếu Điều lệ',
      }),
    );
    expect(tb.ok).toBe(true);
    const r = await page.evaluate(() =>
      window.motcua['intake.receive']({
        draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: 'Công ty TNHH Sao Mai', SoGiayToChuHoSo: '0312345678', TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: [], SoBo: 1 },
        attachments: [],
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    code = r.value.code;
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  it('lists the forms that apply and prints Mẫu 02 and Mẫu 06 through the print dialog, as the receipt', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', 'sao mai');
    await page.waitForSelector('[data-testid="search-results"] td:has-text("Sao Mai")');
    await page.focus('[data-testid="search-results"] tbody tr[tabindex="0"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dossier-detail"]');
    await page.click('[data-testid="forms-open"]');
    await page.waitForSelector('[data-testid="form-print-06"]');
    const offered = await page.$$eval('[data-testid="forms-panel"] [data-testid^="form-print-"]', (els) => els.map((e) => e.getAttribute('data-testid')!.slice(-2)));
    // Not overdue and no Mẫu 03: those two are not offered.
    expect(offered).toEqual(['01', '02', '05', '06', '07']);
    expect(await page.textContent('[data-testid="form-print-06"]')).toContain('Phiếu kiểm soát quá trình giải quyết hồ sơ');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue16-forms-panel.png') });

    const before = host.printed.length;
    await page.click('[data-testid="form-print-02"]');
    await page.waitForSelector('[data-testid="dossier-message"]:has-text("Đã in Mẫu 02")');
    expect(host.printed.length).toBe(before + 1);
    const { text: m02, pages: m02Pages, sizes: m02Sizes } = await printedForm(host);
    // Printed from memory: window.print once, on every page of Mẫu 02 drawn, each sheet at the PDF page's size.
    const calls = await printCalls(page);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ sheets: m02Pages, drawn: m02Pages });
    expect(sheetSizes(calls[0]!)).toEqual(m02Sizes.map(([w, h]) => [expect.closeTo(w, 1), expect.closeTo(h, 1)]));
    expect(m02).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(m02).toContain('Bổ sung Điều lệ công ty');
    expect(m02).toContain('Lý do: Hồ sơ thiếu Điều lệ');
    expect(m02).toContain('số điện thoại 0272 3811 234');

    await page.click('[data-testid="form-print-06"]');
    await page.waitForSelector('[data-testid="dossier-message"]:has-text("Đã in Mẫu 06")');
    expect(host.printed.length).toBe(before + 2);
    const { text: m06, pages: m06Pages, sizes: m06Sizes } = await printedForm(host);
    const m06Call = (await printCalls(page)).at(-1)!;
    expect(m06Call).toMatchObject({ sheets: m06Pages, drawn: m06Pages });
    expect(sheetSizes(m06Call)).toEqual(m06Sizes.map(([w, h]) => [expect.closeTo(w, 1), expect.closeTo(h, 1)]));
    expect(m06).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(m06).toContain(`Mã hồ sơ: ${code}`);
    expect(m06).toContain('Kèm theo hồ sơ của: Công ty TNHH Sao Mai');
    expect(m06).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TÂN PHÚ');
    expect(m06).toContain('Liên 1: Lưu');
    expect(m06).toContain('Quản Trị Viên');
    // Two prints, one pdf.js worker: it is started with the first and kept for the session.
    expect(workerStarts).toHaveLength(1);
    // The kept forms stay sealed, and nothing clear was written to print them.
    await page.waitForSelector('[data-testid="print-view"]', { state: 'detached' });
    expect(viewerLeftovers(host)).toBe(false);
    expect(clearFiles(host.dataDir, ['0312345678', 'Công ty TNHH Sao Mai', 'Bổ sung Điều lệ công ty'])).toEqual([]);
  });

  it('the print view prints one PDF page per sheet at the PDF’s size: Chromium’s own PDF of the print media has the same pages', async () => {
    const { page } = host;
    await keepPrintView(page, true);
    try {
      await page.click('[data-testid="form-print-02"]');
      await page.waitForSelector('[data-testid="dossier-message"]:has-text("Đã in Mẫu 02")');
      await page.waitForSelector('[data-testid="print-pages"]');
      const { pages, sizes } = await printedForm(host);
      expect(await page.textContent('[data-testid="print-pages"]')).toBe(`${pages} trang`);
      expect(await page.$$eval('[data-testid="print-view"] .print-sheet canvas', (cs) => cs.length)).toBe(pages);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'issue13-print-view.png') });
      // pdf.js (eval off, glyphs as paths, its worker of the app's origin) and the constructed @page rules: no CSP refusal.
      expect(await cspViolations(page)).toEqual([]);
      // The view is a labelled modal dialog: no serious or critical axe finding with it open.
      // (axe first tries an inline script tag, which the CSP refuses: those refusals are axe's own.)
      expect(blocking(await runAxe(page, 'print-view'))).toEqual([]);
      const axeRefusals = await cspViolations(page);
      expect(axeRefusals.every((v) => v.startsWith('script-src-elem inline'))).toBe(true);
      // Ctrl+P prints the open view again (not the app's screen, and not a new offer from main).
      const calls = (await printCalls(page)).length;
      const offers = host.printed.length;
      await page.keyboard.press('Control+p');
      await expect.poll(async () => (await printCalls(page)).length).toBe(calls + 1);
      expect((await printCalls(page)).at(-1)).toMatchObject({ sheets: pages, drawn: pages });
      expect(host.printed.length).toBe(offers);
      // Esc closes the view, and does not reach the section behind it (its own Esc would close the forms panel).
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="print-view"]', { state: 'detached' });
      expect(await page.$('[data-testid="forms-panel"]')).not.toBeNull();

      await page.click('[data-testid="form-print-02"]');
      await page.waitForSelector('[data-testid="print-pages"]');
      // What the print dialog would get: the page under print media, at the @page sizes the view set.
      const out = tempDir('motcua-print-media-');
      try {
        const pdf = join(out.dir, 'print-media.pdf');
        await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
        // Chromium rounds a page to whole CSS pixels (A5's 419.53 pt prints as 420): within a point.
        expect(pdfPageSizes(pdf)).toEqual(sizes.map(([w, h]) => [expect.closeTo(w, 0), expect.closeTo(h, 0)]));
        // Only the form is printed: none of the app's screen (its menu, the dossier's detail) is in the printed PDF's text layer.
        expect(tool('pdftotext', [pdf, '-']).stdout).not.toContain('Hồ sơ');
      } finally {
        out.cleanup();
      }
      // Chromium's PDF of the page fires afterprint as a print does: the view goes with it.
      await page.waitForSelector('[data-testid="print-view"]', { state: 'detached' });
      // Nothing refused since, through the second view, Ctrl+P and the print media.
      expect(await cspViolations(page)).toEqual(axeRefusals);
    } finally {
      await keepPrintView(page, false);
    }
  });

  it('Mẫu 05 takes the officer’s reason; a Mẫu 04 without its new day is refused in Vietnamese', async () => {
    const { page } = host;
    await page.click('[data-testid="form-print-05"]');
    await page.fill('[data-testid="form-reason"]', 'Doanh nghiệp xin rút hồ sơ');
    await page.click('[data-testid="form-confirm"]');
    await page.waitForSelector('[data-testid="dossier-message"]:has-text("Đã in Mẫu 05")');
    const { text: m05 } = await printedForm(host);
    expect(m05).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(m05).toContain('Lý do: Doanh nghiệp xin rút hồ sơ');
    // Mẫu 04 is refused by the service for a dossier with no date (the channel says why, in Vietnamese).
    const r = await page.evaluate((c) => window.motcua['form.print']({ code: c, mau: '04', reason: 'Cần xác minh thêm', newDueDate: null }), code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Mẫu 04 cần lý do chậm trễ');
  });
});
