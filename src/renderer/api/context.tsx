/** The StationApi for every component, and helpers that turn its Result envelope into React state. */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { StationApi } from '../../shared/ipc/contract';
import type { EventName, EventPayload } from '../../shared/ipc/events';

// The calls themselves need no React: the bootstrap uses them before React has loaded (call.ts).
export { call, problemOf, StationCallError } from './call';

const ApiContext = createContext<StationApi | null>(null);

export function StationApiProvider({ api, children }: { api: StationApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useStation(): StationApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useStation outside StationApiProvider');
  return api;
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
