import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardExpiryWarning, cardValidUntil, checkPersonalId, parseCccdQr, parseDdMmYyyy, personalIdMismatches } from '../../../electron/common/domain/cccd';
import { formatError, type KeyedText } from '../../../electron/common/ipc/error-messages';

const vietnamese = (ws: readonly KeyedText[]) => ws.map((w) => formatError(w.key, w.params, 'vi'));

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
    ['999090123456|012345678|A|01011990|Nam|x|15042021', /mã tỉnh/],
  ])('%j is refused: %s', (payload, reason) => {
    const r = parseCccdQr(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });

  it('reads a card whose ID digits disagree with its birth data (corrected after the number was issued): a warning, not a refusal', () => {
    const year = parseCccdQr('001090123456|012345678|Lê Văn An|01011991|Nam|x|15042021');
    expect(year.ok).toBe(true);
    if (year.ok) expect(vietnamese(personalIdMismatches(year.value.SoDinhDanh, year.value.NgaySinh, year.value.GioiTinh))).toEqual([expect.stringMatching(/năm sinh 1990, khác năm sinh 1991/)]);
    const sex = parseCccdQr('001090123456|012345678|Lê An|01011990|Nữ|x|15042021');
    expect(sex.ok).toBe(true);
    if (sex.ok) expect(vietnamese(personalIdMismatches(sex.value.SoDinhDanh, sex.value.NgaySinh, sex.value.GioiTinh))).toEqual([expect.stringMatching(/giới tính Nam, khác giới tính Nữ/)]);
  });

  it('keeps the old CMND as the old number only, never as the ID', () => {
    const r = parseCccdQr(GOOD);
    expect(r.ok && [r.value.SoDinhDanh, r.value.SoCMND]).toEqual(['001090123456', '012345678']);
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
  it('refuses only IDs that cannot exist; century/sex/year digits against the birth data are warnings', () => {
    expect(checkPersonalId('079303001234')).toBeNull();
    const words = (id: string, locale: 'vi' | 'en') => {
      const r = checkPersonalId(id);
      return r ? formatError(r.key, r.params, locale) : null;
    };
    expect(words('12345', 'vi')).toMatch(/12 chữ số/);
    expect(words('097303001234', 'vi')).toMatch(/mã tỉnh 097/);
    expect(words('12345', 'en')).toBe('The personal ID number must have exactly 12 digits.');
    expect(words('097303001234', 'en')).toBe('ID number 097303001234 has an invalid province code 097 (001–096).');
    expect(vietnamese(personalIdMismatches('079303001234', '2003-05-05', 'Nữ'))).toEqual([]);
    expect(vietnamese(personalIdMismatches('079203001234', '2003-05-05', 'Nam'))).toEqual([]);
    expect(vietnamese(personalIdMismatches('079203001234', '2003-05-05', 'Nữ'))).toEqual([expect.stringMatching(/giới tính/)]);
    expect(vietnamese(personalIdMismatches('079203001234', '2004-05-05', 'Nam'))).toEqual([expect.stringMatching(/năm sinh 2003, khác năm sinh 2004/)]);
    expect(personalIdMismatches('079203001234', '2004-05-05', 'Nữ')).toHaveLength(2);
    expect(vietnamese(personalIdMismatches('12345', '2004-05-05', 'Nữ'))).toEqual([]); // refused elsewhere, not warned twice
  });
});

describe('card expiry (Luật Căn cước 2023 Điều 21: renewal at 14, 25, 40 and 60; issued within 2 years before, valid to the next age)', () => {
  it('is the next renewal birthday, skipping one that is less than two years away at issue', () => {
    expect(cardValidUntil('1990-01-01', '2021-04-15')).toEqual({ date: '2030-01-01', age: 40 });
    expect(cardValidUntil('1990-01-01', '2012-12-31')).toEqual({ date: '2015-01-01', age: 25 });
    expect(cardValidUntil('1990-01-01', '2013-01-01')).toEqual({ date: '2030-01-01', age: 40 }); // 23: within 2 years of 25
    expect(cardValidUntil('2015-03-01', '2024-08-01')).toEqual({ date: '2029-03-01', age: 14 }); // a child's card
    expect(cardValidUntil('1960-06-10', '2018-06-10')).toBeNull(); // from 58 on: no end
    expect(cardValidUntil('2004-02-29', '2021-01-01')).toEqual({ date: '2029-02-28', age: 25 }); // no 29/2 in 2029
  });

  it('warns on an expired card, not on the last valid day nor without an issue date', () => {
    expect(vietnamese([cardExpiryWarning('1990-01-01', '2010-01-01', '2026-11-30')!])[0]).toMatch(/01\/01\/2015.*25 tuổi.*Luật Căn cước 2023, Điều 21.*hết hạn/);
    expect(cardExpiryWarning('1990-01-01', '2010-01-01', '2015-01-01')).toBeNull();
    expect(vietnamese([cardExpiryWarning('1990-01-01', '2010-01-01', '2015-01-02')!])[0]).toMatch(/hết hạn/);
    expect(formatError('cccd.expired', cardExpiryWarning('1990-01-01', '2010-01-01', '2015-01-02')!.params, 'en')).toBe(
      'The ID card issued on 01/01/2010 was valid only until 01/01/2015 (it must be renewed at age 25 — Law on Identification 2023, Article 21): the card has expired; guide the citizen to renew it.',
    );
    const sexWarning = personalIdMismatches('079203001234', '2003-05-05', 'Nữ')[0]!;
    expect(formatError(sexWarning.key, sexWarning.params, 'en')).toMatch(/^ID number 079203001234 encodes sex male, not female: check the card/);
    expect(cardExpiryWarning('1990-01-01', '2021-04-15', '2026-11-30')).toBeNull();
    expect(cardExpiryWarning('1990-01-01', null, '2026-11-30')).toBeNull();
    expect(cardExpiryWarning('1990-01-01', '2031-01-01', '2026-11-30')).toBeNull(); // issued in the future: a misread, not an expiry
  });
});
