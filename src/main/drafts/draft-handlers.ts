/**
 * drafts:* and documents:* — the local store: drafts and their scanned documents. They work offline.
 * A draft belongs to the organisation of the user who created it: other organisations' users get
 * NOT_FOUND, as if it did not exist. Every change is recorded with its author (sync sends it under
 * that author's session) and in the station's audit trail.
 */
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/ipc/handlers';
import type { SessionUserDto } from '../../shared/ipc/session';
import { emptyOrder } from '../../shared/order/schema';
import type { AuditEntry } from '../audit/local-audit';
import type { SettingsService } from '../settings';
import { StoreError } from '../store';
import type { DraftRecord } from './drafts-repository';
import type { DraftsStore } from './drafts-store';

type DraftChannels =
  | 'drafts:list'
  | 'drafts:get'
  | 'drafts:create'
  | 'drafts:save'
  | 'drafts:transition'
  | 'documents:list'
  | 'documents:content';

export interface DraftHandlerDeps {
  readonly store: DraftsStore;
  readonly settings: SettingsService;
  /** The signed-in user (the guard has checked the role). */
  readonly user: () => SessionUserDto;
  readonly audit: (entry: AuditEntry) => void;
  /** Called after every local change, so sync can send it without waiting for its next round. */
  readonly changed: () => void;
}

/**
 * The draft, when it exists and belongs to `user`'s organisation; NOT_FOUND otherwise (another
 * organisation's draft is answered as if absent). Reaching for another organisation's draft is a
 * refusal, and is audited.
 */
export function ownDraft(
  store: Pick<DraftsStore, 'drafts'>,
  id: string,
  user: SessionUserDto,
  audit: (entry: AuditEntry) => void,
  field = 'id',
): DraftRecord {
  const draft = store.drafts.get(id);
  if (draft && draft.orgOri !== user.orgOri) {
    audit({
      event: 'access_denied',
      outcome: 'denied',
      objectType: 'draft',
      objectId: id,
      detail: { code: 'OTHER_ORGANISATION' },
    });
  }
  if (!draft || draft.orgOri !== user.orgOri) {
    throw new StoreError('NOT_FOUND', 'That draft does not exist on this station.', field);
  }
  return draft;
}

export function draftHandlers(deps: DraftHandlerDeps): Pick<Handlers, DraftChannels> {
  const { store, audit } = deps;
  const afterChange = <T>(value: T): T => {
    deps.changed();
    return value;
  };
  return {
    'drafts:list': (query) => store.drafts.list({ ...query, orgOri: deps.user().orgOri }),
    'drafts:get': ({ id }) => ownDraft(store, id, deps.user(), audit),
    'drafts:create': () => {
      const user = deps.user();
      const draft = store.drafts.save(emptyOrder(randomUUID(), deps.settings.get().court), user);
      audit({ event: 'draft_create', outcome: 'success', objectType: 'draft', objectId: draft.id });
      return afterChange(draft);
    },
    'drafts:save': ({ order }) => {
      const user = deps.user();
      const exists = store.drafts.get(order.id) !== undefined;
      if (exists) ownDraft(store, order.id, user, audit);
      const draft = store.drafts.save(order, user);
      audit({
        event: exists ? 'draft_change' : 'draft_create',
        outcome: 'success',
        objectType: 'draft',
        objectId: draft.id,
      });
      return afterChange(draft);
    },
    'drafts:transition': ({ id, transition }) => {
      const user = deps.user();
      ownDraft(store, id, user, audit);
      const draft = store.drafts.transition(id, transition, user);
      audit({
        event: 'draft_transition',
        outcome: 'success',
        objectType: 'draft',
        objectId: id,
        detail: { transition },
      });
      return afterChange(draft);
    },
    'documents:list': ({ draftId }) => {
      ownDraft(store, draftId, deps.user(), audit);
      return store.documents.forDraft(draftId);
    },
    'documents:content': ({ draftId, id }) => {
      ownDraft(store, draftId, deps.user(), audit);
      const doc = store.documents.forDraft(draftId).find((d) => d.id === id);
      if (!doc) throw new StoreError('NOT_FOUND', 'That document is not attached to this draft.', 'id');
      audit({ event: 'document_view', outcome: 'success', objectType: 'document', objectId: id });
      return { fileName: doc.fileName, base64: store.blobs.get(doc.sha256).toString('base64') };
    },
  };
}
