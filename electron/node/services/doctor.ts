import { statfs } from 'node:fs/promises';
import type { DoctorCheck, DoctorReport } from '../../common/domain/doctor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { calendarCheck } from '../calendar/calendar-check';
import { APP_SCHEMA_VERSION } from '../db/open';
import type { SqliteStore } from '../store/sqlite-store';

const MIN_FREE_BYTES = 1024 ** 3; // below 1 GiB, scans and receipts soon fail to save

export interface DoctorDeps {
  /** The SQLite store itself: the calendar check reads the calendar's rows. */
  readonly store: SqliteStore;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly now?: () => Date;
}

/** `motcua doctor` and the start-of-day check: real readings, each with a verdict an officer understands. */
export async function runDoctor(d: DoctorDeps): Promise<DoctorReport> {
  const now = (d.now ?? (() => new Date()))();
  const [dbVersion, integrity, unit, scanner, printer, tokenModule] = await Promise.all([
    d.store.schemaVersion(),
    d.store.integrityCheck(),
    d.store.getUnitIdentity(),
    d.store.getSetting('devices.scanner'),
    d.store.getSetting('devices.printer'),
    d.store.getSetting('devices.tokenModule'),
  ]);
  let freeDiskBytes: number | null = null;
  try {
    const s = await statfs(d.dataDir);
    freeDiskBytes = s.bavail * s.bsize;
  } catch {
    freeDiskBytes = null;
  }
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const utcOffsetMinutes = -now.getTimezoneOffset();
  const checks: DoctorCheck[] = [
    {
      id: 'db',
      label: 'Cơ sở dữ liệu',
      status: integrity === 'ok' && dbVersion === APP_SCHEMA_VERSION ? 'ok' : 'fail',
      detail: `phiên bản ${dbVersion}/${APP_SCHEMA_VERSION}, kiểm tra toàn vẹn: ${integrity}`,
    },
    {
      id: 'disk',
      label: 'Dung lượng đĩa',
      status: freeDiskBytes === null ? 'warn' : freeDiskBytes < MIN_FREE_BYTES ? 'fail' : 'ok',
      detail: freeDiskBytes === null ? 'không đọc được' : `còn trống ${(freeDiskBytes / 1024 ** 3).toFixed(1)} GiB`,
    },
    {
      id: 'clock',
      label: 'Đồng hồ và múi giờ',
      // Dossier times are computed in +07:00 whatever the PC says, but a wrong zone usually means a wrong clock.
      status: now.getUTCFullYear() < 2025 ? 'fail' : utcOffsetMinutes === 420 ? 'ok' : 'warn',
      detail: `${toVietnamRfc3339(now)} (máy: ${timeZone}, UTC${utcOffsetMinutes >= 0 ? '+' : ''}${utcOffsetMinutes / 60})`,
    },
    {
      id: 'unit',
      label: 'Đơn vị và quầy',
      status: unit ? 'ok' : 'unconfigured',
      detail: unit ? `${unit.unitCode} — ${unit.unitName}, quầy ${unit.counterId}` : 'chưa cấu hình (motcua unit set …)',
    },
    ...(
      [
        ['scanner', 'Máy quét', scanner],
        ['printer', 'Máy in biên nhận', printer],
        ['token', 'Thiết bị ký số (token)', tokenModule],
      ] as const
    ).map(([id, label, v]): DoctorCheck => ({ id, label, status: v ? 'ok' : 'unconfigured', detail: v ?? 'chưa cấu hình' })),
    await readCalendar(d.store, now),
  ];
  return {
    appVersion: d.appVersion,
    dataDir: d.dataDir,
    dbPath: d.store.dbPath,
    dbVersion,
    appSchemaVersion: APP_SCHEMA_VERSION,
    integrity,
    freeDiskBytes,
    clock: { now: now.toISOString(), timeZone, utcOffsetMinutes, vietnamTime: toVietnamRfc3339(now) },
    devices: { scanner, printer, tokenModule },
    unit: unit ? { unitCode: unit.unitCode, unitName: unit.unitName, counterId: unit.counterId } : null,
    checks,
  };
}

/** The calendar row; a store that cannot be read is reported, never thrown: doctor must always answer. */
export async function readCalendar(store: SqliteStore, now: Date): Promise<DoctorCheck> {
  try {
    return await store.exec('doctor.calendar', (db) => calendarCheck(db, now));
  } catch (e) {
    return { id: 'calendar', label: 'Lịch ngày làm việc', status: 'fail', detail: `không đọc được lịch: ${(e as Error).message}` };
  }
}
