import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A real serial line: two linked ptys from socat. The app opens `appPath`; the test is the device on `devicePath`. */
export interface PtyPair {
  readonly appPath: string;
  readonly devicePath: string;
  /** Bytes from the device (a scanner sending a scan). */
  send(data: string | Buffer): void;
  /** Ends the pair: the "cable" is pulled. */
  close(): Promise<void>;
}

export async function ptyPair(dir: string, name = 'tty'): Promise<PtyPair> {
  const appPath = join(dir, `${name}-app`);
  const devicePath = join(dir, `${name}-dev`);
  const proc: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${appPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: 'ignore' });
  const t0 = Date.now();
  while (!(existsSync(appPath) && existsSync(devicePath))) {
    // socat starts in well under a second, but a loaded machine can take several.
    if (Date.now() - t0 > 20_000) throw new Error('socat did not create the pty pair (is socat installed?)');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    appPath,
    devicePath,
    send: (data) => writeFileSync(devicePath, data),
    close: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
