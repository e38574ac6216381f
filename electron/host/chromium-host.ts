/**
 * The Chromium host: the second composition root. It builds the same services and handler table
 * as electron/main, serves the built renderer from a custom origin, and binds the IPC contract
 * into Debian's Chromium through playwright-core, with the same sender and schema checks. It
 * backs the end-to-end tests and `npm start` where no Electron binary exists.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { EventName } from '../common/ipc/contract';
import { DISPLAY_EVENTS } from '../common/ipc/display-contract';
import { CHROMIUM_HOST_ORIGIN, CONTENT_SECURITY_POLICY } from '../common/security/csp';
import { createAppServices, type AppServices } from '../node/app/app-services';
import { contentTypeOf, fileCache, resolveAppRequest } from '../node/app/static-files';
import type { Logger } from '../node/log/logger';
import type { NetworkProbe } from '../node/services/connectivity';
import type { ScannerFactory } from '../common/hardware/scanner';
import type { PrinterFactory } from '../common/hardware/printer';
import { serialScannerFactory } from '../../native/serial/serial-scanner';
import { printerFactory } from '../../native/escpos/printer-factory';
import { serialportLister } from '../../native/serial/serialport-lister';
import { lazyPkcs11Token } from '../../native/pkcs11/lazy-token';
import { osKeyringStore } from '../../native/keyring/os-keyring-store';
import { chromiumExecutable, defaultChromiumPath, launchAppWindow, type AppWindow } from './chromium-window';
import type { EarlyStart } from './start-early';

export { defaultChromiumPath };

export interface ChromiumHostOptions {
  readonly dataDir: string;
  readonly rendererRoot: string;
  readonly initScriptPath: string;
  /** The citizen display page's init script (its own, narrower `window.motcua`); default: beside initScriptPath. */
  readonly displayInitScriptPath?: string;
  readonly appVersion: string;
  readonly headless: boolean;
  readonly log: Logger;
  readonly executablePath?: string;
  readonly probe?: NetworkProbe;
  readonly viewport?: { width: number; height: number };
  readonly scannerFactory?: ScannerFactory;
  readonly printerFactory?: PrinterFactory;
  readonly now?: () => Date;
  /** Opens the citizen display as a second window; unset: as the `display.enabled` setting says. */
  readonly citizenDisplay?: boolean;
  readonly documentsDir?: string;
  /** Summaries for long reports made in the background (AppServicesOptions.warmReports): the host CLI says yes, tests leave it out. */
  readonly warmReports?: boolean;
  /**
   * The app window, already launching: an entry point starts Chromium before it loads this module
   * and the services' packages, so the two overlap. Unset: launched here, still before the services open.
   */
  readonly window?: Promise<AppWindow>;
}

export interface ChromiumHost {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** The citizen display's window (a second page of the same origin), when enabled. */
  readonly displayPage: Page | null;
  readonly services: AppServices;
  readonly origin: string;
  /** URLs the app asked the OS to open (the host records instead of launching a browser). */
  readonly externalOpened: readonly string[];
  /** Requests the host refused because they left the app's origin (checklist item 1). */
  readonly blockedRequests: readonly string[];
  /** Kept documents (their sealed paths) offered to the page's print view, in order. */
  readonly printed: readonly string[];
  /** Report PDFs exported to Documents and opened for the user (headless: recorded; headed: also opened in a tab). */
  readonly exported: readonly string[];
  /**
   * Holds every print offer until `release` (prints go on) or `fail` (they fail as a broken render
   * would): a first print that takes seconds, made deterministic for the tests of its busy state.
   * `reached` resolves once a print is waiting at the gate: a `fail` before that would find no
   * print to fail (the gate is gone when main gets there) and the print would go through.
   */
  holdPrints(): { release(): void; fail(): void; reached: Promise<void> };
  /** Paths the next "choose files" dialog returns (Chromium has no OS dialog for main-side files). */
  queueFilePick(paths: readonly string[]): void;
  /** The folder the next "choose folder" dialog returns. */
  queueFolderPick(path: string): void;
  /** Folders the app asked the OS to open (headless: recorded only; headed on Linux: also xdg-open). */
  readonly foldersOpened: readonly string[];
  /** Where this start's time went (ms from startChromiumHost's call): what is ours and what is Chromium's. */
  readonly startup: HostStartup;
  /** Chromium's throwaway profile for this run (chromium-early.ts): it goes at close. */
  readonly profileDir: string;
  close(): Promise<void>;
}

export interface HostStartup {
  /** The data directory open: vault, store key, migrations, seed. */
  readonly servicesReady: number;
  /** Chromium's own launch (started first, in parallel with the services): the floor we do not control. */
  readonly chromiumLaunched: number;
  /** The renderer's page loaded (its scripts run), the login screen's first calls under way. */
  readonly pageLoaded: number;
  /** Scanner, keypad and sync started, after the page. */
  readonly backgroundStarted: number;
  /** Playwright took the Chromium the entry point started before loading it (chromium-early.ts). */
  readonly chromiumStartedEarly: boolean;
}

/** A start begun by startEarly (start-early.ts): the app window on the Chromium it spawned, then the host. */
export function startHostAfterEarly(start: EarlyStart, o: Omit<ChromiumHostOptions, 'window' | 'headless' | 'executablePath'>): Promise<ChromiumHost> {
  const window = launchAppWindow({ executablePath: start.executablePath, headless: start.headless, early: start.early });
  // Handled by startChromiumHost (it closes the window on a failed start); never unhandled meanwhile.
  window.catch(() => undefined);
  return startChromiumHost({ ...o, headless: start.headless, window });
}

export async function startChromiumHost(o: ChromiumHostOptions): Promise<ChromiumHost> {
  if (!existsSync(o.initScriptPath) || !existsSync(o.rendererRoot)) {
    // A window launched by the entry point must not outlive a refused start.
    await o.window?.then((w) => w.close()).catch(() => undefined);
    throw new Error('Chưa build giao diện: chạy `npm run build` trước.');
  }
  const externalOpened: string[] = [];
  const blockedRequests: string[] = [];
  const printed: string[] = [];
  const exported: string[] = [];
  let pickQueue: string[] = [];
  let printGate: { held: Promise<void>; arrived(): void } | null = null;
  let folderPick: string | null = null;
  const foldersOpened: string[] = [];
  let context: BrowserContext | null = null;
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  // Chromium's launch is seconds on a loaded PC and needs nothing of ours: it runs while the store opens.
  const launching = o.window ?? launchAppWindow({ executablePath: chromiumExecutable(o.executablePath), headless: o.headless, ...(o.viewport ? { viewport: o.viewport } : {}) });
  // A failed services start must not leave a Chromium behind, nor an unhandled rejection from its launch.
  launching.catch(() => undefined);
  // The page's files are read while Chromium starts, and every request is then answered from memory.
  const files = fileCache(o.rendererRoot);
  void files.warm();
  const services = await createAppServices({
    dataDir: o.dataDir,
    appVersion: o.appVersion,
    host: 'chromium-host',
    allowedOrigin: CHROMIUM_HOST_ORIGIN,
    log: o.log,
    scannerFactory: o.scannerFactory ?? serialScannerFactory,
    printerFactory: o.printerFactory ?? printerFactory,
    serialPorts: serialportLister,
    tokenFactory: lazyPkcs11Token,
    secretStores: [osKeyringStore({ dataDir: o.dataDir })],
    shell: {
      openExternal: async (url) => {
        externalOpened.push(url);
      },
      pickFiles: async () => {
        const p = pickQueue;
        pickQueue = [];
        return p;
      },
      // The report export (a clear file of the user's Documents): recorded; headed, also shown in a tab.
      openPdf: async (path) => {
        exported.push(path);
        if (!o.headless && context) {
          const tab = await context.browser()!.newPage();
          await tab.goto(`file://${path}`).catch(() => undefined);
        }
        return true;
      },
      // Kept documents print from the page itself (its print view calls window.print, which opens
      // Chromium's print preview): the host only records the sealed path, and may hold it.
      printing: async (keptPath) => {
        if (printGate) {
          printGate.arrived();
          await printGate.held;
        }
        printed.push(keptPath);
      },
      pickFolder: async () => {
        const p = folderPick;
        folderPick = null;
        return p;
      },
      openPath: async (path) => {
        foldersOpened.push(path);
        // The handler passes only the configured signed-files folder; argv, never a shell string.
        if (!o.headless && process.platform === 'linux') spawn('xdg-open', [path], { detached: true, stdio: 'ignore' }).on('error', () => undefined).unref();
        return true;
      },
    },
    ...(o.documentsDir ? { documentsDir: o.documentsDir } : {}),
    ...(o.warmReports ? { warmReports: true } : {}),
    ...(o.probe ? { probe: o.probe } : {}),
    ...(o.now ? { now: o.now } : {}),
  }).catch(async (e: unknown) => {
    await launching.then((w) => w.close()).catch(() => undefined);
    throw e;
  });
  let win: Awaited<typeof launching>;
  let servicesReady = 0;
  try {
    await services.seed();
    servicesReady = since();
    win = await launching;
  } catch (e) {
    await launching.then((w) => w.close()).catch(() => undefined);
    await services.close();
    throw e;
  }
  const browser = win.browser;
  context = win.context;
  const ctx = context;
  const page = win.page;

  // Each of these is a round trip to Chromium: the route and the bindings go at once, all before the page loads.
  let displayPage: Page | null = null;
  const routed = ctx.route('**/*', async (route) => {
    const url = route.request().url();
    const file = resolveAppRequest(url, CHROMIUM_HOST_ORIGIN, o.rendererRoot);
    const body = file ? await files.read(file) : null;
    if (file && body) {
      await route.fulfill({
        status: 200,
        headers: {
          'Content-Type': contentTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
        body,
      });
    } else if (url.startsWith(CHROMIUM_HOST_ORIGIN + '/')) {
      await route.fulfill({ status: 404, body: 'Not found' });
    } else {
      blockedRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  const invokeBound = ctx.exposeBinding('__motcuaInvoke', (source, channel: unknown, input: unknown) =>
    services.dispatcher.dispatch(
      { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame(), window: displayPage !== null && source.page === displayPage ? 'display' : 'app' },
      typeof channel === 'string' ? channel : '',
      input,
    ),
  );

  // Long-poll per page: events wait in a queue until the page asks for them.
  const queues = new Map<Page, { items: Array<[EventName, unknown]>; wake: (() => void) | null }>();
  const queueOf = (page: Page) => {
    let q = queues.get(page);
    if (!q) {
      q = { items: [], wake: null };
      queues.set(page, q);
      page.on('close', () => {
        q!.wake?.();
        queues.delete(page);
      });
    }
    return q;
  };
  const eventsBound = ctx.exposeBinding('__motcuaNextEvents', async (source) => {
    if (source.frame !== source.page.mainFrame()) return [];
    const q = queueOf(source.page);
    if (q.items.length === 0) await new Promise<void>((resolve) => (q.wake = resolve));
    q.wake = null;
    return q.items.splice(0);
  });
  const unsubscribe = services.hub.subscribe((name, payload) => {
    for (const [p, q] of queues) {
      // The citizen's window hears of its own state only: never a scanned card or the sign-in.
      if (p === displayPage && !DISPLAY_EVENTS.has(name)) continue;
      q.items.push([name, payload]);
      q.wake?.();
    }
  });
  // Per page, not per context: each window gets the surface of its own script, and no other page
  // (a popup, a tab) gets any.
  // Chromium runs new-document scripts in the order they were added: the bindings' before ours, which reads them.
  await Promise.all([routed, invokeBound, eventsBound]);
  await page.addInitScript({ path: o.initScriptPath });
  queueOf(page);
  const last = services.hub.last('sync.state');
  if (last) queueOf(page).items.push(['sync.state', last]);
  await page.goto(`${CHROMIUM_HOST_ORIGIN}/index.html`);
  if (o.citizenDisplay ?? (await services.settings.get('display.enabled')) === '1') {
    // Marked before it loads: its first call is already answered as the display's.
    displayPage = await context.newPage();
    await displayPage.addInitScript({ path: o.displayInitScriptPath ?? join(dirname(o.initScriptPath), 'display-init-script.js') });
    queueOf(displayPage);
    await displayPage.goto(`${CHROMIUM_HOST_ORIGIN}/display.html`);
  }
  const pageLoaded = since();
  // The devices and sync come after the page: the login screen needs none of them.
  await services.startBackground();
  services.monitor.start();
  const startup: HostStartup = { servicesReady, chromiumLaunched: win.launchMs, pageLoaded, backgroundStarted: since(), chromiumStartedEarly: win.adoptedEarly };

  return {
    browser,
    context,
    page,
    profileDir: win.profileDir,
    get displayPage() {
      return displayPage;
    },
    services,
    origin: CHROMIUM_HOST_ORIGIN,
    externalOpened,
    blockedRequests,
    printed,
    exported,
    holdPrints() {
      let settle!: { release(): void; fail(): void };
      const held = new Promise<void>((resolve, reject) => {
        settle = { release: resolve, fail: () => reject(new Error('print held by the test failed')) };
      });
      // A gate nobody awaited must not surface as an unhandled rejection.
      held.catch(() => undefined);
      let arrived!: () => void;
      const reached = new Promise<void>((r) => (arrived = r));
      const gate = { held, arrived };
      printGate = gate;
      const done = () => {
        if (printGate === gate) printGate = null;
      };
      return {
        release: () => (settle.release(), done()),
        fail: () => (settle.fail(), done()),
        reached,
      };
    },
    queueFilePick(paths) {
      pickQueue = [...paths];
    },
    queueFolderPick(path) {
      folderPick = path;
    },
    foldersOpened,
    startup,
    async close() {
      unsubscribe();
      for (const q of queues.values()) q.wake?.();
      await win.close();
      await services.close();
    },
  };
}
