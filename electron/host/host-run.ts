/**
 * `npm start` without an Electron binary, after host-cli.ts has spawned Chromium: the Chromium
 * host. With a display (or under xvfb-run) it opens a real window and runs until the window is
 * closed; headless it saves a screenshot of every section and exits.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_VERSION } from '../common/version';
import { dataDirFromArgv, resolveDataDir } from '../node/config/paths';
import { createLogger } from '../node/log/logger';
import { startHostAfterEarly } from './chromium-host';
import type { EarlyStart } from './start-early';

export async function runHost(start: EarlyStart, argv: readonly string[], distRoot: string): Promise<void> {
  const { headless, codeCache } = start;
  const dataDir = resolveDataDir(dataDirFromArgv(argv));
  const host = await startHostAfterEarly(start, {
    dataDir,
    rendererRoot: join(distRoot, 'renderer'),
    initScriptPath: join(distRoot, 'host', 'init-script.js'),
    appVersion: APP_VERSION,
    log: createLogger({ scope: 'host' }),
    warmReports: true,
  });
  // Once the login screen is up, with what the start compiled: a write of a few MB, once per build.
  setTimeout(() => codeCache?.save(), 2000).unref();
  const shutdown = async () => {
    codeCache?.save();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  if (!headless) {
    process.stdout.write(`Một Cửa Desk đang chạy trong cửa sổ Chromium (dữ liệu: ${dataDir}). Đóng cửa sổ để thoát.\n`);
    host.page.on('close', () => void shutdown());
    return;
  }
  const outDir = join(dataDir, 'screenshots');
  mkdirSync(outDir, { recursive: true });
  // A fresh data dir opens on the first-run setup screen, no signed-in officer on the login screen:
  // neither can be passed without a person, so that screen is saved instead of the sections.
  await host.page.waitForSelector('nav button, form.login, [data-testid="first-run"]');
  const firstRun = (await host.page.$('[data-testid="first-run"]')) !== null;
  if (firstRun || (await host.page.$('form.login'))) {
    const shot = join(outDir, firstRun ? 'first-run.png' : 'login.png');
    await host.page.screenshot({ path: shot });
    const what = firstRun ? 'màn hình cài đặt lần đầu' : 'màn hình đăng nhập';
    process.stdout.write(`Không có màn hình (DISPLAY) và chưa đăng nhập: đã chụp ${what} vào ${shot}. Dùng xvfb-run -a npm start để mở cửa sổ và đăng nhập (hoặc cài đặt lần đầu).\n`);
    return shutdown();
  }
  const sections = await host.page.$$eval('nav button[data-section]', (bs) => bs.map((b) => b.getAttribute('data-section') ?? ''));
  for (const s of sections) {
    await host.page.click(`nav button[data-section="${s}"]`);
    await host.page.waitForSelector(`[data-testid="section-${s}"]`);
    await host.page.screenshot({ path: join(outDir, `${s}.png`) });
  }
  process.stdout.write(`Không có màn hình (DISPLAY): đã chụp ${sections.length} mục vào ${outDir}. Dùng xvfb-run -a npm start để mở cửa sổ.\n`);
  await shutdown();
}
