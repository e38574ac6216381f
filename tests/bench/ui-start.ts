// First, as in the host's entry point: Chromium starts while Playwright and the services' packages load.
import { chromiumExecutable, startChromiumEarly } from '../../electron/host/chromium-early';
import { installCodeCache, type CodeCache } from '../../electron/host/code-cache';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../../electron/node/log/logger';
import type { ScannerFactory } from '../../electron/common/hardware/scanner';
import { ADMIN } from '../helpers/admin';

/**
 * `.tmp/bench/ui-start.cjs`, its own bundle (scripts/bench.mjs): a cold start loads what the
 * Chromium host loads, not the whole bench (signing, sync, reports and their packages).
 */
const ROOT = process.cwd();

/**
 * Starts the host as `npm start` does: Chromium spawned first, then (with `codeCacheDir`, as
 * host-cli.ts) the code cache installed, then Playwright and the host's modules loaded.
 */
export async function startHost(dataDir: string, scannerFactory?: ScannerFactory, marks?: { launchCalled?: number; modules?: number; codeCache?: CodeCache }, codeCacheDir?: string) {
  if (marks) marks.launchCalled = performance.now();
  const executablePath = chromiumExecutable();
  const early = startChromiumEarly({ executablePath, headless: true });
  if (codeCacheDir && marks) marks.codeCache = installCodeCache(codeCacheDir);
  const window = import('../../electron/host/chromium-window').then(({ launchAppWindow }) => launchAppWindow({ executablePath, headless: true, early }));
  window.catch(() => undefined);
  const { startChromiumHost } = await import('../../electron/host/chromium-host');
  if (marks) marks.modules = performance.now();
  return startChromiumHost({
    window,
    dataDir,
    rendererRoot: join(ROOT, 'dist', 'renderer'),
    initScriptPath: join(ROOT, 'dist', 'host', 'init-script.js'),
    appVersion: 'bench',
    headless: true,
    log: silentLogger,
    ...(scannerFactory ? { scannerFactory } : {}),
    probe: async () => true,
  });
}

/** One cold start, in ms from the process's start except `chromium` and `signIn`, which are durations. */
export interface ColdStart {
  readonly login: number;
  readonly signIn: number;
  readonly interactive: number;
  /** Node started: Chromium is spawned (before Playwright is loaded). */
  readonly launchCalled: number;
  /** The host's other modules loaded (during the launch). */
  readonly modules: number;
  /** The data directory open (vault, key, migrations, seed). */
  readonly servicesReady: number;
  /** Chromium's launch on its own, in parallel with opening the services: its floor, not ours. */
  readonly chromium: number;
  /** The renderer's page loaded. */
  readonly pageLoaded: number;
  /** Playwright took the Chromium spawned first (false: its switches changed, and it launched its own). */
  readonly startedEarly?: boolean;
  /** Scripts compiled from the code cache a previous start wrote (0: the first start after a build). */
  readonly codeCacheHits?: number;
}

export const pickerFocused = () => document.activeElement?.getAttribute('name') === 'procedure';

/**
 * One cold start in a fresh process (`node .tmp/bench/ui-start.cjs <dataDir> <codeCacheDir>`): node
 * starting, the services opening the data directory, Chromium launching, the login screen, the
 * officer's sign-in (typed in the form, submitted with Enter) and the intake screen with the
 * picker focused. Times are from this process's start (performance.timeOrigin), so module loading
 * counts; a person's typing does not (the fields are filled at once).
 */
async function uiStartChild(dataDir: string, codeCacheDir: string): Promise<number> {
  const marks: { launchCalled?: number; modules?: number; codeCache?: CodeCache } = {};
  const host = await startHost(dataDir, undefined, marks, codeCacheDir);
  const modules = marks.modules!;
  try {
    const { page } = host;
    await page.waitForSelector('form.login input[name="username"]');
    const login = performance.now();
    await page.fill('input[name="username"]', ADMIN.username);
    await page.fill('input[name="password"]', ADMIN.password);
    const submit = performance.now();
    await page.keyboard.press('Enter');
    await page.waitForFunction(pickerFocused);
    const interactive = performance.now();
    const s = host.startup;
    const at = (ms: number) => modules + ms;
    const result: ColdStart = { login, signIn: interactive - submit, interactive, launchCalled: marks.launchCalled!, modules, servicesReady: at(s.servicesReady), chromium: s.chromiumLaunched, pageLoaded: at(s.pageLoaded), startedEarly: s.chromiumStartedEarly, codeCacheHits: marks.codeCache?.hits.length ?? 0 };
    process.stdout.write(JSON.stringify(result) + '\n');
    // After the figures, as host-cli.ts saves it after the start: the next start reads it.
    marks.codeCache?.save();
    return 0;
  } finally {
    await host.close();
  }
}

if (process.argv[1]?.endsWith('ui-start.cjs')) {
  void uiStartChild(process.argv[2]!, process.argv[3]!).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
