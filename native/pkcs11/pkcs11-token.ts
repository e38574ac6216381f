import { createHash } from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import {
  TokenError,
  type SignRequest,
  type SignResult,
  type SignatureToken,
  type TokenCertificate,
  type TokenFlags,
  type TokenSummary,
} from '../../electron/common/hardware/token';
import { moduleLoadReason } from '../../electron/common/hardware/token-module-wording';
import { notice, type Notice } from '../../electron/common/ipc/notice';
import { describeCertificate } from './certificate-info';
import { slotKey, withSlotLock } from './slot-lock';

type P11 = pkcs11js.PKCS11;

/** CKR values (PKCS#11 2.40) the app acts on. */
const CKR = {
  DEVICE_ERROR: 0x30,
  DEVICE_REMOVED: 0x32,
  SESSION_CLOSED: 0xb0,
  SESSION_HANDLE_INVALID: 0xb3,
  TOKEN_NOT_PRESENT: 0xe0,
  PIN_INCORRECT: 0xa0,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  USER_ALREADY_LOGGED_IN: 0x100,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
  MECHANISM_INVALID: 0x70,
} as const;
const GONE = new Set<number>([CKR.DEVICE_ERROR, CKR.DEVICE_REMOVED, CKR.SESSION_CLOSED, CKR.SESSION_HANDLE_INVALID, CKR.TOKEN_NOT_PRESENT]);

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** Each module is loaded and initialised once per process (vendor modules misbehave on repeats). */
const modules = new Map<string, P11>();
export type Pkcs11Factory = () => P11;

function loadModule(path: string, factory: Pkcs11Factory): P11 {
  const cached = modules.get(path);
  if (cached) return cached;
  const p = factory();
  try {
    p.load(path);
  } catch (e) {
    throw loadFailure('module_not_found', path, e);
  }
  try {
    p.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (e) {
    if ((e as { code?: number }).code !== CKR.CRYPTOKI_ALREADY_INITIALIZED) throw loadFailure('device_error', path, e);
  }
  modules.set(path, p);
  return p;
}

/**
 * A module that did not load or initialise, keyed by why (see moduleLoadReason); the loader's own
 * words stay as a detail for the technician, and are the reason only when they match no key.
 */
function loadFailure(code: 'module_not_found' | 'device_error', path: string, e: unknown): TokenError {
  const raw = e instanceof Error ? e.message : String(e);
  const reason = moduleLoadReason(raw, path);
  return new TokenError(code, { key: 'token.moduleLoad', params: { path, reason: reason ?? raw } }, null, reason ? [{ path: 'module', message: raw }] : undefined);
}

export function flagsOf(f: number): TokenFlags {
  return {
    loginRequired: (f & pkcs11js.CKF_LOGIN_REQUIRED) !== 0,
    protectedAuthPath: (f & pkcs11js.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
    pinCountLow: (f & pkcs11js.CKF_USER_PIN_COUNT_LOW) !== 0,
    pinFinalTry: (f & pkcs11js.CKF_USER_PIN_FINAL_TRY) !== 0,
    pinLocked: (f & pkcs11js.CKF_USER_PIN_LOCKED) !== 0,
    pinToBeChanged: (f & pkcs11js.CKF_USER_PIN_TO_BE_CHANGED) !== 0,
  };
}

const trim = (s: string) => s.replace(/[\s\0]+$/, '');

/** DER SEQUENCE { INTEGER r, INTEGER s } from the token's raw r||s (PKCS#11 CKM_ECDSA output). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = Buffer.from(b.subarray(i));
    if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([0x02, v.length]), v]);
  };
  const body = Buffer.concat([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  const len = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30]), len, body]));
}

/**
 * Signing with a USB token through its vendor's PKCS#11 module (VNPT-CA, Viettel-CA, BKAV, FPT,
 * SoftHSM in tests…). PIN policy follows the token's flags and never retries a PIN by itself;
 * a token pulled out mid-operation becomes a typed error and every handle is dropped, and the
 * token is found again by serial, never by slot number.
 */
export class Pkcs11Token implements SignatureToken {
  readonly #p: P11;

  constructor(
    readonly modulePath: string,
    factory: Pkcs11Factory = () => new pkcs11js.PKCS11(),
  ) {
    this.#p = loadModule(modulePath, factory);
  }

  #wrap<T>(fn: () => T, flags: () => TokenFlags | null = () => null): T {
    try {
      return fn();
    } catch (e) {
      throw this.#map(e, flags);
    }
  }

  #map(e: unknown, flags: () => TokenFlags | null = () => null): Error {
    if (e instanceof TokenError) return e;
    const code = (e as { code?: number }).code;
    if (code === undefined) return e as Error;
    if (GONE.has(code)) return new TokenError('token_removed', { key: 'token.removed' });
    if (code === CKR.PIN_INCORRECT) {
      const f = flags();
      const key = f?.pinLocked ? 'token.pinIncorrectLocked' : f?.pinFinalTry ? 'token.pinIncorrectFinalTry' : f?.pinCountLow ? 'token.pinIncorrectLow' : 'token.pinIncorrect';
      return new TokenError('pin_incorrect', { key }, f);
    }
    if (code === CKR.PIN_LOCKED) return new TokenError('pin_locked', { key: 'token.pinLocked' });
    if (code === CKR.PIN_LEN_RANGE) return new TokenError('pin_length', { key: 'token.pinLength' });
    if (code === CKR.PIN_EXPIRED) return new TokenError('pin_expired', { key: 'token.pinExpired' });
    if (code === CKR.MECHANISM_INVALID) return new TokenError('mechanism_unsupported', { key: 'token.mechanism' });
    return new TokenError('device_error', { key: 'token.deviceError', params: { code: code.toString(16) } });
  }

  #slots(): Array<{ slot: Buffer; info: pkcs11js.TokenInfo }> {
    // Only initialised tokens: a blank slot (SoftHSM's spare, a reset card) cannot sign.
    return this.#wrap(() =>
      this.#p
        .C_GetSlotList(true)
        .map((slot) => ({ slot, info: this.#p.C_GetTokenInfo(slot) }))
        .filter((s) => (s.info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) !== 0),
    );
  }

  async listTokens(): Promise<TokenSummary[]> {
    return this.#slots().map(({ info }) => ({
      label: trim(info.label),
      serial: trim(info.serialNumber),
      manufacturer: trim(info.manufacturerID),
      model: trim(info.model),
      flags: flagsOf(info.flags),
    }));
  }

  #find(token: string): { slot: Buffer; info: pkcs11js.TokenInfo } {
    const all = this.#slots();
    const hit = all.find((s) => trim(s.info.serialNumber) === token) ?? all.find((s) => trim(s.info.label) === token);
    if (!hit) throw new TokenError('token_not_found', { key: 'token.notFound', params: { token } });
    return hit;
  }

  #session<T>(slot: Buffer, fn: (s: Buffer) => T | Promise<T>): Promise<T> {
    const s = this.#wrap(() => this.#p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION));
    return Promise.resolve()
      .then(() => fn(s))
      .catch((e: unknown) => {
        throw this.#map(e);
      })
      .finally(() => {
        try {
          this.#p.C_CloseSession(s);
        } catch {
          /* the token may be gone: nothing left to close */
        }
      });
  }

  #findObjects(s: Buffer, template: pkcs11js.Template): Buffer[] {
    this.#p.C_FindObjectsInit(s, template);
    try {
      return this.#p.C_FindObjects(s, 100);
    } finally {
      this.#p.C_FindObjectsFinal(s);
    }
  }

  async listCertificates(token: string): Promise<TokenCertificate[]> {
    const { slot } = this.#find(token);
    return this.#session(slot, (s) =>
      this.#findObjects(s, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]).flatMap((h) => {
        const [id, label, value] = this.#p.C_GetAttributeValue(s, h, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_LABEL }, { type: pkcs11js.CKA_VALUE }]);
        try {
          return [{ id: id!.value.toString('hex'), label: label!.value.toString('utf8'), ...describeCertificate(new Uint8Array(value!.value)) }];
        } catch {
          return []; // not an X.509 certificate we can read
        }
      }),
    );
  }

  /**
   * One request: its own session, and under the slot's lock a login with its own PIN, its
   * signatures and its logout — so a PIN is always checked by the token, and no request can log
   * another out mid-batch. The PIN lives in this call only: it is never stored on the instance.
   */
  async sign(req: SignRequest): Promise<SignResult> {
    try {
      const { slot } = this.#find(req.token);
      return await withSlotLock(slotKey(this.modulePath, slot), () => this.#signLocked(slot, req));
    } catch (e) {
      // An error's stack, until it is first read, holds the functions of its frames, and their
      // closures hold this request and its PIN: read now, it keeps text only, so an error the
      // caller keeps (to show it, to log it) does not keep the PIN alive.
      if (e instanceof Error) void e.stack;
      throw e;
    }
  }

  async #signLocked(slot: Buffer, req: SignRequest): Promise<SignResult> {
    // The flags are read after the lock is held: a request just before may have used up a try.
    const flags = flagsOf(this.#wrap(() => this.#p.C_GetTokenInfo(slot)).flags);
    if (flags.pinLocked) throw new TokenError('pin_locked', { key: 'token.pinLocked' }, flags);
    if (flags.pinFinalTry && !req.confirmFinalTry) {
      throw new TokenError('pin_final_try', { key: 'token.pinFinalTry' }, flags);
    }
    const warning = flags.pinCountLow ? notice('token.pinCountLow') : null;
    if (req.pin === null && !flags.protectedAuthPath) throw new TokenError('pin_length', { key: 'token.pinRequired' });
    return this.#session(slot, async (s) => {
      this.#login(s, slot, req.pin);
      try {
        return await this.#signAll(s, slot, req, warning);
      } finally {
        try {
          this.#p.C_Logout(s);
        } catch {
          /* the token is gone: its login went with it */
        }
      }
    });
  }

  /**
   * C_Login as the user with this request's PIN. CKR_USER_ALREADY_LOGGED_IN says nothing about
   * the PIN: with the slot locked it can only be a login left by other code in this process (or
   * a logout that failed), so that login is ended and the PIN is presented again — never assumed.
   */
  #login(s: Buffer, slot: Buffer, pin: string | null): void {
    const currentFlags = () => {
      try {
        return flagsOf(this.#p.C_GetTokenInfo(slot).flags);
      } catch {
        return null;
      }
    };
    const attempt = () => this.#p.C_Login(s, pkcs11js.CKU_USER, pin ?? undefined);
    try {
      attempt();
      return;
    } catch (e) {
      if ((e as { code?: number }).code !== CKR.USER_ALREADY_LOGGED_IN) throw this.#map(e, currentFlags);
    }
    try {
      this.#p.C_Logout(s);
    } catch {
      /* already ended: nothing to undo */
    }
    try {
      attempt();
    } catch (e) {
      if ((e as { code?: number }).code === CKR.USER_ALREADY_LOGGED_IN) {
        throw new TokenError('device_error', { key: 'token.busy' });
      }
      throw this.#map(e, currentFlags);
    }
  }

  async #signAll(s: Buffer, slot: Buffer, req: SignRequest, warning: Notice | null): Promise<SignResult> {
    const id = Buffer.from(req.certId, 'hex');
    const [key] = this.#findObjects(s, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: id },
    ]);
    if (!key) throw new TokenError('key_not_found', { key: 'token.keyNotFound' });
    const [kt] = this.#p.C_GetAttributeValue(s, key, [{ type: pkcs11js.CKA_KEY_TYPE }]);
    const keyType = kt!.value.readUInt32LE(0) === pkcs11js.CKK_EC ? 'EC' : 'RSA';
    let alwaysAuth = false;
    try {
      alwaysAuth = this.#p.C_GetAttributeValue(s, key, [{ type: pkcs11js.CKA_ALWAYS_AUTHENTICATE }])[0]!.value[0] === 1;
    } catch {
      alwaysAuth = false; // attribute unknown to the module
    }
    const mechs = new Set(this.#p.C_GetMechanismList(slot));
    const signatures: Uint8Array[] = [];
    for (const data of req.data) {
      let mech: number;
      let input: Buffer;
      if (keyType === 'RSA') {
        if (mechs.has(pkcs11js.CKM_SHA256_RSA_PKCS)) {
          mech = pkcs11js.CKM_SHA256_RSA_PKCS;
          input = Buffer.from(data);
        } else if (mechs.has(pkcs11js.CKM_RSA_PKCS)) {
          mech = pkcs11js.CKM_RSA_PKCS;
          input = Buffer.concat([SHA256_DIGEST_INFO, createHash('sha256').update(data).digest()]);
        } else throw new TokenError('mechanism_unsupported', { key: 'token.noRsa' });
      } else {
        if (!mechs.has(pkcs11js.CKM_ECDSA)) throw new TokenError('mechanism_unsupported', { key: 'token.noEcdsa' });
        mech = pkcs11js.CKM_ECDSA;
        input = createHash('sha256').update(data).digest();
      }
      this.#p.C_SignInit(s, { mechanism: mech }, key);
      if (alwaysAuth) this.#p.C_Login(s, pkcs11js.CKU_CONTEXT_SPECIFIC, req.pin ?? undefined);
      // Buffers stay referenced until the promise settles (pkcs11js#121).
      const out = Buffer.alloc(1024);
      const sig = await this.#p.C_SignAsync(s, input, out);
      signatures.push(keyType === 'EC' ? ecdsaRawToDer(new Uint8Array(sig)) : new Uint8Array(sig));
    }
    return { signatures, keyType, warning };
  }

  async close(): Promise<void> {
    // Modules stay loaded for the life of the process; nothing per-instance to release.
  }
}
