import type Database from 'better-sqlite3';
import { decodeStatus, isValidStatusByte, statusRequest, type PrinterStatus } from '../../common/escpos/encoder';
import { printerConfigSchema, type PrinterConfig, type PrinterFactory, type PrinterPort } from '../../common/hardware/printer';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { formatError, type KeyedText } from '../../common/ipc/error-messages';
import { storedWording } from '../../common/ipc/notice';
import { failureWording, systemText } from '../../common/ipc/system-wording';
import { failure } from '../../common/ipc/result';
import { dossierIdByCode, recordThermalPrint, requireDossierId, thermalPrintCount } from '../intake/dossier-repo';
import type { IntakeService } from '../intake/intake-service';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { insertPrintJob, listPrintJobs, markJobDone, markJobHeld, printJob, printJobBytes, type PrintJobKind, type PrintJobView } from './print-job-repo';

export type { PrintJobView } from './print-job-repo';

export const PRINTER_SETTING = 'devices.printer';
const STATUS_TIMEOUT_MS = 300;

/** Why a printer cannot take a job now, in words an officer acts on (keyed: worded per language). */
export function statusProblemKey(s: PrinterStatus): KeyedText | null {
  if (s.paperOut) return { key: 'printer.paperOut' };
  if (s.coverOpen) return { key: 'printer.coverOpen' };
  if (s.offline) return { key: 'printer.offline' };
  if (s.error) return { key: 'printer.fault' };
  return null;
}

/** The same problem in Vietnamese (the status screen's text for older callers). */
export function statusProblem(s: PrinterStatus): string | null {
  const k = statusProblemKey(s);
  return k && formatError(k.key, k.params, 'vi');
}

/**
 * The thermal printer: builds ESC/POS from the receipt model, checks the printer's status
 * before each job (DLE EOT), writes, and keeps every job that could not be printed.
 */
export class PrinterService {
  /** The open connection, kept across jobs: reopening a port per receipt costs time and, on some
   * USB-serial bridges, drops the tail of the previous job. Dropped on any error. */
  #conn: { key: string; port: PrinterPort } | null = null;

  constructor(
    private readonly d: { store: SqliteStore; intake: IntakeService; factory: PrinterFactory; fontsDir: string; now?: () => Date },
  ) {}

  #at(): string {
    return toVietnamRfc3339((this.d.now ?? (() => new Date()))());
  }

  async config(override?: Partial<PrinterConfig>): Promise<PrinterConfig> {
    const raw = await this.d.store.getSetting(PRINTER_SETTING);
    const merged = { ...(raw ? (JSON.parse(raw) as object) : {}), ...override };
    const parsed = printerConfigSchema.safeParse(merged);
    if (!parsed.success) throw failure('conflict', 'printer.notConfigured');
    return parsed.data;
  }

  /** The exact bytes a receipt would send (also `motcua print escpos`). */
  async receiptBytes(code: string, o: { width: 58 | 80; barcodes: 'native' | 'raster'; reprint: boolean }): Promise<Uint8Array> {
    const model = await this.d.intake.receiptModel(code, o.reprint);
    // The rasteriser (canvas, bwip-js) loads with the first receipt, not with the app's start.
    const { thermalReceipt } = await import('./thermal-receipt');
    return thermalReceipt(model, { width: o.width, barcodes: o.barcodes, fontsDir: this.d.fontsDir });
  }

  async printReceipt(code: string, o: { actor: string; reprint?: boolean; reason?: string | null; printer?: Partial<PrinterConfig> }): Promise<{ jobId: number }> {
    const cfg = await this.config(o.printer);
    const printedBefore = await this.d.store.exec('printer.count', (db) => thermalPrintCount(db, code));
    const reprint = o.reprint ?? printedBefore > 0;
    if (reprint && !o.reason?.trim()) throw failure('invalid_input', 'printer.reprintReason');
    const bytes = await this.receiptBytes(code, { width: cfg.width, barcodes: cfg.barcodes, reprint });
    const jobId = await this.#enqueue(bytes, 'receipt', code, reprint);
    await this.#attempt(jobId, cfg, (db, at) => {
      recordThermalPrint(db, requireDossierId(db, code), { reprint, reason: o.reason ?? null, officerId: o.actor, at });
      // The reason stays in receipt_prints (it may name the citizen); the audit row keeps its length.
      if (reprint) appendAudit(db, { actor: o.actor, action: 'receipt.reprint', subject: code, details: { medium: 'thermal', reasonLength: o.reason?.length ?? 0 } }, at);
    });
    return { jobId };
  }

  async printTest(o: { printer?: Partial<PrinterConfig> } = {}): Promise<{ jobId: number }> {
    const cfg = await this.config(o.printer);
    const bytes = await (await import('./thermal-receipt')).thermalTestPage({ width: cfg.width, barcodes: cfg.barcodes, fontsDir: this.d.fontsDir });
    const jobId = await this.#enqueue(bytes, 'test', null, false);
    await this.#attempt(jobId, cfg);
    return { jobId };
  }

  /** Sends a held job again (after paper was changed, the cover closed…). */
  async retry(jobId: number, o: { printer?: Partial<PrinterConfig>; actor?: string } = {}): Promise<void> {
    const cfg = await this.config(o.printer);
    const job = await this.d.store.exec('printer.job', (db) => printJob(db, jobId));
    if (!job) throw failure('not_found', 'printer.jobNotFound', { jobId });
    if (job.state !== 'held') throw failure('conflict', 'printer.jobNotHeld', { jobId });
    await this.#attempt(jobId, cfg, (db, at) => {
      if (job.kind !== 'receipt' || !job.code) return;
      const dossierId = dossierIdByCode(db, job.code);
      if (dossierId !== null) recordThermalPrint(db, dossierId, { reprint: job.reprint, reason: 'in lại sau lỗi máy in', officerId: o.actor ?? null, at });
    });
  }

  jobs(state?: PrintJobView['state']): Promise<PrintJobView[]> {
    return this.d.store.exec('printer.jobs', (db) => listPrintJobs(db, state));
  }

  async status(o: { printer?: Partial<PrinterConfig> } = {}): Promise<{ status: PrinterStatus | null; problem: string | null; problemKey: KeyedText | null }> {
    const cfg = await this.config(o.printer);
    const port = await this.#open(cfg);
    const s = await readStatus(port.query.bind(port));
    if (!s) await this.#drop();
    const problemKey: KeyedText | null = s ? statusProblemKey(s) : { key: 'printer.noStatus' };
    return { status: s, problem: problemKey && formatError(problemKey.key, problemKey.params, 'vi'), problemKey };
  }

  /** Closes the printer connection (CLI exit, app shutdown, settings change). */
  async close(): Promise<void> {
    await this.#drop();
  }

  async #drop(): Promise<void> {
    const c = this.#conn;
    this.#conn = null;
    if (c) await c.port.close().catch(() => undefined);
  }

  #enqueue(bytes: Uint8Array, kind: PrintJobKind, code: string | null, reprint: boolean): Promise<number> {
    const at = this.#at();
    return this.d.store.exec('printer.enqueue', (db) => insertPrintJob(db, { kind, code, reprint, bytes, at }));
  }

  async #open(cfg: PrinterConfig): Promise<PrinterPort> {
    const key = JSON.stringify([cfg.transport, cfg.path, cfg.baudRate]);
    if (this.#conn?.key === key) return this.#conn.port;
    await this.#drop();
    try {
      const port = await this.d.factory(cfg);
      this.#conn = { key, port };
      return port;
    } catch (e) {
      throw failure('device_error', 'printer.openFailed', { path: cfg.path, error: systemText(e, cfg.path) });
    }
  }

  async #attempt(jobId: number, cfg: PrinterConfig, onDone?: (db: Database.Database, at: string) => void): Promise<void> {
    const bytes = await this.d.store.exec('printer.bytes', (db) => printJobBytes(db, jobId));
    // The reason is kept keyed: the held job is listed later in whichever language the officer reads.
    const fail = async (reason: KeyedText): Promise<never> => {
      await this.#drop();
      await this.d.store.exec('printer.held', (db) => markJobHeld(db, jobId, storedWording(reason), this.#at()));
      throw failure('device_error', 'printer.held', { reason, jobId });
    };
    let port: PrinterPort;
    try {
      port = await this.#open(cfg);
    } catch (e) {
      return fail(failureWording(e) ?? { key: 'printer.openFailed', params: { path: cfg.path, error: systemText(e, cfg.path) } });
    }
    {
      if (cfg.statusCheck && cfg.transport !== 'file') {
        const s = await readStatus(port.query.bind(port));
        if (!s) return await fail({ key: 'printer.noAnswer' });
        const problem = statusProblemKey(s);
        if (problem) return await fail(problem);
      }
      try {
        await port.write(new Uint8Array(bytes));
      } catch (e) {
        return await fail({ key: 'printer.writeFailed', params: { error: systemText(e, cfg.path) } });
      }
      const at = this.#at();
      await this.d.store.exec('printer.done', (db) =>
        db.transaction(() => {
          markJobDone(db, jobId, at);
          onDone?.(db, at);
        })(),
      );
    }
  }
}

/** DLE EOT 1, 2, 4 — "no answer" is unknown, never OK. */
export async function readStatus(query: (req: Uint8Array, timeoutMs: number) => Promise<number | null>): Promise<PrinterStatus | null> {
  const replies: number[] = [];
  for (const n of [1, 2, 4] as const) {
    // One more try before "no answer": a reply can miss its window on a busy USB-serial link.
    const b = (await query(statusRequest(n), STATUS_TIMEOUT_MS)) ?? (await query(statusRequest(n), STATUS_TIMEOUT_MS));
    if (b === null || !isValidStatusByte(b)) return null;
    replies.push(b);
  }
  return decodeStatus(replies[0]!, replies[1]!, replies[2]!);
}
