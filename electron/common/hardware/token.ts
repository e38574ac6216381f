import { formatError, type ErrorKey, type ErrorParams } from '../ipc/error-messages';
import type { Notice } from '../ipc/notice';
import { AppFailure, type AppError } from '../ipc/result';

export interface TokenFlags {
  readonly loginRequired: boolean;
  readonly protectedAuthPath: boolean;
  readonly pinCountLow: boolean;
  readonly pinFinalTry: boolean;
  readonly pinLocked: boolean;
  readonly pinToBeChanged: boolean;
}

export interface TokenSummary {
  readonly label: string;
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly flags: TokenFlags;
}

export interface TokenCertificate {
  /** CKA_ID, hex: the key and its certificate share it. */
  readonly id: string;
  readonly label: string;
  readonly der: Uint8Array;
  readonly subject: string;
  readonly issuer: string;
  readonly serialHex: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly keyUsage: readonly string[];
  readonly keyType: 'RSA' | 'EC';
}

export interface SignRequest {
  readonly token: string; // serial or label
  readonly certId: string;
  /** null: the token has a PIN pad (protected authentication path). */
  readonly pin: string | null;
  /** The officer saw "last try" and confirmed. */
  readonly confirmFinalTry?: boolean;
  /** The DER-encoded signed attributes (CAdES) to sign, each one a document. */
  readonly data: readonly Uint8Array[];
}

export interface SignResult {
  readonly signatures: readonly Uint8Array[];
  readonly keyType: 'RSA' | 'EC';
  /** Shown to the officer: e.g. "a wrong PIN was entered earlier" (a keyed notice, worded per language). */
  readonly warning: Notice | null;
}

/** A USB PKI token: implemented over pkcs11js (native/), and by an in-process fake for UI tests. */
export interface SignatureToken {
  listTokens(): Promise<TokenSummary[]>;
  listCertificates(token: string): Promise<TokenCertificate[]>;
  sign(req: SignRequest): Promise<SignResult>;
  close(): Promise<void>;
}

export type TokenErrorCode =
  | 'module_not_found'
  | 'token_not_found'
  | 'token_removed'
  | 'pin_incorrect'
  | 'pin_locked'
  | 'pin_final_try'
  | 'pin_length'
  | 'pin_expired'
  | 'key_not_found'
  | 'mechanism_unsupported'
  | 'device_error';

/**
 * A typed token failure that tells the officer what to do: a catalog key (worded per language by
 * the renderer and CLI), or for the rarer ones a Vietnamese message as is.
 */
export class TokenError extends AppFailure {
  constructor(
    readonly tokenCode: TokenErrorCode,
    message: string | { readonly key: ErrorKey; readonly params?: ErrorParams },
    readonly flags: TokenFlags | null = null,
    details?: AppError['details'],
  ) {
    super('device_error', typeof message === 'string' ? message : formatError(message.key, message.params, 'vi'), details, typeof message === 'string' ? undefined : message);
    this.name = 'TokenError';
  }
}
