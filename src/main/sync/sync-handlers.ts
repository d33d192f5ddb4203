/** sync:* — status for the status bar, "sync now", and conflicts a person resolves. */
import type { Handlers } from '../../shared/ipc/handlers';
import type { SessionUserDto } from '../../shared/ipc/session';
import type { AuditEntry } from '../audit/local-audit';
import { ownDraft } from '../drafts/draft-handlers';
import type { DraftsStore } from '../drafts/drafts-store';
import type { SyncService } from './contract';

export function syncHandlers(
  sync: SyncService,
  store: Pick<DraftsStore, 'drafts'>,
  user: () => SessionUserDto,
  audit: (entry: AuditEntry) => void,
): Pick<Handlers, 'sync:status' | 'sync:now' | 'sync:conflicts' | 'sync:resolve'> {
  return {
    'sync:status': () => sync.status(),
    'sync:now': async () => {
      await sync.syncNow();
      return sync.status();
    },
    // Only the conflicts of the user's own organisation's drafts are shown and resolved.
    'sync:conflicts': () => {
      const orgOri = user().orgOri;
      return sync.conflicts().filter((c) => store.drafts.get(c.draftId)?.orgOri === orgOri);
    },
    'sync:resolve': async ({ draftId, resolution }) => {
      ownDraft(store, draftId, user(), audit);
      await sync.resolveConflict(draftId, resolution);
      return sync.status();
    },
  };
}
