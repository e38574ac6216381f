import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import * as pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRemoteStatus } from '../../electron/node/intake/dossier-repo';
import { toVietnamRfc3339 } from '../../electron/common/domain/time';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { startTestHost } from '../helpers/host';
import { makePki, PIN, SOFTHSM_MODULE } from '../helpers/softhsm';
import { tempDir } from '../helpers/tmp';
import { chooseRsaToken } from '../helpers/token-ui';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/**
 * SoftHSM2 keeps no PIN counters: the module is wrapped so that C_GetTokenInfo also reports
 * CKF_USER_PIN_COUNT_LOW (a wrong PIN was entered before), as a real token would. The app's own
 * Pkcs11Token reads that flag and signs with a warning.
 */
function pinCountLowModule() {
  const real = new pkcs11js.PKCS11();
  return new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const r = (v as (...a: unknown[]) => unknown).apply(target, args);
        return prop === 'C_GetTokenInfo' ? { ...(r as pkcs11js.TokenInfo), flags: (r as pkcs11js.TokenInfo).flags | pkcs11js.CKF_USER_PIN_COUNT_LOW } : r;
      };
    },
  });
}

async function onePagePdf(path: string, text: string): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 20, font: await doc.embedFont(StandardFonts.Helvetica) });
  writeFileSync(path, await doc.save());
  return path;
}

/** The texts of the screen's message lines, in the order they stand on the page. */
const linesInOrder = (host: Host, selector: string) => host.page.$$eval(selector, (els) => els.map((e) => `${e.getAttribute('data-testid')}: ${e.textContent ?? ''}`));

/** Issue 16: the token's PIN warning after a signature, and the report export's progress. */
describe('after a signature "Đã ký" comes first and the token’s warning after it; the report export shows its steps', () => {
  let host: Host;
  const t = tempDir('motcua-e2e-warn-');
  let code = '';

  beforeAll(async () => {
    makePki(join(t.dir, 'pki'));
    host = await startTestHost();
    const { page } = host;
    expect((await page.evaluate((p) => window.motcua['devices.setTokenModule']({ path: p }), SOFTHSM_MODULE)).ok).toBe(true);
    // Modules are loaded once per path: the wrapped one gets a path of its own.
    const lowPath = join(t.dir, 'softhsm-count-low.so');
    symlinkSync(SOFTHSM_MODULE, lowPath);
    const low = new Pkcs11Token(lowPath, pinCountLowModule);
    host.services.tokens.token = () => Promise.resolve(low);
    const r = await page.evaluate(() =>
      window.motcua['intake.receive']({
        draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: 'Công ty TNHH Sao Mai', TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: [], SoBo: 1 },
        attachments: [],
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    code = r.value.code;
    // The province's "có kết quả" (status 9), as a sync pull records it, and the result file imported at the counter.
    await host.services.store.exec('test.status9', (db) => applyRemoteStatus(db, code, { status: '9', version: 1, at: toVietnamRfc3339(new Date()) }));
    await host.services.returns.importResult(code, await onePagePdf(join(t.dir, 'giay-chung-nhan.pdf'), 'GIAY CHUNG NHAN'), 'admin');
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
    t.cleanup();
  });

  it('Trả kết quả: "Đã ký 1 văn bản." stays, and the PIN warning is a line after it', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+3');
    await page.fill('input[name="returnCode"]', code);
    await page.press('input[name="returnCode"]', 'Enter');
    await page.waitForSelector('[data-testid="results"] li:has-text("giay-chung-nhan.pdf")');
    await chooseRsaToken(page, PIN);
    await page.click('[data-testid="sign"]');
    await page.waitForSelector('[data-testid="results"] li:has-text("đã ký")', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="returns-warning"]');
    expect(await linesInOrder(host, '[data-testid="returns-message"], [data-testid="returns-warning"]')).toEqual([
      'returns-message: Đã ký 1 văn bản.',
      'returns-warning: Lưu ý từ thiết bị ký số: Trước đó đã có lần nhập sai PIN: hãy nhập cẩn thận.',
    ]);
    expect(await page.getAttribute('[data-testid="returns-message"]', 'class')).toContain('ok');
  });

  it('Ký số: the same order, "Đã ký 1 tệp." then the PIN warning', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+4');
    host.queueFilePick([await onePagePdf(join(t.dir, 'quyet-dinh.pdf'), 'QUYET DINH')]);
    await page.click('[data-testid="signing-pick"]');
    await page.waitForSelector('[data-testid="signing-files"] li:has-text("quyet-dinh.pdf")');
    await chooseRsaToken(page, PIN);
    await page.click('[data-testid="signing-sign"]');
    await page.waitForSelector('[data-testid="signing-warning"]', { timeout: 30_000 });
    expect(await linesInOrder(host, '[data-testid="signing-message"], [data-testid="signing-warning"]')).toEqual([
      'signing-message: Đã ký 1 tệp.',
      'signing-warning: Lưu ý từ thiết bị ký số: Trước đó đã có lần nhập sai PIN: hãy nhập cẩn thận.',
    ]);
  });

  it('Báo cáo: while the export renders, the bar shows its step i/n; it goes when the file is written', async () => {
    const { page } = host;
    const { reports } = host.services;
    const render = reports.render.bind(reports);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let rendering = 0;
    // Held after its first step (the report gathered), as a long period's PDF would be.
    reports.render = async (r, format) => {
      rendering++;
      await gate;
      return render(r, format);
    };
    try {
      await page.keyboard.press('Alt+5');
      await page.waitForSelector('[data-testid="export-pdf"]');
      await page.click('[data-testid="export-pdf"]');
      await page.waitForSelector('[data-testid="reports-progress"] progress[value="1"][max="3"]');
      expect(rendering).toBe(1);
      expect(await page.textContent('[data-testid="reports-progress"]')).toBe('Đang xuất báo cáo: bước 1/3');
      expect(await page.getAttribute('[data-testid="reports-progress"] progress', 'aria-label')).toBe('Đang xuất báo cáo: bước 1/3');
      expect(await page.isDisabled('[data-testid="export-pdf"]')).toBe(true);
      open();
      await page.waitForSelector('[data-testid="reports-message"]:has-text("Đã xuất:")');
      expect(await page.$('[data-testid="reports-progress"]')).toBeNull();
      expect(await page.$('[data-testid="reports-busy"]')).toBeNull();
      expect(await page.textContent('[data-testid="reports-message"]')).toMatch(/bao-cao-\d{4}-\d{2}-\d{2}\.pdf/);
    } finally {
      open();
      reports.render = render;
    }
  });
});
