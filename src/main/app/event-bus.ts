/**
 * The station's pushed events (STATION_EVENTS), typed: services publish, each host (Electron
 * window, browser-host WebSocket) subscribes once and forwards to its renderer.
 */
import type { EventName, EventPayload, StationEventSink } from '../../shared/ipc/events';
import { errorFields, type StationLog } from '../log/station-log';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

export class StationEventBus implements StationEventSink {
  readonly #listeners = new Set<AnyEventListener>();
  readonly #log: StationLog;

  constructor(log: StationLog) {
    this.#log = log;
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        // One broken window must not stop the others from hearing about a batch or a sync.
        this.#log.error({ event: name, ...errorFields(error) }, 'station event listener failed');
      }
    }
  }

  /** Every event, by name: what a host forwards. Returns the unsubscribe function. */
  subscribe(listener: AnyEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
