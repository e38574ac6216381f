import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'scripts', 'motcua.cjs');

/** Runs the real `motcua` bin (the built bundle) as a child process. */
export function motcua(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MOTCUA_LOG_LEVEL: 'error', ...env },
    timeout: 150_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like `motcua`, without blocking this process: for tests whose device double lives in this process. */
export function motcuaAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, MOTCUA_LOG_LEVEL: 'error', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The first admin of a fresh data directory, as IT creates it (`officer add` is the one command that runs before anyone exists). */
export const ADMIN_ENV = { MOTCUA_OFFICER: 'quantri', MOTCUA_PASSWORD: 'mat-khau-quan-tri' };

/** Creates the first admin in `dataDir` (no-op when one exists) and returns the environment that signs the CLI in as them. */
export function cliAdmin(dataDir: string, env: Record<string, string> = {}): Record<string, string> {
  const list = motcua(['officer', 'list', '--data-dir', dataDir], { ...env, ...ADMIN_ENV });
  if (list.code === 0) return { ...env, ...ADMIN_ENV };
  const r = motcua(['officer', 'add', '--id', 'qt01', '--username', ADMIN_ENV.MOTCUA_OFFICER, '--name', 'Nguyễn Quản Trị', '--role', 'admin', '--password-env', 'ADMIN_PW', '--data-dir', dataDir], {
    ...env,
    ADMIN_PW: ADMIN_ENV.MOTCUA_PASSWORD,
  });
  if (r.code !== 0) throw new Error(`could not create the first admin: ${r.stderr}`);
  return { ...env, ...ADMIN_ENV };
}
