import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'MotCuaDesk';

export interface PathEnv {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

const currentEnv = (): PathEnv => ({ platform: process.platform, env: process.env, home: homedir() });

/** Where the OS keeps per-user application data; matches Electron's `app.getPath('userData')` parent. */
export function defaultDataDir(p: PathEnv = currentEnv()): string {
  if (p.platform === 'win32') return join(p.env.APPDATA ?? join(p.home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (p.platform === 'darwin') return join(p.home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(p.env.XDG_CONFIG_HOME ?? join(p.home, '.config'), APP_DIR_NAME);
}

/**
 * Where the OS keeps per-user caches: what is kept there is rebuilt when lost, so it stays out of
 * the data directory, which holds the office's records.
 */
export function defaultCacheDir(p: PathEnv = currentEnv()): string {
  if (p.platform === 'win32') return join(p.env.LOCALAPPDATA ?? join(p.home, 'AppData', 'Local'), APP_DIR_NAME, 'Cache');
  if (p.platform === 'darwin') return join(p.home, 'Library', 'Caches', APP_DIR_NAME);
  return join(p.env.XDG_CACHE_HOME ?? join(p.home, '.cache'), APP_DIR_NAME);
}

/**
 * One rule for the app, the Chromium host and the CLI: `--data-dir`, then `MOTCUA_DATA_DIR`,
 * then the OS default. Nothing else decides where a citizen's data lives.
 */
export function resolveDataDir(cliValue: string | undefined, p: PathEnv = currentEnv()): string {
  const chosen = cliValue?.trim() || p.env.MOTCUA_DATA_DIR?.trim();
  return chosen ? resolve(chosen) : defaultDataDir(p);
}

/** Reads `--data-dir <dir>` or `--data-dir=<dir>` from an argv without a full parser (app + host). */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir') return argv[i + 1];
    if (a.startsWith('--data-dir=')) return a.slice('--data-dir='.length);
  }
  return undefined;
}

export interface DataLayout {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly filesDir: string;
  readonly logsDir: string;
  /** Generated documents, all sealed (document-vault.ts): receipts and the forms beside them, hand-over slips, reports. */
  readonly receiptsDir: string;
  readonly returnsDir: string;
  readonly reportsDir: string;
  /** Where versions before printing from memory left plain copies for the OS viewer: only wiped at start now. */
  readonly viewerDir: string;
  /** Written once the scans and documents of a version before sealing are all sealed. */
  readonly legacySealedMarker: string;
}

export function dataLayout(dataDir: string): DataLayout {
  return {
    dataDir,
    dbPath: join(dataDir, 'motcua.sqlite3'),
    filesDir: join(dataDir, 'files'),
    logsDir: join(dataDir, 'logs'),
    receiptsDir: join(dataDir, 'files', 'receipts'),
    returnsDir: join(dataDir, 'files', 'returns'),
    reportsDir: join(dataDir, 'reports'),
    viewerDir: join(dataDir, 'files', 'viewer'),
    legacySealedMarker: join(dataDir, 'files', '.documents-sealed'),
  };
}
