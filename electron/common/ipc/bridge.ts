import type { AppError, Result } from './result';
import { channelNames as channels, eventNameList as eventNames } from './channel-names';
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
  error: { code: 'internal', message: 'Không liên lạc được với tiến trình chính của ứng dụng.' } satisfies AppError,
});

export function createMotcuaApi(transport: BridgeTransport): MotcuaApi {
  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    api[channel] = async (input: unknown) => {
      try {
        return (await transport.invoke(channel, input ?? {})) as Result<unknown>;
      } catch {
        return transportFailure();
      }
    };
  }
  api.on = (event: EventName, cb: (payload: unknown) => void) => {
    if (!eventNames.includes(event) || typeof cb !== 'function') return () => undefined;
    // Only the payload crosses: never an IpcRendererEvent (checklist item 20).
    return transport.subscribe(event, (payload) => cb(payload));
  };
  return Object.freeze(api) as MotcuaApi;
}
