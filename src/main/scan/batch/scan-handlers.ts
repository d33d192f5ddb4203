/** scan:* — the scan station (see ScanController). */
import type { Handlers } from '../../../shared/ipc/handlers';
import type { SessionUserDto } from '../../../shared/ipc/session';
import type { AuditEntry } from '../../audit/local-audit';
import { parseCoverPayload } from '../../../shared/scan/cover-code';
import { ownDraft } from '../../drafts/draft-handlers';
import type { ScanController } from './scan-controller';
import type { ScannerDiscovery } from './scanner-discovery';
import type { ScanStore } from './scan-store';

type ScanChannels =
  | 'scan:devices'
  | 'scan:refresh-devices'
  | 'scan:start'
  | 'scan:current'
  | 'scan:cancel'
  | 'scan:retry'
  | 'scan:edit'
  | 'scan:thumbnail'
  | 'scan:commit'
  | 'scan:discard';

export function scanHandlers(
  scan: ScanController,
  scanners: ScannerDiscovery,
  store: Pick<ScanStore, 'drafts'>,
  user: () => SessionUserDto,
  audit: (entry: AuditEntry) => void,
): Pick<Handlers, ScanChannels> {
  return {
    'scan:devices': () => scanners.list(),
    'scan:refresh-devices': () => scanners.refresh(),
    'scan:start': ({ deviceId, profile }) => {
      scanners.requireKnown(deviceId);
      return scan.start(deviceId, profile);
    },
    'scan:current': () => scan.current(),
    'scan:cancel': ({ batchId }) => scan.cancel(batchId),
    'scan:retry': ({ batchId }) => scan.retry(batchId),
    'scan:edit': ({ batchId, edit }) => {
      // A typed cover-sheet code may name only a draft of the operator's own organisation.
      if (edit.kind === 'assign-draft') {
        const parsed = parseCoverPayload(edit.coverCode);
        if (parsed.ok && store.drafts.has(parsed.draftId)) {
          ownDraft(store, parsed.draftId, user(), audit, 'coverCode');
        }
      }
      return scan.edit(batchId, edit);
    },
    'scan:thumbnail': async ({ batchId, pageId }) => ({ dataUrl: await scan.thumbnail(batchId, pageId) }),
    'scan:commit': async ({ batchId }) => {
      const orders = await scan.commit(batchId, user());
      audit({
        event: 'batch_commit',
        outcome: orders.every((o) => o.problem === null) ? 'success' : 'failure',
        objectType: 'scan_batch',
        objectId: batchId,
        detail: { orders: orders.length, saved: orders.filter((o) => o.problem === null).length },
      });
      return orders;
    },
    'scan:discard': ({ batchId }) => {
      scan.discard(batchId);
      return null;
    },
  };
}
