import { describe, expect, it } from 'vitest';
import { errorText } from '../../../electron/common/ipc/result';
import { safeStorageStore, safeStorageUsable } from '../../../electron/main/safe-storage-store';
import { fakeSafeStorage } from '../../fakes/fake-safe-storage';

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
