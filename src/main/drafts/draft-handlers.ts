/** drafts:* and documents:* — the local store: drafts and their scanned documents. They work offline. */
import { randomUUID } from 'node:crypto';
import { emptyOrder } from '../../shared/order/schema';
import type { Handlers } from '../../shared/ipc/handlers';
import type { SettingsService } from '../settings';
import { StoreError } from '../store';
import type { DraftsStore } from './drafts-store';

type DraftChannels =
  | 'drafts:list'
  | 'drafts:get'
  | 'drafts:create'
  | 'drafts:save'
  | 'drafts:transition'
  | 'documents:list'
  | 'documents:content';

export function draftHandlers(
  store: DraftsStore,
  settings: SettingsService,
  /** Called after every local change, so sync can send it without waiting for its next round. */
  changed: () => void,
): Pick<Handlers, DraftChannels> {
  const afterChange = <T>(value: T): T => {
    changed();
    return value;
  };
  return {
    'drafts:list': (query) => store.drafts.list(query),
    'drafts:get': ({ id }) => store.drafts.mustGet(id),
    'drafts:create': () => afterChange(store.drafts.save(emptyOrder(randomUUID(), settings.get().court))),
    'drafts:save': ({ order }) => afterChange(store.drafts.save(order)),
    'drafts:transition': ({ id, transition }) => afterChange(store.drafts.transition(id, transition)),
    'documents:list': ({ draftId }) => store.documents.forDraft(draftId),
    'documents:content': ({ draftId, id }) => {
      const doc = store.documents.forDraft(draftId).find((d) => d.id === id);
      if (!doc) throw new StoreError('NOT_FOUND', 'That document is not attached to this draft.', 'id');
      return { fileName: doc.fileName, base64: store.blobs.get(doc.sha256).toString('base64') };
    },
  };
}
