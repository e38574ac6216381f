/**
 * The Chromium host's window: Debian's Chromium as an application window (`--app`: no tabs, no
 * address bar, titled by the page, the page's icon), in Vietnamese, maximised when it has a
 * screen. Kept apart from the services chromium-host.ts builds; the switches and the profile are
 * in chromium-early.ts, which can start Chromium before this module (and Playwright) is loaded.
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { APP_LOCALE, appProfile, appWindowArgs, chromiumSandbox, type EarlyChromium } from './chromium-early';

export { APP_LOCALE, APP_TITLE, appWindowArgs, chromiumExecutable, chromiumSandbox, CHROMIUM_ARGS, defaultChromiumPath } from './chromium-early';

export interface AppWindow {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** The app window's page (still on the splash page: the caller navigates it). */
  readonly page: Page;
  /** How long Chromium took to launch (from its spawn, when started early): its own floor, apart from anything of ours. */
  readonly launchMs: number;
  /** Playwright took the Chromium started early instead of launching its own. */
  readonly adoptedEarly: boolean;
  /** The throwaway profile Chromium writes while the window is open; removed by `close`. */
  readonly profileDir: string;
  close(): Promise<void>;
}

/**
 * While Playwright launches, its spawn of this Chromium gets the process started early, when that
 * was started with the same command line; any other spawn goes through untouched. Playwright
 * reads `spawn` from node:child_process at each call, so the one call is answered here.
 */
function adoptOnSpawn(early: EarlyChromium, adopted: () => void): () => void {
  const real = childProcess.spawn;
  const restore = () => {
    if (childProcess.spawn === patched) childProcess.spawn = real;
  };
  function patched(this: unknown, ...a: unknown[]): ChildProcess {
    const [command, args] = a;
    if (command === early.executablePath && Array.isArray(args)) {
      restore();
      const child = early.take(command, args as string[]);
      if (child) {
        adopted();
        return child;
      }
    }
    return (real as (...x: unknown[]) => ChildProcess).apply(this, a);
  }
  childProcess.spawn = patched as typeof childProcess.spawn;
  return restore;
}

export async function launchAppWindow(o: {
  readonly executablePath: string;
  readonly headless: boolean;
  readonly viewport?: { width: number; height: number };
  /** Chromium already started for this window (chromium-early.ts), with the same path and headless. */
  readonly early?: EarlyChromium;
}): Promise<AppWindow> {
  const t0 = o.early?.spawnedAt ?? performance.now();
  const early = o.early && o.early.executablePath === o.executablePath && o.early.headless === o.headless ? o.early : undefined;
  if (o.early && !early) o.early.dispose();
  const profile = early?.profile ?? appProfile();
  // Also on an exit that skips close() (a failed start, a fatal error): the profile never outlives the host.
  const removeProfile = () => profile.remove();
  process.once('exit', removeProfile);
  let adoptedEarly = false;
  const restoreSpawn = early ? adoptOnSpawn(early, () => (adoptedEarly = true)) : () => undefined;
  try {
    const context = await chromium.launchPersistentContext(profile.dir, {
      executablePath: o.executablePath,
      headless: o.headless,
      args: appWindowArgs(o.headless),
      chromiumSandbox: chromiumSandbox(),
      // A real window follows its own (maximised) size; headless pages get the counter PCs' common 1366×820.
      viewport: o.headless ? (o.viewport ?? { width: 1366, height: 820 }) : null,
      // Intl, <input type=date> and Accept-Language follow this: dates read dd/mm/yyyy.
      locale: APP_LOCALE,
      timezoneId: 'Asia/Ho_Chi_Minh',
      serviceWorkers: 'block',
      permissions: [],
    });
    const browser = context.browser();
    if (!browser) throw new Error('Chromium không mở được cửa sổ ứng dụng.');
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      browser,
      context,
      page,
      launchMs: performance.now() - t0,
      adoptedEarly,
      profileDir: profile.dir,
      async close() {
        await context.close().catch(() => undefined);
        process.off('exit', removeProfile);
        removeProfile();
      },
    };
  } catch (e) {
    process.off('exit', removeProfile);
    early?.dispose();
    removeProfile();
    throw e;
  } finally {
    // A launch that failed before spawning leaves the early process unclaimed: it is ended above.
    restoreSpawn();
  }
}
