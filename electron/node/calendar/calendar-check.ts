import type Database from 'better-sqlite3';
import { isProvisionalDay } from '../../common/domain/calendar';
import { checkRow, type Bilingual, type DoctorCheck } from '../../common/domain/doctor';
import { vietnamDate } from '../../common/domain/time';
import { calendarDays, calendarYears } from './calendar-repo';

const ddmm = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;

/**
 * `motcua doctor` and the start-of-day check: a due date is only as right as the calendar it is
 * counted on. Without this year or next year every holiday of that year counts as a working day,
 * and a provisional ("dự kiến") day is a forecast until the Prime Minister decides (Bộ luật Lao động
 * 2019 Điều 112 khoản 3). Either is a warning that names the year and the days.
 */
export function calendarCheck(db: Database.Database, now: Date): DoctorCheck {
  const year = Number(vietnamDate(now).slice(0, 4));
  const have = new Set(calendarYears(db));
  const problems: Bilingual[] = [];
  for (const y of [year, year + 1]) {
    if (!have.has(y)) {
      problems.push({ vi: `chưa có lịch năm ${y}`, en: `no calendar for ${y}` });
      continue;
    }
    const provisional = calendarDays(db, y).filter(isProvisionalDay);
    if (provisional.length) {
      const shown = `${provisional.slice(0, 6).map((d) => ddmm(d.date)).join(', ')}${provisional.length > 6 ? ', …' : ''}`;
      problems.push({ vi: `lịch năm ${y} còn ${provisional.length} ngày dự kiến (${shown})`, en: `the ${y} calendar still has ${provisional.length} provisional day(s) (${shown})` });
    }
  }
  const label = { vi: 'Lịch ngày làm việc', en: 'Working-day calendar' };
  if (!problems.length) return checkRow('calendar', 'ok', label, { vi: `đủ lịch năm ${year} và ${year + 1}, không còn ngày dự kiến`, en: `calendars for ${year} and ${year + 1} in place, no provisional day left` });
  return checkRow('calendar', 'warn', label, {
    vi: `${problems.map((p) => p.vi).join('; ')} — ngày hẹn trả có thể sai: nhập lịch chính thức (motcua calendar import) hoặc đồng bộ với máy chủ tỉnh`,
    en: `${problems.map((p) => p.en).join('; ')} — due dates may be wrong: import the official calendar (motcua calendar import) or sync with the provincial server`,
  });
}
