import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCCD, intakeFixture } from '../helpers/intake';

type F = Awaited<ReturnType<typeof intakeFixture>>;

describe('a same-day procedure at the counter (TrongNgay, NĐ 23/2015 Điều 7 khoản 1)', () => {
  let f: F;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-30T14:00:00+07:00');
    f = await intakeFixture({ now: () => now });
  });
  afterEach(() => f.close());
  const certify = { MaTTHC: '2.000815', cccd: CCCD, TaiLieuNop: ['TP1', 'TP2'] };

  it('the sample catalog has chứng thực bản sao as TrongNgay with the 15:00 cut-off', async () => {
    const p = await f.store.exec('p', (db) => db.prepare("SELECT duration_unit, gio_cat_ngay FROM procedures WHERE ma_tthc = '2.000815'").get());
    expect(p).toEqual({ duration_unit: 'TrongNgay', gio_cat_ngay: '15:00' });
  });

  it('before 15:00 it is due at the close of the day; after, at the close of the next working day', async () => {
    now = new Date('2026-11-30T14:00:00+07:00');
    expect((await f.receive(certify)).dueAt).toBe('2026-11-30T17:00:00+07:00');
    now = new Date('2026-11-30T15:30:00+07:00');
    const late = await f.receive(certify);
    expect(late.dueAt).toBe('2026-12-01T17:00:00+07:00');
    // Mẫu 01 and the screen state the rule, not "0 trong ngày".
    const text = 'trong ngày (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)';
    expect((await f.intake.previewDue('2.000815')).durationText).toBe(text);
    expect((await f.intake.receiptModel(late.code, false)).procedure.durationText).toBe(text);
  });

  it("the procedure's own cut-off from the province's catalog is the one used", async () => {
    now = new Date('2026-12-04T15:30:00+07:00'); // a Friday
    expect((await f.receive(certify)).dueAt).toBe('2026-12-07T17:00:00+07:00');
    await f.store.exec('cut', (db) => db.prepare("UPDATE procedures SET gio_cat_ngay = '16:00' WHERE ma_tthc = '2.000815'").run());
    expect((await f.receive(certify)).dueAt).toBe('2026-12-04T17:00:00+07:00');
  });
});
