/** settings:* — read and change the station's settings; preview the next file name. */
import type { Handlers } from '../../shared/ipc/handlers';
import { chooseFreeFileName, parseNamingTemplate } from '../../shared/naming';
import { localIsoDate } from '../../shared/util/dates';
import type { SettingsService } from './settings-service';

/** What the preview needs of the station's drafts and documents (given by the composition root). */
export interface NamePreviewSource {
  /** A recent draft with a case number, for a realistic example; undefined when there is none. */
  sampleDraft(): { caseNumber: string; formId: string | null; issueDate: string | null } | undefined;
  /** Whether a stored document already has this file name (compared case-insensitively). */
  nameTaken(fileName: string): boolean;
}

export function settingsHandlers(
  settings: SettingsService,
  names: NamePreviewSource,
  now: () => Date,
): Pick<Handlers, 'settings:get' | 'settings:update' | 'settings:preview-name'> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': ({ patch }) => settings.update(patch),
    'settings:preview-name': ({ template }) => {
      const s = settings.get();
      const sample = names.sampleDraft();
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
        (candidate) => names.nameTaken(candidate),
      );
      return { fileName: name };
    },
  };
}
