import { randomBytes, verify, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import * as pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenError, type SignResult } from '../../electron/common/hardware/token';
import { signDocuments } from '../../electron/node/signing/sign-documents';
import { signFile } from '../../electron/node/signing/signing-service';
import { verifyPdf } from '../../electron/node/signing/verify';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { makePki, newRecorder, PIN, recordingPkcs11, SOFTHSM_MODULE, type Pki, type Pkcs11Recorder } from '../helpers/softhsm';
import { tempDir } from '../helpers/tmp';
import { tool } from '../helpers/tools';
import { plainInputs } from './pdf-corpus';

/**
 * Finding 1 of the security review. PKCS#11 login state belongs to the application and the token,
 * not to a session: while a batch was signing, a second request's C_Login with a wrong PIN got
 * CKR_USER_ALREADY_LOGGED_IN, which the old code took as success — so it signed — and its
 * C_Logout then broke the batch.
 */
describe('one login per request on a slot: a wrong PIN never signs (SoftHSM2)', () => {
  const t = tempDir('motcua-sec-login-');
  let pki: Pki;
  let rsaKey: X509Certificate['publicKey'];
  beforeAll(() => {
    pki = makePki(t.dir);
    rsaKey = new X509Certificate(pki.certs.rsa!.der).publicKey;
  }, 120_000);
  afterAll(() => t.cleanup());

  /** Modules are cached per path: a symlink per test gives each its own recorder over the same SoftHSM2. */
  const recordedToken = (tag: string): { token: Pkcs11Token; rec: Pkcs11Recorder } => {
    const path = join(t.dir, `softhsm-${tag}.so`);
    symlinkSync(SOFTHSM_MODULE, path);
    const rec = newRecorder();
    return { token: new Pkcs11Token(path, recordingPkcs11(rec)), rec };
  };
  const settle = <T>(p: Promise<T>) => p.then((value) => ({ value, error: null }), (error: unknown) => ({ value: null, error }));
  /** Resolves when `cond` holds or after `ms` — whichever comes first. */
  const until = (cond: () => boolean, ms: number) =>
    new Promise<void>((resolve) => {
      const t0 = Date.now();
      const tick = () => (cond() || Date.now() - t0 > ms ? resolve() : setTimeout(tick, 10));
      tick();
    });
  const expectPinIncorrect = (error: unknown) => {
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).tokenCode).toBe('pin_incorrect');
    // SoftHSM2 raises COUNT_LOW after any wrong PIN, so the message may go on with that warning.
    expect((error as TokenError).message).toMatch(/^Mã PIN không đúng\.( Số lần thử còn lại ít\.)?$/);
  };

  it('a wrong-PIN request sent while a batch signs is refused, and the batch completes with valid signatures', async () => {
    const { token, rec } = recordedToken('batch');
    const data = Array.from({ length: 8 }, (_, i) => randomBytes(40 + i));
    let intruder: ReturnType<typeof settle<SignResult>> | null = null;
    // At the batch's third signature the intruder arrives; that signature waits until the
    // intruder has tried to log in (old code: at once) or 1.5 s have passed (a lock keeps it out).
    rec.beforeSign = (n) => {
      if (n !== 3 || intruder) return;
      const logins = rec.events.length;
      intruder = settle(token.sign({ token: 'RSA', certId: '01', pin: '000000', data: [randomBytes(32)] }));
      return until(() => rec.events.length > logins, 1500);
    };
    const batch = await settle(token.sign({ token: 'RSA', certId: '01', pin: PIN, data }));
    const wrong = await intruder!;

    expect(batch.error).toBeNull();
    expect(batch.value!.signatures).toHaveLength(data.length);
    batch.value!.signatures.forEach((sig, i) => expect(verify('sha256', data[i]!, rsaKey, sig), `signature ${i}`).toBe(true));
    expect(wrong.value).toBeNull();
    expectPinIncorrect(wrong.error);
    // Only the batch signed, and the intruder's login came after the batch had logged out.
    expect(rec.signs).toBe(data.length);
    expect(rec.events).toEqual(['login ok', 'logout ok', 'login 0xa0']);
  });

  it('Ký số: a wrong-PIN file signed during a batch of files gets no signature and no file; every batch file verifies', async () => {
    const { token, rec } = recordedToken('files');
    const inputs = await plainInputs(t.dir);
    const outDir = join(t.dir, 'batch-out');
    const intruderOut = join(t.dir, 'intruder.pdf');
    let intruder: ReturnType<typeof settle<unknown>> | null = null;
    rec.beforeSign = (n) => {
      if (n !== 2 || intruder) return;
      const logins = rec.events.length;
      intruder = settle(signFile({ token, tokenId: 'RSA', certId: '01', pin: '111111', input: inputs.pdflib, output: intruderOut }));
      return until(() => rec.events.length > logins, 1500);
    };
    const batch = await signDocuments({
      token,
      tokenId: 'RSA',
      certId: '01',
      pin: PIN,
      inputs: [inputs.pdflibClassic, inputs.ghostscript, inputs.receipt],
      outDir,
      visible: false,
      reason: null,
      trustAnchors: [pki.rootDer],
      fontsDir: join(__dirname, '..', '..', 'resources', 'fonts'),
      now: new Date(),
    });
    const wrong = await intruder!;

    expectPinIncorrect(wrong.error);
    expect(existsSync(intruderOut)).toBe(false);
    expect(batch.signed.map((s) => [s.fileName, s.valid])).toEqual([
      ['in-pdflib-classic-da-ky.pdf', true],
      ['in-gs-da-ky.pdf', true],
      ['receipt-mau-01-da-ky.pdf', true],
    ]);
    for (const s of batch.signed) {
      const out = tool('pdfsig', ['-nssdir', `sql:${pki.nssDir}`, s.path]).stdout;
      expect(out, s.fileName).toContain('Signature is Valid.');
      expect(out, s.fileName).toContain('Certificate is Trusted.');
      expect(await verifyPdf(new Uint8Array(readFileSync(s.path)), { trustAnchors: [pki.rootDer] })).toEqual([expect.objectContaining({ integrity: 'valid', trusted: true, coversWholeDocument: true })]);
    }
    expect(rec.signs).toBe(3);
  });

  it('USER_ALREADY_LOGGED_IN is never a PIN check: a token left logged in elsewhere in the process does not let a wrong PIN sign', async () => {
    const { token, rec } = recordedToken('stale');
    // Another user of the same module in this process logs in and stays logged in.
    const other = new pkcs11js.PKCS11();
    other.load(SOFTHSM_MODULE);
    try {
      other.C_Initialize();
    } catch {
      /* already initialised in this process */
    }
    const slot = other.C_GetSlotList(true).find((s) => other.C_GetTokenInfo(s).label.trim() === 'RSA')!;
    const session = other.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      other.C_Login(session, pkcs11js.CKU_USER, PIN);
      const wrong = await settle(token.sign({ token: 'RSA', certId: '01', pin: '000000', data: [randomBytes(32)] }));
      expectPinIncorrect(wrong.error);
      expect(rec.signs).toBe(0);

      // The right PIN still signs from the same state: the PIN is checked, not assumed.
      other.C_Login(session, pkcs11js.CKU_USER, PIN);
      const data = randomBytes(32);
      const right = await token.sign({ token: 'RSA', certId: '01', pin: PIN, data: [data] });
      expect(verify('sha256', data, rsaKey, right.signatures[0]!)).toBe(true);
      // Each request: its own login, checked by the token, and its own logout.
      expect(rec.events.filter((e) => e.startsWith('login'))).toEqual(['login 0x100', 'login 0xa0', 'login 0x100', 'login ok']);
      expect(rec.events.at(-1)).toBe('logout ok');
    } finally {
      other.C_CloseSession(session);
    }
  });

  it('no PIN is kept after use: with the requests done, not even the error the caller keeps holds the PIN of a queued request', async () => {
    const { token, rec } = recordedToken('heap');
    // The PIN exists as a string only inside the request; the test keeps its bytes, which a heap snapshot does not show.
    const secret = randomBytes(12);
    const kept: unknown[] = []; // what a screen or a log would keep
    let queued: Promise<void> | null = null;
    rec.beforeSign = (n) => {
      if (n === 1) queued = token.sign({ token: 'RSA', certId: '01', pin: secret.toString('hex'), data: [randomBytes(32)] }).then(() => undefined, (e: unknown) => void kept.push(e));
    };
    await token.sign({ token: 'RSA', certId: '01', pin: PIN, data: [randomBytes(32), randomBytes(32)] });
    await queued;
    rec.beforeSign = undefined;
    expect(kept).toHaveLength(1);
    expectPinIncorrect(kept[0]);
    const heap = readFileSync(writeHeapSnapshot(join(t.dir, 'after-sign.heapsnapshot')), 'latin1');
    expect(heap.length).toBeGreaterThan(1_000_000); // a real snapshot, not an empty file
    expect(heap.includes(secret.toString('hex')), 'the PIN is still reachable').toBe(false);
  });
});
