import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Actor } from '../../common/domain/actor';
import { STATUS_LABEL } from '../../common/domain/dossier';
import { applicableForms, formIdSchema, formInputSchema, timeliness, type ControlStep, type FormChoice, type FormId, type FormInput } from '../../common/domain/forms';
import { toVietnamRfc3339, vietnamDate } from '../../common/domain/time';
import { AppFailure, failure } from '../../common/ipc/result';
import type { PdfJob, PdfRenderer } from '../documents/pdf-renderer';
import type { DocumentVault } from '../files/document-vault';
import { dossierDetail, requireDossierId } from '../intake/dossier-repo';
import { receiptModel, turnBackModel } from '../intake/intake-forms';
import type { IntakeService } from '../intake/intake-service';
import { officerDisplay } from '../officers/officer-repo';
import { dailyReport } from '../reports/report-repo';
import { appendAudit } from '../store/audit';
import type { SqliteStore } from '../store/sqlite-store';
import { unitPresentation } from '../unit/unit-repo';
import { dossierReturnedAt, feedTimes, insertFormNotice, latestFormNotice, procedureAgencies, turnBacksOfDossier, writtenNotices } from './form-repo';

export interface FormDeps {
  readonly store: SqliteStore;
  readonly intake: IntakeService;
  readonly pdf: PdfRenderer;
  /** Every form is kept sealed, like the receipt. */
  readonly docs: DocumentVault;
  /** Where the receipt is kept: every form of a dossier lies beside it and follows how it is stored. */
  readonly formsDir: string;
  readonly now: () => Date;
}

const safe = (code: string) => code.replace(/[^0-9A-Za-z.-]/g, '_');

function requireDetail(db: Database.Database, code: string) {
  const d = dossierDetail(db, code.trim());
  if (!d) throw failure('not_found', 'dossier.notFound', { code: code.trim() });
  return d;
}

/**
 * The forms of a dossier (TT 03/2025 Mẫu 01–07), printed and reprinted from the Hồ sơ screen and
 * `motcua form pdf`. Mẫu 04 and 05 record what the officer wrote (its own table, audited by length);
 * every print is audited as a read of the citizen's data.
 */
export class FormService {
  constructor(private readonly d: FormDeps) {}

  /** The forms that apply to the dossier now (see applicableForms). */
  available(code: string): Promise<FormChoice[]> {
    const nowIso = toVietnamRfc3339(this.d.now());
    return this.d.store.exec('forms.available', (db) => {
      const d = requireDetail(db, code);
      const feed = feedTimes(db, [d.code]).get(d.code);
      const open = ['1', '2', '4', '5', '6'].includes(d.status) && !d.voided;
      return applicableForms({
        turnBacks: turnBacksOfDossier(db, d).map((t) => t.form),
        overdue: open && d.dueAt !== null && Date.parse(d.dueAt) < Date.parse(nowIso),
        dueMoved: Boolean(feed?.dueAt && d.dueAt && Date.parse(feed.dueAt) !== Date.parse(d.dueAt)),
        written: writtenNotices(db, d.id),
      });
    });
  }

  /** Renders form `mau` of the dossier into a new PDF beside its receipt; returns its path. */
  async write(actor: Actor, code: string, mau: string, raw: FormInput = {}): Promise<string> {
    const form = formIdSchema.safeParse(mau);
    if (!form.success) throw failure('invalid_input', 'form.unknown', { mau });
    const input = formInputSchema.safeParse(raw);
    if (!input.success) throw new AppFailure('invalid_input', input.error.issues.map((i) => i.message).join(' '));
    if (form.data === '01') {
      const exists = await this.d.store.exec('forms.exists', (db) => requireDetail(db, code).code);
      const path = await this.d.intake.receiptPath(actor, exists);
      await this.d.store.audit({ actor: actor.officerId, action: 'form.print', subject: exists, details: { mau: '01' } });
      return path;
    }
    const at = toVietnamRfc3339(this.d.now());
    const { job, dossierCode } = await this.d.store.exec('forms.model', (db) =>
      db.transaction(() => {
        const d = requireDetail(db, code);
        const job = this.#job(db, actor, form.data as Exclude<FormId, '01'>, d, input.data, at);
        appendAudit(db, { actor: actor.officerId, action: 'form.print', subject: d.code, details: { mau: form.data } }, at);
        return { job, dossierCode: d.code };
      })(),
    );
    const path = join(this.d.formsDir, `${safe(dossierCode)}-mau-${form.data}-${Date.now()}.pdf`);
    await this.d.docs.write(path, await this.d.pdf.render(job));
    return path;
  }

  #job(db: Database.Database, actor: Actor, mau: Exclude<FormId, '01'>, d: ReturnType<typeof requireDetail>, input: FormInput, at: string): PdfJob {
    const unit = unitPresentation(db);
    const head = { unitName: unit.unitName, deskName: unit.deskName, place: unit.place, at, code: d.code };
    const applicant = { name: d.applicantName, address: d.address };
    switch (mau) {
      case '02':
      case '03': {
        const t = turnBacksOfDossier(db, d).find((x) => x.form === mau);
        if (!t) throw failure('not_found', 'form.noTurnBack', { code: d.code, mau });
        const model = turnBackModel(db, {
          form: mau,
          at: t.at,
          applicant: { name: t.applicantName, address: t.address, phone: t.phone },
          procedure: { code: t.maTthc, name: t.tenTthc },
          reasons: t.reasons,
          reason: t.reason,
          officerId: t.officerId,
        });
        return { kind: 'turnBack', model };
      }
      case '04': {
        const notice = this.#notice(db, actor, d, '04', input, at) ?? latestFormNotice(db, d.id, '04');
        if (!notice?.newDueAt) throw failure('invalid_input', 'form.needsReasonAndDate');
        return {
          kind: 'delayNotice',
          model: { ...head, at: notice.at, applicant, procedure: d.procedureName, receivedAt: d.receivedAt, dueAt: d.dueAt, reason: notice.reason, newDueAt: notice.newDueAt, officer: officerDisplay(db, notice.officerId) },
        };
      }
      case '05': {
        const notice = this.#notice(db, actor, d, '05', input, at) ?? latestFormNotice(db, d.id, '05');
        const feed = feedTimes(db, [d.code]).get(d.code);
        const reason = notice?.reason ?? (d.status === '8' ? feed?.note ?? null : null);
        return {
          kind: 'stopNotice',
          model: { ...head, applicant, procedure: d.procedureName, receivedAt: d.receivedAt, stage: STATUS_LABEL[d.status] ?? d.status, reason, officer: officerDisplay(db, notice?.officerId ?? actor.officerId) },
        };
      }
      case '06': {
        const agency = procedureAgencies(db, [d.procedureCode]).get(d.procedureCode) ?? null;
        const feed = feedTimes(db, [d.code]).get(d.code);
        const due = feed?.dueAt ?? d.dueAt;
        const returned = dossierReturnedAt(db, d.code);
        const body = agency ?? 'Cơ quan giải quyết';
        const steps: ControlStep[] = [
          { from: unit.deskName, to: body, at: feed?.transferredAt ?? null, result: null, note: '' },
          { from: body, to: unit.deskName, at: feed?.resultReceivedAt ?? null, result: timeliness(feed?.resultReceivedAt ?? null, due), note: feed?.note ?? '' },
          { from: unit.deskName, to: `Ông/Bà ${d.applicantName}`, at: returned, result: timeliness(returned, due), note: returned ? 'Đã trả kết quả' : '' },
        ];
        return {
          kind: 'controlSlip',
          model: { ...head, applicant: d.applicantName, procedure: d.procedureName, agency, receivedAt: d.receivedAt, dueAt: due, steps, officer: officerDisplay(db, actor.officerId) },
          receipt: receiptModel(db, d.code, false),
        };
      }
      case '07': {
        const day = d.receivedAt.slice(0, 10);
        const rows = dailyReport(db, day, { now: at }).log;
        return { kind: 'logBook', model: { unitName: unit.unitName, deskName: unit.deskName, day, officerName: officerDisplay(db, actor.officerId)?.name ?? null, rows } };
      }
    }
  }

  /**
   * A new Mẫu 04 / 05 when the officer wrote one: Mẫu 04 needs the reason and a new day not before
   * today. The text stays in form_notices; the audit row has its length and the new day.
   */
  #notice(db: Database.Database, actor: Actor, d: ReturnType<typeof requireDetail>, form: '04' | '05', input: FormInput, at: string) {
    const reason = input.reason?.trim();
    if (form === '04' && (reason || input.newDueDate) && !(reason && input.newDueDate)) throw failure('invalid_input', 'form.needsReasonAndDate');
    if (!reason) return null;
    let newDueAt: string | null = null;
    if (form === '04') {
      if (input.newDueDate! < vietnamDate(this.d.now())) throw failure('invalid_input', 'form.newDateInPast');
      // The new appointment keeps the time of day of the old one (the close of the working day).
      newDueAt = `${input.newDueDate}T${d.dueAt?.slice(11) ?? '17:00:00+07:00'}`;
    }
    insertFormNotice(db, { dossierId: requireDossierId(db, d.code), form, reason, newDueAt, officerId: actor.officerId, at });
    appendAudit(db, { actor: actor.officerId, action: form === '04' ? 'form.delayNotice' : 'form.stopNotice', subject: d.code, details: { reasonLength: reason.length, ...(newDueAt ? { newDueDate: input.newDueDate } : {}) } }, at);
    return { reason, newDueAt, officerId: actor.officerId, at };
  }
}
