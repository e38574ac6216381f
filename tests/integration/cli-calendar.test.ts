import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorReportSchema } from '../../electron/common/domain/doctor';
import { cliAdmin, motcua } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('motcua calendar due on the seeded 2026 calendar, TrongNgay, and the calendar in doctor', () => {
  const t = tempDir('motcua-cal-');
  const dd = ['--data-dir', t.dir];
  const due = (...args: string[]) => motcua(['calendar', 'due', ...args, ...dd]);
  let asAdmin: Record<string, string> = {};
  beforeAll(() => {
    asAdmin = cliAdmin(t.dir);
  });
  afterAll(() => t.cleanup());

  it('counts the 2026 swaps: 2/1 and 31/8 off (Công văn 12729/VPCP-KGVX; Quốc khánh 29/8–2/9)', () => {
    expect(due('--received', '2025-12-31T16:00:00+07:00', '--duration', '1', '--unit', 'NgayLamViec').stdout.trim()).toBe('2026-01-05T16:00:00+07:00');
    expect(due('--received', '2026-08-28T10:00:00+07:00', '--duration', '1', '--unit', 'NgayLamViec').stdout.trim()).toBe('2026-09-03T10:00:00+07:00');
  });

  it('--unit TrongNgay: before 15:00 the same day, after it the next working day; --cut-off moves the limit', () => {
    expect(due('--received', '2026-11-23T14:00:00+07:00', '--unit', 'TrongNgay').stdout.trim()).toBe('2026-11-23T17:00:00+07:00');
    expect(due('--received', '2026-11-27T15:30:00+07:00', '--unit', 'TrongNgay').stdout.trim()).toBe('2026-11-30T17:00:00+07:00');
    expect(due('--received', '2026-11-27T15:30:00+07:00', '--unit', 'TrongNgay', '--cut-off', '16:00').stdout.trim()).toBe('2026-11-27T17:00:00+07:00');
    expect(JSON.parse(due('--received', '2026-04-29T15:30:00+07:00', '--unit', 'TrongNgay', '--json').stdout)).toEqual({
      received: '2026-04-29T15:30:00+07:00',
      duration: 0,
      unit: 'TrongNgay',
      cutOff: '15:00',
      due: '2026-05-04T17:00:00+07:00',
    });
  });

  it('refuses a bad cut-off, a cut-off on another unit and a missing duration, in Vietnamese', () => {
    const bad = due('--received', '2026-11-23T14:00:00+07:00', '--unit', 'TrongNgay', '--cut-off', '3pm');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--cut-off "3pm" phải có dạng HH:mm/);
    expect(due('--received', '2026-11-23T14:00:00+07:00', '--duration', '1', '--unit', 'Gio', '--cut-off', '15:00').stderr).toMatch(/chỉ dùng với --unit TrongNgay/);
    const missing = due('--received', '2026-11-23T14:00:00+07:00', '--unit', 'NgayLamViec');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--duration là bắt buộc/);
  });

  it('catalog import takes TrongNgay with GioCatNgay and rejects a malformed cut-off', () => {
    const f = join(t.dir, 'cat.json');
    writeFileSync(
      f,
      JSON.stringify({
        items: [
          { MaTTHC: 'CT.1', TenTTHC: 'Chứng thực chữ ký người dịch', ThoiHanGiaiQuyet: { DonViTinh: 'TrongNgay', GioCatNgay: '15:00' } },
          { MaTTHC: 'CT.2', TenTTHC: 'Chứng thực sai giờ', ThoiHanGiaiQuyet: { DonViTinh: 'TrongNgay', GioCatNgay: '25:00' } },
        ],
      }),
    );
    const r = motcua(['catalog', 'import', f, '--json', ...dd], asAdmin);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { imported: number; rejected: Array<{ MaTTHC: string; reason: string }> };
    expect(j.imported).toBe(1);
    expect(j.rejected).toEqual([{ index: 1, MaTTHC: 'CT.2', reason: expect.stringMatching(/GioCatNgay/) }]);
  });

  it('doctor reports the calendar: a warning while a year is missing or provisional', () => {
    const r = motcua(['doctor', '--json', ...dd]);
    expect(r.code, r.stderr).toBe(0);
    const row = doctorReportSchema.parse(JSON.parse(r.stdout)).checks.find((c) => c.id === 'calendar');
    // The seeded 2027 still has provisional Tết days, and later years are not seeded: a warning in any year this runs.
    expect(row).toMatchObject({ label: 'Lịch ngày làm việc', status: 'warn', detail: expect.stringMatching(/lịch năm \d{4}/) });
  });
});
