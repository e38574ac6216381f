/**
 * The Chromium host's window: Debian's Chromium as an application window (`--app`: no tabs, no
 * address bar, titled by the page, the page's icon), in Vietnamese, maximised when it has a
 * screen. Kept apart from the services chromium-host.ts builds.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export function defaultChromiumPath(): string {
  return process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';
}

/** The Chromium to launch, or a Vietnamese error naming the package to install. */
export function chromiumExecutable(explicit?: string): string {
  const path = explicit ?? defaultChromiumPath();
  if (!existsSync(path)) {
    throw new Error(`Không tìm thấy Chromium tại ${path}. Cài bằng: apt-get install -y chromium (hoặc đặt MOTCUA_CHROMIUM).`);
  }
  return path;
}

export const APP_TITLE = 'Một Cửa Desk';
export const APP_LOCALE = 'vi-VN';

export const CHROMIUM_ARGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
  '--no-default-browser-check',
  // Chromium's own language where it honours the switch (Windows); Linux takes it from the
  // environment, so the page's language also comes from the context's `locale` below.
  `--lang=${APP_LOCALE}`,
  // X11 window class, so a Linux taskbar groups the window as the app rather than as Chromium.
  '--class=MotCuaDesk',
  // No `--disable-features=Translate`: Chromium keeps only the last --disable-features, which would
  // drop the list Playwright passes (HTTPS upgrades, media router and Google startup requests come
  // back). Translation is switched off in the profile's preferences instead (appProfile).
];

/**
 * The first page the app window shows until the host has set up its routes and bindings: the
 * app's background colour and title, so the window neither flashes an error page (the app's
 * origin only resolves through the route) nor a wrong title.
 */
const SPLASH_URL = `data:text/html;charset=utf-8,${encodeURIComponent(
  `<!doctype html><html lang="vi"><title>${APP_TITLE}</title><body style="background:#f4f6f8"></body></html>`,
)}`;

/**
 * Chromium's own sandbox is on unless it cannot be: as root Chromium refuses to start with it, and
 * a container without user namespaces can switch it off by MOTCUA_CHROMIUM_NO_SANDBOX=1. Playwright
 * adds --no-sandbox by itself unless asked not to, so the choice is passed explicitly.
 */
export function chromiumSandbox(uid: number | null = process.getuid?.() ?? null, env: NodeJS.ProcessEnv = process.env): boolean {
  return uid !== 0 && env.MOTCUA_CHROMIUM_NO_SANDBOX !== '1';
}

export function appWindowArgs(headless: boolean): string[] {
  return [
    ...CHROMIUM_ARGS,
    // Without the sandbox the page is still isolated by the CSP and the origin checks.
    ...(chromiumSandbox() ? [] : ['--no-sandbox']),
    `--app=${SPLASH_URL}`,
    ...(headless ? [] : ['--start-maximized']),
  ];
}

/**
 * A throwaway profile (nothing persists between runs, as with a fresh context) whose preferences
 * turn translation off: the app switches between Vietnamese and English pages, and Chromium
 * would otherwise offer to translate one into the other.
 */
function appProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
  mkdirSync(join(dir, 'Default'));
  const prefs = { translate: { enabled: false }, intl: { accept_languages: `${APP_LOCALE},vi,en` } };
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify(prefs));
  return dir;
}

export interface AppWindow {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** The app window's page (still on the splash page: the caller navigates it). */
  readonly page: Page;
  /** How long Chromium took to launch: its own floor, apart from anything of ours. */
  readonly launchMs: number;
  close(): Promise<void>;
}

export async function launchAppWindow(o: {
  readonly executablePath: string;
  readonly headless: boolean;
  readonly viewport?: { width: number; height: number };
}): Promise<AppWindow> {
  const t0 = performance.now();
  const profile = appProfile();
  // Also on an exit that skips close() (a failed start, a fatal error): the profile never outlives the host.
  const removeProfile = () => {
    try {
      rmSync(profile, { recursive: true, force: true });
    } catch {
      // Chromium may still be writing into it as the process dies; the OS clears its temp folder.
    }
  };
  process.once('exit', removeProfile);
  try {
    const context = await chromium.launchPersistentContext(profile, {
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
      async close() {
        await context.close().catch(() => undefined);
        process.off('exit', removeProfile);
        removeProfile();
      },
    };
  } catch (e) {
    process.off('exit', removeProfile);
    removeProfile();
    throw e;
  }
}
