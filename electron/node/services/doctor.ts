import { statfs } from 'node:fs/promises';
import type { DoctorCheck, DoctorReport } from '../../common/domain/doctor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { APP_SCHEMA_VERSION } from '../db/open';
import type { AppStore } from '../store/app-store';

const MIN_FREE_BYTES = 1024 ** 3; // below 1 GiB, scans and receipts soon fail to save

export interface DoctorDeps {
  readonly store: AppStore;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly now?: () => Date;
  /** Checks that need the core (the provincial API, where secrets are kept), appended after the local ones. */
  readonly extraChecks?: () => Promise<DoctorCheck[]>;
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
    ...((await d.extraChecks?.()) ?? []),
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
