import { notice, type Notice } from '../ipc/notice';

/**
 * Secrets the app keeps: the counter's client secret for the provincial API, the database key, and
 * the audit chain's HMAC key (random, made on first use: whoever edits the database without it cannot
 * re-chain rows). They are never stored in the database, the settings or a log: each entry point
 * offers the places the OS can protect them, best first, and the vault in electron/node/secrets picks
 * the first that works.
 */
export const SECRET_NAMES = ['sync.clientSecret', 'db.key', 'audit.hmacKey'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/**
 * - safe-storage: Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret/KWallet on Linux);
 * - os-keyring: the OS credential store reached from Node (Windows Credential Manager, macOS Keychain, Secret Service);
 * - key-file: AES-256-GCM under a random key in a file only this user may read, where no keyring exists.
 */
export type SecretStoreKind = 'safe-storage' | 'os-keyring' | 'key-file';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Where the secrets are, keyed (doctor, the settings screen and failures word it in the reader's language). */
  readonly where: Notice;
  /** Why this place is weaker than the OS's own protection (shown as a doctor warning); null when it is not. */
  readonly warning: Notice | null;
  /** Whether this place works in this process now (a keyring service may be absent, safeStorage may be plain text). */
  available(): Promise<boolean>;
  /**
   * Keeps `value` under `name`. Returns what the vault's index must hold to find it again: a sealed
   * blob (base64) for stores that only encrypt, or null when the store itself keeps the value.
   */
  seal(name: SecretName, value: string): Promise<string | null>;
  /** The value kept under `name` (`sealed` is what `seal` returned). Throws when it cannot be read. */
  open(name: SecretName, sealed: string | null): Promise<string>;
  /** Forgets what this store itself keeps under `name` (nothing for stores that only encrypt). */
  erase(name: SecretName): Promise<void>;
}

/** Where a store not offered in this process keeps its secrets (another entry point put one there). */
export const SECRET_STORE_LABELS: Readonly<Record<SecretStoreKind, Notice>> = {
  'safe-storage': notice('secrets.store.safe-storage'),
  'os-keyring': notice('secrets.store.os-keyring'),
  'key-file': notice('secrets.store.key-file'),
};
