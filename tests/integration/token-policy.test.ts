import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenError } from '../../electron/common/hardware/token';
import { errorText } from '../../electron/common/ipc/result';
import { Pkcs11Token } from '../../native/pkcs11/pkcs11-token';
import { makePki, PIN, SOFTHSM_MODULE, type Pki } from '../helpers/softhsm';
import { tempDir } from '../helpers/tmp';

/**
 * The real SoftHSM2 module behind a thin wrapper that can change what the token reports (PIN
 * counters SoftHSM does not keep) or pull the token out in the middle of a signature.
 */
function wrapped(over: { flags?: number; removeOnSign?: boolean; calls?: string[] }) {
  return () => {
    const real = new pkcs11js.PKCS11();
    return new Proxy(real, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          over.calls?.push(String(prop));
          if (prop === 'C_GetTokenInfo' && over.flags !== undefined) {
            const info = (v as (...a: unknown[]) => pkcs11js.TokenInfo).apply(target, args);
            return { ...info, flags: info.flags | over.flags };
          }
          if (prop === 'C_SignAsync' && over.removeOnSign) {
            const e = new Error('CKR_DEVICE_REMOVED') as Error & { code: number };
            e.code = 0x32;
            return Promise.reject(e);
          }
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  };
}

describe('PIN policy and token removal (SoftHSM2 behind a reporting wrapper)', () => {
  const t = tempDir('motcua-pin-');
  let pki: Pki;
  beforeAll(() => {
    pki = makePki(t.dir);
  }, 120_000);
  afterAll(() => t.cleanup());

  // Each case loads the module under its own path (a symlink to SoftHSM2): modules are cached per path.
  const data = [new Uint8Array([1, 2, 3])];

  it('COUNT_LOW: signs and warns; FINAL_TRY: refuses until confirmed; LOCKED: never calls C_Login', async () => {
    const calls: string[] = [];
    // A distinct module path per policy, pointing at the same library, so each gets its own wrapper.
    const lib = (tag: string) => join(t.dir, `softhsm-${tag}.so`);
    const fs = await import('node:fs');
    for (const tag of ['low', 'final', 'locked', 'removed']) fs.symlinkSync(SOFTHSM_MODULE, lib(tag));
    const low = new Pkcs11Token(lib('low'), wrapped({ flags: pkcs11js.CKF_USER_PIN_COUNT_LOW }));
    const r = await low.sign({ token: 'RSA', certId: '01', pin: PIN, data });
    // A keyed notice now (worded per language by the renderer and CLI); its Vietnamese text is unchanged.
    expect(r.warning).toEqual({ key: 'token.pinCountLow', message: 'Trước đó đã có lần nhập sai PIN: hãy nhập cẩn thận.' });
    expect(errorText(r.warning!, 'en')).toBe('A wrong PIN was entered before: type it carefully.');
    const final = new Pkcs11Token(lib('final'), wrapped({ flags: pkcs11js.CKF_USER_PIN_FINAL_TRY }));
    const e1 = (await final.sign({ token: 'RSA', certId: '01', pin: PIN, data }).catch((e: unknown) => e)) as TokenError;
    expect(e1.tokenCode).toBe('pin_final_try');
    expect((await final.sign({ token: 'RSA', certId: '01', pin: PIN, data, confirmFinalTry: true })).signatures).toHaveLength(1);
    const locked = new Pkcs11Token(lib('locked'), wrapped({ flags: pkcs11js.CKF_USER_PIN_LOCKED, calls }));
    const e2 = (await locked.sign({ token: 'RSA', certId: '01', pin: PIN, data }).catch((e: unknown) => e)) as TokenError;
    expect(e2.tokenCode).toBe('pin_locked');
    expect(calls).not.toContain('C_Login');
    const removed = new Pkcs11Token(lib('removed'), wrapped({ removeOnSign: true }));
    const e3 = (await removed.sign({ token: 'RSA', certId: '01', pin: PIN, data }).catch((e: unknown) => e)) as TokenError;
    expect(e3).toBeInstanceOf(TokenError);
    expect(e3.tokenCode).toBe('token_removed');
    expect(e3.message).toBe('Thiết bị ký số đã bị rút ra hoặc ngừng trả lời. Cắm lại token rồi ký lại.');
    // A failed request frees the slot (its lock, its login): the next request on the same token signs.
    expect((await low.sign({ token: 'RSA', certId: '01', pin: PIN, data })).signatures).toHaveLength(1);
  });

  it('a wrong PIN is tried once only: one C_Login, then a typed error', async () => {
    const calls: string[] = [];
    const fs = await import('node:fs');
    const lib = join(t.dir, 'softhsm-wrong.so');
    fs.symlinkSync(SOFTHSM_MODULE, lib);
    const tok = new Pkcs11Token(lib, wrapped({ calls }));
    const e = (await tok.sign({ token: 'RSA', certId: '01', pin: '999999', data }).catch((x: unknown) => x)) as TokenError;
    expect(e.tokenCode).toBe('pin_incorrect');
    expect(calls.filter((c) => c === 'C_Login')).toHaveLength(1);
    // Nothing was signed with it.
    expect(calls).not.toContain('C_SignAsync');
  });

  it('an always-authenticate key gets its context-specific login for each signature', async () => {
    // Import a key with CKA_ALWAYS_AUTHENTICATE, beside the certificate of the same key pair.
    const p = new pkcs11js.PKCS11();
    p.load(SOFTHSM_MODULE);
    try {
      p.C_Initialize();
    } catch {
      /* already initialised in this process */
    }
    const slot = p.C_GetSlotList(true).find((s) => p.C_GetTokenInfo(s).label.trim() === 'RSA')!;
    const s = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    p.C_Login(s, pkcs11js.CKU_USER, PIN);
    const jwk = createPrivateKey(readFileSync(join(pki.dir, 'rsa.key'))).export({ format: 'jwk' }) as Record<string, string>;
    const b = (k: string) => Buffer.from(jwk[k]!, 'base64url');
    p.C_CreateObject(s, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: true },
      { type: pkcs11js.CKA_SIGN, value: true },
      { type: pkcs11js.CKA_ALWAYS_AUTHENTICATE, value: true },
      { type: pkcs11js.CKA_ID, value: Buffer.from('aa', 'hex') },
      { type: pkcs11js.CKA_MODULUS, value: b('n') },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: b('e') },
      { type: pkcs11js.CKA_PRIVATE_EXPONENT, value: b('d') },
      { type: pkcs11js.CKA_PRIME_1, value: b('p') },
      { type: pkcs11js.CKA_PRIME_2, value: b('q') },
      { type: pkcs11js.CKA_EXPONENT_1, value: b('dp') },
      { type: pkcs11js.CKA_EXPONENT_2, value: b('dq') },
      { type: pkcs11js.CKA_COEFFICIENT, value: b('qi') },
    ]);
    p.C_Logout(s);
    p.C_CloseSession(s);
    const calls: string[] = [];
    const fs = await import('node:fs');
    const lib = join(t.dir, 'softhsm-always.so');
    fs.symlinkSync(SOFTHSM_MODULE, lib);
    const tok = new Pkcs11Token(lib, wrapped({ calls }));
    const r = await tok.sign({ token: 'RSA', certId: 'aa', pin: PIN, data: [new Uint8Array([1]), new Uint8Array([2])] });
    expect(r.signatures).toHaveLength(2);
    // One user login, then one context-specific login per signature.
    expect(calls.filter((c) => c === 'C_Login')).toHaveLength(3);
  });
});
