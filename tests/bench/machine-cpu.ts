import { cpus } from 'node:os';

/**
 * The whole machine's CPU time so far, summed over its cores (every process's, not only ours): a
 * cold start is Chromium's processes and ours at once, and on a machine with few cores what
 * bounds it may be their CPU work rather than any wait. Builtins only: the cold start's entry
 * takes it before it loads anything.
 */
export interface MachineCpu {
  readonly cores: number;
  /** ms the cores spent busy (user, nice, sys, irq). */
  readonly busy: number;
  /** ms the cores spent in all (busy and idle). */
  readonly total: number;
}

export function machineCpu(): MachineCpu {
  const all = cpus();
  let busy = 0;
  let total = 0;
  for (const { times: t } of all) {
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { cores: all.length, busy, total };
}

/** What the machine's cores did since `from`: busy ms, and the share of their time that was. */
export function cpuSince(from: MachineCpu): { readonly busy: number; readonly share: number; readonly cores: number } {
  const now = machineCpu();
  const busy = now.busy - from.busy;
  const total = now.total - from.total;
  return { busy, share: total > 0 ? busy / total : 0, cores: now.cores };
}
