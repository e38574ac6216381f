import { events, type EventName, type EventPayload } from '../../common/ipc/contract';

type Listener = (name: EventName, payload: unknown) => void;

/**
 * Main→renderer pushes. Services emit typed events here; each host forwards them to its window
 * (Electron: webContents.send; Chromium host: page.evaluate). Payloads are validated on the way
 * out, so a bug in a service cannot push something the renderer's types do not describe.
 */
export class EventHub {
  readonly #listeners = new Set<Listener>();
  readonly #last = new Map<EventName, unknown>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].parse(payload);
    this.#last.set(name, parsed);
    for (const l of this.#listeners) l(name, parsed);
  }

  /** The latest payload of an event, for a window that subscribes after it was emitted. */
  last<E extends EventName>(name: E): EventPayload<E> | undefined {
    return this.#last.get(name) as EventPayload<E> | undefined;
  }

  subscribe(l: Listener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
}
