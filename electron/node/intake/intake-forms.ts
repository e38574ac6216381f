import type Database from 'better-sqlite3';
import { durationText } from '../../common/domain/procedure';
import type { ReceiptModel, TurnBackModel } from '../../common/domain/receipt';
import { failure } from '../../common/ipc/result';
import { procedureDuration } from '../catalog/catalog-repo';
import { officerDisplay } from '../officers/officer-repo';
import { unitPresentation } from '../unit/unit-repo';
import { currentUnitsOf } from '../address/current-units';
import { deliveryOf } from './delivery-repo';
import { dossierDetail } from './dossier-repo';

/**
 * Mẫu 01 as printed (A5 and thermal): the officer named on it is the one who received the
 * dossier, whoever prints or reprints it later.
 */
export function receiptModel(db: Database.Database, code: string, reprint: boolean): ReceiptModel {
  const d = dossierDetail(db, code);
  if (!d) throw failure('not_found', 'dossier.notFound', { code });
  const duration = procedureDuration(db, d.procedureCode);
  const unit = unitPresentation(db);
  const delivery = deliveryOf(db, d.id);
  return {
    unitName: unit.unitName,
    unitCode: unit.unitCode,
    deskName: unit.deskName,
    place: unit.place,
    code: d.code,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    applicant: { name: d.applicantName, idNumber: d.idNumber, address: d.address, phone: d.phone, email: d.email, currentUnits: currentUnitsOf(db, d.address).text },
    procedure: {
      code: d.procedureCode,
      name: d.procedureName,
      durationText: duration ? durationText(duration) : '…',
    },
    documents: d.documents.map((x) => ({ name: x.name, originals: x.originals, copies: x.copies })),
    sets: d.sets,
    fees: d.fees.map((f) => ({ name: f.name, amountVnd: f.amountVnd })),
    totalFeesVnd: d.fees.reduce((s, f) => s + f.amountVnd, 0),
    officer: officerDisplay(db, d.officerId),
    counterId: d.counterId,
    returnAt: delivery.method === '1' ? `Qua dịch vụ bưu chính công ích, địa chỉ: ${delivery.postalAddress ?? ''}` : `${unit.deskName} — ${unit.unitName}`,
    lookupHint: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công hoặc quét mã QR trên giấy này.',
    reprint,
    logNumber: d.logNumber,
  };
}

/** Mẫu 02 / 03 as printed, signed by the officer who wrote it. */
export function turnBackModel(
  db: Database.Database,
  t: { form: '02' | '03'; at: string; applicant: { name: string; address: string | null; phone: string | null }; procedure: { code: string; name: string }; reasons: string[]; reason?: string | null; officerId: string },
): TurnBackModel {
  const u = unitPresentation(db);
  return {
    form: t.form,
    unitName: u.unitName,
    deskName: u.deskName,
    place: u.place,
    at: t.at,
    applicant: t.applicant,
    procedure: t.procedure,
    reasons: t.reasons,
    reason: t.reason ?? null,
    officer: officerDisplay(db, t.officerId),
    contactPhone: u.phone,
  };
}
