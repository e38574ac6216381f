import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { checkRow, errorBilingual, type Bilingual, type DoctorCheck, type DoctorReport } from '../../common/domain/doctor';
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
import { CALENDAR_LABEL, CANNOT_READ, DB_LABEL, DISK_LABEL, freeGiB, NOT_CONFIGURED, PRINTER_LABEL, RECORDS_LABEL, TOKEN_LABEL } from './check-words';
import { tokenModuleCheck, trustDirCheck } from './setup-checks';
import { privateFolderCheck } from '../files/private-folder';

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
  const failed = (f: AppFailure) => checkRow('db', 'fail', DB_LABEL, errorBilingual(f));
  const version = await read(store.dbPath, () => store.schemaVersion());
  if (!version.ok) return { version: -1, integrity: version.failure.message, check: failed(version.failure), failure: version.failure };
  const integrity = await read(store.dbPath, () => store.integrityCheck());
  if (!integrity.ok) return { version: version.value, integrity: integrity.failure.message, check: failed(integrity.failure), failure: integrity.failure };
  const v = version.value;
  if (integrity.value !== 'ok') {
    const failure = corruptDatabase(store.dbPath, integrity.value);
    return { version: v, integrity: integrity.value, check: failed(failure), failure };
  }
  if (v > APP_SCHEMA_VERSION) {
    const failure = new DbVersionFromFutureError(v, APP_SCHEMA_VERSION);
    return { version: v, integrity: 'ok', check: failed(failure), failure };
  }
  const detail = { vi: `phiên bản ${v}/${APP_SCHEMA_VERSION}, kiểm tra toàn vẹn: ok`, en: `version ${v}/${APP_SCHEMA_VERSION}, integrity check: ok` };
  // An older file is upgraded when the app or `motcua db migrate` next opens it; doctor only reads.
  if (v < APP_SCHEMA_VERSION) {
    const older = { vi: `${detail.vi}; cần nâng cấp (motcua db migrate)`, en: `${detail.en}; needs an upgrade (motcua db migrate)` };
    return { version: v, integrity: 'ok', check: checkRow('db', 'warn', DB_LABEL, older), failure: null };
  }
  return { version: v, integrity: 'ok', check: checkRow('db', 'ok', DB_LABEL, detail), failure: null };
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
      : { version: -1, integrity: opened.ok ? '' : opened.failure.message, check: checkRow('db', 'fail', DB_LABEL, opened.ok ? { vi: '', en: '' } : errorBilingual(opened.failure)), failure: opened.ok ? null : opened.failure };
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
    // Rows read from the database say so when it failed its check, rather than "not configured".
    const unreadable = usable ? null : { vi: 'không đọc được: cơ sở dữ liệu lỗi', en: 'cannot be read: the database is damaged' };
    const deviceRow = (id: string, label: Bilingual, v: string | null): DoctorCheck =>
      unreadable ? checkRow(id, 'warn', label, unreadable) : checkRow(id, v ? 'ok' : 'unconfigured', label, v ? { vi: v, en: v } : NOT_CONFIGURED);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const utcOffsetMinutes = -now.getTimezoneOffset();
    const zone = `${timeZone}, UTC${utcOffsetMinutes >= 0 ? '+' : ''}${utcOffsetMinutes / 60}`;
    const unitLabel = { vi: 'Đơn vị và quầy', en: 'Unit and counter' };
    const checks: DoctorCheck[] = [
      db.check,
      checkRow(
        'disk',
        freeDiskBytes === null ? 'warn' : freeDiskBytes < MIN_FREE_BYTES ? 'fail' : 'ok',
        DISK_LABEL,
        freeDiskBytes === null ? CANNOT_READ : freeGiB(freeDiskBytes),
      ),
      await privateFolderCheck(d.dataDir),
      // Dossier times are computed in +07:00 whatever the PC says, but a wrong zone usually means a wrong clock.
      checkRow('clock', now.getUTCFullYear() < 2025 ? 'fail' : utcOffsetMinutes === 420 ? 'ok' : 'warn', { vi: 'Đồng hồ và múi giờ', en: 'Clock and time zone' }, {
        vi: `${toVietnamRfc3339(now)} (máy: ${zone})`,
        en: `${toVietnamRfc3339(now)} (PC: ${zone})`,
      }),
      unreadable
        ? checkRow('unit', 'warn', unitLabel, unreadable)
        : unit
          ? checkRow('unit', 'ok', unitLabel, { vi: `${unit.unitCode} — ${unit.unitName}, quầy ${unit.counterId}`, en: `${unit.unitCode} — ${unit.unitName}, counter ${unit.counterId}` })
          : checkRow('unit', 'unconfigured', unitLabel, { vi: 'chưa cấu hình (motcua unit set …)', en: 'not configured (motcua unit set …)' }),
      deviceRow('scanner', { vi: 'Máy quét', en: 'Scanner' }, scanner),
      deviceRow('printer', PRINTER_LABEL, printer),
      // The module is probed (configured, else detected): a saved path that no longer loads is a finding.
      unreadable ? checkRow('token', 'warn', TOKEN_LABEL, unreadable) : await tokenModuleCheck(tokenModule),
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
    const m = errorBilingual(e);
    return checkRow('calendar', 'fail', CALENDAR_LABEL, { vi: `không đọc được lịch: ${m.vi}`, en: `the calendar cannot be read: ${m.en}` });
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
    const m = errorBilingual(e);
    return old
      ? checkRow('records', 'warn', RECORDS_LABEL, { vi: 'cơ sở dữ liệu chưa nâng cấp (motcua db migrate)', en: 'the database is not upgraded yet (motcua db migrate)' })
      : checkRow('records', 'fail', RECORDS_LABEL, { vi: `không kiểm tra được: ${m.vi}`, en: `could not be checked: ${m.en}` });
  }
}
