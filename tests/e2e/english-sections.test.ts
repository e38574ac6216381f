import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVietnamRfc3339 } from '../../electron/common/domain/time';
import { saveRating } from '../../electron/node/display/rating-repo';
import { applyRemoteStatus } from '../../electron/node/intake/dossier-repo';
import { ROOT } from '../helpers/cli';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { stubPrint } from '../helpers/print-view';
import { makePki, PIN, SOFTHSM_MODULE } from '../helpers/softhsm';
import { chooseRsaToken } from '../helpers/token-ui';
import { tempDir } from '../helpers/tmp';
import { typeAsOfficer, wedgeScan } from '../helpers/keyboard';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/** Any Vietnamese letter (with its diacritics, and đ): on an English screen, outside data, a leftover. */
const VIETNAMESE = /[À-ỹđĐ]/u;

type CatalogItem = Record<string, unknown> & { MaTTHC: string; ThanhPhanHoSo: Array<{ MaThanhPhanHoSo: string; TenThanhPhan: string }>; LePhi: Array<{ TenPhiLePhi: string }> };
const CATALOG = JSON.parse(readFileSync(join(ROOT, 'resources', 'catalog', 'sample-procedures.json'), 'utf8')) as { items: CatalogItem[] };

const COMPANY = 'Công ty Trách nhiệm hữu hạn Thương mại và Dịch vụ Sao Mai Phương Nam';
const CITIZEN = 'Nguyễn Thị Phương Thảo';
const ADDRESS = 'Số 12 đường Lê Lợi, xã Tân Phú';
const OFFICER_NAME = 'Lê Thị Mai';
const VOID_REASON = 'Nhập nhầm thủ tục, công dân nộp lại';
const DRAFTS = [
  { MaTTHC: '2.002010', LoaiDoiTuong: '2' as const, ChuHoSo: COMPANY, DiaChiChuHoSo: ADDRESS, DanhSachLePhi: [], SoBo: 1 },
  { MaTTHC: '1.001193', LoaiDoiTuong: '1' as const, ChuHoSo: CITIZEN, SoGiayToChuHoSo: '001190123457', DanhSachLePhi: ['LP1'], SoBo: 1 },
  { MaTTHC: '1.004227', LoaiDoiTuong: '1' as const, ChuHoSo: 'Trần Văn Hùng', SoGiayToChuHoSo: '001090123458', DanhSachLePhi: ['LP1', 'LP2'], SoBo: 1 },
];

/**
 * Strings that are data, not wording: the product's name, the unit, the admin's name, the language
 * names on the switch, the citizens and what they wrote, and the catalog's own Vietnamese (procedure,
 * document, fee, result, field and agency names) exactly as the province publishes it.
 */
const DATA = [
  'Một Cửa Desk',
  'UBND xã Tân Phú',
  'Quản Trị Viên',
  'Tiếng Việt',
  COMPANY,
  CITIZEN,
  ADDRESS,
  VOID_REASON,
  'Trần Văn Hùng',
  ...CATALOG.items.flatMap((p) => [
    ...['TenTTHC', 'KetQua', 'TenLinhVuc', 'CoQuanThucHien'].map((k) => p[k]).filter((v): v is string => typeof v === 'string'),
    ...p.ThanhPhanHoSo.map((d) => d.TenThanhPhan),
    ...p.LePhi.map((f) => f.TenPhiLePhi),
  ]),
].sort((a, b) => b.length - a.length);

/** The lines of a screen's words (its text, placeholders, titles and accessible names) that hold Vietnamese wording, data set aside. */
async function leftovers(page: Page, selector: string, extra: readonly string[] = []): Promise<string[]> {
  const words = await page.evaluate((sel) => {
    const root = document.querySelector<HTMLElement>(sel);
    if (!root) return `missing ${sel}`;
    const attrs = Array.from(root.querySelectorAll('[placeholder], [title], [aria-label], [alt]')).flatMap((e) =>
      ['placeholder', 'title', 'aria-label', 'alt'].map((a) => e.getAttribute(a) ?? ''),
    );
    // SVG text (chart ticks, titles) is read with textContent: innerText leaves some of it out.
    const svg = Array.from(root.querySelectorAll('svg text, svg title, svg desc')).map((e) => e.textContent ?? '');
    return [root.innerText, ...attrs, ...svg].join('\n');
  }, selector);
  let rest = words;
  for (const d of [...extra, ...DATA]) rest = rest.split(d).join(' ');
  return rest
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => VIETNAMESE.test(l));
}

async function onePagePdf(path: string, text: string): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 20, font: await doc.embedFont(StandardFonts.Helvetica) });
  writeFileSync(path, await doc.save());
  return path;
}

describe('every section in English with content on it: no Vietnamese wording left (issue #16)', () => {
  let host: Host;
  const t = tempDir('motcua-e2e-en-sections-');
  const codes: string[] = [];
  const reportsDir = () => join(host.dataDir, 'Documents', 'Một Cửa Desk', 'Báo cáo');
  const shot = (name: string) => host.page.screenshot({ path: join(SCREENSHOT_DIR, `english-${name}.png`), fullPage: true });

  beforeAll(async () => {
    makePki(join(t.dir, 'pki'));
    host = await startTestHost({ viewport: { width: 1366, height: 768 } });
    const { page } = host;
    expect((await page.evaluate((p) => window.motcua['devices.setTokenModule']({ path: p }), SOFTHSM_MODULE)).ok).toBe(true);
    for (const d of DRAFTS) {
      const docs = CATALOG.items.find((p) => p.MaTTHC === d.MaTTHC)!.ThanhPhanHoSo.map((x) => x.MaThanhPhanHoSo);
      const r = await page.evaluate((draft) => window.motcua['intake.receive']({ draft, attachments: [] }), { ...d, TaiLieuNop: docs });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      codes.push(r.value.code);
    }
    const [ready, , voided] = codes as [string, string, string];
    // The province's "có kết quả" (status 9) as a pull records it, and the result imported at the counter.
    const now = toVietnamRfc3339(new Date());
    await host.services.store.exec('test.status9', (db) => applyRemoteStatus(db, ready, { status: '9', version: 1, at: now }));
    await host.services.returns.importResult(ready, await onePagePdf(join(t.dir, 'giay-chung-nhan.pdf'), 'GIAY CHUNG NHAN'), 'admin');
    // Ratings from the citizen display and a voided receipt: the report's satisfaction block and review list have rows.
    await host.services.store.exec('test.ratings', (db) =>
      codes.forEach((code, i) => saveRating(db, { code, rating: [5, 4, 2][i]!, ratedAt: now, counterId: 'Q01', source: 'touch' })),
    );
    expect((await page.evaluate((a) => window.motcua['dossier.void'](a), { code: voided, reason: VOID_REASON })).ok).toBe(true);

    await stubPrint(page);
    expect(await page.evaluate(() => window.motcua['app.setLocale']({ locale: 'en' }))).toEqual({ ok: true, value: { locale: 'en' } });
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('nav button[data-section]');
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
    t.cleanup();
  });

  it('Hồ sơ: the results, a saved dossier’s detail, its forms panel, a voided one, and the sync panel with queued items', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', '000.00.01');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="search-results"] tbody tr[tabindex]').length >= 3);
    await page.focus(`[data-testid="search-results"] tbody tr:has-text("${codes[1]}")`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="dossier-detail"] h2:has-text("${codes[1]}")`);
    await page.click('[data-testid="forms-open"]');
    await page.waitForSelector('[data-testid="forms-panel"] button');
    await page.waitForSelector('[data-testid="sync-panel"] ul.sync-queue li');
    await shot('dossier-detail');
    expect(await leftovers(page, 'main')).toEqual([]);
    await page.focus(`[data-testid="search-results"] tbody tr:has-text("${codes[2]}")`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="dossier-detail"] h2:has-text("${codes[2]}") .badge`);
    expect(await leftovers(page, 'main')).toEqual([]);
    expect(await leftovers(page, 'body')).toEqual([]);
  });

  it('Hồ sơ: a form printed and one asking its reason, the sync run by F9 with no server, a dossier whose result is ready', async () => {
    const { page } = host;
    await page.focus(`[data-testid="search-results"] tbody tr:has-text("${codes[1]}")`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="dossier-detail"] h2:has-text("${codes[1]}")`);
    await page.click('[data-testid="forms-open"]');
    await page.click('[data-testid="form-print-06"]');
    await page.waitForSelector('[data-testid="dossier-message"]');
    expect(await leftovers(page, 'main')).toEqual([]);
    await page.click('[data-testid="forms-open"]');
    await page.click('[data-testid="form-print-05"]');
    await page.waitForSelector('[data-testid="form-reason"]');
    await page.click('[data-testid="form-confirm"]');
    // Form 05's own outcome (the message of 06 above is still shown), and its print view gone: keys
    // pressed while it is open go to it, the screen behind it being inert.
    await page.waitForSelector('[data-testid="forms-error"], [data-testid="dossier-message"]:text-is("Form 05 printed.")');
    await page.waitForSelector('[data-testid="print-view"]', { state: 'detached' });
    expect(await leftovers(page, 'main')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.focus(`[data-testid="search-results"] tbody tr:has-text("${codes[0]}")`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="dossier-detail"] h2:has-text("${codes[0]}")`);
    await shot('dossier-ready');
    expect(await leftovers(page, 'main')).toEqual([]);
    await page.keyboard.press('F9');
    await page.waitForSelector('[data-testid="sync-message"]');
    expect(await leftovers(page, 'main')).toEqual([]);
  });

  it('Trả kết quả: a dossier whose result is ready, with the result listed and the token fields', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+3');
    await page.fill('input[name="returnCode"]', codes[0]!);
    await page.press('input[name="returnCode"]', 'Enter');
    await page.waitForSelector('[data-testid="results"] li:has-text("giay-chung-nhan.pdf")');
    await chooseRsaToken(page, PIN);
    // A certificate's expiry is a date as every other on the screen, dd/mm/yyyy.
    expect(await page.$$eval('select[name="certId"] option', (os) => os.map((o) => o.textContent ?? ''))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CN=Nguyen Van Ky, .* — \d{2}\/\d{2}\/\d{4}$/)]),
    );
    await shot('returns');
    expect(await leftovers(page, 'main')).toEqual([]);
    await page.click('[data-testid="sign"]');
    await page.waitForSelector('[data-testid="results"] .badge', { timeout: 30_000 });
    expect(await leftovers(page, 'main')).toEqual([]);
    await page.click('[data-testid="hand-over"]');
    await page.waitForSelector('[data-testid="returns-message"].error');
    expect(await leftovers(page, 'main')).toEqual([]);
    await page.fill('input[name="receivedBy"]', CITIZEN);
    await page.check('input[name="idChecked"]');
    await page.click('[data-testid="hand-over"]');
    await page.waitForSelector('[data-testid="returns-message"].ok');
    await shot('returns-handed');
    expect(await leftovers(page, 'main')).toEqual([]);
  });

  it('Ký số: a file listed, its signature checked, its preview drawn, the token and certificate chosen', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+4');
    host.queueFilePick([await onePagePdf(join(t.dir, 'quyet-dinh.pdf'), 'QUYET DINH')]);
    await page.click('[data-testid="signing-pick"]');
    await page.waitForSelector('[data-testid="signing-files"] li:has-text("quyet-dinh.pdf")');
    await page.click('[data-testid="signing-files"] li:has-text("quyet-dinh.pdf") >> text=Check signature');
    await page.waitForSelector('[data-testid="signing-check"]');
    await page.click('[data-testid="signing-preview"]');
    await page.waitForSelector('canvas');
    await page.click('[data-testid="load-tokens"]');
    await page.waitForSelector('select[name="certId"]');
    await shot('signing');
    // The signed copies' folder is a path on this PC (made once, under the product's name): data.
    const folder = await page.innerText('[data-testid="signed-folder-path"]');
    expect(await leftovers(page, 'main', [folder])).toEqual([]);
    await page.fill('input[name="pin"]', PIN);
    await page.click('[data-testid="signing-sign"]');
    await page.waitForSelector('[data-testid="signing-result"]', { timeout: 30_000 });
    await shot('signing-done');
    expect(await leftovers(page, 'main', [folder])).toEqual([]);
    // The signed copy checked: its signer and the verdict on its signature.
    host.queueFilePick([join(folder, 'quyet-dinh-da-ky.pdf')]);
    await page.click('[data-testid="signing-pick"]');
    await page.click('[data-testid="signing-files"] li:has-text("quyet-dinh-da-ky.pdf") >> text=Check signature');
    await page.waitForSelector('[data-testid="signing-files"] li:has-text("quyet-dinh-da-ky.pdf") [data-testid="signing-check"]');
    expect(await leftovers(page, 'main', [folder])).toEqual([]);
  });

  it('Báo cáo for a period: totals, the KPI panel, both charts, the satisfaction block and the review list', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+5');
    await page.waitForSelector('[data-testid="totals"]');
    const today = await page.inputValue('input[name="reportDate"]');
    expect(await leftovers(page, 'main')).toEqual([]);
    // Closing a day that has a voided receipt asks for notes first.
    await page.click('[data-testid="close-day"]');
    await page.waitForSelector('[data-testid="reports-message"]');
    expect(await leftovers(page, 'main')).toEqual([]);
    await page.click('[data-testid="export-pdf"]');
    await page.waitForSelector('[data-testid="reports-message"]:has-text("bao-cao")', { timeout: 30_000 });
    // Where the file went is a path on this PC, its folders made once under fixed names: data.
    expect(await leftovers(page, 'main', [reportsDir()])).toEqual([]);
    await page.click('[data-testid="audit-verify"]');
    await page.waitForSelector('[data-testid="audit-verdict"]');
    await page.fill('textarea[name="closeNotes"]', 'Voided receipt checked with the officer.');
    await page.click('[data-testid="close-day"]');
    await page.waitForSelector('[data-testid="reports-message"].ok', { timeout: 30_000 });
    await shot('reports-closed');
    expect(await leftovers(page, 'main', [reportsDir()])).toEqual([]);
    const [d, m, y] = today.split('/').map(Number) as [number, number, number];
    const start = new Date(Date.UTC(y, m - 1, d - 3));
    const pad = (n: number) => String(n).padStart(2, '0');
    await page.fill('input[name="reportDate"]', `${pad(start.getUTCDate())}/${pad(start.getUTCMonth() + 1)}/${start.getUTCFullYear()}`);
    await page.fill('input[name="reportTo"]', today);
    await page.waitForSelector('[data-testid="trend-chart"]');
    await page.waitForSelector('[data-testid="satisfaction-counts"]');
    await page.waitForSelector('[data-testid="review"] tbody tr');
    await page.waitForSelector('[data-testid="kpi766"]');
    await shot('reports');
    expect(await leftovers(page, 'main', [reportsDir()])).toEqual([]);
    // Numbers in English: a decimal point, not the Vietnamese comma.
    expect(await page.textContent('[data-testid="satisfaction-pct"]')).toMatch(/66\.7\s?%/);
  });

  it('Settings: every section (unit, province, accounts, devices, token, display, language, text size, system check)', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+6');
    await page.waitForSelector('[data-testid="token-settings"]');
    await page.waitForSelector('[data-testid="token-modules"]', { timeout: 60_000 });
    await page.click('button:text-is("Check")');
    await page.waitForSelector('[data-testid="doctor-table"]');
    await shot('settings');
    // Module paths and the data folder are the PC's own: a path is data.
    const rest = (await leftovers(page, 'main')).filter((l) => !/(\/tmp\/|\/usr\/|C:\\)/.test(l));
    expect(rest).toEqual([]);
    // An account added (its name is data), a test page sent to no printer, the display settings saved.
    await page.fill('input[name="newOfficerId"]', 'cb02');
    await page.fill('input[name="newUsername"]', 'canbo02');
    await page.fill('input[name="newFullName"]', OFFICER_NAME);
    await page.fill('input[name="addPassword"]', 'mat-khau-can-bo-02');
    await page.check('input[name="role-officer"]');
    await page.click('form[aria-label="Add an officer"] button[type="submit"]');
    await page.waitForSelector('tr[data-officer="cb02"]');
    await page.click('[data-testid="test-print"]');
    await page.waitForSelector('div.devices > p.message');
    // A scanner on a port this PC does not have, and a scan folder that does not exist.
    await page.fill('input[name="scannerPath"]', '/dev/ttyKHONGCO0');
    await page.click('section:has(input[name="scannerPath"]) button:text-is("Save")');
    await page.waitForSelector('[data-testid="scanner-state"]:not(:text-is("not configured"))');
    await page.fill('.devices > section:last-of-type input', join(t.dir, 'khong-co'));
    await page.click('.devices > section:last-of-type button');
    await page.waitForTimeout(300);
    await page.click('[data-testid="save-display"]');
    await page.waitForTimeout(300);
    await shot('settings-content');
    expect((await leftovers(page, 'main', [OFFICER_NAME])).filter((l) => !/(\/tmp\/|\/usr\/|C:\\)/.test(l))).toEqual([]);
  });

  it('Intake: a returning citizen’s card scanned (her earlier dossiers listed), a procedure chosen with its documents and fees', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.waitForSelector('nav button[data-section="intake"][aria-current="page"]');
    // A wedge scanner types the card's QR in one burst and Enter.
    await wedgeScan(page, `001190123457||${CITIZEN}|15061990|Nữ|${ADDRESS}|01012021`);
    await page.waitForSelector('[data-testid="applicant-history"]');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="checklist"]');
    await shot('intake');
    expect(await leftovers(page, 'main')).toEqual([]);
  });

  it('F1 help over a section', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('F1');
    await page.waitForSelector('[role="dialog"]');
    await shot('help');
    expect(await leftovers(page, '[role="dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
  });
});
