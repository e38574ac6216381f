import { describe, expect, it } from 'vitest';
import { formatError, type KeyedText } from '../../../electron/common/ipc/error-messages';
import { applicantWarnings, intakeDraftSchema, intakeImportSchema } from '../../../electron/common/domain/intake';

const vietnamese = (ws: readonly KeyedText[]) => ws.map((w) => formatError(w.key, w.params, 'vi'));

const person = { MaTTHC: '1.001193', LoaiDoiTuong: '1', ChuHoSo: 'Nguyễn Văn Đức' } as const;
const messages = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (r.error?.issues ?? []).map((i) => i.message).join(' ');

describe("the applicant's ID (Luật Căn cước 2023)", () => {
  it('refuses a 9-digit Chứng minh nhân dân as a citizen\'s ID, with the legal reason (Điều 46: not valid from 01/01/2025)', () => {
    for (const schema of [intakeDraftSchema, intakeImportSchema]) {
      const r = schema.safeParse({ ...person, SoGiayToChuHoSo: '012345678' });
      expect(r.success).toBe(false);
      expect(messages(r)).toMatch(/Chứng minh nhân dân.*01\/01\/2025.*Luật Căn cước 2023, Điều 46.*12 chữ số/);
    }
  });

  it('accepts it on a dossier migrated from before 2025, when the CMND was still valid', () => {
    expect(intakeImportSchema.safeParse({ ...person, SoGiayToChuHoSo: '012345678', NgayTiepNhan: '20241231160000' }).success).toBe(true);
    expect(intakeImportSchema.safeParse({ ...person, SoGiayToChuHoSo: '012345678', NgayTiepNhan: '20250102090000' }).success).toBe(false);
  });

  it('leaves organisations alone: their number is no personal ID', () => {
    expect(intakeDraftSchema.safeParse({ MaTTHC: 'x', LoaiDoiTuong: '2', ChuHoSo: 'Công ty A', SoGiayToChuHoSo: '010123456' }).success).toBe(true);
  });

  it('accepts a 12-digit ID whose digits disagree with the birth data, and warns instead', () => {
    const r = intakeDraftSchema.safeParse({ ...person, SoGiayToChuHoSo: '001090123456', NgaySinhChuHoSo: '19910101', GioiTinhChuHoSo: 'Nữ' });
    expect(r.success, messages(r)).toBe(true);
    expect(vietnamese(applicantWarnings(r.data!, '2026-11-30'))).toEqual([expect.stringMatching(/năm sinh 1990, khác năm sinh 1991/), expect.stringMatching(/giới tính Nam, khác giới tính Nữ/)]);
    // An ID that cannot exist is still refused.
    expect(messages(intakeDraftSchema.safeParse({ ...person, SoGiayToChuHoSo: '999090123456' }))).toMatch(/mã tỉnh/);
  });

  it('warns on an expired card from its issue date (QR yyyy-MM-dd, typed yyyyMMdd or dd/MM/yyyy); none when it is valid', () => {
    const base = { LoaiDoiTuong: '1', SoGiayToChuHoSo: '001090123456', NgaySinhChuHoSo: '1990-01-01', GioiTinhChuHoSo: 'Nam' } as const;
    for (const issued of ['2010-01-01', '20100101', '01/01/2010']) {
      expect(vietnamese(applicantWarnings({ ...base, NgayCapGiayTo: issued }, '2026-11-30')), issued).toEqual([expect.stringMatching(/hết hạn/)]);
    }
    expect(applicantWarnings({ ...base, NgayCapGiayTo: '2021-04-15' }, '2026-11-30')).toEqual([]);
    expect(applicantWarnings({ ...base, NgayCapGiayTo: null }, '2026-11-30')).toEqual([]);
    expect(applicantWarnings({ ...base, LoaiDoiTuong: '2', NgayCapGiayTo: '2010-01-01' }, '2026-11-30')).toEqual([]);
  });
});
