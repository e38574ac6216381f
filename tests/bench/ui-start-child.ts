import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHostAfterEarly } from '../../electron/host/chromium-host';
import { startEarly, type EarlyStart } from '../../electron/host/start-early';
import { silentLogger } from '../../electron/node/log/logger';
import type { ScannerFactory } from '../../electron/common/hardware/scanner';
import { ADMIN } from '../helpers/admin';
import { cpuSince, type MachineCpu } from './machine-cpu';

/**
 * `.tmp/bench/ui-start-child.cjs`: what a cold start loads after ui-start.cjs has spawned
 * Chromium, as host-run.cjs is to the host's entry point (scripts/bench.mjs builds both).
 */
const ROOT = process.cwd();

/**
 * The host on a start begun by startEarly, as host-run.ts starts it for `npm start`: with the
 * background summaries and the PDF worker's warm-up, which run in the app while it starts.
 */
export function startHostOn(start: EarlyStart, dataDir: string, scannerFactory?: ScannerFactory) {
  return startHostAfterEarly(start, {
    dataDir,
    rendererRoot: join(ROOT, 'dist', 'renderer'),
    initScriptPath: join(ROOT, 'dist', 'host', 'init-script.js'),
    appVersion: 'bench',
    log: silentLogger,
    ...(scannerFactory ? { scannerFactory } : {}),
    probe: async () => true,
    warmReports: true,
  });
}

/** A host in the bench's own process (its first-run setup, the in-screen actions): no code cache. */
export function startHost(dataDir: string, scannerFactory?: ScannerFactory) {
  return startHostOn(startEarly({ headless: true, codeCacheDir: null }), dataDir, scannerFactory);
}

/** One cold start, in ms from the process's start except `chromium` and `signIn`, which are durations. */
export interface ColdStart {
  readonly login: number;
  readonly signIn: number;
  readonly interactive: number;
  /** Node started: Chromium is spawned (before Playwright is loaded). */
  readonly launchCalled: number;
  /** Playwright and the host's other modules loaded (during the launch). */
  readonly modules: number;
  /** The data directory open (vault, key, migrations, seed). */
  readonly servicesReady: number;
  /** From Chromium's spawn to Playwright's context ready: Chromium's start, and ours while Playwright waits on us. */
  readonly chromium: number;
  /** The renderer's page loaded. */
  readonly pageLoaded: number;
  /** Playwright took the Chromium spawned first (false: its switches changed, and it launched its own). */
  readonly startedEarly?: boolean;
  /** Scripts compiled from the code cache a previous start wrote (0: the first start after a build). */
  readonly codeCacheHits?: number;
  /** The whole machine's CPU from the entry's first line to the intake screen (machine-cpu.ts): busy core-ms, the share of the cores' time that was, and how many. */
  readonly cpuBusy: number;
  readonly cpuShare: number;
  readonly cores: number;
  /** This Node process's own CPU (all its threads) from its start to the intake screen, ms. */
  readonly nodeCpu: number;
}

export const pickerFocused = () => document.activeElement?.getAttribute('name') === 'procedure';

/**
 * One cold start in a fresh process, from ui-start.cjs: the services opening the data directory,
 * Chromium launching, the login screen, the officer's sign-in (typed in the form, submitted with
 * Enter) and the intake screen with the picker focused. Times are from this process's start
 * (performance.timeOrigin), so module loading counts; a person's typing does not (the fields are
 * filled at once).
 */
export async function uiStartChild(start: EarlyStart, dataDir: string, launchCalled: number, cpu: MachineCpu): Promise<number> {
  const modules = performance.now();
  const host = await startHostOn(start, dataDir);
  try {
    const { page } = host;
    // Checked in the page on every frame: waitForSelector checks again only after 20, 50, 100, 100,
    // then 500 ms, so a form up 280 ms into its wait would be timed at about 770 ms.
    await page.waitForFunction(() => document.querySelector('form.login input[name="username"]') !== null);
    const login = performance.now();
    await page.fill('input[name="username"]', ADMIN.username);
    await page.fill('input[name="password"]', ADMIN.password);
    const submit = performance.now();
    await page.keyboard.press('Enter');
    await page.waitForFunction(pickerFocused);
    const interactive = performance.now();
    const used = cpuSince(cpu);
    const own = process.cpuUsage();
    const s = host.startup;
    const at = (ms: number) => modules + ms;
    const result: ColdStart = { login, signIn: interactive - submit, interactive, launchCalled, modules, servicesReady: at(s.servicesReady), chromium: s.chromiumLaunched, pageLoaded: at(s.pageLoaded), startedEarly: s.chromiumStartedEarly, codeCacheHits: start.codeCache?.hits.length ?? 0, cpuBusy: used.busy, cpuShare: used.share, cores: used.cores, nodeCpu: (own.user + own.system) / 1000 };
    process.stdout.write(JSON.stringify(result) + '\n');
    // After the figures, as host-run.ts saves it after the start: the next start reads it.
    start.codeCache?.save();
    return 0;
  } finally {
    await host.close();
  }
}
