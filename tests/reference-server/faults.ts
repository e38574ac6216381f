/** Fault injection for the reference server: what a bad network and a struggling server do. */
export type FaultKind = '500' | '503' | '429' | 'reset' | 'delay' | 'commitThenTimeout' | 'commitThenReset';

export interface FaultConfig {
  /** Probability that a request (matching `endpoints`) meets a fault. */
  errorRate: number;
  kinds: FaultKind[];
  /** Regex over "METHOD /path"; default: every API endpoint. */
  endpoints?: string;
  delayMs: number;
  retryAfterSec: number;
  /** Hold a committed write this long before dropping it (longer than the client's timeout). */
  stallMs: number;
  duplicateChanges: boolean;
  reorderChanges: boolean;
  tokenTtlSec: number;
}

export const NO_FAULTS: FaultConfig = {
  errorRate: 0,
  kinds: [],
  delayMs: 200,
  retryAfterSec: 1,
  stallMs: 3000,
  duplicateChanges: false,
  reorderChanges: false,
  tokenTtlSec: 900,
};

/** Deterministic when seeded, so a failing fault test can be replayed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}
