import { describe, expect, it } from 'vitest';
import { createMotcuaApi, type BridgeTransport } from '../../../electron/common/ipc/bridge';
import { channels, contract, eventNames, wireChannel } from '../../../electron/common/ipc/contract';

describe('IPC contract', () => {
  it('names every channel domain.verb and prefixes it on the wire', () => {
    for (const c of channels) {
      expect(c).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(wireChannel(c)).toBe(`motcua:${c}`);
    }
  });

  it('every input schema rejects a malformed payload', () => {
    for (const c of channels) {
      const schema = contract[c].input;
      expect(schema.safeParse('not an object').success, c).toBe(false);
      expect(schema.safeParse(null).success, c).toBe(false);
      expect(schema.safeParse({ __proto__: { x: 1 }, unexpected: 1 }).success, c).toBe(false);
    }
  });
});

describe('createMotcuaApi (the preload object)', () => {
  const transport = (): BridgeTransport & { calls: unknown[][]; listeners: Map<string, (p: unknown) => void> } => {
    const calls: unknown[][] = [];
    const listeners = new Map<string, (p: unknown) => void>();
    return {
      calls,
      listeners,
      invoke: async (channel, input) => {
        calls.push([channel, input]);
        return { ok: true, value: 'v' };
      },
      subscribe: (event, l) => {
        listeners.set(event, l);
        return () => listeners.delete(event);
      },
    };
  };

  it('exposes exactly one function per contract channel plus on()', () => {
    const api = createMotcuaApi(transport());
    expect(Object.keys(api).sort()).toEqual([...channels, 'on'].sort());
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards calls and hands callbacks the payload only, with a working unsubscribe', async () => {
    const t = transport();
    const api = createMotcuaApi(t);
    await expect(api['app.info']({})).resolves.toEqual({ ok: true, value: 'v' });
    expect(t.calls).toEqual([['app.info', {}]]);
    const got: unknown[] = [];
    const off = api.on('sync.state', (p) => got.push(p));
    t.listeners.get('sync.state')!({ online: true });
    expect(got).toEqual([{ online: true }]);
    off();
    expect(t.listeners.has('sync.state')).toBe(false);
  });

  it('ignores unknown events and turns a transport failure into a typed error', async () => {
    const t = transport();
    t.invoke = async () => {
      throw new Error('boom');
    };
    const api = createMotcuaApi(t);
    const off = (api.on as (e: string, cb: () => void) => () => void)('not.an.event', () => undefined);
    expect(t.listeners.size).toBe(0);
    off();
    const r = await api['app.info']({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('internal');
    expect(eventNames).toContain('sync.state');
  });
});
