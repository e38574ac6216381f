import type Database from 'better-sqlite3';
import { formatError } from '../../common/ipc/error-messages';
import { AppFailure } from '../../common/ipc/result';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export class DbVersionFromFutureError extends AppFailure {
  constructor(readonly found: number, readonly supported: number) {
    super('db_too_new', formatError('db.tooNew', { found, supported }, 'vi'), undefined, { key: 'db.tooNew', params: { found, supported } });
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length ? migrations[migrations.length - 1]!.version : 0;
}

export function assertIncreasing(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`migration versions must strictly increase (${migrations[i - 1]!.version} → ${migrations[i]!.version})`);
    }
  }
}

export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly number[];
}

/**
 * Applies every pending migration in one transaction and records the version in
 * `PRAGMA user_version`: a crash mid-way leaves the database exactly as it was. A database
 * from a newer app is refused before anything is touched. `upTo` exists for migration tests.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], upTo?: number): MigrationReport {
  assertIncreasing(migrations);
  const supported = latestVersion(migrations);
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > supported) throw new DbVersionFromFutureError(from, supported);
  const target = upTo ?? supported;
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from, applied: [] };
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    // PRAGMA takes no bound parameters; the value is an integer we produced.
    db.pragma(`user_version = ${Math.trunc(pending[pending.length - 1]!.version)}`);
  })();
  return { from, to: pending[pending.length - 1]!.version, applied: pending.map((m) => m.version) };
}
