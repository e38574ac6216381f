import { notice, type Notice } from '../common/ipc/notice';
import type { SecretStore } from '../common/security/secrets';

/** The part of Electron's `safeStorage` this store uses (a fake stands in for it in unit tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which backend Chromium picked (`basic_text` means a key compiled into Chromium). */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Linux backends that protect nothing: `basic_text` encrypts with a constant every Chromium knows,
 * and `unknown` is what Electron reports before it has chosen. There the next store (OS keyring or
 * key file) takes over.
 */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function safeStorageUsable(ss: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!ss.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  return !WEAK_LINUX_BACKENDS.has(ss.getSelectedStorageBackend?.() ?? 'unknown');
}

function whereOf(ss: SafeStorageLike, platform: NodeJS.Platform): Notice {
  if (platform === 'win32') return notice('secrets.where.dpapi');
  if (platform === 'darwin') return notice('secrets.where.safeStorageKeychain');
  const backend = ss.getSelectedStorageBackend?.();
  return backend ? notice('secrets.where.safeStorageSession', { backend }) : notice('secrets.where.safeStorageSessionUnknown');
}

/**
 * Electron's safeStorage as a secret store: it only encrypts, so the sealed blob goes into the
 * vault's index. The name is sealed with the value, so a blob moved to another name fails to open.
 */
export function safeStorageStore(ss: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretStore {
  return {
    kind: 'safe-storage',
    get where() {
      return whereOf(ss, platform);
    },
    warning: null,
    available: async () => safeStorageUsable(ss, platform),
    async seal(name, value) {
      return ss.encryptString(`${name}\u0000${value}`).toString('base64');
    },
    async open(name, sealed) {
      if (!sealed) throw new Error('nothing sealed');
      const plain = ss.decryptString(Buffer.from(sealed, 'base64'));
      const prefix = `${name}\u0000`;
      if (!plain.startsWith(prefix)) throw new Error('sealed for another name');
      return plain.slice(prefix.length);
    },
    erase: async () => undefined,
  };
}
