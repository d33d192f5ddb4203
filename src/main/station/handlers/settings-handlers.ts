/** settings:* — read and change the station's settings; preview the next file name. */
import { chooseFreeFileName, parseNamingTemplate } from '../../../shared/naming';
import type { Handlers } from '../../ipc/dispatcher';
import { localIsoDate } from '../../scan/pipeline/naming';
import type { SettingsService } from '../../settings';
import type { StationStore } from '../../store';

export function settingsHandlers(
  settings: SettingsService,
  store: StationStore,
  now: () => Date,
): Pick<Handlers, 'settings:get' | 'settings:update' | 'settings:preview-name'> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': ({ patch }) => settings.update(patch),
    'settings:preview-name': ({ template }) => {
      const s = settings.get();
      // The newest draft with a case number gives a realistic example; else the fields stay empty.
      const sample = store.drafts.list({ limit: 20 }).find((d) => d.caseNumber !== null);
      const { name } = chooseFreeFileName(
        parseNamingTemplate(template),
        {
          courtOri: s.court.ori,
          county: s.court.county,
          caseNumber: sample?.caseNumber ?? 'FL-2026-000123',
          formId: sample?.formId ?? 'DV-110',
          orderType: 'TRO',
          date: sample?.issueDate ?? localIsoDate(now()),
          station: s.stationName,
        },
        (candidate) => store.documents.fileNameTaken(candidate),
      );
      return { fileName: name };
    },
  };
}
