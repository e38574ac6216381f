import { describe, expect, it } from 'vitest';
import { displayDraftSchema, draftState, keypadRating, maskIdNumber, satisfactionOf } from '../../../electron/common/domain/citizen-display';

describe('citizen display rules', () => {
  it('masks all but the last 4 digits of an ID number', () => {
    expect(maskIdNumber('001090123456')).toBe('••••••••3456');
    expect(maskIdNumber('012345678')).toBe('•••••5678');
    expect(maskIdNumber('123')).toBe('•••');
    expect(maskIdNumber('')).toBe('');
  });

  it('builds the display state from a draft: name trimmed, ID masked, fees totalled', () => {
    const s = draftState({ applicantName: '  Lê Thị B ', idNumber: '001090123456', procedure: 'Đăng ký kết hôn', documents: ['Tờ khai'], fees: [{ name: 'Lệ phí', amountVnd: 1_234_567 }], dueAt: null });
    expect(s).toEqual({ phase: 'draft', applicantName: 'Lê Thị B', idMasked: '••••••••3456', procedure: 'Đăng ký kết hôn', documents: ['Tờ khai'], fees: [{ name: 'Lệ phí', amountVnd: 1_234_567 }], feeTotalVnd: 1_234_567, dueAt: null });
    expect(JSON.stringify(s)).not.toContain('001090123456');
  });

  it('refuses a draft with unknown fields or negative fees (strict schema)', () => {
    const ok = { applicantName: 'A', idNumber: '', procedure: null, documents: [], fees: [], dueAt: null };
    expect(displayDraftSchema.safeParse(ok).success).toBe(true);
    expect(displayDraftSchema.safeParse({ ...ok, address: 'x' }).success).toBe(false);
    expect(displayDraftSchema.safeParse({ ...ok, fees: [{ name: 'x', amountVnd: -1 }] }).success).toBe(false);
  });

  it('reads a keypad line: 1..5 only', () => {
    expect(['1', '5', ' 3 ', '\r4'].map(keypadRating)).toEqual([1, 5, 3, 4]);
    expect(['0', '6', '55', 'a', '', '1.5'].map(keypadRating)).toEqual([null, null, null, null, null, null]);
  });

  it('counts satisfaction: ratings 4–5 over all ratings, one decimal; none without ratings', () => {
    expect(satisfactionOf([0, 0, 0, 0, 0])).toEqual({ counts: [0, 0, 0, 0, 0], total: 0, satisfied: 0, satisfiedPct: null });
    expect(satisfactionOf([1, 0, 1, 2, 5])).toEqual({ counts: [1, 0, 1, 2, 5], total: 9, satisfied: 7, satisfiedPct: 77.8 });
    expect(satisfactionOf([0, 0, 0, 1, 9]).satisfiedPct).toBe(100);
  });
});
