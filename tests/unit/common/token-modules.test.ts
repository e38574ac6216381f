import { describe, expect, it } from 'vitest';
import { modulesFromRegistry, parseP11KitModule, pickDetected, resolveP11KitModule, vendorOf, type TokenModuleCandidate } from '../../../electron/common/hardware/token-modules';

describe('token module candidates', () => {
  it('reads the module line of a p11-kit .module file, ignoring comments', () => {
    expect(parseP11KitModule('# module: /wrong.so\n\nmodule: /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so\n')).toBe('/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so');
    expect(parseP11KitModule('module:opensc-pkcs11.so')).toBe('opensc-pkcs11.so');
    expect(parseP11KitModule('enable-in: p11-kit-proxy\n')).toBeNull();
  });

  it('resolves a relative module name against the p11-kit module folder', () => {
    expect(resolveP11KitModule('opensc-pkcs11.so')).toBe('/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so');
    expect(resolveP11KitModule('x.so', '/opt/p11/')).toBe('/opt/p11/x.so');
    expect(resolveP11KitModule('/abs/y.so')).toBe('/abs/y.so');
  });

  it('turns the Windows CSP registry into PKCS#11 modules (X_s.dll → X.dll), skipping Microsoft CSPs', () => {
    const reg = [
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\Provider\\Microsoft Enhanced Cryptographic Provider v1.0',
      '    Image Path    REG_SZ    rsaenh.dll',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\Provider\\VNPT-CA PKI Provider',
      '    Image Path    REG_SZ    C:\\Windows\\System32\\vnptca_p11_v6_s.dll',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\Provider\\Viettel-CA',
      '    Image Path    REG_EXPAND_SZ    %SystemRoot%\\System32\\viettel-ca_v6_s.dll',
      '    Image Path    REG_SZ    c:\\windows\\system32\\VNPTCA_P11_V6_S.DLL',
    ].join('\r\n');
    expect(modulesFromRegistry(reg)).toEqual(['C:\\Windows\\System32\\vnptca_p11_v6.dll', 'C:\\Windows\\System32\\viettel-ca_v6.dll']);
  });

  it('names the CA from the file name', () => {
    expect(vendorOf('C:\\Windows\\System32\\BkavCAv2S.dll')).toBe('BKAV-CA');
    expect(vendorOf('C:\\Windows\\System32\\fptca_v6.dll')).toBe('FPT-CA');
    expect(vendorOf('/usr/local/lib/viettel-ca_v6.dylib')).toBe('Viettel-CA');
    expect(vendorOf('C:\\Windows\\System32\\vnpt-ca_v34.dll')).toBe('VNPT-CA');
    expect(vendorOf('/x/unknown.so')).toBeNull();
  });

  it('picks a module holding a token before one that only loads, never one that does not load', () => {
    const c = (path: string, loads: boolean | null, tokens: number | null): TokenModuleCandidate => ({ path, source: 'known', vendor: null, found: loads !== null, loads, tokens, error: null, errorKey: null, configured: false });
    expect(pickDetected([c('/a', false, null), c('/b', true, 0), c('/c', true, 1)])?.path).toBe('/c');
    expect(pickDetected([c('/a', false, null), c('/b', true, 0)])?.path).toBe('/b');
    expect(pickDetected([c('/a', null, null), c('/b', false, null)])).toBeNull();
  });
});
