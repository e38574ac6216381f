import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../helpers/host';
import { typeAsOfficer } from '../helpers/keyboard';
import { lastPrinted, pdfPageSizes, printCalls, stubPrint } from '../helpers/print-view';
import { tool } from '../helpers/tools';

type Host = Awaited<ReturnType<typeof startTestHost>>;

const ID = '001090000777';
const NAME = 'Lê Thị Hoa';
const pdfText = (path: string) => tool('pdftotext', [path, '-']).stdout.normalize('NFC').replace(/\s+/g, ' ');

/** Issue 16: a citizen turned back at the counter (Alt+B / Alt+T) leaves with the printed Mẫu 02 / 03. */
describe('Mẫu 02 and 03 at the counter are printed as the receipt is (Chromium host)', () => {
  let host: Host;

  beforeAll(async () => {
    host = await startTestHost();
    await stubPrint(host.page);
  });
  afterAll(async () => {
    await host?.close();
    host?.cleanupDir();
  });

  /** The last document offered to the print view: its PDF title, text and page count. */
  async function printedForm() {
    const f = await lastPrinted(host);
    try {
      return { title: /Title:\s+(.*)/.exec(tool('pdfinfo', [f.path]).stdout)?.[1]?.normalize('NFC') ?? '', text: pdfText(f.path), pages: pdfPageSizes(f.path).length };
    } finally {
      f.cleanup();
    }
  }

  const turnBacks = () => host.services.store.exec('test.turnBacks', (db) => (db.prepare('SELECT COUNT(*) AS n FROM turn_backs').get() as { n: number }).n);

  /** A fresh intake form with "Đăng ký khai sinh" picked at an officer's pace and the applicant typed in. */
  async function draftForHoa() {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Escape');
    await page.focus('input[name="procedure"]');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="due-preview"]');
    await page.fill('input[name="ChuHoSo"]', NAME);
    await page.fill('input[name="SoGiayToChuHoSo"]', ID);
  }

  /** Holds the answers to intake.turnBack (as a cold first PDF render would) until `release`; counts the calls. */
  function holdTurnBack() {
    const { dispatcher } = host.services;
    const dispatch = dispatcher.dispatch.bind(dispatcher);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const o = {
      asked: 0,
      release: () => open(),
      restore: () => {
        open();
        dispatcher.dispatch = dispatch;
      },
    };
    dispatcher.dispatch = async (sender, channel, input) => {
      if (channel !== 'intake.turnBack') return dispatch(sender, channel, input);
      o.asked++;
      await gate;
      return dispatch(sender, channel, input);
    };
    return o;
  }

  it('Alt+B: the dialog is busy while the form renders, a second Ctrl+Enter records nothing, and Mẫu 02 prints once', async () => {
    const { page } = host;
    await draftForHoa();
    const offers = host.printed.length;
    const calls = (await printCalls(page)).length;
    const before = await turnBacks();
    await page.keyboard.press('Alt+b');
    await page.waitForSelector('[role="dialog"] h2:has-text("Mẫu 02")');
    // Nothing ticked: the missing documents are the suggested lines.
    expect(await page.inputValue('[role="dialog"] textarea')).toContain('Bổ sung');
    const hold = holdTurnBack();
    try {
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('[data-testid="turnback-busy"]:has-text("Mẫu 02")');
      expect(await page.isDisabled('[role="dialog"] button:has-text("Lập phiếu")')).toBe(true);
      await page.keyboard.press('Control+Enter');
      // One more round trip to the page: a second request, if one was sent, has reached main by now.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      expect(hold.asked).toBe(1);
      hold.release();
      await page.waitForSelector('[data-testid="turnback-printed"]:has-text("Mẫu 02")');
    } finally {
      hold.restore();
    }
    expect(await turnBacks()).toBe(before + 1);
    expect(await page.textContent('[data-testid="intake-notice"]')).toContain('Mẫu 02');
    expect(host.printed.length).toBe(offers + 1);
    expect(host.printed.at(-1)).toMatch(/mau-02-\d+\.pdf$/);
    const m02 = await printedForm();
    expect(m02.title).toBe('Mẫu 02 — PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(m02.text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(m02.text).toContain(`Hồ sơ của: ${NAME}`);
    // window.print once, with every page of the form drawn.
    const after = await printCalls(page);
    expect(after).toHaveLength(calls + 1);
    expect(after.at(-1)).toMatchObject({ sheets: m02.pages, drawn: m02.pages });
    await page.waitForSelector('[data-testid="print-view"]', { state: 'detached' });
    // The counter is ready for the next citizen: the picker has the keyboard again.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('procedure');
  });

  it('Alt+T: Mẫu 03 with the officer’s reason prints once', async () => {
    const { page } = host;
    await draftForHoa();
    const offers = host.printed.length;
    const calls = (await printCalls(page)).length;
    await page.keyboard.press('Alt+t');
    await page.waitForSelector('[role="dialog"] h2:has-text("Mẫu 03")');
    await typeAsOfficer(page, 'Không thuộc thẩm quyền của xã');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="turnback-printed"]:has-text("Mẫu 03")');
    expect(host.printed.length).toBe(offers + 1);
    expect(host.printed.at(-1)).toMatch(/mau-03-\d+\.pdf$/);
    const m03 = await printedForm();
    expect(m03.title).toBe('Mẫu 03 — PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(m03.text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(m03.text).toContain('1. Không thuộc thẩm quyền của xã');
    const after = await printCalls(page);
    expect(after).toHaveLength(calls + 1);
    expect(after.at(-1)).toMatchObject({ sheets: m03.pages, drawn: m03.pages });
  });

  it('a print that fails is worded, and printed again from the same form without recording a second one', async () => {
    const { page } = host;
    await draftForHoa();
    const { dispatcher } = host.services;
    const dispatch = dispatcher.dispatch.bind(dispatcher);
    // The print view's first read finds its offer gone (as after a sign-out): the renderer words main's code.
    let spoiled = 0;
    dispatcher.dispatch = (sender, channel, input) =>
      channel === 'print.document' && spoiled++ === 0 ? dispatch(sender, channel, { token: '00000000-0000-4000-8000-000000000000' }) : dispatch(sender, channel, input);
    try {
      await page.keyboard.press('Alt+b');
      await page.waitForSelector('[role="dialog"] h2:has-text("Mẫu 02")');
      const before = await turnBacks();
      const calls = (await printCalls(page)).length;
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('[data-testid="turnback-print-failed"]');
      expect(await page.textContent('[data-testid="turnback-print-failed"]')).toContain('Đã lập Mẫu 02, nhưng chưa in được: Bản in này không còn sẵn sàng');
      expect((await printCalls(page)).length).toBe(calls);
      const offers = host.printed.length;
      await page.click('[data-testid="turnback-print-again"]');
      await page.waitForSelector('[data-testid="turnback-printed"]:has-text("Mẫu 02")');
      expect((await printCalls(page)).length).toBe(calls + 1);
      // The same kept form, offered again: no new turn-back, no new PDF.
      expect(await turnBacks()).toBe(before + 1);
      expect(host.printed.length).toBe(offers);
      expect(await page.$('[data-testid="turnback-print-failed"]')).toBeNull();
    } finally {
      dispatcher.dispatch = dispatch;
    }
  });

  it('Hồ sơ → In mẫu…: the refusal (Mẫu 03) of an applicant who came back is printed from the dossier', async () => {
    const { page } = host;
    const r = await page.evaluate(
      ([id, name]) =>
        window.motcua['intake.receive']({
          draft: { MaTTHC: '1.001193', LoaiDoiTuong: '1', ChuHoSo: name, SoGiayToChuHoSo: id, TaiLieuNop: ['TP1', 'TP2', 'TP3'], DanhSachLePhi: ['LP1'], SoBo: 1 },
          attachments: [],
        }),
      [ID, NAME] as const,
    );
    if (!r.ok) throw new Error(r.error.message);
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', 'le thi hoa');
    await page.waitForSelector(`[data-testid="search-results"] td:has-text("${r.value.code}")`);
    await page.focus('[data-testid="search-results"] tbody tr[tabindex="0"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dossier-detail"]');
    await page.click('[data-testid="forms-open"]');
    await page.waitForSelector('[data-testid="form-print-03"]');
    const offers = host.printed.length;
    const calls = (await printCalls(page)).length;
    await page.click('[data-testid="form-print-03"]');
    await page.waitForSelector('[data-testid="dossier-message"]:has-text("Đã in Mẫu 03")');
    expect(host.printed.length).toBe(offers + 1);
    const m03 = await printedForm();
    expect(m03.title).toBe('Mẫu 03 — PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(m03.text).toContain(`Hồ sơ của: ${NAME}`);
    expect(m03.text).toContain('1. Không thuộc thẩm quyền của xã');
    const after = await printCalls(page);
    expect(after).toHaveLength(calls + 1);
    expect(after.at(-1)).toMatchObject({ sheets: m03.pages, drawn: m03.pages });
  });
});
