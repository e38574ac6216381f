import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseVnDate, vnDate, vnDateTime, vnStamp, vnTime } from '../../../electron/common/domain/vn-format';
import '../../../electron/common/domain/zod-locale';

describe('Vietnamese dates: dd/mm/yyyy in, dd/mm/yyyy and HH:mm out, Vietnam time', () => {
  it('"08/12/1985" is 8 December 1985, in every spelling a counter types', () => {
    expect(parseVnDate('08/12/1985')).toBe('1985-12-08');
    expect(parseVnDate('8/12/1985')).toBe('1985-12-08');
    expect(parseVnDate('08.12.1985')).toBe('1985-12-08');
    expect(parseVnDate('08-12-1985')).toBe('1985-12-08');
    expect(parseVnDate('08121985')).toBe('1985-12-08');
  });
  it('refuses what is not a real day', () => {
    expect(parseVnDate('12/31/1985')).toBeNull(); // an American month/day order
    expect(parseVnDate('29/02/2023')).toBeNull();
    expect(parseVnDate('29/02/2024')).toBe('2024-02-29');
    expect(parseVnDate('31/04/2020')).toBeNull();
    expect(parseVnDate('1985-12-08')).toBeNull();
    expect(parseVnDate('08/12/85')).toBeNull();
    expect(parseVnDate('')).toBeNull();
  });
  it('shows stored dates and times as dd/mm/yyyy and HH:mm in Vietnam time, whatever their zone', () => {
    expect(vnDate('1985-12-08')).toBe('08/12/1985');
    expect(vnDateTime('2026-11-30T17:41:38+07:00')).toBe('17:41 30/11/2026');
    // 20:30 UTC is 03:30 the next day in Hà Nội.
    expect(vnDateTime('2026-11-30T20:30:00.000Z')).toBe('03:30 01/12/2026');
    expect(vnDateTime('2026-11-30T10:30:00+00:00')).toBe('17:30 30/11/2026');
    expect(vnTime('2026-11-30T08:05:00+07:00')).toBe('08:05');
    expect(vnDateTime('2026-11-30')).toBe('30/11/2026');
    expect(vnStamp(new Date('2026-11-30T10:41:38Z'))).toBe('30/11/2026 17:41:38 (GMT+7)');
  });
});

describe('form limits in plain Vietnamese', () => {
  it('never zod\'s wording with types and operators', () => {
    const s = z.object({ u: z.string().trim().min(3), n: z.string().min(1), big: z.string().max(5), p: z.string().min(8, 'Mật khẩu ít nhất 8 ký tự.'), missing: z.string() });
    const r = s.safeParse({ u: 'ab', n: '', big: 'abcdefgh', p: 'x' });
    expect(r.success).toBe(false);
    expect(Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      u: 'Cần ít nhất 3 ký tự.',
      n: 'Chưa nhập.',
      big: 'Dài quá: tối đa 5 ký tự.',
      p: 'Mật khẩu ít nhất 8 ký tự.',
      missing: 'Chưa nhập.',
    });
  });
});
