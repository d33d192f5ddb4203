/**
 * Station API handlers backed by the local store: drafts and their documents. They work offline.
 */
import type { StationStore } from '../store';
import type { Handlers } from './dispatcher';

export function storeHandlers(
  store: StationStore,
): Pick<Handlers, 'drafts:list' | 'drafts:get' | 'drafts:save' | 'drafts:transition' | 'documents:list'> {
  return {
    'drafts:list': (query) => store.drafts.list(query),
    'drafts:get': ({ id }) => store.drafts.mustGet(id),
    'drafts:save': ({ order }) => store.drafts.save(order),
    'drafts:transition': ({ id, transition }) => store.drafts.transition(id, transition),
    'documents:list': ({ draftId }) => store.documents.forDraft(draftId),
  };
}
