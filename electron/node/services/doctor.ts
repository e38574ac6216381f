import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import type { DoctorCheck, DoctorReport } from '../../common/domain/doctor';
import { toVietnamRfc3339 } from '../../common/domain/time';
import { AppFailure, failure } from '../../common/ipc/result';
import { corruptDatabase, storageFailure } from '../db/db-errors';
import { DbVersionFromFutureError } from '../db/migration';
import { APP_SCHEMA_VERSION } from '../db/open';
import type { AppStore } from '../store/app-store';
import { SqliteStore } from '../store/sqlite-store';
import { calendarCheck } from '../calendar/calendar-check';
import { recordsCheck } from '../auth/integrity-repo';
import { deriveRecordKey } from '../auth/record-integrity';
import { tokenModuleCheck, trustDirCheck } from './setup-checks';

const MIN_FREE_BYTES = 1024 ** 3; // below 1 GiB, scans and receipts soon fail to save

export interface DoctorDeps {
  /** The app's open store; without it, `dbPath` is opened here read-only. */
  readonly store?: AppStore;
  /** `motcua doctor`: the database is only read, so a damaged or newer file is reported, never written. */
  readonly dbPath?: string;
  /** The key for `dbPath` (see keyForReading): asked only when doctor opens the file itself. */
  readonly key?: () => Promise<string | null>;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly now?: () => Date;
  /** Checks beyond this PC (the provincial API, where secrets are kept), given the store only when it is usable. */
  readonly extraChecks?: (store: SqliteStore) => Promise<DoctorCheck[]>;
}

export interface Diagnosis {
  readonly report: DoctorReport;
  /** Why the database cannot be used, when it cannot: the CLI prints the report, then fails with this. */
  readonly dbFailure: AppFailure | null;
}

type Reading<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: AppFailure };

function asFailure(e: unknown, dbPath: string): AppFailure {
  if (e instanceof AppFailure) return e;
  return storageFailure(e, dbPath) ?? failure('db_error', 'db.unreadable', { path: dbPath, error: (e as Error)?.message ?? String(e) });
}

async function read<T>(dbPath: string, fn: () => Promise<T>): Promise<Reading<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, failure: asFailure(e, dbPath) };
  }
}

/** The store to examine: the app's, or the file opened read-only (created only when there is none: an empty data directory has nothing to protect). */
async function openStore(d: DoctorDeps): Promise<Reading<{ store: AppStore; owned: boolean }>> {
  if (d.store) return { ok: true, value: { store: d.store, owned: false } };
  const dbPath = d.dbPath ?? '';
  try {
    const key = (await d.key?.()) ?? null;
    const store = existsSync(dbPath) ? SqliteStore.open(dbPath, { readonly: true, key }) : SqliteStore.open(dbPath, { key });
    return { ok: true, value: { store, owned: true } };
  } catch (e) {
    return { ok: false, failure: asFailure(e, dbPath) };
  }
}

/** The database check: version and integrity, each reading guarded so a damaged file is a failed check, not a crash. */
async function databaseCheck(store: AppStore): Promise<{ version: number; integrity: string; check: DoctorCheck; failure: AppFailure | null }> {
  const base = { id: 'db', label: 'Cơ sở dữ liệu' } as const;
  const version = await read(store.dbPath, () => store.schemaVersion());
  if (!version.ok) return { version: -1, integrity: version.failure.message, check: { ...base, status: 'fail', detail: version.failure.message }, failure: version.failure };
  const integrity = await read(store.dbPath, () => store.integrityCheck());
  if (!integrity.ok) return { version: version.value, integrity: integrity.failure.message, check: { ...base, status: 'fail', detail: integrity.failure.message }, failure: integrity.failure };
  const v = version.value;
  if (integrity.value !== 'ok') {
    const failure = corruptDatabase(store.dbPath, integrity.value);
    return { version: v, integrity: integrity.value, check: { ...base, status: 'fail', detail: failure.message }, failure };
  }
  if (v > APP_SCHEMA_VERSION) {
    const failure = new DbVersionFromFutureError(v, APP_SCHEMA_VERSION);
    return { version: v, integrity: 'ok', check: { ...base, status: 'fail', detail: failure.message }, failure };
  }
  const detail = `phiên bản ${v}/${APP_SCHEMA_VERSION}, kiểm tra toàn vẹn: ok`;
  // An older file is upgraded when the app or `motcua db migrate` next opens it; doctor only reads.
  if (v < APP_SCHEMA_VERSION) return { version: v, integrity: 'ok', check: { ...base, status: 'warn', detail: `${detail}; cần nâng cấp (motcua db migrate)` }, failure: null };
  return { version: v, integrity: 'ok', check: { ...base, status: 'ok', detail }, failure: null };
}

/** `motcua doctor` and the start-of-day check: real readings, each with a verdict an officer understands. */
export async function runDoctor(d: DoctorDeps): Promise<DoctorReport> {
  return (await diagnose(d)).report;
}

export async function diagnose(d: DoctorDeps): Promise<Diagnosis> {
  const now = (d.now ?? (() => new Date()))();
  const opened = await openStore(d);
  const store = opened.ok ? opened.value.store : null;
  try {
    const db = store
      ? await databaseCheck(store)
      : { version: -1, integrity: opened.ok ? '' : opened.failure.message, check: { id: 'db', label: 'Cơ sở dữ liệu', status: 'fail', detail: opened.ok ? '' : opened.failure.message } as DoctorCheck, failure: opened.ok ? null : opened.failure };
    // Settings and the unit are read only from a database that passed its check.
    const usable = store && !db.failure ? store : null;
    const setting = async (key: 'devices.scanner' | 'devices.printer' | 'devices.tokenModule' | 'signing.trustDir') => {
      const r = usable ? await read(usable.dbPath, () => usable.getSetting(key)) : null;
      return r?.ok ? r.value : null;
    };
    const unitReading = usable ? await read(usable.dbPath, () => usable.getUnitIdentity()) : null;
    const unit = unitReading?.ok ? unitReading.value : null;
    const [scanner, printer, tokenModule] = [await setting('devices.scanner'), await setting('devices.printer'), await setting('devices.tokenModule')];
    let freeDiskBytes: number | null = null;
    try {
      const s = await statfs(d.dataDir);
      freeDiskBytes = s.bavail * s.bsize;
    } catch {
      freeDiskBytes = null;
    }
    const unreadable: Pick<DoctorCheck, 'status' | 'detail'> | null = usable ? null : { status: 'warn', detail: 'không đọc được: cơ sở dữ liệu lỗi' };
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const utcOffsetMinutes = -now.getTimezoneOffset();
    const checks: DoctorCheck[] = [
      db.check,
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
        ...(unreadable ?? { status: unit ? 'ok' : 'unconfigured', detail: unit ? `${unit.unitCode} — ${unit.unitName}, quầy ${unit.counterId}` : 'chưa cấu hình (motcua unit set …)' }),
      },
      ...(
        [
          ['scanner', 'Máy quét', scanner],
          ['printer', 'Máy in biên nhận', printer],
        ] as const
      ).map(([id, label, v]): DoctorCheck => ({ id, label, ...(unreadable ?? { status: v ? 'ok' : 'unconfigured', detail: v ?? 'chưa cấu hình' }) })),
      // The module is probed (configured, else detected): a saved path that no longer loads is a finding.
      unreadable ? { id: 'token', label: 'Thiết bị ký số (token)', ...unreadable } : await tokenModuleCheck(tokenModule),
      ...(usable ? [await trustDirCheck(process.env.MOTCUA_TRUST_DIR ?? (await setting('signing.trustDir')))] : []),
      ...(usable instanceof SqliteStore ? [await readCalendar(usable, now)] : []),
      ...(usable instanceof SqliteStore && d.extraChecks ? await d.extraChecks(usable) : []),
    ];
    const report: DoctorReport = {
      appVersion: d.appVersion,
      dataDir: d.dataDir,
      dbPath: store?.dbPath ?? d.dbPath ?? '',
      dbVersion: db.version,
      appSchemaVersion: APP_SCHEMA_VERSION,
      integrity: db.integrity,
      freeDiskBytes,
      clock: { now: now.toISOString(), timeZone, utcOffsetMinutes, vietnamTime: toVietnamRfc3339(now) },
      devices: { scanner, printer, tokenModule },
      unit: unit ? { unitCode: unit.unitCode, unitName: unit.unitName, counterId: unit.counterId } : null,
      checks,
    };
    return { report, dbFailure: db.failure };
  } finally {
    if (opened.ok && opened.value.owned) await opened.value.store.close();
  }
}

/** The calendar row; a store that cannot be read is reported, never thrown: doctor must always answer. */
export async function readCalendar(store: SqliteStore, now: Date): Promise<DoctorCheck> {
  try {
    return await store.exec('doctor.calendar', (db) => calendarCheck(db, now));
  } catch (e) {
    return { id: 'calendar', label: 'Lịch ngày làm việc', status: 'fail', detail: `không đọc được lịch: ${(e as Error).message}` };
  }
}

/**
 * The "Toàn vẹn tài khoản và cài đặt" row: officer rows and security settings changed outside the
 * app (they are refused where they are used). `auditKey`: read, never created (doctor writes nothing).
 */
export async function recordsDoctorCheck(store: SqliteStore, auditKey: () => Promise<Buffer | null>): Promise<DoctorCheck> {
  try {
    const k = await auditKey().catch(() => null);
    return await store.exec('doctor.records', (db) => recordsCheck(db, k && deriveRecordKey(k)));
  } catch (e) {
    // An older database (before the seals) is upgraded by the next open; doctor only reads.
    const old = /no such (table|column)/.test((e as Error).message);
    return { id: 'records', label: 'Toàn vẹn tài khoản và cài đặt', status: old ? 'warn' : 'fail', detail: old ? 'cơ sở dữ liệu chưa nâng cấp (motcua db migrate)' : `không kiểm tra được: ${(e as Error).message}` };
  }
}
