/**
 * The app window's Chromium, started before playwright-core is loaded. Loading Playwright takes
 * hundreds of milliseconds and Chromium's own start about a second; started here, Chromium comes
 * up while Playwright loads, and chromium-window.ts hands this very process to Playwright's launch
 * (its pipe transport, fds 3 and 4) instead of a second one. No Playwright import in this file:
 * that would undo the point.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { playwrightChromiumSwitches, PLAYWRIGHT_HEADLESS_SWITCHES } from './playwright-switches';

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
  // environment, so the page's language also comes from the context's `locale` (chromium-window.ts).
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
 * The command line Playwright's launchPersistentContext builds for these options (its switches,
 * then ours, then the profile and its pipe), so that the process started here is the one it would
 * have started. Should a Playwright upgrade change its list, the two differ and chromium-window.ts
 * lets Playwright launch its own (correct, only slower); tests/e2e/early-chromium.test.ts checks they agree.
 */
export function playwrightLaunchArgs(headless: boolean, profile: string): string[] {
  return [
    ...playwrightChromiumSwitches(),
    ...(headless ? PLAYWRIGHT_HEADLESS_SWITCHES : []),
    ...(chromiumSandbox() ? [] : ['--no-sandbox']),
    ...appWindowArgs(headless),
    `--user-data-dir=${profile}`,
    '--remote-debugging-pipe',
    'about:blank',
  ];
}

/**
 * A throwaway profile (nothing persists between runs, as with a fresh context) whose preferences
 * turn translation off: the app switches between Vietnamese and English pages, and Chromium
 * would otherwise offer to translate one into the other. Autofill and the password manager are
 * off too: Chromium writes what was typed into a submitted form to the profile in clear (a
 * citizen's name, ID number and phone; they stay on disk after a crash) and offers it back to the
 * next person at the counter.
 */
export function appProfile(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
  mkdirSync(join(dir, 'Default'));
  const prefs = {
    translate: { enabled: false },
    intl: { accept_languages: `${APP_LOCALE},vi,en` },
    autofill: { enabled: false, profile_enabled: false, credit_card_enabled: false },
    credentials_enable_service: false,
    profile: { password_manager_enabled: false },
  };
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify(prefs));
  return {
    dir,
    remove() {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Chromium may still be writing into it as the process dies; the OS clears its temp folder.
      }
    },
  };
}

export interface EarlyChromium {
  readonly executablePath: string;
  readonly headless: boolean;
  readonly profile: { readonly dir: string; remove(): void };
  /** performance.now() when the process was spawned: Chromium's launch counts from here. */
  readonly spawnedAt: number;
  /**
   * The running process for Playwright's spawn of `args`, once; null when it has died, was already
   * taken, or `args` differ from what it was started with (then it is ended: Playwright starts its own).
   */
  take(command: string, args: readonly string[]): ChildProcess | null;
  /** Ends the process and its profile unless Playwright took it (a start that failed before that). */
  dispose(): void;
}

export function startChromiumEarly(o: { readonly executablePath: string; readonly headless: boolean }): EarlyChromium {
  const profile = appProfile();
  const args = playwrightLaunchArgs(o.headless, profile.dir);
  const spawnedAt = performance.now();
  // As Playwright spawns it: its own process group (so Playwright's kill ends the whole tree), the
  // pipe transport on fds 3 and 4.
  const child = spawn(o.executablePath, args, { detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] });
  child.on('error', () => undefined);
  let taken = false;
  const end = () => {
    if (taken) return;
    taken = true;
    try {
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGKILL');
      }
    } catch {
      // Already gone.
    }
  };
  // Until Playwright takes it, an exit of ours (a failed start, a fatal error) must not leave it behind.
  const onExit = () => {
    end();
    profile.remove();
  };
  process.once('exit', onExit);
  return {
    executablePath: o.executablePath,
    headless: o.headless,
    profile,
    spawnedAt,
    take(command, wanted) {
      if (taken) return null;
      const alive = child.pid !== undefined && child.exitCode === null && child.signalCode === null;
      if (alive && command === o.executablePath && wanted.length === args.length && wanted.every((a, i) => a === args[i])) {
        taken = true;
        // From here Playwright owns it: its exit handlers end it, chromium-window.ts removes the profile.
        process.off('exit', onExit);
        return child;
      }
      end();
      return null;
    },
    dispose() {
      end();
      process.off('exit', onExit);
      profile.remove();
    },
  };
}
