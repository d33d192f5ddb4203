/**
 * From an order to its file name, by the station's naming convention (src/shared/naming).
 */
import { chooseFreeFileName, type NamingInput, type NamingTemplate } from '../../../shared/naming';
import { localIsoDate } from '../../../shared/util/dates';

/** What the station knows about a draft, looked up by the id a cover sheet carried. */
export interface DraftInfo {
  readonly draftId: string;
  readonly caseNumber?: string | undefined;
  readonly formId?: string | undefined;
  readonly orderType?: string | undefined;
  /** The order's issue date (ISO), used as the document date when known. */
  readonly issueDate?: string | undefined;
}

/** The station's identity and naming convention. */
export interface StationContext {
  readonly courtOri: string;
  readonly courtName: string;
  readonly county: string;
  readonly station: string;
  readonly namingTemplate: NamingTemplate;
}

export function namingInputFor(
  station: StationContext,
  draft: DraftInfo | undefined,
  scannedAt: Date,
): NamingInput {
  return {
    courtOri: station.courtOri,
    county: station.county,
    caseNumber: draft?.caseNumber,
    formId: draft?.formId,
    orderType: draft?.orderType,
    date: draft?.issueDate ?? localIsoDate(scannedAt),
    station: station.station,
  };
}

/** A free name given the names taken (lower-cased). */
export function pickFileName(
  station: StationContext,
  input: NamingInput,
  taken: ReadonlySet<string>,
  alsoTaken: (name: string) => boolean = () => false,
): string {
  return chooseFreeFileName(
    station.namingTemplate,
    input,
    (name) => taken.has(name.toLowerCase()) || alsoTaken(name),
  ).name;
}
