import type { AppError, Result } from './result';
import { channelNames as channels, displayChannelNames, displayEventNames, eventNameList as eventNames } from './channel-names';
import type { Channel, EventName, EventPayload, Input, Output } from './contract';

/**
 * What the renderer sees as `window.motcua`: one async function per contract channel plus `on`.
 * Built here, in pure code, so the Electron preload and the Chromium host expose the same object.
 */
export type MotcuaApi = { readonly [C in Channel]: (input: Input<C>) => Promise<Result<Output<C>>> } & {
  readonly on: <E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void) => () => void;
};

export interface BridgeTransport {
  invoke(channel: Channel, input: unknown): Promise<unknown>;
  /** Subscribes to one event; must return a function that removes exactly that listener. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

const transportFailure = (): Result<never> => ({
  ok: false,
  // The catalog's wording written out: the catalog itself would ride into every page with the bridge.
  error: { code: 'internal', message: 'Không liên lạc được với tiến trình chính của ứng dụng.', key: 'ipc.mainUnreachable' } satisfies AppError,
});

/** The citizen display window's `window.motcua`: its own channels and event, nothing of the officer's. */
export type DisplayChannel = (typeof displayChannelNames)[number];
export type DisplayApi = Pick<MotcuaApi, DisplayChannel> & {
  readonly on: (event: 'display.state', cb: (payload: EventPayload<'display.state'>) => void) => () => void;
};

export function createMotcuaApi(transport: BridgeTransport): MotcuaApi {
  return build(transport, channels, eventNames) as MotcuaApi;
}

/**
 * The display page's surface. The dispatcher already refuses the officer's channels from that
 * window; not exposing them at all means a script on the citizen's screen cannot even name them.
 */
export function createDisplayApi(transport: BridgeTransport): DisplayApi {
  return build(transport, displayChannelNames, displayEventNames) as DisplayApi;
}

function build(transport: BridgeTransport, allowed: readonly Channel[], allowedEvents: readonly EventName[]): object {
  const api: Record<string, unknown> = {};
  for (const channel of allowed) {
    api[channel] = async (input: unknown) => {
      try {
        return (await transport.invoke(channel, input ?? {})) as Result<unknown>;
      } catch {
        return transportFailure();
      }
    };
  }
  api.on = (event: EventName, cb: (payload: unknown) => void) => {
    if (!allowedEvents.includes(event) || typeof cb !== 'function') return () => undefined;
    // Only the payload crosses: never an IpcRendererEvent (checklist item 20).
    return transport.subscribe(event, (payload) => cb(payload));
  };
  return Object.freeze(api);
}
