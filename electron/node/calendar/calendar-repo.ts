import type Database from 'better-sqlite3';
import { readSetting } from '../settings/settings-repo';
import { thisCounter } from '../unit/unit-repo';
import { calendarFileSchema, DEFAULT_WORK_RULES, makeWorkRules, WorkCalendar, type CalendarDay, type WorkRules } from '../../common/domain/calendar';
import { issueDetail, keyedReason } from '../../common/domain/zod-locale';
import { findingsWording, type FindingPlace } from '../../common/ipc/import-findings';
import { failure } from '../../common/ipc/result';

/** ["days", 3, "date"] → the fourth day's date ("days.3.date", as the file's path reads); any other path as it is. */
function calendarPlace(path: readonly PropertyKey[]): FindingPlace {
  const [list, index, field] = path;
  if (list === 'days' && typeof index === 'number' && field !== undefined && path.length === 3) return { calendarDay: index, field: String(field) };
  return { path: path.map(String).join('.') };
}

/** Replaces one whole year of the calendar with the imported one (contract §2 format). */
export function importCalendarYear(db: Database.Database, raw: unknown): { year: number; days: number } {
  const parsed = calendarFileSchema.safeParse(raw);
  if (!parsed.success) {
    const findings = parsed.error.issues.map((i) => ({ place: calendarPlace(i.path), reason: keyedReason(issueDetail(i)) }));
    throw failure('invalid_input', 'calendar.invalid', { problems: findingsWording(findings, '; ') });
  }
  const { year, days } = parsed.data;
  const seen = new Set<string>();
  for (const d of days) {
    if (seen.has(d.date)) throw failure('invalid_input', 'calendar.duplicateDay', { date: d.date });
    seen.add(d.date);
  }
  db.transaction(() => {
    db.prepare('DELETE FROM calendar_days WHERE year = ?').run(year);
    const ins = db.prepare('INSERT INTO calendar_days (day, kind, name, year) VALUES (?, ?, ?, ?)');
    for (const d of days) ins.run(d.date, d.type, d.name, year);
  })();
  return { year, days: days.length };
}

export function calendarYears(db: Database.Database): number[] {
  return (db.prepare('SELECT DISTINCT year FROM calendar_days ORDER BY year').all() as Array<{ year: number }>).map((r) => r.year);
}

export function calendarDays(db: Database.Database, year?: number): CalendarDay[] {
  const rows = (
    year === undefined
      ? db.prepare('SELECT day, kind, name FROM calendar_days ORDER BY day').all()
      : db.prepare('SELECT day, kind, name FROM calendar_days WHERE year = ? ORDER BY day').all(year)
  ) as Array<{ day: string; kind: CalendarDay['type']; name: string }>;
  return rows.map((r) => ({ date: r.day, type: r.kind, name: r.name }));
}

/** Working hours come from the unit (contract `gioLamViec`), the cut-off from settings; defaults otherwise. */
export function workRules(db: Database.Database): WorkRules {
  const workHours = thisCounter(db)?.workHours ?? null;
  const cutoff = readSetting(db, 'intake.cutoff');
  if (!workHours && !cutoff) return DEFAULT_WORK_RULES;
  const periods = workHours
    ? (JSON.parse(workHours) as Array<{ from: string; to: string }>)
    : [
        { from: '07:00', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ];
  return makeWorkRules(periods, cutoff);
}

export function loadWorkCalendar(db: Database.Database): WorkCalendar {
  return new WorkCalendar(calendarDays(db), workRules(db));
}
