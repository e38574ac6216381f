/**
 * Where the Vietnamese CAs' PKCS#11 modules usually are (domain doc §5.3), tried in order when
 * no module is configured. Windows first: that is where the counters are.
 */
export const TOKEN_MODULE_CANDIDATES: Readonly<Record<'win32' | 'linux' | 'darwin', readonly string[]>> = {
  win32: [
    'vnptca_p11_v10.dll', 'vnptca_p11_v9.dll', 'vnptca_p11_v8.dll', 'vnptca_p11_v7.dll', 'vnptca_p11_v6.dll', 'vnpt-ca_csp11.dll', 'vnpt-ca_v34.dll',
    'viettel-ca_v6.dll', 'viettel-ca_v5.dll', 'viettel-ca_v4.dll', 'viettel-ca.dll',
    'BkavCAv2S.dll', 'BkavCA.dll', 'bkavcaetoken.dll', 'st3csp11.dll',
    'fptca_v6.dll', 'fpt-ca_v5.dll', 'fpt-ca.dll',
    'nca_v9.dll', 'nca_v6.dll', 'CA2_csp11.dll', 'misaca_csp11_v2.dll',
    'eps2003csp11.dll', 'eTPKCS11.dll', 'opensc-pkcs11.dll',
  ].map((f) => `C:\\Windows\\System32\\${f}`),
  linux: ['/usr/lib/libvnpt-pkcs11.so', '/usr/lib/libviettel-ca_v2.so', '/usr/lib/libcastle_v2.so.1.0.0', '/usr/lib/libeTPkcs11.so', '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so'],
  darwin: ['/usr/local/lib/viettel-ca_v6.dylib', '/usr/local/lib/nca_v6.dylib', '/Library/OpenSC/lib/opensc-pkcs11.so'],
};
