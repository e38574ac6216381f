import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../../common/domain/actor';
import type { DossierDetail, DossierSummary } from '../../common/domain/dossier';
import { applicantWarnings, type IntakeDraft } from '../../common/domain/intake';
import { durationText } from '../../common/domain/procedure';
import { foldVietnamese } from '../../common/domain/text';
import { toVietnamRfc3339, vietnamDate } from '../../common/domain/time';
import { formatError, type KeyedText } from '../../common/ipc/error-messages';
import { AppFailure, failure } from '../../common/ipc/result';
import { loadWorkCalendar } from '../calendar/calendar-repo';
import { requireProcedure } from '../catalog/catalog-repo';
import { inProcessRenderer, type PdfRenderer } from '../documents/pdf-renderer';
import { ContentStore, type StoredFile } from '../files/content-store';
import type { DocumentVault } from '../files/document-vault';
import { indexDossier, searchDossiers } from '../search/search-repo';
import { appendAudit } from '../store/audit';
import { saveStaleOverride } from './override-repo';
import type { SqliteStore } from '../store/sqlite-store';
import { enqueueNewDossier } from '../sync/outbox-repo';
import { requireThisCounter } from '../unit/unit-repo';
import { allocateCode } from './code-repo';
import { draftFromImport } from './import-draft';
import { insertDelivery } from './delivery-repo';
import { dossierDetail, dossiersOfApplicant, dossiersOfDay, insertDossier, recordReceiptPrint, summariesByIds } from './dossier-repo';
import { insertTurnBack, setTurnBackPdf } from './turn-back-repo';
import { receiptModel, turnBackModel } from './intake-forms';
import { postalAddressOf, resolveDocuments, resolveFees } from './intake-rules';
import { passStaleGate, type StaleOverride } from './stale-gate';

export interface IntakeDeps {
  readonly store: SqliteStore;
  readonly files: ContentStore;
  /** Receipts and turn-back slips are kept sealed. */
  readonly docs: DocumentVault;
  readonly receiptsDir: string;
  readonly fontsDir: string;
  /** Defaults to rendering in this thread; the app passes the worker-thread renderer. */
  readonly pdf?: PdfRenderer;
  readonly now?: () => Date;
  /** Whether a provincial API is configured: staleness only applies to a counter that syncs. */
  readonly apiConfigured?: () => Promise<boolean>;
  /**
   * What follows a save a screen answered (`answerFirst`): the core probes the network and starts
   * a sync pass, so the dossier leaves for the province without the officer waiting on either.
   */
  readonly afterAnswer?: () => void;
}

export interface ReceiveRequest {
  /** Validated at the boundary (IPC contract or the CLI's import schema): not validated again here. */
  readonly draft: IntakeDraft;
  readonly attachments?: ReadonlyArray<{ readonly path: string; readonly documentCode: string | null }>;
  /** A past receipt time: data migration only (`allowBackdate`), audited. */
  readonly receivedAt?: Date | null;
  readonly allowBackdate?: boolean;
  /** A supervisor's permission to receive although sync is stale. */
  readonly override?: StaleOverride | null;
  /** Skip the PDF (bulk migration, benchmarks); `receipt pdf` renders it later on demand. */
  readonly skipReceipt?: boolean;
  /**
   * A screen waits: return as soon as the dossier is committed, and render the receipt and run
   * `afterAnswer` once the answer has been drawn. Printing waits for the PDF if it is not ready yet.
   */
  readonly answerFirst?: boolean;
}

export interface ReceiveResult {
  readonly id: number;
  readonly code: string;
  readonly receivedAt: string;
  readonly dueAt: string;
  readonly receiptPath: string | null;
  /**
   * What the officer should check on the applicant's card (ID digits against the birth data, an
   * expired card): Vietnamese for logs and older callers; the dossier is received all the same.
   */
  readonly warnings: readonly string[];
  /** The same warnings keyed: the screen words them in the officer's language. */
  readonly warningKeys: readonly KeyedText[];
}

/**
 * The dossier is committed (it has its code, its outbox items, its audit row) but its receipt
 * could not be made, e.g. on a full disk. Reported with the code, never as a plain failure:
 * an officer told "failed" receives the dossier again and the citizen gets two codes.
 */
export class SavedWithoutReceipt extends AppFailure {
  readonly dossierCode: string;
  /** Why the receipt failed, in Vietnamese. */
  readonly reason: string;
  constructor(dossierCode: string, cause: unknown) {
    const why: KeyedText | string =
      cause instanceof AppFailure ? (cause.key ? { key: cause.key, ...(cause.params ? { params: cause.params } : {}) } : cause.message) : { key: 'intake.pdfFailed', params: { error: (cause as Error)?.message ?? String(cause) } };
    const params = { code: dossierCode, reason: why };
    super('saved_without_receipt', formatError('intake.savedWithoutReceipt', params, 'vi'), undefined, { key: 'intake.savedWithoutReceipt', params });
    const reason = typeof why === 'string' ? why : formatError(why.key, why.params, 'vi');
    this.dossierCode = dossierCode;
    this.reason = reason;
  }
}

const CLOCK_SKEW_MS = 60_000;
/**
 * How long work that follows a save waits: the Chromium host sends an answer one event-loop turn
 * after the handler returns (Playwright's hop), so a setImmediate ran before it left; and the page
 * needs a frame or two to draw it.
 */
const AFTER_ANSWER_MS = 100;
type Scan = StoredFile & { documentCode: string | null };

/** Everything the intake screen and `motcua intake` do, over one transaction per dossier, on behalf of the signed-in officer. */
export class IntakeService {
  readonly #d: IntakeDeps;
  readonly #pendingReceipts = new Map<string, Promise<string>>();
  readonly #pdf: PdfRenderer;
  constructor(deps: IntakeDeps) {
    this.#d = deps;
    this.#pdf = deps.pdf ?? inProcessRenderer(deps.fontsDir);
  }

  #now(): Date {
    return (this.#d.now ?? (() => new Date()))();
  }

  #receivedAt(requested: Date | null | undefined, allowBackdate: boolean): { at: Date; backdated: boolean } {
    const now = this.#now();
    if (!requested) return { at: now, backdated: false };
    if (requested.getTime() > now.getTime() + CLOCK_SKEW_MS) throw failure('invalid_input', 'intake.future');
    const backdated = requested.getTime() < now.getTime() - CLOCK_SKEW_MS;
    if (backdated && !allowBackdate) {
      throw failure('forbidden', 'intake.backdate');
    }
    return { at: requested, backdated };
  }

  async #importAttachments(list: ReceiveRequest['attachments']): Promise<Scan[]> {
    const out: Scan[] = [];
    for (const a of list ?? []) out.push({ ...(await this.#d.files.importFile(a.path)), documentCode: a.documentCode });
    return out;
  }

  /** Receives a dossier: gate, code, due date, rows, search index, outbox and audit in one transaction; then the receipt. */
  async receive(actor: Actor, req: ReceiveRequest): Promise<ReceiveResult> {
    const { at, backdated } = this.#receivedAt(req.receivedAt, req.allowBackdate ?? false);
    const grant = await passStaleGate({ store: this.#d.store, now: this.#now(), apiConfigured: (await this.#d.apiConfigured?.()) ?? false }, actor, req.override);
    const scans = await this.#importAttachments(req.attachments);
    const result = await this.#d.store.exec('intake.receive', (db) =>
      db.transaction(() => {
        const r = this.#save(db, actor, req.draft, at, backdated, scans);
        if (grant) {
          const at = toVietnamRfc3339(this.#now());
          // The reason is free text that may name the citizen: kept in its own table, the audit row has its length.
          saveStaleOverride(db, { code: r.code, officerId: actor.officerId, supervisorId: grant.supervisorId, reason: grant.reason, at });
          const { reason, ...facts } = grant;
          appendAudit(db, { actor: actor.officerId, action: 'sync.override', subject: r.code, details: { ...facts, reasonLength: reason.length } }, at);
        }
        return r;
      })(),
    );
    if (req.skipReceipt) return { ...result, receiptPath: null };
    // For a screen the render starts once it has had time to show the answer: its model read would
    // delay the answer, and the render itself (a worker thread) would take one of a counter PC's two
    // cores from the page drawing "saved". A print asked for meanwhile waits for it.
    const rendering = req.answerFirst
      ? new Promise<string>((resolve, reject) =>
          setTimeout(() => {
            this.writeReceipt(actor, result.code, { reprint: false }).then(resolve, reject);
            this.#d.afterAnswer?.();
          }, AFTER_ANSWER_MS),
        )
      : this.writeReceipt(actor, result.code, { reprint: false });
    if (req.answerFirst) {
      this.#pendingReceipts.set(result.code, rendering);
      // A failed render is not lost: the receipt is rendered again on the next print.
      rendering.catch(() => undefined).finally(() => this.#pendingReceipts.delete(result.code));
      return { ...result, receiptPath: null };
    }
    try {
      return { ...result, receiptPath: await rendering };
    } catch (e) {
      throw new SavedWithoutReceipt(result.code, e);
    }
  }

  /** `motcua intake --json` and data migration: validated once with the import schema, then received like any dossier. */
  async receiveImport(actor: Actor, raw: unknown, o: Omit<ReceiveRequest, 'draft' | 'attachments' | 'receivedAt'> & { baseDir: string }): Promise<ReceiveResult> {
    const { baseDir, ...rest } = o;
    const imported = draftFromImport(raw, baseDir);
    return this.receive(actor, { ...rest, draft: imported.draft, attachments: imported.attachments, receivedAt: imported.receivedAt });
  }

  /** The dossier's receipt PDF, waiting for a background render or rendering it now. */
  async receiptPath(actor: Actor, code: string): Promise<string> {
    const pending = this.#pendingReceipts.get(code);
    if (pending) {
      const p = await pending.catch(() => null);
      if (p) return p;
    }
    const d = await this.detail(code);
    if (!d) throw failure('not_found', 'dossier.notFound', { code });
    return d.receiptPath ?? this.writeReceipt(actor, code, { reprint: false });
  }

  #save(db: Parameters<Parameters<SqliteStore['exec']>[1]>[0], actor: Actor, d: IntakeDraft, at: Date, backdated: boolean, scans: readonly Scan[]): Omit<ReceiveResult, 'receiptPath'> {
    const warningKeys = applicantWarnings(d, vietnamDate(at));
    const warnings = warningKeys.map((w) => formatError(w.key, w.params, 'vi'));
    const unit = requireThisCounter(db);
    const proc = requireProcedure(db, d.MaTTHC);
    const documents = resolveDocuments(proc, d);
    const fees = resolveFees(proc, d);
    for (const a of scans) {
      if (a.documentCode && !proc.documents.some((x) => x.code === a.documentCode)) {
        throw failure('invalid_input', 'intake.attachmentDocUnknown', { file: a.fileName, doc: a.documentCode });
      }
    }
    const receivedAt = toVietnamRfc3339(at);
    const dueAt = toVietnamRfc3339(loadWorkCalendar(db).dueDate(at, proc.duration.value, proc.duration.unit, proc.duration.sameDayCutoff));
    const { code } = allocateCode(db, unit.unitCode, unit.counterId, vietnamDate(at));
    const nowIso = toVietnamRfc3339(this.#now());
    const key = randomUUID();
    const { id, attachmentIds } = insertDossier(db, {
      code,
      maTthc: proc.maTthc,
      tenTthc: proc.tenTthc,
      unitCode: unit.unitCode,
      counterId: unit.counterId,
      officerId: actor.officerId,
      applicantType: d.LoaiDoiTuong,
      applicantName: d.ChuHoSo!,
      idNumber: d.SoGiayToChuHoSo ?? null,
      birthDate: d.NgaySinhChuHoSo ?? null,
      sex: d.GioiTinhChuHoSo ?? null,
      address: d.DiaChiChuHoSo ?? null,
      phone: d.SoDienThoai ?? null,
      email: d.Email ?? null,
      summary: d.TrichYeuHoSo ?? proc.tenTthc,
      sets: d.SoBo,
      receivedAt,
      dueAt,
      idIssuedOn: d.NgayCapGiayTo ?? null,
      idempotencyKey: key,
      nameFolded: foldVietnamese(d.ChuHoSo!),
      documents,
      fees,
      channel: d.KenhThucHien,
      attachments: scans,
      at: nowIso,
    });
    insertDelivery(db, id, d.HinhThuc, postalAddressOf(d));
    enqueueNewDossier(db, { dossierId: id, code, idempotencyKey: key, attachmentIds, at: nowIso });
    indexDossier(db, { id, code, name: d.ChuHoSo!, idNumber: d.SoGiayToChuHoSo ?? null, phone: d.SoDienThoai ?? null });
    appendAudit(
      db,
      {
        actor: actor.officerId,
        action: 'dossier.receive',
        subject: code,
        // The count only: the warnings themselves name the citizen's ID and birth year.
        details: { procedure: proc.maTthc, attachments: scans.length, ...(backdated ? { backdatedTo: receivedAt } : {}), ...(warnings.length ? { warnings: warnings.length } : {}) },
      },
      nowIso,
    );
    return { id, code, receivedAt, dueAt, warnings, warningKeys };
  }

  receiptModel(code: string, reprint: boolean) {
    return this.#d.store.exec('intake.receiptModel', (db) => receiptModel(db, code, reprint));
  }

  /** Renders Mẫu 01 and keeps it with the dossier (atomic write); reprints are audited with who and why. */
  async writeReceipt(actor: Actor, code: string, o: { reprint: boolean; reason?: string }): Promise<string> {
    const model = await this.receiptModel(code, o.reprint);
    const pdf = await this.#pdf.render({ kind: 'receipt', model });
    const path = join(this.#d.receiptsDir, `${safeFileName(code)}${o.reprint ? `-in-lai-${Date.now()}` : ''}.pdf`);
    await this.#d.docs.write(path, pdf);
    const at = toVietnamRfc3339(this.#now());
    try {
      await this.#d.store.exec('intake.receiptRecorded', (db) =>
        db.transaction(() => {
          recordReceiptPrint(db, code, { path, reprint: o.reprint, reason: o.reason ?? null, officerId: actor.officerId, at });
          // The reason stays in receipt_prints (it may name the citizen); the audit row keeps its length.
          if (o.reprint) appendAudit(db, { actor: actor.officerId, action: 'receipt.reprint', subject: code, details: { reasonLength: o.reason?.length ?? 0 } }, at);
        })(),
      );
    } catch (e) {
      // A receipt nobody recorded is a copy of a citizen's data that nothing points at (a full disk
      // fails the record after the PDF fit): remove it; the next print renders it again.
      await rm(path, { force: true }).catch(() => undefined);
      throw e;
    }
    return path;
  }

  /** Mẫu 02 / 03: a slip with the reasons; nothing is recorded as accepted and no dossier code is used. */
  async turnBack(
    actor: Actor,
    raw: { form: '02' | '03'; MaTTHC: string; ChuHoSo: string; DiaChiChuHoSo?: string | null; SoDienThoai?: string | null; SoGiayToChuHoSo?: string | null; reasons: string[]; reason?: string | null },
  ): Promise<{ id: number; pdfPath: string }> {
    const reasons = raw.reasons.map((r) => r.trim()).filter(Boolean);
    if (!reasons.length) throw failure('invalid_input', 'intake.noReason');
    const name = raw.ChuHoSo?.trim();
    if (!name) throw failure('invalid_input', 'intake.noApplicant');
    const at = toVietnamRfc3339(this.#now());
    const { id, model } = await this.#d.store.exec('intake.turnBack', (db) =>
      db.transaction(() => {
        const unit = requireThisCounter(db);
        const proc = requireProcedure(db, raw.MaTTHC);
        const id = insertTurnBack(db, {
          form: raw.form,
          maTthc: proc.maTthc,
          tenTthc: proc.tenTthc,
          unitCode: unit.unitCode,
          counterId: unit.counterId,
          officerId: actor.officerId,
          applicantName: name,
          idNumber: raw.SoGiayToChuHoSo ?? null,
          address: raw.DiaChiChuHoSo ?? null,
          phone: raw.SoDienThoai ?? null,
          reasons,
          reason: raw.reason?.trim() || null,
          at,
        });
        appendAudit(db, { actor: actor.officerId, action: raw.form === '02' ? 'intake.supplementRequested' : 'intake.refused', subject: `turn_back:${id}`, details: { procedure: proc.maTthc } }, at);
        const model = turnBackModel(db, {
          form: raw.form,
          at,
          applicant: { name, address: raw.DiaChiChuHoSo ?? null, phone: raw.SoDienThoai ?? null },
          procedure: { code: proc.maTthc, name: proc.tenTthc },
          reasons,
          reason: raw.reason?.trim() || null,
          officerId: actor.officerId,
        });
        return { id, model };
      })(),
    );
    const pdfPath = join(this.#d.receiptsDir, `mau-${raw.form}-${id}.pdf`);
    await this.#d.docs.write(pdfPath, await this.#pdf.render({ kind: 'turnBack', model }));
    await this.#d.store.exec('intake.turnBackPdf', (db) => setTurnBackPdf(db, id, pdfPath));
    return { id, pdfPath };
  }

  /** What the screen shows before saving: the receipt time and the due date it would get now. */
  previewDue(maTthc: string): Promise<{ receivedAt: string; dueAt: string; durationText: string }> {
    return this.#d.store.exec('intake.previewDue', (db) => {
      const p = requireProcedure(db, maTthc);
      const at = this.#now();
      return {
        receivedAt: toVietnamRfc3339(at),
        dueAt: toVietnamRfc3339(loadWorkCalendar(db).dueDate(at, p.duration.value, p.duration.unit, p.duration.sameDayCutoff)),
        durationText: durationText(p.duration),
      };
    });
  }

  detail(code: string): Promise<DossierDetail | null> {
    return this.#d.store.exec('intake.detail', (db) => dossierDetail(db, code.trim()));
  }

  ofDay(day: string): Promise<DossierSummary[]> {
    return this.#d.store.exec('intake.ofDay', (db) => dossiersOfDay(db, day));
  }

  search(text: string, limit = 20): Promise<DossierSummary[]> {
    return this.#d.store.exec('intake.search', (db) => summariesByIds(db, searchDossiers(db, text, limit).map((h) => h.id)));
  }

  applicant(idNumber: string): Promise<{ dossiers: DossierSummary[]; phone: string | null; email: string | null }> {
    return this.#d.store.exec('intake.applicant', (db) => dossiersOfApplicant(db, idNumber));
  }

  // Reads of citizens' data for an officer (the screens and the CLI): audited with who, when and how many,
  // never what was asked for (a name, an ID or a phone typed into search would name the citizen).

  async find(actor: Actor, text: string, limit = 20): Promise<DossierSummary[]> {
    const hits = await this.search(text, limit);
    await this.#d.store.audit({ actor: actor.officerId, action: 'dossier.search', subject: null, details: { results: hits.length } });
    return hits;
  }

  async open(actor: Actor, code: string): Promise<DossierDetail | null> {
    const d = await this.detail(code);
    // The code is the subject only when it exists: a mistyped code could be anything the officer typed.
    await this.#d.store.audit({ actor: actor.officerId, action: 'dossier.open', subject: d ? d.code : null, details: { found: d !== null } });
    return d;
  }

  async reuseApplicant(actor: Actor, idNumber: string): Promise<{ dossiers: DossierSummary[]; phone: string | null; email: string | null }> {
    const r = await this.applicant(idNumber);
    await this.#d.store.audit({ actor: actor.officerId, action: 'applicant.reuse', subject: null, details: { dossiers: r.dossiers.length } });
    return r;
  }
}

const safeFileName = (code: string) => code.replace(/[^0-9A-Za-z.-]/g, '_');
