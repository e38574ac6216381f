import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSetting } from '../../electron/node/settings/settings-repo';
import { runAxe, type AxeFinding } from '../helpers/axe';
import { ADMIN, startTestHost } from '../helpers/host';
import { UNIT } from '../helpers/intake';
import { typeAsOfficer } from '../helpers/keyboard';

type Host = Awaited<ReturnType<typeof startTestHost>>;

/**
 * Issue 16's axe-core check on the screens an officer reaches in the middle of work, beyond each
 * section's empty state (accessibility.test.ts) and the screens with content (screens-content): the
 * local setup form with its errors marked, the intake form filled and saved, the Mẫu 02 dialog, the
 * dossier's forms panel, Trả kết quả with a dossier open, Ký số with files and a preview, and the
 * locked screen. Each result is kept in test-results/axe/state-<screen>.json; no violation of any
 * impact is accepted.
 */
describe('axe-core on the screens in the middle of work (Chromium host, 1366×768)', () => {
  let host: Host;
  let code = '';
  const found: Record<string, string[]> = {};
  const check = async (screen: string): Promise<AxeFinding[]> => {
    const v = await runAxe(host.page, `state-${screen}`);
    found[screen] = v.map((x) => `${x.id}:${x.impact}×${x.nodes} ${x.targets.join(' | ')}`);
    return v;
  };

  /** A new intake for "Đăng ký khai sinh", picked at an officer's pace (`onList` while its line is chosen), with the applicant typed in. */
  const draft = async (name: string, id: string, onList?: () => Promise<AxeFinding[]>) => {
    const { page } = host;
    await page.keyboard.press('Alt+1');
    await page.focus('input[name="procedure"]');
    await typeAsOfficer(page, 'khai sinh');
    await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
    if (onList) expect(await onList()).toEqual([]);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="due-preview"]');
    await page.fill('input[name="ChuHoSo"]', name);
    await page.fill('input[name="SoGiayToChuHoSo"]', id);
  };

  beforeAll(async () => {
    host = await startTestHost({ login: false, viewport: { width: 1366, height: 768 } });
  });
  afterAll(async () => {
    console.log('axe on screens in the middle of work:', JSON.stringify(found));
    await host?.close();
    host?.cleanupDir();
  });

  it('the local setup form, then with its refused fields marked (the first in the form focused)', async () => {
    const { page } = host;
    await page.waitForSelector('[data-testid="first-run"]');
    await page.click('[data-testid="setup-other"]');
    await page.waitForSelector('input[name="setupUnitCode"]');
    // Keyboard-first: the form that replaced the pressed button has the focus in its first field.
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'setupUnitCode');
    expect(await check('setup-local')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[name="setupUnitCode"][aria-invalid="true"], form.login [role="alert"]');
    expect(await check('setup-local-refused')).toEqual([]);
    // Two fields refused: the officer is put on the one higher in the form (the full name), not on the
    // one main checks first (the username).
    await page.fill('input[name="setupUnitCode"]', UNIT.unitCode);
    await page.fill('input[name="setupUnitName"]', UNIT.unitName);
    await page.fill('input[name="setupCounter"]', UNIT.counterId);
    await page.fill('input[name="setupFullName"]', '');
    await page.fill('input[name="username"]', 'ab');
    await page.fill('input[name="password"]', ADMIN.password);
    await page.focus('input[name="password"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[name="username"][aria-invalid="true"]');
    expect(await page.getAttribute('input[name="setupFullName"]', 'aria-invalid')).toBe('true');
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'setupFullName');
    const r = await page.evaluate(([unit, admin]) => window.motcua['auth.setup']({ unit, admin }), [UNIT, ADMIN] as const);
    expect(r.ok).toBe(true);
    await page.waitForSelector('nav button[data-section]');
  });

  it('intake filled, the Mẫu 02 dialog over it (Esc closes it and keeps the draft), then a saved dossier', async () => {
    const { page } = host;
    await draft('Trần Thị Hoa', '001185012345', () => check('intake-procedure-list'));
    await page.keyboard.press('Alt+k');
    expect(await check('intake-filled')).toEqual([]);
    await page.keyboard.press('Alt+b');
    await page.waitForSelector('[role="dialog"]');
    expect(await check('turn-back-dialog')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="dialog"]', { state: 'detached' });
    // Esc closed the dialog only: the dossier behind it is still as typed (it used to start a new one).
    expect(await page.inputValue('input[name="ChuHoSo"]')).toBe('Trần Thị Hoa');
    expect(await page.inputValue('input[name="procedure"]')).toContain('Đăng ký khai sinh');
    await page.click('[data-testid="save"]');
    code = ((await page.textContent('[data-testid="saved-code"]')) ?? '').trim();
    expect(code).toMatch(/^000\.00\.01\.H22-\d{6}-9001$/);
    expect(await check('intake-saved')).toEqual([]);
  });

  it("Hồ sơ: the dossier's forms panel open", async () => {
    const { page } = host;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+2');
    await page.fill('[data-testid="dossier-search"]', 'tran thi hoa');
    await page.waitForSelector('[data-testid="search-results"] tbody tr');
    await page.click('[data-testid="search-results"] tbody tr');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="dossier-detail"]');
    await page.click('[data-testid="forms-open"]');
    await page.waitForSelector('[data-testid="forms-panel"]');
    expect(await check('dossier-forms-panel')).toEqual([]);
  });

  it('Trả kết quả with the dossier open', async () => {
    const { page } = host;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+3');
    await page.fill('input[name="returnCode"]', code);
    await page.press('input[name="returnCode"]', 'Enter');
    await page.waitForSelector('[data-testid="return-view"]');
    expect(await check('returns-open')).toEqual([]);
  });

  it('Ký số with two files listed and one previewed', async () => {
    const { page } = host;
    const inputs: string[] = [];
    for (const name of ['quyet-dinh.pdf', 'van-ban.pdf']) {
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.addPage([595, 842]).drawText(name, { x: 72, y: 760, size: 28, font });
      const p = join(host.dataDir, name);
      writeFileSync(p, await doc.save());
      inputs.push(p);
    }
    await page.keyboard.press('Alt+4');
    host.queueFilePick(inputs);
    await page.click('[data-testid="signing-pick"]');
    await page.waitForSelector('[data-testid="signing-files"] li:has-text("van-ban.pdf")');
    await page.click('[data-testid="signing-files"] li:has-text("quyet-dinh.pdf") >> [data-testid="signing-preview"]');
    await page.waitForSelector('[data-testid="pdf-preview-pages"]:has-text("1/1")');
    expect(await check('signing-preview')).toEqual([]);
    // The pages scroll from the keyboard: Tab reaches them (axe's scrollable-region-focusable).
    expect(await page.getAttribute('[data-testid="pdf-preview-scroll"]', 'tabindex')).toBe('0');
  });

  it("the officer's window draws Vietnamese in the bundled Noto Sans, regular and bold, not a system face", async () => {
    const { page } = host;
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"Noto Sans"/);
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      const faces: string[] = [];
      document.fonts.forEach((f) => {
        if (f.status === 'loaded') faces.push(`${f.family.replace(/"/g, '')} ${f.weight}`);
      });
      return faces;
    });
    expect(loaded).toEqual(expect.arrayContaining(['Noto Sans 400', 'Noto Sans 700']));
  });

  it("sync overdue: the supervisor's permission dialog, then its refusal of the officer's own account", async () => {
    const { page } = host;
    await host.services.store.exec('test.stale', (db) => {
      writeSetting(db, 'sync.apiUrl', 'http://127.0.0.1:9');
      writeSetting(db, 'sync.lastSuccessAt', '2020-01-01T08:00:00+07:00');
    });
    await page.keyboard.press('Escape');
    await draft('Lê Văn Nam', '001090000555');
    await page.keyboard.press('Alt+k');
    await page.click('[data-testid="save"]');
    await page.waitForSelector('[data-testid="override-dialog"]');
    expect(await check('override-dialog')).toEqual([]);
    await page.fill('[data-testid="override-supervisor"]', ADMIN.username);
    await page.fill('[data-testid="override-password"]', ADMIN.password);
    await page.fill('[data-testid="override-reason"]', 'Mạng tỉnh đang bảo trì');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="override-error"]');
    expect(await check('override-refused')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="override-dialog"]', { state: 'detached' });
  });

  it('the idle warning counting down before the lock', async () => {
    const { page } = host;
    // One minute idle, warned for all of it: the countdown shows at the next second.
    await host.services.store.exec('test.idle', (db) => {
      writeSetting(db, 'auth.idleMinutes', '1');
      writeSetting(db, 'auth.warnMinutes', '1');
    });
    await page.reload();
    await page.waitForSelector('nav button[data-section]');
    await page.waitForSelector('.idle-warning[role="alert"]');
    expect(await check('idle-warning')).toEqual([]);
  });

  it('the locked screen', async () => {
    const { page } = host;
    expect((await page.evaluate(() => window.motcua['auth.lock']({}))).ok).toBe(true);
    await page.waitForSelector('form.login');
    expect(await check('locked')).toEqual([]);
  });
});
