const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * Waits, when the day in Vietnam ends within `seconds`, until the next one has begun. For a test
 * whose steps must fall on one day (receive, then void "in the day of receipt") and run as CLI
 * processes, which read the clock themselves (faketime's too) and take no injected one. The rule
 * across midnight has tests of its own (void.test.ts, with an injected clock); CI runs the suite
 * from 23:57 Vietnam time, so without this such a test fails whenever midnight falls inside it.
 */
export async function oneVietnamDayFor(seconds: number): Promise<void> {
  const left = DAY_MS - ((Date.now() + VIETNAM_OFFSET_MS) % DAY_MS);
  if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 1000));
}
