/** The StationApi for every component, and helpers that turn its Result envelope into React state. */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { Channel, ChannelInput, ChannelOutput, StationApi } from '../../shared/ipc/contract';
import type { EventName, EventPayload } from '../../shared/ipc/events';
import type { Problem } from '../../shared/errors';

const ApiContext = createContext<StationApi | null>(null);

export function StationApiProvider({ api, children }: { api: StationApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useStation(): StationApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useStation outside StationApiProvider');
  return api;
}

/** A failed call, as an Error carrying the station's `{ code, message, field? }`. */
export class StationCallError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.message);
    this.problem = problem;
  }
}

/** Calls and unwraps: resolves with the value, rejects with a StationCallError. */
export async function call<C extends Channel>(
  api: StationApi,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await api.invoke(channel, input);
  if (!result.ok) throw new StationCallError(result.error);
  return result.value;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof StationCallError) return error.problem;
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

/** Subscribes to a pushed event for the life of the component; the latest listener is always used. */
export function useStationEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const api = useStation();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(
    () =>
      api.on(event, (payload) => {
        latest.current(payload);
      }),
    [api, event],
  );
}
