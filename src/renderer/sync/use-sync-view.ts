/**
 * The sync status as every part of the frame reads it: one store (the session context, fed by the
 * station's `sync:status` events) and one reading of it (sync-view.ts).
 */
import { useMemo } from 'react';
import { useSession } from '../app/session-context';
import { describeSync, type SyncView } from './sync-view';

export function useSyncView(): SyncView {
  const { sync, session } = useSession();
  return useMemo(() => describeSync(sync, session), [sync, session]);
}
