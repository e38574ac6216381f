import { join } from 'node:path';
import { startChromiumHost } from '../../electron/host/chromium-host';
import { silentLogger } from '../../electron/node/log/logger';
import { ADMIN } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { fakeScannerFactory } from '../fakes/fake-scanner';
import { fmt, line, summarize } from './stats';

const CCCD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

/** Time to an interactive intake screen and the latency of each officer action, in real Chromium. */
export async function benchUi(): Promise<void> {
  const t = tempDir('motcua-uibench-');
  const root = join(__dirname, '..', '..');
  const scanners = fakeScannerFactory();
  const host = await startChromiumHost({
    dataDir: t.dir,
    rendererRoot: join(root, 'dist', 'renderer'),
    initScriptPath: join(root, 'dist', 'host', 'init-script.js'),
    appVersion: 'bench',
    headless: true,
    log: silentLogger,
    scannerFactory: scanners.factory,
    probe: async () => true,
  });
  try {
    const { page, services } = host;
    // First-run setup through the contract, as an officer would at a new counter: it signs the admin in.
    await page.waitForSelector('form.login');
    const setup = await page.evaluate(
      (a) => window.motcua['auth.setup']({ unit: { unitCode: '000.00.01.H22', unitName: 'UBND xã Tân Phú', counterId: 'Q01', offlineBlock: { from: 1, to: 9999 } }, admin: a }),
      ADMIN,
    );
    if (!setup.ok) throw new Error(`setup failed: ${setup.error.message}`);
    await services.store.setSetting('devices.scanner', JSON.stringify({ path: '/dev/fake', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, suffix: 'CR', interByteTimeoutMs: 50 }), 'bench');
    await services.scans.start();

    const interactive: number[] = [];
    for (let i = 0; i < 10; i++) {
      await page.reload();
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'procedure');
      interactive.push(await page.evaluate(() => window.performance.now()));
    }
    line('UI: navigation → interactive intake screen', fmt(summarize(interactive)));

    const scan: number[] = [];
    const typeahead: number[] = [];
    const pick: number[] = [];
    const save: number[] = [];
    const nextForm: number[] = [];
    for (let i = 0; i < 15; i++) {
      let t0 = performance.now();
      scanners.last()!.scan(CCCD);
      await page.waitForFunction(() => (document.querySelector('input[name="ChuHoSo"]') as HTMLInputElement)?.value === 'Nguyễn Văn Đức');
      scan.push(performance.now() - t0);
      await page.keyboard.type('khai sinh', { delay: 0 });
      t0 = performance.now();
      await page.waitForSelector('#procedure-list li.active');
      typeahead.push(performance.now() - t0);
      t0 = performance.now();
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="due-preview"]');
      pick.push(performance.now() - t0);
      // The officer certifies the required papers seen (nothing is pre-ticked), then saves.
      await page.keyboard.press('Alt+k');
      t0 = performance.now();
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="saved-code"]');
      save.push(performance.now() - t0);
      t0 = performance.now();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'procedure');
      nextForm.push(performance.now() - t0);
    }
    line('UI: scan → applicant filled (incl. history lookup)', fmt(summarize(scan)));
    line('UI: last keystroke → suggestions (25 ms debounce)', fmt(summarize(typeahead)));
    line('UI: Enter on procedure → checklist + due date', fmt(summarize(pick)));
    line('UI: Enter → saved (txn; receipt renders after)', fmt(summarize(save)));
    line('UI: Esc → blank form, picker focused', fmt(summarize(nextForm)));

    const search: number[] = [];
    await page.keyboard.press('Alt+2');
    for (let i = 0; i < 10; i++) {
      await page.fill('[data-testid="dossier-search"]', '');
      await page.fill('[data-testid="dossier-search"]', i % 2 ? 'nguyen van duc' : 'duc');
      const t0 = performance.now();
      await page.waitForSelector('[data-testid="search-results"] td:has-text("Nguyễn Văn Đức")');
      search.push(performance.now() - t0);
    }
    line('UI: search typed → results (40 ms debounce)', fmt(summarize(search)));
  } finally {
    await host.close();
    t.cleanup();
  }
}
