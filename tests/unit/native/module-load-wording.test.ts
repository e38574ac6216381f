import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkcs11js from 'pkcs11js';
import { afterAll, describe, expect, it } from 'vitest';
import { TokenError } from '../../../electron/common/hardware/token';
import { moduleErrorText, moduleLoadReason } from '../../../electron/common/hardware/token-module-wording';
import { errorText } from '../../../electron/common/ipc/result';
import { Pkcs11Token } from '../../../native/pkcs11/pkcs11-token';
import { tempDir } from '../../helpers/tmp';

const t = tempDir('motcua-p11-why-');
afterAll(() => t.cleanup());

/** What this machine's loader says of `path`, through the same binding the app loads modules with. */
function loaderSays(path: string): string {
  try {
    new pkcs11js.PKCS11().load(path);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** An ELF header of a 32-bit x86 shared object: the loader reads its class before anything else. */
function elf32(path: string): string {
  const h = Buffer.alloc(256);
  h.write('\x7fELF', 0, 'latin1');
  h[4] = 1; // ELFCLASS32
  h[5] = 1;
  h[6] = 1;
  h.writeUInt16LE(3, 16); // ET_DYN
  h.writeUInt16LE(3, 18); // EM_386
  writeFileSync(path, h);
  return path;
}

describe("issue #16: a token library that does not load is worded by why, the loader's words kept as a detail", () => {
  it.runIf(process.platform === 'linux')("keys what this machine's loader says of a missing file, a file that is no library, a 32-bit library and a library without PKCS#11", () => {
    const junk = join(t.dir, 'libjunk.so');
    writeFileSync(junk, 'not an ELF file, just text that is long enough to be read as a header by the loader of this machine');
    const short = join(t.dir, 'libshort.so');
    writeFileSync(short, 'tiny');
    expect(moduleLoadReason(loaderSays('/nonexistent/libvnpt-pkcs11.so'), '/nonexistent/libvnpt-pkcs11.so')).toEqual({ key: 'token.whyNoFile' });
    expect(moduleLoadReason(loaderSays(junk), junk)).toEqual({ key: 'token.whyNotPkcs11' });
    expect(moduleLoadReason(loaderSays(short), short)).toEqual({ key: 'token.whyNotPkcs11' });
    const x86 = elf32(join(t.dir, 'lib32.so'));
    expect(moduleLoadReason(loaderSays(x86), x86)).toEqual({ key: 'token.whyWrongArch' });
    const libz = ['/usr/lib/x86_64-linux-gnu/libz.so.1', '/lib/x86_64-linux-gnu/libz.so.1', '/usr/lib64/libz.so.1'].find((p) => existsSync(p));
    if (libz) expect(moduleLoadReason(loaderSays(libz), libz)).toEqual({ key: 'token.whyNotPkcs11' });
  });

  it('keys the words of the loaders this machine does not have, and a CKR_* name; leaves any other words alone', () => {
    const dll = 'C:\\Windows\\System32\\vnptca_p11_v10.dll';
    expect(moduleLoadReason('Win32 error 193', dll)).toEqual({ key: 'token.whyWrongArch' });
    expect(moduleLoadReason('Win32 error 126', dll)).toEqual({ key: 'token.whyFileOrDll' });
    expect(moduleLoadReason('Win32 error 127', dll)).toEqual({ key: 'token.whyNotPkcs11' });
    expect(moduleLoadReason('Win32 error 5', dll)).toEqual({ key: 'sys.noPermission', params: { path: dll } });
    expect(moduleLoadReason('Win32 error 1260', dll)).toBeNull();
    const so = '/usr/lib/libvnpt-pkcs11.so';
    expect(moduleLoadReason('libpcsclite.so.1: cannot open shared object file: No such file or directory', so)).toEqual({ key: 'token.whyNeedsLibrary', params: { library: 'libpcsclite.so.1' } });
    expect(moduleLoadReason(`${so}: cannot open shared object file: Permission denied`, so)).toEqual({ key: 'sys.noPermission', params: { path: so } });
    const mac = '/Library/libvnpt.dylib';
    expect(moduleLoadReason(`dlopen(${mac}, 0x0001): tried: '${mac}' (mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64e'))`, mac)).toEqual({ key: 'token.whyWrongArch' });
    expect(moduleLoadReason('CKR_GENERAL_ERROR', so)).toEqual({ key: 'token.whyInitFailed', params: { ckr: 'CKR_GENERAL_ERROR' } });
    expect(moduleLoadReason('segmentation fault in vendor code', so)).toBeNull();
  });

  it("a probe's reason: keyed first, the loader's words in brackets; the app's own text once", () => {
    const c = { error: '/x/libjunk.so: file too short', errorKey: { key: 'token.whyNotPkcs11' as const } };
    expect(moduleErrorText(c, 'en')).toBe('it is not a PKCS#11 library [/x/libjunk.so: file too short]');
    expect(moduleErrorText(c, 'vi')).toBe('đây không phải thư viện PKCS#11 [/x/libjunk.so: file too short]');
    const slow = { error: 'không trả lời sau 10 giây', errorKey: { key: 'token.whyNoAnswer' as const, params: { seconds: 10 } } };
    expect(moduleErrorText(slow, 'en')).toBe('no answer after 10 seconds');
    expect(moduleErrorText({ error: 'odd words', errorKey: null }, 'en')).toBe('odd words');
  });

  it.runIf(process.platform === 'linux')('the signing side: a file that is no library fails keyed, in English too, with the loader words as a detail', () => {
    const junk = join(t.dir, 'libnot.so');
    writeFileSync(junk, 'not a library');
    const e = caught(() => new Pkcs11Token(junk));
    expect(e).toBeInstanceOf(TokenError);
    expect(e).toMatchObject({ tokenCode: 'module_not_found', key: 'token.moduleLoad', params: { path: junk, reason: { key: 'token.whyNotPkcs11' } }, details: [{ path: 'module', message: `${junk}: file too short` }] });
    expect(errorText(e as TokenError, 'en')).toBe(`The token library ${junk} cannot be loaded: it is not a PKCS#11 library. Check that the supplier's driver is installed (the 64-bit version).`);
    expect(e.message).toBe(`Không nạp được thư viện token ${junk}: đây không phải thư viện PKCS#11. Kiểm tra đã cài trình điều khiển của nhà cung cấp (đúng bản 64-bit).`);
  });

  it('a module whose C_Initialize fails is a keyed token failure naming the CKR value, not the binding raw error', () => {
    const failing = { load: () => undefined, C_Initialize: () => throwIt(new Error('CKR_GENERAL_ERROR')) } as unknown as pkcs11js.PKCS11;
    const e = caught(() => new Pkcs11Token('/opt/vendor/libinit-fails.so', () => failing));
    expect(e).toBeInstanceOf(TokenError);
    expect(e).toMatchObject({ key: 'token.moduleLoad', params: { path: '/opt/vendor/libinit-fails.so', reason: { key: 'token.whyInitFailed', params: { ckr: 'CKR_GENERAL_ERROR' } } } });
    expect(errorText(e as TokenError, 'en')).toContain('cannot be loaded: the library failed to initialise (CKR_GENERAL_ERROR).');
  });
});

/** pkcs11js's error for a CKR value: its name as the message, its number as the code. */
function throwIt(e: Error): never {
  throw Object.assign(e, { code: 5 });
}

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}
