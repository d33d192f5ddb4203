/**
 * drafts:cover-sheets — printing the barcode cover sheets a clerk puts before each order in the
 * feeder, so the scan attaches the order to its draft (the separation reads them back).
 */
import type { Handlers } from '../../../shared/ipc/handlers';
import type { DraftsRepository } from '../../drafts/drafts-repository';
import type { SettingsService } from '../../settings';
import type { SessionUserDto } from '../../../shared/ipc/session';
import type { AuditEntry } from '../../audit/local-audit';
import { ownDraft } from '../../drafts/draft-handlers';
import { coverSheetInfoFromOrder, renderCoverSheets } from './render';

export function coverSheetHandlers(
  drafts: DraftsRepository,
  settings: SettingsService,
  now: () => Date,
  user: () => SessionUserDto,
  audit: (entry: AuditEntry) => void,
): Pick<Handlers, 'drafts:cover-sheets'> {
  return {
    'drafts:cover-sheets': async ({ ids }) => {
      const who = user();
      const infos = ids.map((id) => coverSheetInfoFromOrder(ownDraft({ drafts }, id, who, audit).order));
      audit({
        event: 'print',
        outcome: 'success',
        objectType: 'cover_sheets',
        detail: { drafts: ids.length },
      });
      const pdf = await renderCoverSheets(infos, {
        printedAt: now().toISOString(),
        station: settings.get().stationName,
      });
      return {
        fileName: ids.length === 1 ? `cover-sheet-${ids[0] ?? ''}.pdf` : `cover-sheets-${ids.length}.pdf`,
        base64: Buffer.from(pdf).toString('base64'),
      };
    },
  };
}
