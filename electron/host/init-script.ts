/**
 * Runs in the page before any app script (Playwright addInitScript) and exposes the same
 * `window.motcua` as the Electron preload, bound to the host's Playwright bindings. The binding
 * globals are captured and removed, so the renderer sees only `window.motcua`.
 */
import { createMotcuaApi } from '../common/ipc/bridge';
import type { EventName } from '../common/ipc/contract';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;
type NextEvents = () => Promise<Array<[EventName, unknown]>>;

const g = globalThis as unknown as Record<string, unknown>;
const invoke = g.__motcuaInvoke as Invoke | undefined;
const nextEvents = g.__motcuaNextEvents as NextEvents | undefined;

if (typeof invoke === 'function' && typeof nextEvents === 'function' && !('motcua' in g)) {
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
  const api = createMotcuaApi({
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
