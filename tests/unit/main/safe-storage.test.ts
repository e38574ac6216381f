import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../../electron/common/ipc/result';
import { safeStorageStore, safeStorageUsable, type SafeStorageLike } from '../../../electron/main/safe-storage-store';

/** Stands in for Electron's safeStorage: real encryption under a key this fake holds, like DPAPI would. */
function fakeSafeStorage(o: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => o.available ?? true,
    getSelectedStorageBackend: () => o.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), ct]);
    },
    decryptString(buf) {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('Electron safeStorage as a secret store', () => {
  it('is used on Windows and macOS whenever encryption is available', () => {
    expect(safeStorageUsable(fakeSafeStorage(), 'win32')).toBe(true);
    expect(safeStorageUsable(fakeSafeStorage(), 'darwin')).toBe(true);
    expect(safeStorageUsable(fakeSafeStorage({ available: false }), 'win32')).toBe(false);
  });

  it('on Linux, a plain-text backend (a key every Chromium knows) does not count: the next store takes over', () => {
    expect(safeStorageUsable(fakeSafeStorage({ backend: 'gnome_libsecret' }), 'linux')).toBe(true);
    expect(safeStorageUsable(fakeSafeStorage({ backend: 'kwallet5' }), 'linux')).toBe(true);
    expect(safeStorageUsable(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toBe(false);
    expect(safeStorageUsable(fakeSafeStorage({ backend: 'unknown' }), 'linux')).toBe(false);
  });

  it('seals into a blob the vault keeps, which opens only under the same name', async () => {
    const store = safeStorageStore(fakeSafeStorage(), 'win32');
    expect(store.kind).toBe('safe-storage');
    expect(await store.available()).toBe(true);
    const sealed = await store.seal('sync.clientSecret', 'Bi-mat-Q01');
    expect(sealed).not.toBeNull();
    expect(Buffer.from(sealed!, 'base64').includes(Buffer.from('Bi-mat-Q01'))).toBe(false);
    expect(await store.open('sync.clientSecret', sealed)).toBe('Bi-mat-Q01');
    await expect(store.open('other.name' as 'sync.clientSecret', sealed)).rejects.toThrow(/another name/);
    await expect(store.open('sync.clientSecret', null)).rejects.toThrow();
    expect(store.where.message).toMatch(/DPAPI/);
    const linux = safeStorageStore(fakeSafeStorage({ backend: 'kwallet5' }), 'linux').where;
    expect(linux.message).toBe('kho khóa của phiên làm việc (kwallet5), qua safeStorage của ứng dụng');
    expect(errorText(linux, 'en')).toBe("the session's keyring (kwallet5), through the app's safeStorage");
  });
});
