import { describe, expect, it } from 'vitest';
import { catalogProcedureSchema, durationText } from '../../../electron/common/domain/procedure';

describe('TrongNgay in the catalog (contract §2, NĐ 23/2015 Điều 7 khoản 1)', () => {
  const item = (t: Record<string, unknown>) => ({ MaTTHC: '2.000815', TenTTHC: 'Chứng thực bản sao', ThoiHanGiaiQuyet: t });

  it('accepts TrongNgay with its cut-off, 15:00 when the catalog gives none, and needs no amount', () => {
    expect(catalogProcedureSchema.parse(item({ DonViTinh: 'TrongNgay', GioCatNgay: '16:30' })).ThoiHanGiaiQuyet).toEqual({ SoLuong: 0, DonViTinh: 'TrongNgay', GioCatNgay: '16:30' });
    expect(catalogProcedureSchema.parse(item({ SoLuong: '1', DonViTinh: 'TrongNgay' })).ThoiHanGiaiQuyet).toEqual({ SoLuong: 1, DonViTinh: 'TrongNgay', GioCatNgay: '15:00' });
    expect(catalogProcedureSchema.parse(item({ SoLuong: '2', DonViTinh: 'NgayLamViec', GioCatNgay: '15:00' })).ThoiHanGiaiQuyet).toEqual({ SoLuong: 2, DonViTinh: 'NgayLamViec', GioCatNgay: null });
  });

  it('refuses a malformed cut-off and a missing amount for the other units', () => {
    expect(catalogProcedureSchema.safeParse(item({ DonViTinh: 'TrongNgay', GioCatNgay: '3pm' })).error?.issues[0]?.message).toMatch(/GioCatNgay.*HH:mm/);
    expect(catalogProcedureSchema.safeParse(item({ DonViTinh: 'NgayLamViec' })).error?.issues[0]?.message).toMatch(/SoLuong/);
  });

  it('prints the duration as Mẫu 01 states it', () => {
    expect(durationText({ value: 0, unit: 'TrongNgay', sameDayCutoff: '15:00' })).toBe('trong ngày (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)');
    expect(durationText({ value: 0, unit: 'TrongNgay', sameDayCutoff: '16:30' })).toMatch(/sau 16 giờ 30/);
    expect(durationText({ value: 1.5, unit: 'NgayLamViec', sameDayCutoff: null })).toBe('1,5 ngày làm việc');
  });
});
