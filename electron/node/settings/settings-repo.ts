import type Database from 'better-sqlite3';
import { macMatches, recordKey, recordKeyForWrite, recordMac, reportTampered } from '../auth/record-integrity';

/**
 * Every key the `settings` table may hold. This module is the only reader and writer of that
 * table: a key that is not listed here cannot be stored, so a typo cannot create a setting no
 * one reads, and what the app keeps as configuration is visible in one place.
 */
export const SETTING_KEYS = [
  'ui.locale',
  'auth.idleMinutes',
  'auth.warnMinutes',
  'unit.deskName',
  'unit.place',
  'unit.phone',
  'intake.scanFolder',
  'intake.cutoff',
  'devices.scanner',
  'devices.wedgeGapMs',
  'devices.printer',
  'devices.tokenModule',
  'signing.trustDir',
  'signing.outputDir',
  'ui.textScale',
  'sync.apiUrl',
  'sync.clientId',
  'sync.lastSuccessAt',
  'sync.changesCursor',
  'sync.changesFetchedAt',
  'sync.warnHours',
  'sync.warnOutbox',
  'sync.blockHours',
  'sync.blockOutbox',
  'display.enabled',
  'display.screenId',
  'display.keypad',
  'display.syncRatings',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export function isSettingKey(k: string): k is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(k);
}

/**
 * Settings that decide security: the idle lock, the PKCS#11 library that is loaded, the trusted
 * roots, where passwords and dossiers are sent, the stale-sync gate. Each carries an HMAC
 * (`setting_macs`, see auth/record-integrity.ts); one edited outside the app reads as unset — the
 * safe default — and those without a safe default (the token module, the trust folder) refuse.
 */
export const SEALED_SETTINGS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  'auth.idleMinutes',
  'devices.tokenModule',
  'signing.trustDir',
  'sync.apiUrl',
  'sync.clientId',
  'sync.blockHours',
  'sync.blockOutbox',
]);

const rawSetting = (db: Database.Database, key: SettingKey): string | null =>
  (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
const storedMac = (db: Database.Database, key: SettingKey): string | undefined =>
  (db.prepare('SELECT mac FROM setting_macs WHERE key = ?').get(key) as { mac: string } | undefined)?.mac;

/** Whether a sealed setting still holds what the app wrote (a value with no MAC, or a MAC whose value went, is not). */
function sealIntact(db: Database.Database, key: SettingKey, value: string | null, k: Buffer): boolean {
  const mac = storedMac(db, key);
  if (value === null) return mac === undefined;
  return macMatches(k, 'settings', [key, value], mac);
}

/** A sealed setting changed outside the app (audited once); false for other keys and for stores opened without the vault. */
export function settingTampered(db: Database.Database, key: SettingKey): boolean {
  if (!SEALED_SETTINGS.has(key)) return false;
  const k = recordKey(db);
  if (k.kind === 'unchecked') return false;
  const value = rawSetting(db, key);
  if (k.kind === 'key' && sealIntact(db, key, value, k.key)) return false;
  reportTampered(db, 'settings', key, value);
  return true;
}

/** The stored value; a sealed setting changed outside the app reads as unset (its default). */
export function readSetting(db: Database.Database, key: SettingKey): string | null {
  return settingTampered(db, key) ? null : rawSetting(db, key);
}

/** Sealed settings that no longer match their MAC (doctor's integrity row). */
export function tamperedSettings(db: Database.Database, k: Buffer): SettingKey[] {
  return [...SEALED_SETTINGS].filter((key) => !sealIntact(db, key, rawSetting(db, key), k));
}

/** The one-time seal of settings written before MACs existed (see auth/integrity-repo.ts). */
export function sealUnsealedSettings(db: Database.Database, k: Buffer): number {
  let n = 0;
  for (const key of SEALED_SETTINGS) {
    const value = rawSetting(db, key);
    if (value === null || storedMac(db, key) !== undefined) continue;
    db.prepare('INSERT INTO setting_macs (key, mac) VALUES (?, ?)').run(key, recordMac(k, 'settings', [key, value]));
    n++;
  }
  return n;
}

/** A positive number, or the default when unset or not a positive number (a typo never disables a limit). */
export function readPositive(db: Database.Database, key: SettingKey, dflt: number): number {
  const v = Number(readSetting(db, key));
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

export function readJson<T>(db: Database.Database, key: SettingKey): T | null {
  const v = readSetting(db, key);
  if (v === null) return null;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

/** Writes or (with null) removes a key; callers audit the change in the same transaction. */
export function writeSetting(db: Database.Database, key: SettingKey, value: string | null): void {
  const sealed = SEALED_SETTINGS.has(key);
  const k = sealed ? recordKeyForWrite(db) : null;
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  if (!k) return;
  if (value === null) db.prepare('DELETE FROM setting_macs WHERE key = ?').run(key);
  else db.prepare('INSERT INTO setting_macs (key, mac) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET mac = excluded.mac').run(key, recordMac(k, 'settings', [key, value]));
}
