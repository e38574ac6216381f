import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { appProfile, chromiumExecutable, playwrightLaunchArgs } from '../../electron/host/chromium-early';
import { checkVerifier, makeVerifier } from '../../electron/node/officers/officer-repo';
import { cpuSince, machineCpu } from './machine-cpu';
import { median } from './stats';

/**
 * What a cold start cannot go below on this machine, measured in the same run as it: Chromium on
 * its own and the sign-in's password check. Both are outside what the host can shorten (the
 * password hash's cost is a security setting), so the goal minus them is what Playwright, the
 * page and the services have — printed beside the cold start so a run shows whether the goal is
 * reachable at all here, not only that it was missed.
 */

/**
 * Chromium with the app window's own command line and profile (playwrightLaunchArgs), no
 * Playwright and no app: ms from its spawn to the answer of a script run in its first page,
 * over the same DevTools pipe Playwright uses; and the machine's busy core-ms meanwhile.
 */
export function chromiumAlone(timeoutMs = 30_000): Promise<{ readonly ms: number; readonly cpuBusy: number }> {
  const profile = appProfile();
  const cpu = machineCpu();
  const t0 = performance.now();
  const child = spawn(chromiumExecutable(), playwrightLaunchArgs(true, profile.dir), {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const end = () => {
    try {
      if (child.pid && child.exitCode === null) {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGKILL');
      }
    } catch {
      // Already gone.
    }
    profile.remove();
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Chromium gave no page within ${timeoutMs} ms`)), timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      end();
      reject(e);
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`Chromium ended (exit ${code}) before a page answered`)));
    const out = child.stdio[3] as NodeJS.WritableStream;
    const input = child.stdio[4] as NodeJS.ReadableStream;
    let id = 0;
    type Answer = { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    const waiting = new Map<number, (m: Answer) => void>();
    const send = (method: string, params: object, sessionId?: string) =>
      new Promise<Record<string, unknown>>((ok, no) => {
        waiting.set(++id, (m) => (m.error ? no(new Error(`${method}: ${m.error.message}`)) : ok(m.result ?? {})));
        out.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
      });
    let buf = '';
    input.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      for (let i = buf.indexOf('\0'); i >= 0; i = buf.indexOf('\0')) {
        const m = JSON.parse(buf.slice(0, i)) as Answer;
        buf = buf.slice(i + 1);
        if (m.id !== undefined) waiting.get(m.id)?.(m);
      }
    });
    const firstPage = async (): Promise<string> => {
      for (;;) {
        const { targetInfos } = (await send('Target.getTargets', {})) as { targetInfos: Array<{ type: string; targetId: string }> };
        const page = targetInfos.find((t) => t.type === 'page');
        if (page) return page.targetId;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    void (async () => {
      const targetId = await firstPage();
      const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      const r = (await send('Runtime.evaluate', { expression: '6 * 7', returnByValue: true }, sessionId)) as { result?: { value?: unknown } };
      if (r.result?.value !== 42) throw new Error('the page did not run the script');
      return { ms: performance.now() - t0, cpuBusy: cpuSince(cpu).busy };
    })().then(
      (r) => {
        child.removeAllListeners('exit');
        clearTimeout(timer);
        end();
        resolve(r);
      },
      (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
    );
  });
}

/** The medians of `n` Chromium starts on their own (one after another, never beside the app's). */
export async function chromiumAloneMedian(n: number): Promise<{ readonly ms: number; readonly cpuBusy: number }> {
  const xs: Array<{ ms: number; cpuBusy: number }> = [];
  for (let i = 0; i < n; i++) xs.push(await chromiumAlone());
  return { ms: median(xs.map((x) => x.ms)), cpuBusy: median(xs.map((x) => x.cpuBusy)) };
}

/** The median of `n` sign-in password checks as the app makes them (its scrypt settings). */
export async function passwordCheckMedian(n: number): Promise<number> {
  const verifier = await makeVerifier('Đo-thời-gian-2026');
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    if (!(await checkVerifier(verifier, 'Đo-thời-gian-2026'))) throw new Error('the password check refused its own password');
    xs.push(performance.now() - t0);
  }
  return median(xs);
}
