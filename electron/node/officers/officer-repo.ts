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

/**
 * Offline login against the local verifier, with lockout after repeated failures. The first
 * login of an officer on a PC goes to the provincial API (which then stores the verifier here).
 */
export async function loginOffline(db: Database.Database, username: string, password: string, now: Date, policy: LoginPolicy = DEFAULT_LOGIN_POLICY): Promise<Officer> {
  const row = db.prepare('SELECT * FROM officers WHERE username = ?').get(username) as Row | undefined;
  const at = now.toISOString();
  const fail = (msg: string): never => {
    throw new AppFailure('forbidden', msg);
  };
  if (!row || !row.active) {
    appendAudit(db, { actor: 'system', action: 'auth.loginFailed', subject: 'unknown-user', details: null }, at);
    return fail('Sai tên đăng nhập hoặc mật khẩu.');
  }
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    return fail(`Tài khoản đang bị khóa đến ${new Date(Date.parse(row.locked_until) + 7 * 3600_000).toISOString().slice(11, 16)} do nhập sai nhiều lần.`);
  }
  if (!row.verifier) return fail('Cán bộ này cần đăng nhập trực tuyến lần đầu trên máy này.');
  const ok = await checkVerifier(row.verifier, password);
  if (!ok) {
    const failures = row.failed_logins + 1;
    const lock = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString() : null;
    db.prepare('UPDATE officers SET failed_logins = ?, locked_until = ? WHERE officer_id = ?').run(lock ? 0 : failures, lock, row.officer_id);
    appendAudit(db, { actor: row.officer_id, action: 'auth.loginFailed', subject: row.officer_id, details: lock ? { lockedUntil: lock } : { failures } }, at);
    return fail(lock ? `Nhập sai ${policy.maxFailures} lần: tài khoản bị khóa ${policy.lockoutMinutes} phút.` : 'Sai tên đăng nhập hoặc mật khẩu.');
  }
  db.prepare('UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE officer_id = ?').run(row.officer_id);
  appendAudit(db, { actor: row.officer_id, action: 'auth.login', subject: row.officer_id, details: null }, at);
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
