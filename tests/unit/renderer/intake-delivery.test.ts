import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../../electron/common/domain/procedure';
import { applicantFromCard, EMPTY_APPLICANT, receiveRequest, withField } from '../../../renderer/src/sections/intake/draft';

const ADDRESS = 'Thôn Nà Sài, Xã Phú Linh, Huyện Vị Xuyên, Tỉnh Hà Giang';
const card = { SoDinhDanh: '001090123456', SoCMND: null, HoTen: 'Nguyễn Văn Đức', NgaySinh: '1990-01-01', GioiTinh: 'Nam', NoiThuongTru: ADDRESS, NgayCap: '2021-04-15' } as unknown as Parameters<typeof applicantFromCard>[1];
const procedure = { maTthc: '1.001193' } as Procedure;

describe('intake draft: channel and return method (issue #14)', () => {
  it('defaults to in person and at the counter, and sends no postal address then', () => {
    const { draft } = receiveRequest(procedure, { ...EMPTY_APPLICANT, ChuHoSo: 'A', DiaChiChuHoSo: ADDRESS }, new Set(), new Set(), []);
    expect(draft).toMatchObject({ KenhThucHien: '1', HinhThuc: '0', DiaChiNhanKetQua: null });
  });

  it('a postal return is prefilled from the applicant address (typed or scanned) and stays editable', () => {
    let a = withField({ ...EMPTY_APPLICANT, DiaChiChuHoSo: ADDRESS }, 'HinhThuc', '1');
    expect(a.DiaChiNhanKetQua).toBe(ADDRESS);
    a = withField(a, 'DiaChiNhanKetQua', 'Số 3 Lê Lợi');
    a = withField(a, 'KenhThucHien', '3');
    expect(receiveRequest(procedure, a, new Set(), new Set(), []).draft).toMatchObject({ KenhThucHien: '3', HinhThuc: '1', DiaChiNhanKetQua: 'Số 3 Lê Lợi' });
    // Chosen before the card is scanned: the card's address fills it.
    const scanned = applicantFromCard(withField(EMPTY_APPLICANT, 'HinhThuc', '1'), card, { phone: null, email: null });
    expect(scanned.DiaChiNhanKetQua).toBe(ADDRESS);
  });
});
