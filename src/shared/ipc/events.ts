/**
 * What the station pushes to the renderer without being asked: scan progress, batch updates, sync
 * status and session changes. Written once; the Electron preload and the browser host carry exactly
 * these names, and `StationApi.on` is typed by this table.
 */
import type { SessionDto } from './session';
import type { BatchDto } from './scan';
import type { SyncStatusDto } from './sync';

/** Declares an event: `event<PayloadType>()`. A phantom type, like `method`. */
// [reason: P is a phantom type carried to StationApi.on; it has no run-time value to take]
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function event<P>(): { readonly payload?: P } {
  return {};
}

export const STATION_EVENTS = {
  /** The batch being scanned changed (pages arrived, separation ran, an edit). At most a few per second. */
  'scan:batch': event<BatchDto>(),
  /** A batch finished: the scanner ran out of paper, stopped on a problem, or was cancelled. */
  'batch:complete': event<{
    readonly batchId: string;
    readonly status: BatchDto['status'];
    readonly orders: number;
  }>(),
  'sync:status': event<SyncStatusDto>(),
  'session:changed': event<SessionDto>(),
  /** Drafts changed outside the renderer (a commit of scanned orders, a pull from the registry). */
  'drafts:changed': event<{ readonly ids: readonly string[] }>(),
} as const;

export type StationEvents = typeof STATION_EVENTS;
export type EventName = keyof StationEvents;
export type EventPayload<E extends EventName> = NonNullable<StationEvents[E]['payload']>;
export const EVENT_NAMES = Object.keys(STATION_EVENTS) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(STATION_EVENTS, name);
}

/** Where a feature publishes the station's events (the composition root's bus is one). */
export interface StationEventSink {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}
