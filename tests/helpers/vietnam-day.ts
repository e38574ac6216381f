import { vietnamDate } from '../../electron/common/domain/time';

/**
 * Waits, when the day in Vietnam ends within `seconds`, until the next one has begun. For a test
 * whose steps must fall on one day (receive, then void "in the day of receipt") and run as CLI
 * processes, which read the clock themselves (faketime's too) and take no injected one. The rule
 * across midnight has tests of its own (void.test.ts, with an injected clock); CI runs the suite
 * from 23:57 Vietnam time, so without this such a test fails whenever midnight falls inside it.
 */
export async function oneVietnamDayFor(seconds: number): Promise<void> {
  const now = Date.now();
  const later = vietnamDate(new Date(now + seconds * 1000));
  if (later === vietnamDate(new Date(now))) return;
  await new Promise((r) => setTimeout(r, Date.parse(`${later}T00:00:00+07:00`) - now + 1000));
}
