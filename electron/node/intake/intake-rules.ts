import type { IntakeDraft } from '../../common/domain/intake';
import type { FeeTiming, Procedure } from '../../common/domain/procedure';
import { failure } from '../../common/ipc/result';

/** The documents the officer ticked, checked against the procedure: required ones missing means Mẫu 02, not a receipt. */
export function resolveDocuments(proc: Procedure, d: IntakeDraft): Array<{ code: string; name: string; originals: number; copies: number }> {
  const picked = new Map<string, { originals?: number | undefined; copies?: number | undefined }>();
  for (const t of d.TaiLieuNop) {
    const code = typeof t === 'string' ? t : t.MaThanhPhanHoSo;
    if (!proc.documents.some((x) => x.code === code)) {
      throw failure('invalid_input', 'intake.docNotInProcedure', { code, procedure: proc.maTthc });
    }
    picked.set(code, typeof t === 'string' ? {} : { originals: t.SoBanChinh, copies: t.SoBanSao });
  }
  const missing = proc.documents.filter((x) => x.required && !picked.has(x.code));
  if (missing.length) {
    throw failure('invalid_input', 'intake.missingDocuments', { documents: missing.map((m) => m.name).join('; ') });
  }
  return proc.documents
    .filter((x) => picked.has(x.code))
    .map((x) => {
      const p = picked.get(x.code)!;
      return { code: x.code, name: x.name, originals: p.originals ?? x.originals, copies: p.copies ?? x.copies };
    });
}

/** Fees from the catalog; an amount given by the officer (fee varies by case) replaces the listed one. */
export function resolveFees(proc: Procedure, d: IntakeDraft): Array<{ code: string; name: string; amountVnd: number; kind: string | null; timing: FeeTiming }> {
  const out: Array<{ code: string; name: string; amountVnd: number; kind: string | null; timing: FeeTiming }> = [];
  for (const f of d.DanhSachLePhi) {
    const code = typeof f === 'string' ? f : f.MaPhiLePhi;
    const known = proc.fees.find((x) => x.code === code);
    if (!known) throw failure('invalid_input', 'intake.feeNotInProcedure', { code, procedure: proc.maTthc });
    let amount = known.amountVnd;
    if (typeof f !== 'string' && f.Gia !== undefined) {
      const n = Number(f.Gia);
      if (!Number.isFinite(n) || n < 0) throw failure('invalid_input', 'intake.feeAmount', { code });
      amount = Math.round(n);
    }
    if (out.some((x) => x.code === code)) continue;
    out.push({ code, name: known.name, amountVnd: amount, kind: known.kind, timing: known.timing ?? 'TiepNhan' });
  }
  return out;
}


/**
 * A postal return goes to the address the applicant gave for it, else to the applicant's own
 * (the card's, as read); with neither there is nowhere to post to.
 */
export function postalAddressOf(d: Pick<IntakeDraft, 'HinhThuc' | 'DiaChiNhanKetQua' | 'DiaChiChuHoSo'>): string | null {
  if (d.HinhThuc !== '1') return null;
  const address = d.DiaChiNhanKetQua ?? d.DiaChiChuHoSo ?? null;
  if (!address) throw failure('invalid_input', 'intake.noPostalAddress');
  return address;
}
