import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One figure of a run, as `.tmp/bench/summary.json` keeps it so runs can be compared. Goals are
 * reported, never asserted: a missed goal is a finding, not a failed run.
 */
export interface Figure {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** e.g. "< 5 ms", "≥ 200 dossiers/s"; null for figures kept for context only. */
  readonly goal: string | null;
  readonly met: boolean | null;
}

export type Goal = { readonly op: '<' | '<=' | '>=' | '>'; readonly value: number };

const figures: Figure[] = [];

const SYMBOL = { '<': '<', '<=': '≤', '>=': '≥', '>': '>' } as const;

export function meets(value: number, goal: Goal): boolean {
  switch (goal.op) {
    case '<':
      return value < goal.value;
    case '<=':
      return value <= goal.value;
    case '>=':
      return value >= goal.value;
    case '>':
      return value > goal.value;
  }
}

/**
 * Prints one figure with its goal and verdict and keeps it for the summary. `detail` is printed
 * after the verdict (distribution, counts) and not recorded.
 */
export function record(metric: string, value: number, unit: string, goal: Goal | null, detail = ''): Figure {
  const goalText = goal ? `${SYMBOL[goal.op]} ${goal.value} ${unit}` : null;
  const met = goal ? meets(value, goal) : null;
  const f: Figure = { metric, value: Number(Math.abs(value) >= 0.01 ? value.toFixed(3) : value.toPrecision(3)), unit, goal: goalText, met };
  figures.push(f);
  const shown = `${formatValue(value)} ${unit}`;
  const verdict = goal ? `  [goal ${goalText}: ${met ? 'met' : 'NOT MET'}]` : '';
  process.stdout.write(`${metric.padEnd(58)} ${shown}${verdict}${detail ? `  ${detail}` : ''}\n`);
  return f;
}

// Below 0.01, two significant digits: a ratio of 0.0011 is not "0.00".
const formatValue = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(2) : v.toPrecision(2));

export function recorded(): readonly Figure[] {
  return figures;
}

/** Figures a bench recorded in a process of its own (index.ts), kept here as if recorded in this one; they were printed there. */
export function adopt(more: readonly Figure[]): void {
  figures.push(...more);
}

export function writeSummary(path: string, extra: { crashed: readonly string[]; ran: readonly string[] }): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(figures, null, 2) + '\n');
  const missed = figures.filter((f) => f.met === false);
  process.stdout.write(
    `\nsummary: ${figures.length} figures from ${extra.ran.join(', ')}; ${figures.filter((f) => f.met).length} goals met, ${missed.length} not met` +
      `${extra.crashed.length ? `; CRASHED: ${extra.crashed.join(', ')}` : ''} → ${path}\n`,
  );
  for (const f of missed) process.stdout.write(`  not met: ${f.metric}: ${f.value} ${f.unit} (goal ${f.goal})\n`);
}

/** The audit chain's key for stores a bench opens itself (the app's comes from the vault): writes need one. */
export const BENCH_AUDIT_KEY = async (): Promise<Buffer> => AUDIT_KEY;
const AUDIT_KEY = Buffer.alloc(32, 7);
