import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPersonalId, parseCccdQr, parseDdMmYyyy } from '../../../electron/common/domain/cccd';

const GOOD = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

describe('parseCccdQr', () => {
  it('reads the 7 standard fields', () => {
    expect(parseCccdQr(GOOD)).toEqual({
      ok: true,
      value: {
        SoDinhDanh: '001090123456',
        SoCMND: '012345678',
        HoTen: 'Nguyễn Văn Đức',
        NgaySinh: '1990-01-01',
        GioiTinh: 'Nam',
        NoiThuongTru: 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
        NgayCap: '2021-04-15',
        extra: [],
      },
    });
  });

  it('accepts an empty old-ID field, the 6-field variant and extra trailing fields', () => {
    const empty = parseCccdQr('079304001234||TRẦN THỊ BÌNH|29022004|Nữ|Xã A, Huyện B|01012021');
    expect(empty.ok && empty.value.SoCMND).toBeNull();
    expect(empty.ok && empty.value.NgaySinh).toBe('2004-02-29');
    const six = parseCccdQr('079304001234|TRẦN THỊ BÌNH|29022004|Nữ|Xã A, Huyện B|01012021');
    expect(six.ok && six.value.HoTen).toBe('TRẦN THỊ BÌNH');
    const extra = parseCccdQr(`${GOOD}|31122040|X`);
    expect(extra.ok && extra.value.extra).toEqual(['31122040', 'X']);
    const crlf = parseCccdQr(`${GOOD}\r\n`);
    expect(crlf.ok).toBe(true);
  });

  it('normalises decomposed Unicode (NFD from some scanners) to NFC', () => {
    const r = parseCccdQr(GOOD.normalize('NFD'));
    expect(r.ok && r.value.HoTen).toBe('Nguyễn Văn Đức');
    expect(r.ok && r.value.HoTen === r.value.HoTen.normalize('NFC')).toBe(true);
    const nu = parseCccdQr('079304001234||A|29022004|N\u01b0\u0303|x|01012021'.replace('N\u01b0\u0303', 'Nữ'.normalize('NFD')));
    expect(nu.ok && nu.value.GioiTinh).toBe('Nữ');
  });

  it.each([
    ['', /trống/],
    ['hello world', /không phải của căn cước/],
    ['001090123456|012345678|A|01011990', /7 trường/],
    ['00109012345|012345678|A|01011990|Nam|x|15042021', /12 chữ số/],
    ['001090123456|0123|A|01011990|Nam|x|15042021', /CMND cũ/],
    ['001090123456|012345678||01011990|Nam|x|15042021', /họ và tên/],
    ['001090123456|012345678|A|31021990|Nam|x|15042021', /Ngày sinh/],
    ['001090123456|012345678|A|01011990|Khác|x|15042021', /Giới tính/],
    ['001090123456|012345678|A|01011990|Nam|x|1504202', /Ngày cấp/],
    ['001090123456|012345678|A|01011990|Nam|x|01011980', /trước ngày sinh/],
    ['001090123456|012345678|A|01011991|Nam|x|15042021', /năm sinh/],
    ['001090123456|012345678|A|01011990|Nữ|x|15042021', /giới tính/],
    ['999090123456|012345678|A|01011990|Nam|x|15042021', /mã tỉnh/],
  ])('%j is refused: %s', (payload, reason) => {
    const r = parseCccdQr(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });

  it('never throws and never returns half a record, whatever it is fed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = parseCccdQr(s);
        if (r.ok) {
          expect(r.value.SoDinhDanh).toMatch(/^\d{12}$/);
          expect(r.value.NgaySinh).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } else expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ID and date helpers', () => {
  it('validates ddMMyyyy including leap years', () => {
    expect(parseDdMmYyyy('29022024')).toBe('2024-02-29');
    expect(parseDdMmYyyy('29022023')).toBeNull();
    expect(parseDdMmYyyy('00012020')).toBeNull();
    expect(parseDdMmYyyy('01132020')).toBeNull();
  });
  it('checks century/sex digit and year of the personal ID', () => {
    expect(checkPersonalId('079303001234', '2003-05-05', 'Nữ')).toBeNull();
    expect(checkPersonalId('079203001234', '2003-05-05', 'Nam')).toBeNull();
    expect(checkPersonalId('079203001234', '2003-05-05', 'Nữ')).toMatch(/giới tính/);
    expect(checkPersonalId('12345')).toMatch(/12 chữ số/);
  });
});
