import { describe, expect, it } from 'vitest';
import { runPool } from '../../../electron/node/sync/head-pool';

type H = { code: string; n: number };

/** A fake outbox: per code, a queue of item numbers; a head is ready unless it backs off until `readyAt`. */
function outbox(queues: Record<string, number[]>) {
  const readyAt = new Map<string, number>();
  return {
    queues,
    readyAt,
    heads: (busy: ReadonlySet<string>): H[] =>
      Object.entries(queues)
        .filter(([code, q]) => q.length && !busy.has(code) && (readyAt.get(code) ?? 0) <= Date.now())
        .map(([code, q]) => ({ code, n: q[0]! })),
    next: (): number | null => {
      const waiting = Object.entries(queues).filter(([code, q]) => q.length && (readyAt.get(code) ?? 0) > Date.now());
      return waiting.length ? Math.min(...waiting.map(([code]) => readyAt.get(code)! - Date.now())) : null;
    },
  };
}

describe('runPool (the sender pool over queue heads)', () => {
  it('never holds one dossier in two workers, keeps each dossier in order, and sends everything', async () => {
    const o = outbox({ A: [1, 2, 3], B: [1, 2], C: [1], D: [1, 2, 3, 4], E: [1] });
    const holding = new Set<string>();
    const sent: string[] = [];
    let overlap = false;
    await runPool<H>({
      size: 3,
      deadline: Date.now() + 10_000,
      waitForBackoff: true,
      go: async () => true,
      scan: async (busy) => o.heads(busy),
      nextDelay: async () => o.next(),
      run: async (h) => {
        if (holding.has(h.code)) overlap = true;
        holding.add(h.code);
        await new Promise((r) => setTimeout(r, 2));
        // One item per run, as a failure would leave it: the rest comes back through a later scan.
        sent.push(`${h.code}${o.queues[h.code]!.shift()}`);
        holding.delete(h.code);
      },
    });
    expect(overlap).toBe(false);
    expect(sent.filter((s) => s.startsWith('D'))).toEqual(['D1', 'D2', 'D3', 'D4']);
    expect(sent.filter((s) => s.startsWith('A'))).toEqual(['A1', 'A2', 'A3']);
    expect(sent).toHaveLength(11);
  });

  it('waits for a head backing off when asked to, and stops without waiting when not', async () => {
    const o = outbox({ A: [1] });
    o.readyAt.set('A', Date.now() + 40);
    const sent: string[] = [];
    const source = (waitForBackoff: boolean) => ({
      size: 2,
      deadline: Date.now() + 10_000,
      waitForBackoff,
      go: async () => true,
      scan: async (busy: ReadonlySet<string>) => o.heads(busy),
      nextDelay: async () => o.next(),
      run: async (h: H) => void sent.push(`${h.code}${o.queues[h.code]!.shift()}`),
    });
    await runPool<H>(source(false));
    expect(sent).toEqual([]);
    await runPool<H>(source(true));
    expect(sent).toEqual(['A1']);
  });

  it('takes no new head once go() says stop (a lost lock)', async () => {
    const o = outbox({ A: [1, 2], B: [1] });
    const sent: string[] = [];
    let scans = 0;
    await runPool<H>({
      size: 1,
      deadline: Date.now() + 10_000,
      waitForBackoff: true,
      go: async () => scans++ < 1,
      scan: async (busy) => o.heads(busy).slice(0, 1),
      nextDelay: async () => o.next(),
      run: async (h) => void sent.push(`${h.code}${o.queues[h.code]!.shift()}`),
    });
    expect(sent).toEqual(['A1']);
  });
});
