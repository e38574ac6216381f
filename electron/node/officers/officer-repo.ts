import type Database from 'better-sqlite3';
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { ErrorKey, ErrorParams } from '../../common/ipc/error-messages';
import { failure } from '../../common/ipc/result';
import { appendAudit } from '../store/audit';
import { macMatches, officerTampered, recordKey, recordKeyForWrite, recordMac, reportTampered, type Field } from '../auth/record-integrity';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, o: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

import { ROLES, type Role } from '../../common/ipc/roles';

export { ROLES, type Role };

export interface Officer {
  readonly officerId: string;
  readonly username: string;
  readonly fullName: string;
  readonly title: string | null;
  readonly roles: readonly Role[];
  readonly active: boolean;
}

export interface LoginPolicy {
  readonly maxFailures: number;
  readonly lockoutMinutes: number;
}
export const DEFAULT_LOGIN_POLICY: LoginPolicy = { maxFailures: 5, lockoutMinutes: 30 };

/**
 * scrypt at OWASP's minimum in its 32 MiB form (N = 2^15, r = 8, p = 3, which its password storage
 * cheat sheet lists as equal to N = 2^17, r = 8, p = 1): what each guess at a stolen verifier costs.
 * Verifiers an earlier version made with p = 1 still open, and are made again at the next sign-in.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 3, maxmem: 64 * 1024 * 1024 };

/** A verifier whose scrypt costs less than today's settings (an earlier version's): loginOffline makes it again. */
export function weakerThanNow(verifier: string): boolean {
  const [alg, n, r, p] = verifier.split('$');
  return alg !== 'scrypt' || Number(n) * Number(r) * Number(p) < SCRYPT.N * SCRYPT.r * SCRYPT.p;
}

/** A slow-hash verifier (scrypt, per-user salt): the password itself is never stored. */
export async function makeVerifier(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function checkVerifier(verifier: string, password: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = verifier.split('$');
  if (alg !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const got = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

interface Row {
  officer_id: string;
  username: string;
  full_name: string;
  title: string | null;
  roles: string;
  verifier: string | null;
  failed_logins: number;
  locked_until: string | null;
  active: number;
  mac: string | null;
}
const toOfficer = (r: Row): Officer => ({
  officerId: r.officer_id,
  username: r.username,
  fullName: r.full_name,
  title: r.title,
  roles: JSON.parse(r.roles) as Role[],
  active: r.active === 1,
});

/** Everything that decides who signs in and with which roles (and the name printed on forms), under the row's MAC. */
const sealedFields = (r: Row): Field[] => [r.officer_id, r.username, r.full_name, r.title, r.roles, r.verifier, r.failed_logins, r.locked_until, r.active];
const rowById = (db: Database.Database, officerId: string) => db.prepare('SELECT * FROM officers WHERE officer_id = ?').get(officerId) as Row | undefined;

/**
 * Whether the row is as the app last wrote it. A row edited outside the app (roles raised, a lock
 * or a deactivation undone, a verifier swapped in) fails, and so does every row when the vault
 * cannot give the key; a store opened without the vault (doctor's look) does not check.
 */
function intact(db: Database.Database, r: Row): boolean {
  const k = recordKey(db);
  if (k.kind === 'unchecked') return true;
  const ok = k.kind === 'key' && macMatches(k.key, 'officers', sealedFields(r), r.mac);
  if (!ok) reportTampered(db, 'officers', r.officer_id, r.mac);
  return ok;
}

/** Writers call this after every change to a row, in the same transaction: only this module computes MACs. */
function reseal(db: Database.Database, officerId: string): void {
  const k = recordKeyForWrite(db);
  const r = k && rowById(db, officerId);
  if (r) db.prepare('UPDATE officers SET mac = ? WHERE officer_id = ?').run(recordMac(k, 'officers', sealedFields(r)), officerId);
}

/** Officer ids whose row no longer matches its MAC (doctor's integrity row). */
export function tamperedOfficers(db: Database.Database, k: Buffer): string[] {
  return (db.prepare('SELECT * FROM officers ORDER BY officer_id').all() as Row[]).filter((r) => !macMatches(k, 'officers', sealedFields(r), r.mac)).map((r) => r.officer_id);
}

/** The one-time seal of rows written before MACs existed (see auth/integrity-repo.ts). */
export function sealUnsealedOfficers(db: Database.Database, k: Buffer): number {
  const rows = db.prepare('SELECT * FROM officers WHERE mac IS NULL').all() as Row[];
  for (const r of rows) db.prepare('UPDATE officers SET mac = ? WHERE officer_id = ?').run(recordMac(k, 'officers', sealedFields(r)), r.officer_id);
  return rows.length;
}

/** Refuses (audited once) a row changed outside the app; for callers outside a transaction. */
export function assertOfficerIntact(db: Database.Database, officerId: string): void {
  const r = rowById(db, officerId);
  if (r && !intact(db, r)) throw officerTampered(officerId);
}

export function listOfficers(db: Database.Database): Officer[] {
  return (db.prepare('SELECT * FROM officers ORDER BY username').all() as Row[]).map(toOfficer);
}

export async function addOfficer(
  db: Database.Database,
  o: { officerId: string; username: string; fullName: string; title?: string | null; roles: Role[]; password: string },
  actor: string,
  at: string,
): Promise<Officer> {
  if (!/^[a-z0-9._-]{3,40}$/i.test(o.username)) throw failure('invalid_input', 'officer.badUsername');
  if (o.password.length < 8) throw failure('invalid_input', 'officer.passwordShort');
  if (!o.roles.length || o.roles.some((r) => !ROLES.includes(r))) throw failure('invalid_input', 'officer.rolesRequired');
  const verifier = await makeVerifier(o.password);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM officers WHERE username = ? OR officer_id = ?').get(o.username, o.officerId)) {
      throw failure('conflict', 'officer.exists', { username: o.username, officerId: o.officerId });
    }
    db.prepare('INSERT INTO officers (officer_id, username, full_name, title, roles, verifier, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      o.officerId,
      o.username,
      o.fullName,
      o.title ?? null,
      JSON.stringify(o.roles),
      verifier,
      at,
    );
    reseal(db, o.officerId);
    appendAudit(db, { actor, action: 'officer.add', subject: o.officerId, details: { roles: o.roles } }, at);
  })();
  return { officerId: o.officerId, username: o.username, fullName: o.fullName, title: o.title ?? null, roles: o.roles, active: true };
}

/** What counting one attempt found, decided in one write transaction before any slow hash runs. */
type Attempt =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'tampered'; readonly officerId: string }
  | { readonly kind: 'no-verifier' }
  | { readonly kind: 'locked'; readonly until: string }
  | { readonly kind: 'check'; readonly row: Row; readonly attempt: number; readonly lockedUntil: string | null };

/**
 * Counts the attempt first (lockout bookkeeping), in one IMMEDIATE transaction, so parallel
 * attempts — in this process or in `motcua` processes on the same database — each see the
 * count the others left: the old read → scrypt → write let 40 guesses all read "0 failures".
 * One `UPDATE … RETURNING` both counts the attempt and, when it is the last one allowed, sets
 * the lock already; a success clears both. A lock that has run out starts a new window.
 */
function countAttempt(db: Database.Database, username: string, now: Date, policy: LoginPolicy): Attempt {
  const at = now.toISOString();
  return db
    .transaction((): Attempt => {
      const row = db.prepare('SELECT * FROM officers WHERE username = ?').get(username) as Row | undefined;
      // Before anything else: an edited row's active flag, lock and verifier are not to be believed.
      if (row && !intact(db, row)) return { kind: 'tampered', officerId: row.officer_id };
      if (!row || !row.active) {
        appendAudit(db, { actor: 'system', action: 'auth.loginFailed', subject: 'unknown-user', details: null }, at);
        return { kind: 'unknown' };
      }
      if (!row.verifier) return { kind: 'no-verifier' };
      const lockUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString();
      // SET expressions see the row as it was: a lapsed lock restarts the count at 1.
      const counted = db
        .prepare(
          `UPDATE officers
              SET failed_logins = (CASE WHEN locked_until IS NULL THEN failed_logins ELSE 0 END) + 1,
                  locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_logins ELSE 0 END) + 1 >= ? THEN ? ELSE NULL END
            WHERE officer_id = ? AND (locked_until IS NULL OR locked_until <= ?)
        RETURNING failed_logins, locked_until`,
        )
        .get(policy.maxFailures, lockUntil, row.officer_id, at) as { failed_logins: number; locked_until: string | null } | undefined;
      if (!counted) return { kind: 'locked', until: row.locked_until! };
      reseal(db, row.officer_id);
      return { kind: 'check', row, attempt: counted.failed_logins, lockedUntil: counted.locked_until };
    })
    .immediate();
}

/** "HH:MM" of a lock's end at the counter (Vietnam, UTC+7, no daylight saving). */
const vnClock = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(11, 16);

/**
 * Offline login against the local verifier, with lockout after repeated failures. The first
 * login of an officer on a PC goes to the provincial API (which then stores the verifier here).
 */
export async function loginOffline(db: Database.Database, username: string, password: string, now: Date, policy: LoginPolicy = DEFAULT_LOGIN_POLICY): Promise<Officer> {
  const at = now.toISOString();
  const fail = (key: ErrorKey, params?: ErrorParams): never => {
    throw failure('forbidden', key, params);
  };
  const a = countAttempt(db, username, now, policy);
  if (a.kind === 'unknown') return fail('auth.wrongCredentials');
  if (a.kind === 'tampered') throw officerTampered(a.officerId);
  if (a.kind === 'locked') return fail('auth.lockedUntil', { until: vnClock(a.until) });
  if (a.kind === 'no-verifier') return fail('auth.needsOnlineFirst');
  const { row } = a;
  if (!(await checkVerifier(row.verifier!, password))) {
    // Already counted (and, on the last allowed attempt, already locked) before the hash ran.
    // IMMEDIATE: the audit chain's "last hash" is read and extended under the write lock, also
    // when other processes are writing their own failures at the same moment.
    db.transaction(() =>
      appendAudit(db, { actor: row.officer_id, action: 'auth.loginFailed', subject: row.officer_id, details: a.lockedUntil ? { lockedUntil: a.lockedUntil } : { failures: a.attempt } }, at),
    ).immediate();
    return a.lockedUntil ? fail('auth.nowLocked', { failures: policy.maxFailures, minutes: policy.lockoutMinutes }) : fail('auth.wrongCredentials');
  }
  // Made before the transaction (scrypt is slow; the write lock is not held for it). Written only
  // over the verifier just checked: a password another process set meanwhile is not undone.
  const stronger = weakerThanNow(row.verifier!) ? await makeVerifier(password) : null;
  db.transaction(() => {
    db.prepare('UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE officer_id = ?').run(row.officer_id);
    const made = stronger !== null && db.prepare('UPDATE officers SET verifier = ? WHERE officer_id = ? AND verifier = ?').run(stronger, row.officer_id, row.verifier).changes === 1;
    reseal(db, row.officer_id);
    appendAudit(db, { actor: row.officer_id, action: 'auth.login', subject: row.officer_id, details: made ? { verifier: 'strengthened' } : null }, at);
  }).immediate();
  return toOfficer(row);
}

/** The name printed on forms for an officer id (the id itself when the officer is not known here). */
export function officerDisplay(db: Database.Database, officerId: string | null): { id: string; name: string } | null {
  if (!officerId) return null;
  const r = db.prepare('SELECT full_name FROM officers WHERE officer_id = ?').get(officerId) as { full_name: string } | undefined;
  return { id: officerId, name: r?.full_name ?? officerId };
}

export function countOfficers(db: Database.Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM officers').get() as { n: number }).n;
}

/** Whether this PC knows the username, and with which offline verifier (null: must sign in online first). */
export function localVerifier(db: Database.Database, username: string): { verifier: string | null } | undefined {
  return db.prepare('SELECT verifier FROM officers WHERE username = ?').get(username) as { verifier: string | null } | undefined;
}

/** An officer the province just confirmed online: kept here with a verifier for offline sign-in later. */
export function rememberOfficer(db: Database.Database, o: { officerId: string; username: string; fullName: string; title: string | null; roles: readonly Role[]; verifier: string; at: string }): void {
  db.prepare(
    `INSERT INTO officers (officer_id, username, full_name, title, roles, verifier, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(officer_id) DO UPDATE SET username = excluded.username, full_name = excluded.full_name, title = excluded.title, roles = excluded.roles, verifier = excluded.verifier, updated_at = excluded.updated_at`,
  ).run(o.officerId, o.username, o.fullName, o.title, JSON.stringify(o.roles), o.verifier, o.at);
  reseal(db, o.officerId);
}

/** What sign-in needs to know about a username on this PC before asking the province. */
export interface LocalAccount {
  readonly officerId: string;
  readonly verifier: string | null;
  readonly active: boolean;
  readonly lockedUntil: string | null;
  /** False when the row was changed outside the app (audited): sign-in is refused, online too. */
  readonly intact: boolean;
}

export function localAccount(db: Database.Database, username: string): LocalAccount | undefined {
  const r = db.prepare('SELECT * FROM officers WHERE username = ?').get(username) as Row | undefined;
  return r && { officerId: r.officer_id, verifier: r.verifier, active: r.active === 1, lockedUntil: r.locked_until, intact: intact(db, r) };
}

export function officerById(db: Database.Database, officerId: string): Officer | undefined {
  const r = db.prepare('SELECT * FROM officers WHERE officer_id = ?').get(officerId) as Row | undefined;
  return r && toOfficer(r);
}

/** Active admins other than `except`: the last one may not be switched off, or nobody could administer this PC. */
export function otherActiveAdmins(db: Database.Database, except: string): number {
  const rows = db.prepare('SELECT * FROM officers WHERE active = 1 AND officer_id <> ?').all(except) as Row[];
  // A row whose admin role was written outside the app administers nothing.
  return rows.filter((r) => intact(db, r) && (JSON.parse(r.roles) as string[]).includes('admin')).length;
}

/**
 * Switches an account off (its offline verifier goes too, so it cannot sign in offline either) or
 * back on (without a verifier: the officer signs in online, or an admin sets a new password).
 */
export function setOfficerActive(db: Database.Database, officerId: string, active: boolean, actor: string, at: string): void {
  const r = rowById(db, officerId);
  const tampered = r !== undefined && !intact(db, r);
  // Switching on would put the app's seal on whatever was written outside it.
  if (tampered && active) throw officerTampered(officerId);
  db.transaction(() => {
    db.prepare(
      `UPDATE officers SET active = ?, verifier = CASE WHEN ? = 1 THEN verifier ELSE NULL END, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE officer_id = ?`,
    ).run(active ? 1 : 0, active ? 1 : 0, at, officerId);
    // A changed row is retired with the least role, so switching it back on later grants nothing it was given outside the app.
    if (tampered) db.prepare(`UPDATE officers SET roles = '["officer"]' WHERE officer_id = ?`).run(officerId);
    reseal(db, officerId);
    appendAudit(db, { actor, action: active ? 'officer.activate' : 'officer.deactivate', subject: officerId, details: tampered ? { tampered: true } : null }, at);
  })();
}

/**
 * Replaces (a new password set by an admin) or revokes (null: the province refused the password
 * this PC held) the offline verifier; failures and lockout start again. Audited without the password.
 */
export function replaceVerifier(db: Database.Database, officerId: string, verifier: string | null, e: { actor: string; action: string; at: string; details?: Record<string, unknown> }): void {
  assertOfficerIntact(db, officerId);
  db.transaction(() => {
    db.prepare('UPDATE officers SET verifier = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE officer_id = ?').run(verifier, e.at, officerId);
    reseal(db, officerId);
    appendAudit(db, { actor: e.actor, action: e.action, subject: officerId, details: e.details ?? null }, e.at);
  })();
}

/**
 * An online sign-in the province confirmed, in one transaction: refused if this PC switched the
 * account off; a local account holding the same username under another id is retired (the
 * province's account is the officer now); the verifier is replaced and failures are cleared.
 */
export function recordOnlineSignIn(
  db: Database.Database,
  o: { officerId: string; username: string; fullName: string; title: string | null; roles: readonly Role[]; verifier: string; at: string },
): 'ok' | 'inactive' | 'tampered' {
  return db.transaction(() => {
    const mine = rowById(db, o.officerId);
    // The province vouches for the password, not for this PC's own record (a local deactivation, the lock).
    if (mine && !intact(db, mine)) return 'tampered' as const;
    if (mine && mine.active === 0) {
      appendAudit(db, { actor: o.officerId, action: 'auth.loginFailed', subject: o.officerId, details: { online: true, reason: 'inactive-here' } }, o.at);
      return 'inactive' as const;
    }
    const other = db.prepare('SELECT officer_id FROM officers WHERE username = ? AND officer_id <> ?').get(o.username, o.officerId) as { officer_id: string } | undefined;
    if (other) {
      db.prepare("UPDATE officers SET username = username || '~' || officer_id, active = 0, verifier = NULL, updated_at = ? WHERE officer_id = ?").run(o.at, other.officer_id);
      reseal(db, other.officer_id);
      appendAudit(db, { actor: o.officerId, action: 'officer.superseded', subject: other.officer_id, details: { by: o.officerId } }, o.at);
    }
    // What the province says about the officer may add them here or change their roles or name: audited as such.
    const before = db.prepare('SELECT full_name, title, roles FROM officers WHERE officer_id = ?').get(o.officerId) as { full_name: string; title: string | null; roles: string } | undefined;
    rememberOfficer(db, o);
    db.prepare('UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE officer_id = ?').run(o.officerId);
    reseal(db, o.officerId);
    if (!before) appendAudit(db, { actor: o.officerId, action: 'officer.add', subject: o.officerId, details: { roles: o.roles, from: 'province' } }, o.at);
    else {
      const changed = [before.roles !== JSON.stringify(o.roles) && 'roles', before.full_name !== o.fullName && 'fullName', before.title !== o.title && 'title'].filter(Boolean);
      if (changed.length) appendAudit(db, { actor: o.officerId, action: 'officer.update', subject: o.officerId, details: { roles: o.roles, changed, from: 'province' } }, o.at);
    }
    appendAudit(db, { actor: o.officerId, action: 'auth.login', subject: o.officerId, details: { online: true } }, o.at);
    return 'ok' as const;
  })();
}

/**
 * New roles for an officer, in one transaction with the check that some other active admin
 * remains when this one loses the admin role (so two admins demoting each other cannot both pass).
 */
export function setOfficerRoles(db: Database.Database, officerId: string, roles: readonly Role[], actor: string, at: string): Officer {
  // A row changed outside the app keeps its refusal: giving it roles would seal what was written there.
  assertOfficerIntact(db, officerId);
  return db.transaction(() => {
    const row = db.prepare('SELECT * FROM officers WHERE officer_id = ?').get(officerId) as Row | undefined;
    if (!row) throw failure('not_found', 'officer.notFound', { officerId });
    const before = JSON.parse(row.roles) as Role[];
    if (row.active === 1 && before.includes('admin') && !roles.includes('admin') && otherActiveAdmins(db, officerId) === 0) throw failure('conflict', 'officer.lastAdminRole');
    if (JSON.stringify(before) === JSON.stringify(roles)) return toOfficer(row);
    db.prepare('UPDATE officers SET roles = ?, updated_at = ? WHERE officer_id = ?').run(JSON.stringify(roles), at, officerId);
    reseal(db, officerId);
    appendAudit(db, { actor, action: 'officer.setRoles', subject: officerId, details: { from: before, to: roles } }, at);
    return { ...toOfficer(row), roles: [...roles] };
  }).immediate();
}
