/** sync:* — status for the status bar, "sync now", and conflicts a person resolves. */
import type { Handlers } from '../../shared/ipc/handlers';
import type { SyncService } from './contract';

export function syncHandlers(
  sync: SyncService,
): Pick<Handlers, 'sync:status' | 'sync:now' | 'sync:conflicts' | 'sync:resolve'> {
  return {
    'sync:status': () => sync.status(),
    'sync:now': async () => {
      await sync.syncNow();
      return sync.status();
    },
    'sync:conflicts': () => sync.conflicts(),
    'sync:resolve': async ({ draftId, resolution }) => {
      await sync.resolveConflict(draftId, resolution);
      return sync.status();
    },
  };
}
