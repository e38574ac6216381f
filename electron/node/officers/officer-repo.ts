import type Database from 'better-sqlite3';
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AppFailure } from '../../common/ipc/result';
import { appendAudit } from '../store/audit';

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

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

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
}
const toOfficer = (r: Row): Officer => ({
  officerId: r.officer_id,
  username: r.username,
  fullName: r.full_name,
  title: r.title,
  roles: JSON.parse(r.roles) as Role[],
  active: r.active === 1,
});

export function listOfficers(db: Database.Database): Officer[] {
  return (db.prepare('SELECT * FROM officers ORDER BY username').all() as Row[]).map(toOfficer);
}

export async function addOfficer(
  db: Database.Database,
  o: { officerId: string; username: string; fullName: string; title?: string | null; roles: Role[]; password: string },
  actor: string,
  at: string,
): Promise<Officer> {
  if (!/^[a-z0-9._-]{3,40}$/i.test(o.username)) throw new AppFailure('invalid_input', 'Tên đăng nhập 3–40 ký tự: chữ, số, dấu chấm, gạch.');
  if (o.password.length < 8) throw new AppFailure('invalid_input', 'Mật khẩu phải có ít nhất 8 ký tự.');
  if (!o.roles.length || o.roles.some((r) => !ROLES.includes(r))) throw new AppFailure('invalid_input', 'Vai trò phải là officer, supervisor hoặc admin.');
  const verifier = await makeVerifier(o.password);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM officers WHERE username = ? OR officer_id = ?').get(o.username, o.officerId)) {
      throw new AppFailure('conflict', `Đã có cán bộ ${o.username} hoặc mã ${o.officerId}.`);
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
    appendAudit(db, { actor, action: 'officer.add', subject: o.officerId, details: { roles: o.roles } }, at);
  })();
  return { officerId: o.officerId, username: o.username, fullName: o.fullName, title: o.title ?? null, roles: o.roles, active: true };
}

/** What counting one attempt found, decided in one write transaction before any slow hash runs. */
type Attempt =
  | { readonly kind: 'unknown' }
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
  const fail = (msg: string): never => {
    throw new AppFailure('forbidden', msg);
  };
  const a = countAttempt(db, username, now, policy);
  if (a.kind === 'unknown') return fail('Sai tên đăng nhập hoặc mật khẩu.');
  if (a.kind === 'locked') return fail(`Tài khoản đang bị khóa đến ${vnClock(a.until)} do nhập sai nhiều lần.`);
  if (a.kind === 'no-verifier') return fail('Cán bộ này cần đăng nhập trực tuyến lần đầu trên máy này.');
  const { row } = a;
  if (!(await checkVerifier(row.verifier!, password))) {
    // Already counted (and, on the last allowed attempt, already locked) before the hash ran.
    // IMMEDIATE: the audit chain's "last hash" is read and extended under the write lock, also
    // when other processes are writing their own failures at the same moment.
    db.transaction(() =>
      appendAudit(db, { actor: row.officer_id, action: 'auth.loginFailed', subject: row.officer_id, details: a.lockedUntil ? { lockedUntil: a.lockedUntil } : { failures: a.attempt } }, at),
    ).immediate();
    return fail(a.lockedUntil ? `Nhập sai ${policy.maxFailures} lần: tài khoản bị khóa ${policy.lockoutMinutes} phút.` : 'Sai tên đăng nhập hoặc mật khẩu.');
  }
  db.transaction(() => {
    db.prepare('UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE officer_id = ?').run(row.officer_id);
    appendAudit(db, { actor: row.officer_id, action: 'auth.login', subject: row.officer_id, details: null }, at);
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
}
