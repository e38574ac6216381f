import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, startTestHost } from '../helpers/host';
import { lastPrinted, pdfPageSizes, printCalls, stubPrint } from '../helpers/print-view';
import { UNIT } from '../helpers/intake';
import { makePki, PIN, SOFTHSM_MODULE } from '../helpers/softhsm';
import { referenceServer } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { chooseRsaToken } from '../helpers/token-ui';
import { tool } from '../helpers/tools';

type Host = Awaited<ReturnType<typeof startTestHost>>;

describe('Trả kết quả in the app: scan the receipt, sign with the USB token (SoftHSM2), hand over', () => {
  let host: Host;
  let server: Awaited<ReturnType<typeof referenceServer>>;
  let code: string;
  const t = tempDir('motcua-e2e-ret-');
  const saved = { ...process.env };
  beforeAll(async () => {
    makePki(join(t.dir, 'pki'));
    server = await referenceServer(t.dir);
    Object.assign(process.env, { MOTCUA_API_URL: server.url, MOTCUA_CLIENT_ID: 'counter-q01', MOTCUA_CLIENT_SECRET: 'secret-q01' });
    host = await startTestHost({ province: true });
    await stubPrint(host.page);
    const { page } = host;
    await page.waitForSelector('nav button[data-section]');
    expect((await page.evaluate((u) => window.motcua['unit.set'](u), UNIT)).ok).toBe(true);
    expect((await page.evaluate((p) => window.motcua['devices.setTokenModule']({ path: p }), SOFTHSM_MODULE)).ok).toBe(true);
    const r = await page.evaluate(() =>
      window.motcua['intake.receive']({
        draft: { MaTTHC: '2.002010', LoaiDoiTuong: '2', ChuHoSo: 'Công ty TNHH Sao Mai', TaiLieuNop: ['TP1', 'TP2', 'TP3', 'TP4'], DanhSachLePhi: [], SoBo: 1 },
        attachments: [],
      }),
    );
    code = r.ok ? r.value.code : '';
    await host.services.sync.trigger('test');
    if ((server.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n !== 1) throw new Error('the dossier did not reach the server');
    const doc = await PDFDocument.create();
    doc.addPage().drawText('GIAY CHUNG NHAN DANG KY DOANH NGHIEP', { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    const tok = (await (await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=counter-q01&client_secret=secret-q01' })).json()) as { access_token: string };
    const h = { Authorization: `Bearer ${tok.access_token}`, 'Tus-Resumable': '1.0.0' };
    const loc = (await fetch(`${server.url}/files/`, { method: 'POST', headers: { ...h, 'Upload-Length': String(pdf.length) } })).headers.get('location')!;
    await fetch(loc, { method: 'PATCH', headers: { ...h, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, body: pdf });
    server.advance(code, '9', { DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy chứng nhận đăng ký doanh nghiệp', MaGiayToKetQua: 'DN-1', DuongDanTepTinKetQua: loc }] });
    // A trigger during a run (the app syncs on start and after intake) resolves with that run, which may
    // have pulled before the province had the result: sync until the result is here, not once.
    const until = Date.now() + 60_000;
    while ((await host.services.returns.open(code)).results.length === 0) {
      if (Date.now() > until) throw new Error('the result never reached the counter');
      await host.services.sync.trigger('test');
    }
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await server?.close();
    for (const k of ['MOTCUA_API_URL', 'MOTCUA_CLIENT_ID', 'MOTCUA_CLIENT_SECRET']) if (!(k in saved)) delete process.env[k];
    host?.cleanupDir();
    t.cleanup();
  });

  it('the officer signs the result with the token PIN and hands it over; the province gets status 10', async () => {
    const { page } = host;
    await page.keyboard.press('Alt+3');
    await page.fill('input[name="returnCode"]', code);
    await page.press('input[name="returnCode"]', 'Enter');
    await page.waitForSelector('[data-testid="results"] li:has-text("Giấy chứng nhận")');
    await chooseRsaToken(page, '000000');
    await page.click('[data-testid="sign"]');
    await page.waitForSelector('[data-testid="returns-message"]:has-text("PIN không đúng")');
    expect(await page.inputValue('input[name="pin"]')).toBe('');
    await page.fill('input[name="pin"]', PIN);
    await page.click('[data-testid="sign"]');
    await page.waitForSelector('[data-testid="results"] li:has-text("đã ký")');
    await page.check('input[name="idChecked"]');
    await page.click('[data-testid="hand-over"]');
    await page.waitForSelector('[data-testid="returns-message"]:has-text("phiếu bàn giao đã gửi tới máy in")');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'returns.png'), fullPage: true });
    // The slip went to the print view from memory: its kept copy stays sealed, and window.print ran on its pages.
    const slip = host.printed.at(-1)!;
    expect(slip).toContain('ban-giao');
    expect(readFileSync(slip).subarray(0, 4).toString('latin1')).not.toBe('%PDF');
    const printedSlip = await lastPrinted(host);
    const pages = pdfPageSizes(printedSlip.path).length;
    printedSlip.cleanup();
    expect(pages).toBeGreaterThan(0);
    expect((await printCalls(page)).at(-1)).toMatchObject({ sheets: pages, drawn: pages });
    await host.services.sync.trigger('test');
    await expect.poll(() => (server.db.prepare('SELECT status FROM dossiers WHERE code = ?').get(code) as { status: string }).status, { timeout: 30_000 }).toBe('10');
  });

  it('Ký số: the officer previews, then signs two chosen PDFs into a folder of their choice with a visible box on the last page; the copies validate, the originals stay as they were and leave the list', async () => {
    const { page } = host;
    const inputs: string[] = [];
    for (const [name, pages] of [['quyet-dinh.pdf', 2], ['van-ban.pdf', 1]] as const) {
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`${name} - trang ${i + 1}`, { x: 72, y: 760, size: 28, font });
      const p = join(t.dir, name);
      writeFileSync(p, await doc.save());
      inputs.push(p);
    }
    const before = inputs.map((p) => readFileSync(p));
    await page.keyboard.press('Alt+4');
    host.queueFilePick(inputs);
    await page.click('[data-testid="signing-pick"]');
    await page.waitForSelector('[data-testid="signing-files"] li:has-text("van-ban.pdf")');
    await page.click('[data-testid="signing-files"] li:has-text("van-ban.pdf") >> text=Kiểm tra chữ ký');
    await page.waitForSelector('[data-testid="signing-check"]:has-text("chưa có chữ ký số")');
    // Signed copies go to a folder the officer chose (the OS dialog), shown once, opened with the OS.
    const outDir = join(t.dir, 'Tệp đã ký');
    expect(await page.textContent('[data-testid="signed-folder-path"]')).toBe(join(host.dataDir, 'Documents', 'Một Cửa Desk', 'Đã ký'));
    host.queueFolderPick(outDir);
    await page.click('[data-testid="signed-folder-choose"]');
    await page.waitForSelector(`[data-testid="signed-folder-path"]:has-text("${outDir}")`);
    // pdf.js draws the two-page file in the renderer from bytes main read: both pages, with ink on them.
    await page.click('[data-testid="signing-files"] li:has-text("quyet-dinh.pdf") >> [data-testid="signing-preview"]');
    await page.waitForSelector('[data-testid="pdf-preview-pages"]:has-text("2/2")');
    expect(await page.$$eval('[data-testid="pdf-preview"] canvas', (cs) => cs.map((c) => (c as HTMLCanvasElement).width))).toEqual([595, 595]);
    // Each page's text is drawn: dark pixels in the band where the title line sits.
    const inked = await page.$$eval('[data-testid="pdf-preview"] canvas', (cs) =>
      cs.map((c) => {
        const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(60, 50, 400, 50).data;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) dark++;
        return dark;
      }),
    );
    for (const n of inked) expect(n).toBeGreaterThan(100);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('[data-testid="pdf-preview"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'signing-preview.png') });
    await chooseRsaToken(page, PIN);
    // Records whether the batch showed that it was working, however briefly.
    await page.evaluate(() => {
      const w = window as unknown as { seenSigningBusy: boolean; progressSeen: string[] };
      w.seenSigningBusy = false;
      w.progressSeen = [];
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="signing-busy"]')) w.seenSigningBusy = true;
        const bar = document.querySelector('[data-testid="signing-progress"] progress');
        const seen = bar ? `${bar.getAttribute('value')}/${bar.getAttribute('max')}` : null;
        if (seen && w.progressSeen.at(-1) !== seen) w.progressSeen.push(seen);
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    await page.click('[data-testid="signing-sign"]');
    await page.waitForSelector('[data-testid="signing-message"]:has-text("Đã ký 2 tệp")', { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { seenSigningBusy: boolean }).seenSigningBusy)).toBe(true);
    // The bar counted the files as main signed them (i/n from work.progress events).
    const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(progressSeen[0]).toBe('0/2');
    expect(progressSeen).toContain('1/2');
    // The signed inputs left the list (nothing stays ticked for a second signature), and the preview closed.
    expect(await page.$('[data-testid="signing-files"]')).toBeNull();
    expect(await page.$('[data-testid="pdf-preview"]')).toBeNull();
    const listed = await page.$$eval('[data-testid="signing-result"] li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(listed).toHaveLength(2);
    for (const l of listed) expect(l).toContain('chữ ký hợp lệ');
    const names = listed.map((l) => l.split(' — ')[0]!.trim());
    expect(names).toEqual(['quyet-dinh-da-ky.pdf', 'van-ban-da-ky.pdf']);
    const outputs = names.map((n) => join(outDir, n));
    await page.click('[data-testid="signed-folder-open"]');
    await expect.poll(() => host.foldersOpened).toEqual([outDir]);
    inputs.forEach((p, i) => expect(readFileSync(p).equals(before[i]!)).toBe(true));
    for (const [i, out] of outputs.entries()) {
      const signed = readFileSync(out);
      expect(signed.subarray(0, before[i]!.length).equals(before[i]!)).toBe(true);
      const check = tool('pdfsig', [out]);
      expect(check.stdout).toContain('Signature is Valid');
      expect(check.stdout).toContain('Total document signed');
    }
    // The box is on the last page of the two-page file.
    const reread = await PDFDocument.load(readFileSync(outputs[0]!));
    expect(reread.getPages().map((p) => p.node.Annots()?.size() ?? 0)).toEqual([0, 1]);
    expect(tool('qpdf', ['--check', outputs[0]!]).code).toBe(0);
    // The box dates the signature dd/mm/yyyy HH:mm:ss, Vietnam time: no ISO form on the page.
    const boxText = tool('pdftotext', ['-f', '2', '-l', '2', outputs[0]!, '-']).stdout;
    expect(boxText).toMatch(/Thời gian: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \(GMT\+7\)/);
    expect(boxText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'signing.png'), fullPage: true });
  });
});
