import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  modulesFromRegistry,
  P11KIT_MODULE_DIR,
  P11KIT_REGISTRY_DIRS,
  parseP11KitModule,
  resolveP11KitModule,
  TOKEN_MODULE_CANDIDATES,
  vendorOf,
  type ModulePlatform,
  type TokenModuleCandidate,
} from '../../common/hardware/token-modules';
import { moduleLoadReason } from '../../common/hardware/token-module-wording';
import { formatError, type KeyedText } from '../../common/ipc/error-messages';

export interface ProbeResult {
  readonly loads: boolean;
  readonly tokens: number | null;
  /** Why it did not load, in the loader's own words (a detail for the technician). */
  readonly error: string | null;
  /** The same reason keyed, when it is one the app knows (moduleLoadReason): what the officer reads. */
  readonly errorKey: KeyedText | null;
}

/**
 * Loads the module, calls C_Initialize and counts the slots holding an initialised token, then
 * finalizes — all in a child process: a vendor library that crashes, hangs or misbehaves on a
 * second C_Initialize takes the child down, never the app, and this process never loads it.
 */
const PROBE = `
const out = (o) => process.stdout.write(JSON.stringify(o));
let p;
try { const m = require(process.argv[1]); p = new m.PKCS11(); p.load(process.argv[2]); }
catch (e) { out({ loads: false, tokens: null, error: String(e && e.message || e) }); process.exit(0); }
try { p.C_Initialize({ flags: 2 }); } catch (e) { if (!e || e.code !== 0x191) { out({ loads: false, tokens: null, error: String(e && e.message || e) }); process.exit(0); } }
let tokens = 0;
try { for (const s of p.C_GetSlotList(true)) { if (p.C_GetTokenInfo(s).flags & 0x400) tokens++; } } catch (e) { tokens = null; }
try { p.C_Finalize(); } catch {}
out({ loads: true, tokens, error: null });
`;

export function probeModule(path: string, timeoutMs = 10_000): Promise<ProbeResult> {
  let binding: string;
  try {
    binding = createRequire(__filename).resolve('pkcs11js');
  } catch (e) {
    return Promise.resolve({ loads: false, tokens: null, error: (e as Error).message, errorKey: null });
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', PROBE, binding, path],
      // Electron runs its binary as plain Node for the probe.
      { timeout: timeoutMs, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, windowsHide: true, maxBuffer: 64 * 1024 },
      (err, stdout) => {
        try {
          const r = JSON.parse(stdout) as { loads?: unknown; tokens?: unknown; error?: unknown };
          const error = typeof r.error === 'string' ? r.error : null;
          return resolve({ loads: r.loads === true, tokens: typeof r.tokens === 'number' ? r.tokens : null, error, errorKey: error === null ? null : moduleLoadReason(error, path) });
        } catch {
          const errorKey: KeyedText = err
            ? err.killed
              ? { key: 'token.whyNoAnswer', params: { seconds: timeoutMs / 1000 } }
              : { key: 'token.whyProbeStopped', params: { signal: String(err.signal ?? err.code ?? err.message) } }
            : { key: 'token.whyProbeUnreadable' };
          resolve({ loads: false, tokens: null, error: formatError(errorKey.key, errorKey.params, 'vi'), errorKey });
        }
      },
    );
  });
}

export interface DetectOptions {
  readonly platform?: NodeJS.Platform;
  /** The module configured in Cài đặt (listed first, marked configured). */
  readonly configured?: string | null;
  /** p11-kit registries to read besides the system ones (tests; an admin's own folder). */
  readonly extraRegistryDirs?: readonly string[];
  /** Replaces the system registries (tests that must not see this machine's modules). */
  readonly registryDirs?: readonly string[];
  readonly moduleDir?: string;
  /** Windows: `reg query` output of the CSP providers; injectable for review and tests. */
  readonly readWindowsRegistry?: () => Promise<string>;
  readonly probe?: (path: string) => Promise<ProbeResult>;
  readonly exists?: (path: string) => boolean;
}

/** Extra p11-kit registries from MOTCUA_P11KIT_DIRS (path-list separated), for an admin's own folder or a test. */
export function envRegistryDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.MOTCUA_P11KIT_DIRS ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
}

async function p11KitModules(dirs: readonly string[], moduleDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const dir of dirs) {
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const f of files.filter((x) => x.endsWith('.module')).sort()) {
      const name = parseP11KitModule(await readFile(join(dir, f), 'utf8').catch(() => ''));
      if (name) out.push(resolveP11KitModule(name, moduleDir));
    }
  }
  return out;
}

function regQuery(): Promise<string> {
  return new Promise((resolve) => {
    execFile('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\Provider', '/s', '/v', 'Image Path'], { timeout: 10_000, windowsHide: true }, (_e, stdout) => resolve(stdout ?? ''));
  });
}

/**
 * Every PKCS#11 module this PC might sign with, each probed: the configured one, then (Linux)
 * p11-kit's registry, (Windows) the CSPs in the registry, then the CAs' known paths.
 */
export async function detectTokenModules(o: DetectOptions = {}): Promise<TokenModuleCandidate[]> {
  const platform = (o.platform ?? process.platform) as ModulePlatform;
  const exists = o.exists ?? existsSync;
  const probe = o.probe ?? ((p: string) => probeModule(p));
  const paths: Array<{ path: string; source: TokenModuleCandidate['source'] }> = [];
  const add = (path: string, source: TokenModuleCandidate['source']) => {
    const same = (a: string) => (platform === 'win32' ? a.toLowerCase() === path.toLowerCase() : a === path);
    if (!paths.some((x) => same(x.path))) paths.push({ path, source });
  };
  if (o.configured) add(o.configured, 'configured');
  if (platform === 'linux') {
    const dirs = [...(o.registryDirs ?? P11KIT_REGISTRY_DIRS), ...(o.extraRegistryDirs ?? [])];
    for (const p of await p11KitModules(dirs, o.moduleDir ?? P11KIT_MODULE_DIR)) add(p, 'p11-kit');
  }
  if (platform === 'win32') {
    const reg = await (o.readWindowsRegistry ?? regQuery)().catch(() => '');
    for (const p of modulesFromRegistry(reg, process.env.SystemRoot ?? 'C:\\Windows')) add(p, 'registry');
  }
  for (const p of TOKEN_MODULE_CANDIDATES[platform] ?? []) add(p, 'known');
  return Promise.all(
    paths.map(async ({ path, source }): Promise<TokenModuleCandidate> => {
      const found = exists(path);
      const r = found ? await probe(path) : null;
      return { path, source, vendor: vendorOf(path), found, loads: r ? r.loads : null, tokens: r && r.loads ? r.tokens : null, error: r?.error ?? null, errorKey: r?.errorKey ?? null, configured: path === o.configured };
    }),
  );
}
