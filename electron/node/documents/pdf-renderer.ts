import type { ControlSlipModel, DelayNoticeModel, StopNoticeModel } from '../../common/domain/forms';
import type { ReceiptModel, TurnBackModel } from '../../common/domain/receipt';
import type { DailyReport, LogRow } from '../reports/report-repo';
import { WorkerChannel } from '../workers/worker-channel';
import { findWorkerScript } from '../workers/worker-script';

export type PdfJob =
  | { readonly kind: 'receipt'; readonly model: ReceiptModel }
  | { readonly kind: 'turnBack'; readonly model: TurnBackModel }
  | { readonly kind: 'report'; readonly model: DailyReport; readonly auditAnchor?: AuditAnchorPrint | null }
  | { readonly kind: 'delayNotice'; readonly model: DelayNoticeModel }
  | { readonly kind: 'stopNotice'; readonly model: StopNoticeModel }
  | { readonly kind: 'controlSlip'; readonly model: ControlSlipModel; readonly receipt: ReceiptModel }
  | { readonly kind: 'logBook'; readonly model: { unitName: string; deskName: string; day: string; officerName: string | null; rows: readonly LogRow[] } }
  /** A throwaway PDF rendered at start, so that the first real one finds the renderer warm (pdf-warm.ts). */
  | { readonly kind: 'warmUp' };

/** The audit head a day close printed in its report. */
export interface AuditAnchorPrint {
  readonly at: string;
  readonly rows: number;
  readonly head: string;
}

/** Renders the counter's PDFs. Font subsetting takes a few hundred ms, so the app does it off the main thread. */
export interface PdfRenderer {
  render(job: PdfJob): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function inProcessRenderer(fontsDir: string): PdfRenderer {
  return {
    // pdf-lib and fontkit load with the first job, not with the app: they are seconds of a cold start. No job
    // needs exceljs (the report's PDF is report-pdf.ts; its XLSX is made in the main process).
    render: async (job) => (await import('./pdf-jobs')).renderPdfJob(job, fontsDir),
    close: async () => undefined,
  };
}

/** The bundled PDF worker (worker-script.ts), or null when none was built. */
export function findPdfWorkerScript(): string | null {
  return findWorkerScript('pdf-worker');
}

/**
 * One long-lived worker thread for PDFs: the event loop that answers the counter screen (and the
 * scanner) never waits for font subsetting. Jobs are queued in order; a crashed worker is
 * replaced on the next job (worker-channel.ts).
 */
export class WorkerPdfRenderer implements PdfRenderer {
  readonly #channel: WorkerChannel<{ readonly id: number; readonly ok: boolean; readonly bytes?: Uint8Array; readonly error?: string }>;

  constructor(script: string, fontsDir: string) {
    this.#channel = new WorkerChannel(script, 'pdf', { fontsDir });
  }

  async render(job: PdfJob): Promise<Uint8Array> {
    const m = await this.#channel.request((id) => ({ id, job }));
    if (m.ok && m.bytes) return m.bytes;
    throw new Error(m.error ?? 'pdf worker failed');
  }

  close(): Promise<void> {
    return this.#channel.close();
  }
}

/** The worker when its bundle is there (app, host, CLI, tests after `npm run build`), else in-process. */
export function defaultPdfRenderer(fontsDir: string): PdfRenderer {
  const script = findPdfWorkerScript();
  return script ? new WorkerPdfRenderer(script, fontsDir) : inProcessRenderer(fontsDir);
}
