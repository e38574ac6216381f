import { performance } from 'node:perf_hooks';

export interface Timing {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function summarize(samplesMs: number[]): Timing {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1]! };
}

/** The middle sample (the upper one of an even count), as `summarize`'s p50. */
export function median(samplesMs: number[]): number {
  return summarize(samplesMs).p50;
}

export async function timeEach(n: number, fn: (i: number) => unknown): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** Progress and context lines that are not figures (figures go through summary.ts `record`). */
export function line(name: string, value: string) {
  process.stdout.write(`${name.padEnd(48)} ${value}\n`);
}

/** The officer benches act as (not a real account: benches measure the save, not the sign-in). */
export const BENCH_OFFICER = { officerId: 'bench', fullName: 'Cán bộ đo', roles: ['officer'] as const, counterId: 'Q01' };

/** A difference with its sign, for a figure's detail: +3.1, −20.4. */
export const signed = (x: number, digits = 1): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

/**
 * Each of `paths` run `rounds` times, in turn: round i starts with path i (mod their number), so the
 * machine's load falls on all alike and none always follows another's garbage. Results in run order per path.
 */
export async function inTurn<K extends string, T>(rounds: number, paths: Record<K, () => Promise<T>>): Promise<Record<K, T[]>> {
  const keys = Object.keys(paths) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as T[]])) as Record<K, T[]>;
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(i + j) % keys.length]!;
      out[k].push(await paths[k]());
    }
  }
  return out;
}
