import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './stats';
import { record } from './summary';

const BIN = join(process.cwd(), 'scripts', 'motcua.cjs');
const QR = '001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';
const RUNS = 15;

function wall(args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOTCUA_LOG_LEVEL: 'error' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}


/**
 * `motcua --help` and `motcua cccd parse` as whole processes against a bare `node -e 0`, in
 * alternating pairs (A B A B …) so a machine that speeds up or slows down during the run weighs
 * on both sides alike; the figure is the median of the per-pair ratios.
 */
export async function benchCli(): Promise<void> {
  if (!existsSync(join(process.cwd(), 'dist', 'cli', 'motcua.cjs'))) throw new Error('dist/cli/motcua.cjs is missing: run `npm run build` first');
  for (const [name, args] of [
    ['motcua --help', [BIN, '--help']],
    ['motcua cccd parse <qr>', [BIN, 'cccd', 'parse', QR]],
  ] as const) {
    wall(['-e', '0']);
    wall(args); // warm-up: the page cache, not the process, is what a second start reuses
    const bare: number[] = [];
    const cli: number[] = [];
    const ratio: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const b = wall(['-e', '0']);
      const c = wall(args);
      bare.push(b);
      cli.push(c);
      ratio.push(c / b);
    }
    record(`CLI: ${name} ÷ node -e 0 (paired, median of ${RUNS})`, median(ratio), '×', { op: '<=', value: 4 }, `${median(cli).toFixed(0)} ms vs ${median(bare).toFixed(0)} ms`);
  }
}
