import { reportPdf } from '../reports/report-pdf';
import { renderControlSlipPdf, renderDelayNoticePdf, renderLogBookPdf, renderStopNoticePdf } from './forms-04-07';
import type { PdfJob } from './pdf-renderer';
import { renderWarmUpPdf } from './pdf-warm';
import { renderReceiptPdf, renderTurnBackPdf } from './receipt-pdf';

/** One PDF job rendered on this thread (the PDF worker's, or a short-lived CLI's). */
export function renderPdfJob(job: PdfJob, fontsDir: string): Promise<Uint8Array> {
  switch (job.kind) {
    case 'receipt':
      return renderReceiptPdf(job.model, fontsDir);
    case 'turnBack':
      return renderTurnBackPdf(job.model, fontsDir);
    case 'report':
      // A busy day's Mẫu 07 log is ~1000 rows of shaped text: seconds of work, never on the main thread.
      return reportPdf(job.model, fontsDir, job.auditAnchor ?? null);
    case 'delayNotice':
      return renderDelayNoticePdf(job.model, fontsDir);
    case 'stopNotice':
      return renderStopNoticePdf(job.model, fontsDir);
    case 'controlSlip':
      return renderControlSlipPdf(job.model, job.receipt, fontsDir);
    case 'logBook':
      return renderLogBookPdf(job.model, fontsDir);
    case 'warmUp':
      return renderWarmUpPdf(fontsDir);
  }
}
