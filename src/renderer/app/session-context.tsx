/** The session and sync status, kept current from pushed events, for every screen. */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionDto } from '../../shared/ipc/session';
import type { SyncStatusDto } from '../../shared/ipc/sync';
import { call, useStation, useStationEvent } from '../api/context';
import { mark } from '../test-events';

interface SessionValue {
  readonly session: SessionDto | null;
  readonly sync: SyncStatusDto | null;
  readonly setSession: (session: SessionDto) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** True when registry functions can be used right now. */
export function isOnline(value: SessionValue): boolean {
  return (
    value.session?.state === 'signed-in' && value.session.mode === 'online' && value.sync?.state !== 'offline'
  );
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useStation();
  const [session, setSession] = useState<SessionDto | null>(null);
  const [sync, setSync] = useState<SyncStatusDto | null>(null);

  useEffect(() => {
    call(api, 'session:get', {}).then(setSession, () => {
      setSession({ state: 'signed-out', reason: null });
    });
  }, [api]);
  useEffect(() => {
    if (session?.state !== 'signed-in') return;
    call(api, 'sync:status', {}).then(setSync, () => undefined);
  }, [api, session?.state]);

  useStationEvent('session:changed', setSession);
  useStationEvent('sync:status', (status) => {
    setSync(status);
    if (status.state === 'idle' && status.pendingChanges === 0) mark('sync:idle');
  });

  return <SessionContext.Provider value={{ session, sync, setSession }}>{children}</SessionContext.Provider>;
}
