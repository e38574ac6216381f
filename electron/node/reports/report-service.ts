import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Actor } from '../../common/domain/actor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { failure } from '../../common/ipc/result';
import type { PdfRenderer } from '../documents/pdf-renderer';
import { writeFileAtomic } from '../files/content-store';
import type { DocumentVault } from '../files/document-vault';
import type { TokenSessions } from '../signing/token-sessions';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { dailyReport, type DailyReport } from './report-repo';
import { LOG_EXPORT_MAX_DAYS, LOG_PAGE_MAX, logPage, periodDays, type LogPage } from './report-log-repo';
import { saveDayClose } from './day-close-repo';
import type { AuditService } from '../audit/audit-service';
import type { AnchorLine } from '../audit/anchor-file';
import { toNationalTime } from '../../common/domain/intake';
import { enqueueEvent } from '../sync/outbox-repo';
import { thisCounter } from '../unit/unit-repo';
import { satisfactionOf } from '../../common/domain/citizen-display';
import { ratingCounts } from '../display/rating-repo';

/** The audit head a day close records (no MAC: the anchor file keeps that; this copy is for people and the province). */
export interface DayCloseAnchor {
  readonly at: string;
  readonly rows: number;
  readonly lastId: number;
  readonly head: string;
  readonly keyedFrom: number;
}

const dayCloseAnchor = (l: AnchorLine): DayCloseAnchor => ({ at: l.at, rows: l.rows, lastId: l.lastId, head: l.head, keyedFrom: l.keyedFrom });

/**
 * The body of the day-close event, in the contract's style (DVCQG-like names, national times). The audit
 * anchor goes in its own object, `NhatKyKiemToan`, so a server that does not know it can ignore it whole.
 */
function dayCloseEvent(c: { date: string; counterId: string; unitCode: string; closedAt: string; officerId: string; sha256: string; anchor: DayCloseAnchor | null }): Record<string, unknown> {
  return {
    MaDonVi: c.unitCode,
    MaQuay: c.counterId,
    NgayChot: c.date.replaceAll('-', ''),
    ThoiDiemChot: toNationalTime(c.closedAt),
    NguoiChot: c.officerId,
    BaoCaoSha256: c.sha256,
    NhatKyKiemToan: c.anchor && { SoDong: c.anchor.rows, IdCuoi: c.anchor.lastId, MaBamCuoi: c.anchor.head, KhoaTuDong: c.anchor.keyedFrom, ThoiDiem: c.anchor.at },
  };
}

/** Documents/Một Cửa Desk/Báo cáo under the given Documents folder (the user's, unless a test gives its own). */
export const defaultReportExportDir = (documentsDir: string = join(homedir(), 'Documents')): string => join(documentsDir, 'Một Cửa Desk', 'Báo cáo');

export type ReportFormat = 'pdf' | 'csv' | 'xlsx' | 'json';

/** A counter id as the user typed it, made safe for a file name: never a path. */
const fileSafe = (s: string) => s.replace(/[^0-9A-Za-z_-]/g, '_');

/**
 * Daily and period reports for supervisors, the files they export, and closing a day. Viewing
 * and exporting are audited (the report lists citizens' dossiers); closing records who closed,
 * the hash of what was kept, and optionally a token signature over it.
 */
export class ReportService {
  constructor(private readonly d: { store: SqliteStore; pdf: PdfRenderer; tokens: TokenSessions; audit: AuditService; docs: DocumentVault; apiConfigured?: () => Promise<boolean>; reportsDir: string; exportsDir: string; fontsDir: string; now: () => Date }) {}

  /** The report with the first page of its log (`log: 'export'`: the whole log, or none past LOG_EXPORT_MAX_DAYS). */
  build(date: string, counterId: string | null, to?: string | null, log: 'page' | 'export' = 'page'): Promise<DailyReport> {
    if (to && to < date) throw failure('invalid_input', 'report.backwards');
    const rows = log === 'page' ? undefined : { offset: 0, limit: periodDays(date, to && to > date ? to : date) > LOG_EXPORT_MAX_DAYS ? 0 : null };
    return this.d.store.exec('report.daily', (db) => {
      const r = dailyReport(db, date, { counterId, now: toVietnamRfc3339(this.d.now()), ...(to ? { to } : {}), ...(rows ? { log: rows } : {}) });
      return { ...r, satisfaction: satisfactionOf(ratingCounts(db, { from: `${r.date}T00:00:00`, to: `${r.dateTo}T99`, counterId })) };
    });
  }

  async view(actor: Actor, date: string, counterId: string | null, to?: string | null): Promise<DailyReport> {
    const r = await this.build(date, counterId, to);
    await this.d.store.audit({ actor: actor.officerId, action: 'report.view', subject: date, details: { counterId } });
    return r;
  }

  /** Another page of a report's Mẫu 07 log (report.log), with the count of the whole log. Viewing it is viewing the report. */
  async logPage(actor: Actor, o: { date: string; to?: string | null; counterId: string | null; offset: number; limit: number }): Promise<LogPage> {
    if (o.to && o.to < o.date) throw failure('invalid_input', 'report.backwards');
    if (!Number.isInteger(o.offset) || o.offset < 0 || !Number.isInteger(o.limit) || o.limit < 1 || o.limit > LOG_PAGE_MAX) {
      throw failure('invalid_input', 'report.badPage', { max: LOG_PAGE_MAX });
    }
    const page = await this.d.store.exec('report.log', (db) =>
      logPage(db, { first: o.date, last: o.to && o.to > o.date ? o.to : o.date, counterId: o.counterId, offset: o.offset, limit: o.limit }),
    );
    await this.d.store.audit({ actor: actor.officerId, action: 'report.view', subject: o.date, details: { counterId: o.counterId, logOffset: o.offset } });
    return page;
  }

  async render(r: DailyReport, format: ReportFormat): Promise<Uint8Array> {
    // A CSV is the log and nothing else: without it there is no file to give (PDF and XLSX keep the summary).
    if (format === 'csv' && r.log.length < r.logTotal) {
      throw failure('invalid_input', 'report.logTooLong', { days: periodDays(r.date, r.dateTo), max: LOG_EXPORT_MAX_DAYS });
    }
    // The exporters (exceljs, pdf-lib) and the signer load on first use: not part of starting the app.
    if (format === 'csv') return Buffer.from((await import('./report-export')).reportCsv(r));
    if (format === 'xlsx') return (await import('./report-export')).reportXlsx(r);
    if (format === 'json') return Buffer.from(JSON.stringify(r, null, 2));
    return this.d.pdf.render({ kind: 'report', model: r });
  }

  /**
   * The report as a file the supervisor takes away (to send, print or archive): in clear, into
   * Documents/Một Cửa Desk/Báo cáo under a name built from the dates and counter, or to `out` (the
   * CLI's own choice). An export is the user's copy by intent, like a signed file; what the app keeps
   * for itself (the day-close reports) stays sealed in the data directory.
   */
  async export(actor: Actor, o: { date: string; to?: string | null; counterId: string | null; format: ReportFormat; out?: string; progress?: (done: number, total: number) => void }): Promise<string> {
    // Three steps an officer waits through: gather, render, write.
    o.progress?.(0, 3);
    const r = await this.build(o.date, o.counterId, o.to, 'export');
    o.progress?.(1, 3);
    const name = `bao-cao-${o.date}${r.dateTo !== o.date ? `_${r.dateTo}` : ''}${o.counterId ? `-${fileSafe(o.counterId)}` : ''}.${o.format}`;
    // A name we build must stay in the exports folder, whatever a counter id held (fileSafe
    // already strips separators; this is the second lock).
    if (!o.out && dirname(resolve(this.d.exportsDir, name)) !== resolve(this.d.exportsDir)) {
      throw failure('invalid_input', 'report.badFileName');
    }
    const path = o.out ?? join(this.d.exportsDir, name);
    const bytes = await this.render(r, o.format);
    o.progress?.(2, 3);
    await writeFileAtomic(path, bytes);
    o.progress?.(3, 3);
    await this.d.store.audit({ actor: actor.officerId, action: 'report.export', subject: o.date, details: { format: o.format, counterId: o.counterId } });
    return path;
  }

  async closeDay(
    actor: Actor,
    o: { date: string; notes?: string | null; sign?: { tokenId: string; certId?: string | null; pin: string | null } | null },
  ): Promise<{ closedAt: string; pdfPath: string; signed: boolean; anchor: DayCloseAnchor | null }> {
    const r = await this.build(o.date, null, null, 'export');
    if (r.review.length && !o.notes?.trim()) {
      throw failure('invalid_input', 'report.needsNotes', { date: o.date, count: r.review.length });
    }
    // The audit head as this close saw it: printed in (and signed with) the report, kept with the close,
    // sent to the province, and appended to the anchor file. Null when the chain no longer follows the
    // last anchor: the close goes on (the day's work must be closable) and verify says what is wrong.
    const line = await this.d.audit.anchor('day-close');
    const anchor = line ? dayCloseAnchor(line) : null;
    const pdf = await this.d.pdf.render({ kind: 'report', model: r, auditAnchor: anchor });
    const plain = join(this.d.reportsDir, `bao-cao-${o.date}-chot.pdf`);
    await this.d.docs.write(plain, pdf);
    let finalPath = plain;
    let signedPdf: Buffer | null = null;
    if (o.sign) {
      const sign = o.sign;
      const out = join(this.d.reportsDir, `bao-cao-${o.date}-chot-da-ky.pdf`);
      const anchors = await this.d.tokens.trustAnchors();
      const token = await this.d.tokens.token();
      // Loaded on first use: the signer pulls in the PDF and crypto stack that start-up does not need.
      const { signPdf } = await import('../signing/signing-service');
      // Signed in memory: the report's clear bytes never reach the disk; the signed copy is kept sealed.
      // A report is small (well under a megabyte), so its two pieces are simply joined.
      const signed = await signPdf(pdf, {
        token,
        tokenId: sign.tokenId,
        certId: sign.certId ?? null,
        pin: sign.pin,
        reason: `Chốt ngày ${o.date}`,
        ...(anchors ? { trustAnchors: anchors } : {}),
        fontsDir: this.d.fontsDir,
        now: this.d.now(),
      });
      signedPdf = Buffer.concat(signed.pieces);
      await this.d.docs.write(out, signedPdf);
      finalPath = out;
    }
    const signed = signedPdf !== null;
    const closedAt = toVietnamRfc3339(this.d.now());
    // The hash of what was kept: the plain bytes of the report, or of its signed copy.
    const sha = createHash('sha256').update(signedPdf ?? pdf).digest('hex');
    const toProvince = (await this.d.apiConfigured?.()) ?? false;
    await this.d.store.exec('day.close', (db) =>
      db.transaction(() => {
        // Queued with the close itself: the province learns the anchor even if the PC goes off right after.
        const counter = toProvince ? thisCounter(db) : null;
        if (counter) {
          const body = dayCloseEvent({ date: o.date, counterId: counter.counterId, unitCode: counter.unitCode, closedAt, officerId: actor.officerId, sha256: sha, anchor });
          enqueueEvent(db, { code: `CHOT-${counter.counterId}-${o.date}`, dossierId: null, event: { $dayClose: { unitCode: counter.unitCode, body } }, at: closedAt });
        }
        saveDayClose(db, { day: o.date, closedAt, closedBy: actor.officerId, notes: o.notes ?? null, sha256: sha, path: finalPath, auditAnchor: anchor ? JSON.stringify(anchor) : null });
        appendAudit(db, { actor: actor.officerId, action: 'day.close', subject: o.date, details: { signed, sha256: sha, notes: o.notes ? true : false, auditRows: anchor?.rows ?? null } }, closedAt);
      })(),
    );
    return { closedAt, pdfPath: finalPath, signed, anchor };
  }
}
