/**
 * The page side of the Chromium host's bridge, shared by the app's and the citizen display's init
 * scripts: it captures the host's Playwright bindings, removes them, and defines `window.motcua`
 * as the object `make` builds over them, so each page sees only the surface its script chose.
 */
import type { BridgeTransport } from '../common/ipc/bridge';
import type { EventName } from '../common/ipc/contract';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;
type NextEvents = () => Promise<Array<[EventName, unknown]>>;

export function exposeBridge(make: (transport: BridgeTransport) => object): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const invoke = g.__motcuaInvoke as Invoke | undefined;
  const nextEvents = g.__motcuaNextEvents as NextEvents | undefined;
  if (typeof invoke !== 'function' || typeof nextEvents !== 'function' || 'motcua' in g) return;
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    for (;;) {
      let batch: Array<[EventName, unknown]>;
      try {
        batch = await nextEvents();
      } catch {
        return; // page is closing
      }
      for (const [name, payload] of batch) for (const l of listeners.get(name) ?? []) l(payload);
    }
  };
  const api = make({
    invoke: (channel, input) => invoke(channel, input),
    subscribe: (event, listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      void poll();
      return () => {
        set.delete(listener);
      };
    },
  });
  Object.defineProperty(g, 'motcua', { value: api, writable: false, configurable: false, enumerable: true });
  try {
    delete g.__motcuaInvoke;
    delete g.__motcuaNextEvents;
  } catch {
    /* non-configurable in some Playwright versions; the sender check still guards every call */
  }
}
