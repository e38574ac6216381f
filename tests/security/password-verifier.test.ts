import { randomBytes, scryptSync } from 'node:crypto';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officerDb } from '../helpers/officer-db';
import { assertOfficerIntact, checkVerifier, loginOffline, makeVerifier, replaceVerifier, weakerThanNow } from '../../electron/node/officers/officer-repo';

const PASSWORD = 'mật-khẩu-cán-bộ-01';
const T0 = new Date('2026-12-03T08:00:00+07:00');

/** A verifier as versions before 03/12/2026 made them: scrypt N = 2^15, r = 8, p = 1. */
function earlierVerifier(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$32768$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

describe('password verifiers: scrypt at OWASP’s minimum, older ones made again at the next sign-in', () => {
  let db: Database.Database;
  beforeEach(async () => {
    db = await officerDb(PASSWORD, T0);
  });
  afterEach(() => db.close());
  const verifier = () => (db.prepare("SELECT verifier FROM officers WHERE officer_id = 'cb01'").get() as { verifier: string }).verifier;
  const lastLogin = () => db.prepare("SELECT details FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1").get() as { details: string | null };

  it('a new verifier is scrypt N = 2^15, r = 8, p = 3 (OWASP’s equal of 2^17, 8, 1) and opens only for its own password', async () => {
    const v = await makeVerifier(PASSWORD);
    expect(v).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(weakerThanNow(v)).toBe(false);
    expect(await checkVerifier(v, PASSWORD)).toBe(true);
    expect(await checkVerifier(v, `${PASSWORD} `)).toBe(false);
    // The account made at setup has one too.
    expect(verifier()).toMatch(/^scrypt\$32768\$8\$3\$/);
  });

  it('an earlier version’s verifier still signs in and is made again with today’s settings, once, its row still intact', async () => {
    const old = earlierVerifier(PASSWORD);
    expect(weakerThanNow(old)).toBe(true);
    replaceVerifier(db, 'cb01', old, { actor: 'test', action: 'test.earlierVersion', at: T0.toISOString() });
    await expect(loginOffline(db, 'canbo01', PASSWORD, T0)).resolves.toMatchObject({ officerId: 'cb01' });
    const now = verifier();
    expect(now).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await checkVerifier(now, PASSWORD)).toBe(true);
    expect(JSON.parse(lastLogin().details!)).toEqual({ verifier: 'strengthened' });
    expect(() => assertOfficerIntact(db, 'cb01')).not.toThrow();
    // The next sign-in finds nothing to strengthen; a wrong password is refused as before.
    await loginOffline(db, 'canbo01', PASSWORD, T0);
    expect(verifier()).toBe(now);
    expect(lastLogin().details).toBeNull();
    await expect(loginOffline(db, 'canbo01', 'sai', T0)).rejects.toThrow(/Sai tên đăng nhập/);
  });

  it('a new password set while the sign-in was checking the old one is not overwritten by the old one’s verifier', async () => {
    replaceVerifier(db, 'cb01', earlierVerifier(PASSWORD), { actor: 'test', action: 'test.earlierVersion', at: T0.toISOString() });
    const replaced = await makeVerifier('mật-khẩu-mới');
    // The sign-in reads the row and starts its hash; meanwhile (another process: an admin's
    // `motcua officer password`) a new password is set — here at once, before the hash is done.
    const signingIn = loginOffline(db, 'canbo01', PASSWORD, T0);
    replaceVerifier(db, 'cb01', replaced, { actor: 'admin', action: 'officer.password', at: T0.toISOString() });
    await expect(signingIn).resolves.toMatchObject({ officerId: 'cb01' });
    expect(verifier()).toBe(replaced);
    expect(lastLogin().details).toBeNull();
    expect(() => assertOfficerIntact(db, 'cb01')).not.toThrow();
  });
});
