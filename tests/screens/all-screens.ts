/**
 * Screenshots of every screen at 1366×768, in Vietnamese and English (issue 16's acceptance):
 * `node scripts/screenshots.mjs [--out DIR] [--jpeg QUALITY] [--lang vi|en]` after `node scripts/build.mjs`
 * (PNG by default; JPEG at that quality for the sets kept in docs/screenshots, a tenth of the size). It drives the built
 * renderer through the Chromium host as an officer would (first run, sign-in, a dossier through
 * intake, Hồ sơ, the forms, returns, signing, reports, sync, settings, accounts, F1) with the
 * citizen display open. A step that fails is reported and the others still run; the exit code
 * says whether every screen was taken. Run from another checkout's root (an older commit) it
 * drives that checkout's own host and renderer.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startChromiumHost } from '../../electron/host/chromium-host';
import { silentLogger } from '../../electron/node/log/logger';

const ROOT = process.cwd();
const VIEWPORT = { width: 1366, height: 768 };
const UNIT = { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 9001, to: 9200 } };
const ADMIN = { username: 'quantri', fullName: 'Quản Trị Viên', password: 'mat-khau-quan-tri' };

type Lang = 'vi' | 'en';
interface Run {
  readonly taken: string[];
  readonly failed: Array<{ name: string; error: string }>;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `--jpeg 70`: JPEG at that quality instead of PNG. */
function format(): { ext: 'png' | 'jpg'; options: { type: 'png' } | { type: 'jpeg'; quality: number } } {
  const q = argValue('--jpeg');
  if (q === undefined) return { ext: 'png', options: { type: 'png' } };
  const quality = Number(q);
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new Error(`--jpeg: a quality from 1 to 100, not ${q}`);
  return { ext: 'jpg', options: { type: 'jpeg', quality } };
}

async function main(): Promise<number> {
  const out = resolve(argValue('--out') ?? join(ROOT, 'test-results', 'screenshots', 'after'));
  mkdirSync(out, { recursive: true });
  format(); // a wrong --jpeg is said once, before any screen
  const run: Run = { taken: [], failed: [] };
  const only = argValue('--lang');
  if (only !== undefined && only !== 'vi' && only !== 'en') throw new Error(`--lang: vi | en, not ${only}`);
  for (const lang of ['vi', 'en'] as const) if (!only || only === lang) await screensIn(lang, out, run);
  for (const f of run.taken) process.stdout.write(`${f}\n`);
  for (const f of run.failed) process.stderr.write(`KHÔNG CHỤP ĐƯỢC / NOT TAKEN: ${f.name}: ${f.error}\n`);
  process.stdout.write(`${run.taken.length} ảnh / screenshots in ${out}; ${run.failed.length} bước lỗi / failed steps\n`);
  return run.failed.length ? 1 : 0;
}

async function screensIn(lang: Lang, out: string, run: Run): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `motcua-shots-${lang}-`));
  const host = await startChromiumHost({
    dataDir,
    rendererRoot: join(ROOT, 'dist', 'renderer'),
    initScriptPath: join(ROOT, 'dist', 'host', 'init-script.js'),
    appVersion: 'screenshots',
    headless: true,
    log: silentLogger,
    viewport: VIEWPORT,
    probe: async () => false,
    documentsDir: join(dataDir, 'Documents'),
    citizenDisplay: true,
  } as Parameters<typeof startChromiumHost>[0]);
  const { page } = host;
  const display = (host as { displayPage?: Page | null }).displayPage ?? null;
  const step = async (name: string, f: () => Promise<unknown>, shotOf: Page | null = page, fullPage = false) => {
    try {
      await f();
      if (!shotOf) return;
      await shotOf.waitForTimeout(150); // the last paint after the awaited selector (fonts, transitions)
      const { ext, options } = format();
      const file = join(out, `${lang}-${name}.${ext}`);
      await shotOf.screenshot({ path: file, fullPage, ...options });
      run.taken.push(file);
    } catch (e) {
      run.failed.push({ name: `${lang}-${name}`, error: (e as Error).message.split('\n')[0] ?? String(e) });
      // What the screen showed when the step gave up: the message alone rarely says why.
      await shotOf?.screenshot({ path: join(out, `${lang}-${name}.failed.png`) }).catch(() => undefined);
    }
  };
  const call = (channel: string, input: unknown) =>
    page.evaluate(([c, i]) => (window.motcua as unknown as Record<string, (x: unknown) => Promise<{ ok: boolean; error?: { message: string } }>>)[c]!(i), [channel, input] as const);
  const must = async (channel: string, input: unknown) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`);
  };
  const english = async () => {
    if (lang !== 'en') return;
    await must('app.setLocale', { locale: 'en' });
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  };
  const section = async (n: number) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press(`Alt+${n}`);
    await page.waitForSelector(`nav button[aria-current="page"]:nth-child(${n})`);
  };

  try {
    await page.waitForSelector('[data-testid="first-run"], form.login');
    await english();
    if (display) await step('16-display-idle', () => display.waitForSelector('main'), display);
    await step('01-first-run', () => page.waitForSelector('[data-testid="first-run"], form.login'));
    await must('auth.setup', { unit: UNIT, admin: ADMIN });
    await page.waitForSelector('nav button[data-section]');
    await english();
    await must('unit.set', UNIT).catch(() => undefined);
    await must('auth.logout', {});
    await step('02-login', () => page.waitForSelector('form.login'));
    await page.fill('form.login input[name="username"]', ADMIN.username);
    await page.fill('form.login input[name="password"]', ADMIN.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('nav button[data-section]');

    await step('03-intake-empty', async () => {
      await section(1);
      await page.waitForSelector('input[name="procedure"]');
    });
    await step('04-intake-filled', async () => {
      await page.click('input[name="procedure"]');
      // At a person's pace: nine keys and an Enter typed as fast as a scanner are taken for a scan.
      await page.keyboard.type('khai sinh', { delay: 80 });
      // The name is catalog data (Vietnamese in both languages); wait for the filter to settle on it.
      await page.waitForSelector('#procedure-list li.active:has-text("Đăng ký khai sinh")');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="due-preview"]');
      await page.keyboard.press('Alt+k');
      await page.fill('input[name="ChuHoSo"]', 'Trần Thị Hoa');
      await page.fill('input[name="SoGiayToChuHoSo"]', '001185012345');
      await page.click('input[name="NgaySinhChuHoSo"]');
      await page.keyboard.type('08/12/1985', { delay: 80 });
      await page.selectOption('select[name="GioiTinhChuHoSo"]', 'Nữ');
    });
    if (display) await step('17-display-draft', () => display.waitForSelector('[data-testid="display-draft"]'), display);
    await step('05-intake-saved', async () => {
      await page.click('[data-testid="save"]');
      await page.waitForSelector('[data-testid="saved-code"]');
    });
    if (display) {
      await step('18-display-saved', () => display.waitForSelector('[data-testid="display-rating"]'), display);
      await step('19-display-thanks', async () => {
        await display.click('[data-testid="display-rating"] button[data-rating="5"]');
        await display.waitForSelector('[data-testid="display-thanks"]');
      }, display);
    }

    await step('06-dossiers-list', async () => {
      await section(2);
      await page.fill('[data-testid="dossier-search"]', 'tran thi hoa');
      await page.waitForSelector('[data-testid="search-results"] td');
    });
    await step('07-dossier-detail', async () => {
      await page.click('[data-testid="search-results"] tbody tr');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="dossier-detail"]');
    });
    await step('08-dossier-forms', async () => {
      await page.click('[data-testid="forms-open"]');
      await page.waitForSelector('[data-testid="forms-panel"]');
      await page.$eval('[data-testid="forms-panel"]', (el) => el.scrollIntoView({ block: 'center' }));
    });
    await step('09-sync', async () => {
      await page.waitForSelector('[data-testid="sync-panel"]');
      await page.$eval('[data-testid="sync-panel"]', (el) => el.scrollIntoView({ block: 'center' }));
    });
    await step('10-returns', () => section(3));
    await step('11-signing', () => section(4));
    await step('12-reports', async () => {
      await section(5);
      await page.waitForSelector('[data-testid="section-reports"] h2');
    });
    await step('13-settings', async () => {
      await section(6);
      // The section says "Loading…" until its settings arrive: the screen is the loaded one.
      await page.waitForSelector('[data-testid="section-settings"]');
    });
    await step('13-settings-full', () => page.waitForSelector('[data-testid="section-settings"]'), page, true);
    const groups = await page.$$('[data-testid="section-settings"] h2.group');
    for (const [i, g] of groups.entries()) await step(`14-settings-group-${i + 1}`, () => g.evaluate((el) => el.scrollIntoView({ block: 'start' })));
    await step('15-accounts', async () => {
      await page.waitForSelector('[data-testid="accounts-settings"]');
      await page.$eval('[data-testid="accounts-settings"]', (el) => el.scrollIntoView({ block: 'start' }));
    });
    await step('20-help-f1', async () => {
      await page.keyboard.press('F1');
      // Older builds have the dialog without the shortcuts table's test id.
      await page.waitForSelector('[data-testid="shortcuts"], [role="dialog"][aria-labelledby="help-title"]');
    });
    await page.keyboard.press('Escape');
    if (display) {
      await step('21-display-after-sign-out', async () => {
        await must('auth.logout', {});
        await display.waitForSelector('[data-testid="display-idle"]');
      }, display);
    }
  } catch (e) {
    run.failed.push({ name: `${lang}-setup`, error: (e as Error).message.split('\n')[0] ?? String(e) });
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.key`, { force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`Lỗi / Error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(2);
  },
);
