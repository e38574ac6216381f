import { appendFileSync } from 'node:fs';

/**
 * Budgets of the fuzz properties: small in the normal test run, large under `npm run fuzz`
 * (scripts/fuzz.mjs sets the variables). A fixed seed in the normal run keeps it repeatable; the
 * fuzz run draws a new one each time and prints it, so a failure found there can be replayed.
 */
export function budget(name: 'FUZZ_CCCD_RUNS' | 'FUZZ_IPC_RUNS' | 'FUZZ_PDF_RUNS', dflt: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : dflt;
}

export const fuzzSeed = (): number => (process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261130);

/** The tally each property reports: what was tried, refused with a typed error, accepted, and broke a rule. */
export interface FuzzTally {
  property: string;
  tried: number;
  refused: number;
  accepted: number;
  failures: number;
}

/** Appends the tally where `npm run fuzz` collects it (a JSON line per property); the normal run keeps it to itself. */
export function reportTally(t: FuzzTally): void {
  const out = process.env.FUZZ_REPORT;
  if (out) appendFileSync(out, `${JSON.stringify({ ...t, seed: fuzzSeed() })}\n`);
}
