/**
 * The station's pushed events (STATION_EVENTS), typed: services publish, each host (Electron
 * window, browser-host WebSocket) subscribes once and forwards to its renderer.
 */
import type { EventName, EventPayload } from '../../shared/ipc/events';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

export class StationEventBus {
  readonly #listeners = new Set<AnyEventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        // One broken window must not stop the others from hearing about a batch or a sync.
        console.error(`station event listener failed on ${name}`, error);
      }
    }
  }

  /** Every event, by name: what a host forwards. Returns the unsubscribe function. */
  subscribe(listener: AnyEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
