/** drafts:* and documents:* — the local store, plus new drafts, cover sheets and document bytes. */
import { randomUUID } from 'node:crypto';
import { emptyOrder } from '../../../shared/order/schema';
import type { Handlers } from '../../ipc/dispatcher';
import { storeHandlers } from '../../ipc/store-handlers';
import { coverSheetInfoFromOrder, renderCoverSheets } from '../../scan/cover-sheet/render';
import type { SettingsService } from '../../settings';
import type { StationStore } from '../../store';
import { StoreError } from '../../store/errors';

type DraftChannels =
  | 'drafts:list'
  | 'drafts:get'
  | 'drafts:create'
  | 'drafts:save'
  | 'drafts:transition'
  | 'drafts:cover-sheets'
  | 'documents:list'
  | 'documents:content';

export function draftHandlers(
  store: StationStore,
  settings: SettingsService,
  now: () => Date,
  /** Called after every local change, so sync can send it without waiting for its next round. */
  changed: () => void,
): Pick<Handlers, DraftChannels> {
  const base = storeHandlers(store);
  return {
    ...base,
    'drafts:create': () => {
      const draft = store.drafts.save(emptyOrder(randomUUID(), settings.get().court));
      changed();
      return draft;
    },
    'drafts:save': (input) => {
      const draft = base['drafts:save'](input);
      changed();
      return draft;
    },
    'drafts:transition': (input) => {
      const draft = base['drafts:transition'](input);
      changed();
      return draft;
    },
    'drafts:cover-sheets': async ({ ids }) => {
      const infos = ids.map((id) => coverSheetInfoFromOrder(store.drafts.mustGet(id).order));
      const pdf = await renderCoverSheets(infos, {
        printedAt: now().toISOString(),
        station: settings.get().stationName,
      });
      return {
        fileName: ids.length === 1 ? `cover-sheet-${ids[0] ?? ''}.pdf` : `cover-sheets-${ids.length}.pdf`,
        base64: Buffer.from(pdf).toString('base64'),
      };
    },
    'documents:content': ({ draftId, id }) => {
      const doc = store.documents.forDraft(draftId).find((d) => d.id === id);
      if (!doc) throw new StoreError('NOT_FOUND', 'That document is not attached to this draft.', 'id');
      return { fileName: doc.fileName, base64: store.blobs.get(doc.sha256).toString('base64') };
    },
  };
}
