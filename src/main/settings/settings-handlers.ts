/** settings:* — read and change the station's settings; preview the next file name. */
import { CodedError } from '../../shared/errors';
import type { Handlers } from '../../shared/ipc/handlers';
import { refusedSettings } from '../../shared/ipc/permissions';
import type { SessionUserDto } from '../../shared/ipc/session';
import type { AuditEntry } from '../audit/local-audit';
import { chooseFreeFileName, parseNamingTemplate } from '../../shared/naming';
import { localIsoDate } from '../../shared/util/dates';
import type { SettingsService } from './settings-service';

/** What the preview needs of the station's drafts and documents (given by the composition root). */
export interface NamePreviewSource {
  /** A recent draft of `orgOri` with a case number, for a realistic example; undefined when there is none. */
  sampleDraft(
    orgOri: string,
  ): { caseNumber: string; formId: string | null; issueDate: string | null } | undefined;
  /** Whether a stored document already has this file name (compared case-insensitively). */
  nameTaken(fileName: string): boolean;
}

export function settingsHandlers(
  settings: SettingsService,
  names: NamePreviewSource,
  now: () => Date,
  user: () => SessionUserDto,
  audit: (entry: AuditEntry) => void,
): Pick<Handlers, 'settings:get' | 'settings:update' | 'settings:preview-name'> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': ({ patch }) => {
      // Settings that bind the station to a court are an administrator's; an operator picks a scanner.
      const refused = refusedSettings(user().roles, patch);
      if (refused.length > 0) {
        audit({
          event: 'access_denied',
          outcome: 'denied',
          objectType: 'settings',
          detail: { keys: refused },
        });
        throw new CodedError(
          'NOT_ALLOWED',
          `Only a local or state administrator may change ${refused.join(', ')}: ask your court's administrator.`,
          refused[0],
        );
      }
      const next = settings.update(patch);
      audit({
        event: 'settings_change',
        outcome: 'success',
        objectType: 'settings',
        detail: { keys: Object.keys(patch) },
      });
      return next;
    },
    'settings:preview-name': ({ template }) => {
      const s = settings.get();
      const sample = names.sampleDraft(user().orgOri);
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
