import { networkInterfaces } from 'node:os';
import type { SyncState } from '../../common/ipc/contract';
import { toVietnamRfc3339 } from '../../common/domain/time';
import type { AppStore } from '../store/app-store';
import type { EventHub } from '../events/event-hub';

export type NetworkProbe = () => Promise<boolean>;

/** A non-internal IPv4/IPv6 interface that is up: the cheapest signal that a network exists. */
export const interfaceProbe: NetworkProbe = async () =>
  Object.values(networkInterfaces()).some((list) => (list ?? []).some((i) => !i.internal));

/** When an API is configured, "online" means the API answers, not just that a cable is in. */
export function apiProbe(baseUrl: string, timeoutMs = 3000): NetworkProbe {
  return async () => {
    try {
      const res = await fetch(baseUrl, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
      return res.status < 500;
    } catch {
      return false;
    }
  };
}

/**
 * Feeds the status bar: polls the network probe and the outbox, and emits `sync.state` when
 * anything a person would see has changed.
 */
export class ConnectivityMonitor {
  #timer: NodeJS.Timeout | null = null;
  #lastKey = '';
  readonly #listeners = new Set<(s: SyncState) => void>();
  constructor(
    private readonly deps: {
      store: AppStore;
      hub: EventHub;
      probe: NetworkProbe;
      apiConfigured: () => Promise<boolean>;
      now?: () => Date;
    },
  ) {}

  async check(): Promise<SyncState> {
    const [online, counts, apiConfigured, lastSuccessAt] = await Promise.all([
      this.deps.probe(),
      this.deps.store.outboxCounts(),
      this.deps.apiConfigured(),
      this.deps.store.getSetting('sync.lastSuccessAt'),
    ]);
    const state: SyncState = {
      online,
      apiConfigured,
      pending: counts.pending,
      errors: counts.rejected,
      lastSuccessAt,
      checkedAt: toVietnamRfc3339((this.deps.now ?? (() => new Date()))()),
    };
    const key = JSON.stringify({ ...state, checkedAt: undefined });
    if (key !== this.#lastKey) {
      this.#lastKey = key;
      this.deps.hub.emit('sync.state', state);
      for (const l of this.#listeners) l(state);
    }
    return state;
  }

  /** Called when the visible state changes (the sync service listens for the network coming back). */
  onState(cb: (s: SyncState) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  start(intervalMs = 5000): void {
    if (this.#timer) return;
    void this.check().catch(() => undefined);
    this.#timer = setInterval(() => void this.check().catch(() => undefined), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
