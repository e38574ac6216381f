import { resolve } from 'node:path';
import { parseCccdQr } from '../../common/domain/cccd';
import { intakeImportSchema, parseNationalTime, type IntakeDraft } from '../../common/domain/intake';
import { issueDetail } from '../../common/domain/zod-locale';
import { failure } from '../../common/ipc/result';

export interface ImportedDraft {
  readonly draft: IntakeDraft;
  readonly attachments: ReadonlyArray<{ path: string; documentCode: string | null }>;
  readonly receivedAt: Date | null;
}

/**
 * A dossier from a JSON file (`motcua intake --json`, data migration), validated once: the raw
 * CCCD QR becomes the applicant, attachment paths are resolved against the file's folder, and a
 * receipt time is parsed (whether a past one is allowed is the intake service's decision).
 */
export function draftFromImport(raw: unknown, baseDir: string): ImportedDraft {
  const parsed = intakeImportSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map(issueDetail);
    // The JSON's own field names are what its author must fix; zod's reasons follow as they are.
    const params = { count: details.length, fields: details.map((d) => d.path || '(gốc)').join(', '), problems: details.map((d) => d.message).join(' ') };
    throw failure('invalid_input', 'import.invalid', params, details);
  }
  const { cccd, attachments, NgayTiepNhan, ...fields } = parsed.data;
  let draft: IntakeDraft = fields;
  if (cccd) {
    const c = parseCccdQr(cccd);
    if (!c.ok) throw failure('invalid_input', 'import.badCccd', { reason: c.reason }, [{ path: 'cccd', message: c.error, ...c.reason }]);
    draft = {
      ...fields,
      LoaiDoiTuong: '1',
      ChuHoSo: c.value.HoTen,
      SoGiayToChuHoSo: c.value.SoDinhDanh,
      NgaySinhChuHoSo: c.value.NgaySinh,
      GioiTinhChuHoSo: c.value.GioiTinh,
      DiaChiChuHoSo: fields.DiaChiChuHoSo ?? c.value.NoiThuongTru,
      NgayCapGiayTo: c.value.NgayCap,
    };
  }
  let receivedAt: Date | null = null;
  if (NgayTiepNhan) {
    receivedAt = parseNationalTime(NgayTiepNhan);
    if (!receivedAt) throw failure('invalid_input', 'import.badTime', { value: NgayTiepNhan });
  }
  return {
    draft,
    attachments: attachments.map((a) => (typeof a === 'string' ? { path: resolve(baseDir, a), documentCode: null } : { path: resolve(baseDir, a.path), documentCode: a.MaThanhPhanHoSo ?? null })),
    receivedAt,
  };
}
