import type { AppInfo } from '../../common/ipc/contract';
import type { ScannerFactory } from '../../common/hardware/scanner';
import type { PrinterFactory } from '../../common/hardware/printer';
import type { SerialPortLister } from '../../common/hardware/serial';
import type { SignatureToken } from '../../common/hardware/token';
import type { SecretStore } from '../../common/security/secrets';
import { openCoreServices, type CoreServices } from '../core/core-services';
import { createDispatcher, type Dispatcher } from '../ipc/dispatcher';
import { createHandlers, type HostShell } from '../ipc/handlers/index';
import type { Logger } from '../log/logger';
import { WorkerClosedError } from '../workers/worker-channel';
import type { NetworkProbe } from '../services/connectivity';

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly host: AppInfo['host'];
  readonly allowedOrigin: string;
  readonly log: Logger;
  readonly shell: HostShell;
  readonly scannerFactory: ScannerFactory;
  readonly printerFactory: PrinterFactory;
  readonly serialPorts: SerialPortLister;
  readonly tokenFactory: (modulePath: string) => SignatureToken;
  readonly probe?: NetworkProbe;
  readonly now?: () => Date;
  /** Where this host can keep secrets, best first (the key file is always added last). */
  readonly secretStores?: readonly SecretStore[];
  readonly documentsDir?: string;
  /**
   * Summarise dossiers for long reports in the background (SettledWarmer) from startBackground on,
   * and warm the PDF worker then (a throwaway render). The window hosts say yes; left out (tests),
   * nothing runs that a test did not ask for.
   */
  readonly warmReports?: boolean;
  /** How long after startBackground the PDF worker is warmed (PDF_WARM_UP_DELAY_MS); tests shorten it. */
  readonly pdfWarmUpDelayMs?: number;
}

/**
 * The PDF worker is warmed this long after the page is up, not at once: its second of CPU would
 * otherwise compete, on a two-core counter PC, with the login screen, the sign-in and the intake
 * screen's first render (issue #15). No PDF is asked for that early: a receipt comes after a whole
 * intake, a report after the supervisor has signed in and chosen a period; one asked for sooner
 * is made on the cold worker (under a second) and warms it.
 */
export const PDF_WARM_UP_DELAY_MS = 5000;

export type AppServices = CoreServices & {
  readonly dispatcher: Dispatcher;
  /** First-run data and devices; call once after construction (or `seed`, then `startBackground`). */
  start(): Promise<void>;
  /**
   * The scanner, the citizen keypad and sync: nothing the login screen needs, so a window host
   * calls this once its page is up (after `seed`) instead of `start`.
   */
  startBackground(): Promise<void>;
  /**
   * Settles once the start's PDF warm-up has run, or at once when there is none to wait for (not
   * asked, or the app closed first): the UI bench times the officer's actions on a started app.
   */
  whenPdfWarm(): Promise<void>;
};

/**
 * The app over the one core: both windows (Electron main and the Chromium host) add the IPC
 * handlers and the dispatcher, so they serve the same channels over the same checks.
 */
export async function createAppServices(o: AppServicesOptions): Promise<AppServices> {
  const core = await openCoreServices(o.dataDir, {
    log: o.log,
    scannerFactory: o.scannerFactory,
    printerFactory: o.printerFactory,
    tokenFactory: o.tokenFactory,
    ...(o.probe ? { probe: o.probe } : {}),
    ...(o.now ? { now: o.now } : {}),
    ...(o.secretStores ? { secretStores: o.secretStores } : {}),
    ...(o.documentsDir ? { documentsDir: o.documentsDir } : {}),
    pdf: 'worker',
  });
  const handlers = createHandlers({ core, shell: o.shell, appVersion: o.appVersion, host: o.host }, o.serialPorts);
  const dispatcher = createDispatcher(handlers, { allowedOrigin: o.allowedOrigin, log: o.log.child('ipc'), officer: () => core.session.officer, session: core.session, noOfficerYet: core.noOfficerYet });
  let pdfWarmUp: NodeJS.Timeout | null = null;
  let pdfWarm: () => void = () => undefined;
  const pdfWarmed = new Promise<void>((r) => (pdfWarm = r));
  if (!o.warmReports) pdfWarm();
  const startBackground = async () => {
    await core.scans.start();
    await core.display.startKeypad();
    core.sync.start();
    if (o.warmReports) {
      core.settledWarmer.start();
      // Loading pdf-lib and fontkit, parsing the fonts and compiling the code is most of a first PDF:
      // done ahead on the worker, the first receipt or report export after start does not wait for it.
      // Closing the app while it runs ends it on purpose: nothing to warn about.
      pdfWarmUp = setTimeout(() => {
        pdfWarmUp = null;
        void core.pdf
          .render({ kind: 'warmUp' })
          .catch((e: unknown) => {
            if (!(e instanceof WorkerClosedError)) o.log.warn('PDF warm-up failed', { error: e instanceof Error ? e.message : String(e) });
          })
          .finally(pdfWarm);
      }, o.pdfWarmUpDelayMs ?? PDF_WARM_UP_DELAY_MS);
      pdfWarmUp.unref();
    }
  };
  return {
    ...core,
    dispatcher,
    async close() {
      // A warm-up not begun yet would start a new worker on the closed renderer.
      if (pdfWarmUp) clearTimeout(pdfWarmUp);
      pdfWarmUp = null;
      await core.close();
      pdfWarm();
    },
    whenPdfWarm: () => pdfWarmed,
    async start() {
      await core.seed();
      await startBackground();
    },
    startBackground,
  };
}
