import type Database from 'better-sqlite3';

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
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export function isSettingKey(k: string): k is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(k);
}

export function readSetting(db: Database.Database, key: SettingKey): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
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
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
