import { describe, expect, it } from 'vitest';
import { vnd } from '../../../renderer/src/format';

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
