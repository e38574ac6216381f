import { beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The display window's preload under a fake `electron`: what it hands contextBridge is the whole
 * surface the citizen's page gets, so it is checked key by key, and what reaches a listener is
 * checked to be the payload alone (an IpcRendererEvent carries `sender`, an ipcRenderer).
 */
type Listener = (event: unknown, payload: unknown) => void;
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    exposed: [] as Array<{ name: string; api: Record<string, unknown> }>,
    invoked: [] as Array<{ channel: string; input: unknown }>,
    listeners,
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: Record<string, unknown>) => fake.exposed.push({ name, api }),
  },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => {
      fake.invoked.push({ channel, input });
      return Promise.resolve({ ok: true, value: { phase: 'idle' } });
    },
    on: (channel: string, l: Listener) => {
      if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set());
      fake.listeners.get(channel)!.add(l);
    },
    removeListener: (channel: string, l: Listener) => fake.listeners.get(channel)?.delete(l),
  },
}));

/** Sends an event as Electron would: an IpcRendererEvent first, then the payload. */
function emit(channel: string, payload: unknown): void {
  const event = { sender: { send: () => undefined, invoke: () => undefined }, senderId: 0, ports: [] };
  for (const l of fake.listeners.get(channel) ?? []) l(event, payload);
}

describe('the citizen display preload (Electron)', () => {
  let api: Record<string, unknown>;
  beforeAll(async () => {
    await import('../../../electron/preload/display-preload');
    expect(fake.exposed.map((e) => e.name)).toEqual(['motcua']);
    api = fake.exposed[0]!.api;
  });

  it('exposes exactly display.state, display.rate and on, frozen', () => {
    expect(Object.keys(api).sort()).toEqual(['display.rate', 'display.state', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(api['intake.receive']).toBeUndefined();
    expect(api['auth.login']).toBeUndefined();
  });

  it('invokes the two channels on their wire names with the input given (an empty object when none)', async () => {
    const state = api['display.state'] as (i?: unknown) => Promise<unknown>;
    const rate = api['display.rate'] as (i: unknown) => Promise<unknown>;
    await expect(state()).resolves.toEqual({ ok: true, value: { phase: 'idle' } });
    await rate({ rating: 5 });
    expect(fake.invoked).toEqual([
      { channel: 'motcua:display.state', input: {} },
      { channel: 'motcua:display.rate', input: { rating: 5 } },
    ]);
  });

  it("`on` subscribes to 'display.state' only and passes the payload alone, never the IpcRendererEvent", () => {
    const on = api.on as (event: string, cb: (...args: unknown[]) => void) => () => void;
    const calls: unknown[][] = [];
    const off = on('display.state', (...args) => calls.push(args));
    expect([...fake.listeners.keys()]).toEqual(['motcua:display.state']);
    emit('motcua:display.state', { phase: 'saved', code: 'X-1' });
    expect(calls).toEqual([[{ phase: 'saved', code: 'X-1' }]]);

    off();
    expect(fake.listeners.get('motcua:display.state')?.size).toBe(0);
    emit('motcua:display.state', { phase: 'idle' });
    expect(calls).toHaveLength(1);
  });

  it("the officer's events are not subscribed at all", () => {
    const on = api.on as (event: string, cb: (...args: unknown[]) => void) => () => void;
    const got: unknown[] = [];
    for (const event of ['scan.received', 'app.notice', 'auth.changed', 'sync.progress', 'devices.state', 'work.progress']) {
      const off = on(event, (p) => got.push(p));
      expect(typeof off).toBe('function');
      off();
    }
    expect([...fake.listeners.keys()]).toEqual(['motcua:display.state']);
    expect(got).toEqual([]);
  });
});
