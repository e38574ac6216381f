import type Database from 'better-sqlite3';
import { isProvisionalDay } from '../../common/domain/calendar';
import type { DoctorCheck } from '../../common/domain/doctor';
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
  const problems: string[] = [];
  for (const y of [year, year + 1]) {
    if (!have.has(y)) {
      problems.push(`chưa có lịch năm ${y}`);
      continue;
    }
    const provisional = calendarDays(db, y).filter(isProvisionalDay);
    if (provisional.length) {
      const shown = provisional.slice(0, 6).map((d) => ddmm(d.date)).join(', ');
      problems.push(`lịch năm ${y} còn ${provisional.length} ngày dự kiến (${shown}${provisional.length > 6 ? ', …' : ''})`);
    }
  }
  return {
    id: 'calendar',
    label: 'Lịch ngày làm việc',
    status: problems.length ? 'warn' : 'ok',
    detail: problems.length
      ? `${problems.join('; ')} — ngày hẹn trả có thể sai: nhập lịch chính thức (motcua calendar import) hoặc đồng bộ với máy chủ tỉnh`
      : `đủ lịch năm ${year} và ${year + 1}, không còn ngày dự kiến`,
  };
}
