import { z } from 'zod';
import { keyedTextSchema } from '../ipc/notice';

export type ModulePlatform = 'win32' | 'linux' | 'darwin';

const WIN_DLLS = [
  // VNPT-CA
  'vnptca_p11_v10.dll', 'vnptca_p11_v9.dll', 'vnptca_p11_v8.dll', 'vnptca_p11_v7.dll', 'vnptca_p11_v6.dll', 'vnpt-ca_csp11.dll', 'vnpt-ca_v34.dll', 'vnpt-ca_v4.dll', 'vnpt-ca_cl_v1.dll',
  // Viettel-CA
  'viettel-ca_v6.dll', 'viettel-ca_v5.dll', 'viettel-ca_v4.dll', 'viettel-ca_v3.dll', 'viettel-ca_v2.dll', 'viettel-ca_v1.dll', 'viettel-ca.dll',
  // BKAV-CA (and SecureMetric, which BKAV ships)
  'BkavCAv2S.dll', 'BkavCAv25.dll', 'BkavCAv2T.dll', 'BkavCA.dll', 'bkavcaetoken.dll', 'bkavcaetoken_p11.dll', 'st3csp11.dll',
  // FPT-CA
  'fptca_v6.dll', 'fptca_v5.dll', 'fptca_v4.dll', 'fptca_v3.dll', 'fpt-ca_v5.dll', 'fpt-ca_v4.dll', 'fpt-ca-stx.dll', 'fpt-ca.dll',
  // NewCA, CA2/Nacencomm, MISA-CA and the token makers the CAs ship
  'nca_v9.dll', 'nca_v8.dll', 'nca_v7.dll', 'nca_v6.dll', 'nca_v5.dll', 'nca_v4.dll', 'CA2_csp11.dll', 'CA2_v34.dll', 'ncca_csp11_v1.dll', 'misaca_csp11_v2.dll',
  'eps2003csp11.dll', 'eps2003csp11v2.dll', 'eTPKCS11.dll', 'opensc-pkcs11.dll',
];

/**
 * Where the Vietnamese CAs' PKCS#11 modules usually are (domain doc §5.3), tried in order when
 * no module is configured. Windows first: that is where the counters are. Linux names are
 * guess-lists (the doc marks them unconfirmed); p11-kit's registry is read before them.
 */
export const TOKEN_MODULE_CANDIDATES: Readonly<Record<ModulePlatform, readonly string[]>> = {
  win32: WIN_DLLS.map((f) => `C:\\Windows\\System32\\${f}`),
  linux: [
    '/usr/lib/libvnpt-pkcs11.so', '/usr/lib/libviettel-ca_v2.so', '/usr/lib/libvsignspkcs11.so', '/usr/lib/libcastle_v2.so.1.0.0', '/usr/lib/libcastle.so.1.0.0',
    '/usr/lib/libeTPkcs11.so', '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
  ],
  darwin: [
    '/usr/local/lib/viettel-ca_v6.dylib', '/usr/local/lib/viettel-ca_v5.dylib', '/usr/local/lib/viettel-ca_v4.dylib', '/usr/local/lib/nca_v6.dylib',
    '/usr/local/lib/libcastle.1.0.0.dylib', '/Library/OpenSC/lib/opensc-pkcs11.so',
  ],
};

/** p11-kit's module registries (Debian: the packaged modules, then the administrator's). */
export const P11KIT_REGISTRY_DIRS: readonly string[] = ['/usr/share/p11-kit/modules', '/etc/pkcs11/modules'];
/** Where p11-kit looks for a module named without a directory. */
export const P11KIT_MODULE_DIR = '/usr/lib/x86_64-linux-gnu/pkcs11';

/** The `module:` line of a p11-kit `.module` file (null when it has none). */
export function parseP11KitModule(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*module\s*:\s*(.+?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) return m[1]!;
  }
  return null;
}

/** A relative module name resolves against p11-kit's module directory, as p11-kit itself does. */
export function resolveP11KitModule(name: string, moduleDir: string = P11KIT_MODULE_DIR): string {
  return name.startsWith('/') ? name : `${moduleDir.replace(/\/+$/, '')}/${name}`;
}

/**
 * The CSP images `reg query …\Cryptography\Defaults\Provider /s /v "Image Path"` lists, as PKCS#11
 * module paths: EnterSafe-style drivers register `X_s.dll` as the CSP and ship `X.dll` beside it.
 */
export function modulesFromRegistry(regOutput: string, systemRoot = 'C:\\Windows'): string[] {
  const out: string[] = [];
  for (const line of regOutput.split(/\r?\n/)) {
    const m = /^\s*Image Path\s+REG_(?:EXPAND_)?SZ\s+(.+?)\s*$/i.exec(line);
    if (!m) continue;
    let p = m[1]!.replace(/%SystemRoot%/gi, systemRoot);
    if (!/[\\/]/.test(p)) p = `${systemRoot}\\System32\\${p}`;
    // Microsoft's own providers are CSPs only; they have no PKCS#11 module.
    if (/\\(rsaenh|dssenh|basecsp|sccbase|scardsrv)\.dll$/i.test(p)) continue;
    const module = p.replace(/_s\.dll$/i, '.dll');
    if (!out.some((x) => x.toLowerCase() === module.toLowerCase())) out.push(module);
  }
  return out;
}

/** Which CA or maker a module belongs to, from its file name (null: not one we know). */
export function vendorOf(path: string): string | null {
  const f = path.split(/[\\/]/).pop()!.toLowerCase();
  const table: Array<[RegExp, string]> = [
    [/vnpt/, 'VNPT-CA'],
    [/viettel/, 'Viettel-CA'],
    [/bkav|st3csp11/, 'BKAV-CA'],
    [/fpt/, 'FPT-CA'],
    [/^nca_|newca/, 'NewCA'],
    [/^ca2|ncca/, 'CA2 / Nacencomm'],
    [/misa/, 'MISA-CA'],
    [/castle|eps2003/, 'Feitian ePass2003'],
    [/etpkcs11/, 'SafeNet eToken'],
    [/softhsm/, 'SoftHSM2'],
    [/opensc/, 'OpenSC'],
  ];
  return table.find(([re]) => re.test(f))?.[1] ?? null;
}

export const tokenModuleSourceSchema = z.enum(['configured', 'p11-kit', 'registry', 'known']);

/** One PKCS#11 module this PC might sign with, as `motcua token modules` and Cài đặt → Thiết bị ký số show it. */
export const tokenModuleCandidateSchema = z.object({
  path: z.string(),
  source: tokenModuleSourceSchema,
  vendor: z.string().nullable(),
  found: z.boolean(),
  /** C_Initialize answered (null: not tried, the file is missing). */
  loads: z.boolean().nullable(),
  /** Slots holding an initialised token (null: the module did not load). */
  tokens: z.number().int().nullable(),
  /** Why it did not load, in the loader's own words: a detail for the technician. */
  error: z.string().nullable(),
  /** The same reason keyed (not a PKCS#11 library, wrong architecture…), worded in the officer's language; null when the loader's words match no key. */
  errorKey: keyedTextSchema.nullable(),
  configured: z.boolean(),
});
export type TokenModuleCandidate = z.infer<typeof tokenModuleCandidateSchema>;

/** The module to use when none is configured: one with a token in it, else one that loads. */
export function pickDetected(list: readonly TokenModuleCandidate[]): TokenModuleCandidate | null {
  return list.find((c) => c.loads && (c.tokens ?? 0) > 0) ?? list.find((c) => c.loads) ?? null;
}
