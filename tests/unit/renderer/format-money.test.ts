import { describe, expect, it } from 'vitest';
import { num, pct, vnd } from '../../../renderer/src/format';

describe('vnd: money as the forms and the counter screens show it', () => {
  it('groups thousands with dots and ends in " đ"', () => {
    expect(vnd(1234567)).toBe('1.234.567 đ');
    expect(vnd(50000)).toBe('50.000 đ');
    expect(vnd(500000)).toBe('500.000 đ');
    expect(vnd(999)).toBe('999 đ');
    expect(vnd(1000)).toBe('1.000 đ');
    expect(vnd(1234567890)).toBe('1.234.567.890 đ');
  });
  it('free procedures show 0 đ, never "-0 đ"', () => {
    expect(vnd(0)).toBe('0 đ');
    expect(vnd(-0)).toBe('0 đ');
  });
  it('a refund (negative) keeps its sign before the grouped digits', () => {
    expect(vnd(-1234567)).toBe('-1.234.567 đ');
  });
  it('whole đồng: the đồng has no subunit, so no decimal comma appears', () => {
    expect(vnd(1234.6)).toBe('1.235 đ');
  });
});

describe('money, numbers and shares in English: the officer’s language, not the forms’', () => {
  it('money in English is grouped with commas and named by its code, VND ("đ" is Vietnamese)', () => {
    expect(vnd(1234567, 'en')).toBe('1,234,567 VND');
    expect(vnd(0, 'en')).toBe('0 VND');
    expect(vnd(-50000, 'en')).toBe('-50,000 VND');
    expect(vnd(50000, 'vi')).toBe('50.000 đ');
  });
  it('a share keeps one decimal at most, with the language’s decimal mark', () => {
    expect(pct(66.7, 'en')).toBe('66.7%');
    expect(pct(66.7, 'vi')).toBe('66,7%');
    expect(pct(100, 'en')).toBe('100%');
    expect(pct(87.25, 'en')).toBe('87.3%');
    expect(num(12345.5, 'en', 1)).toBe('12,345.5');
    expect(num(12345.5, 'vi', 1)).toBe('12.345,5');
    expect(num(-0.01, 'en', 1)).toBe('0');
  });
});
