import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCalendarYear } from '../../electron/node/calendar/calendar-repo';
import { runDoctor } from '../../electron/node/services/doctor';
import { startOfDay } from '../../electron/node/services/start-of-day';
import { intakeFixture } from '../helpers/intake';

type F = Awaited<ReturnType<typeof intakeFixture>>;

describe('doctor and the start-of-day check warn about the working-day calendar', () => {
  let f: F;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-30T08:00:00+07:00');
    f = await intakeFixture({ now: () => now });
  });
  afterEach(() => f.close());
  const calendarRow = async () => (await runDoctor({ store: f.store, dataDir: f.dir, appVersion: 'test', now: () => now })).checks.find((c) => c.id === 'calendar');
  const importYear = (year: number, days: Array<{ date: string; type: 'holiday' | 'workday'; name: string }>) => f.store.exec('cal', (db) => importCalendarYear(db, { year, days }));

  it('names the provisional days of next year (Tết and Quốc khánh 2027 are not decided yet)', async () => {
    const row = await calendarRow();
    expect(row?.status).toBe('warn');
    expect(row?.detail).toMatch(/lịch năm 2027 còn 6 ngày dự kiến \(05\/02, 08\/02, 09\/02, 10\/02, 11\/02, 03\/09\)/);
    expect(row?.detail).not.toMatch(/2026/);
    expect(row?.detail).toMatch(/motcua calendar import/);
  });

  it('is ok once both years are decided, and warns again when a year is missing', async () => {
    await importYear(2027, [{ date: '2027-02-05', type: 'holiday', name: 'Tết Nguyên đán (29 tháng Chạp)' }]);
    expect(await calendarRow()).toMatchObject({ status: 'ok', detail: expect.stringMatching(/2026 và 2027/) });
    await f.store.exec('drop', (db) => db.prepare('DELETE FROM calendar_days WHERE year = 2027').run());
    expect(await calendarRow()).toMatchObject({ status: 'warn', detail: expect.stringMatching(/chưa có lịch năm 2027/) });
    now = new Date('2028-01-05T08:00:00+07:00');
    expect((await calendarRow())?.detail).toMatch(/chưa có lịch năm 2028; chưa có lịch năm 2029/);
  });

  it('flags a counter still holding the provisional 2026 it seeded before the Government decided', async () => {
    await importYear(2026, [
      { date: '2026-01-01', type: 'holiday', name: 'Tết Dương lịch' },
      { date: '2026-09-01', type: 'holiday', name: 'Quốc khánh (ngày liền kề, dự kiến)' },
      { date: '2026-09-02', type: 'holiday', name: 'Quốc khánh' },
    ]);
    expect((await calendarRow())?.detail).toMatch(/lịch năm 2026 còn 1 ngày dự kiến \(01\/09\)/);
  });

  it('the start-of-day check carries the same row', async () => {
    const rows = await startOfDay({ store: f.store, printer: f.core.printer, scans: f.core.scans, audit: f.core.audit, dataDir: f.dir, now: () => now });
    expect(rows.find((r) => r.id === 'calendar')).toMatchObject({ status: 'warn', label: 'Lịch ngày làm việc', detail: expect.stringMatching(/2027/) });
  });
});
