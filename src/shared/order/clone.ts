/**
 * Clone: a new draft from an existing order (the registry's "clone order"), used when a court issues
 * a new order in the same matter (a DV-130 after a DV-110, a renewal, a CR-160 after an EPO).
 *
 * Copied — the matter and the people, which do not change between the orders:
 *   court, case number, law-enforcement case number, restrained person (with aliases, descriptors,
 *   address, relationship), protected persons, conditions and firearms terms (as a starting point the
 *   clerk reviews against the new order), and the sealed flag (sealing belongs to the case; dropping it
 *   would expose a sealed matter).
 * Not copied — what belongs to the earlier order alone:
 *   id (a new one), status (a new draft), the form and its revision (unless a new form is given),
 *   issue, expiration and hearing details, the proof of service, the DOJ file control number
 *   (DOJ gives the new order its own), the Brady indicator (a finding about the new order's hearing),
 *   and the scanned images (they show the earlier order).
 * The clone remembers its source in `clonedFrom`.
 */
import type { OrderFormId } from '../forms';
import type { ProtectiveOrder } from './schema';

export interface CloneOptions {
  readonly newId: string;
  /** The form of the new order, when known (a DV-110 usually becomes a DV-130). */
  readonly formId?: OrderFormId;
}

export function cloneOrder(source: Readonly<ProtectiveOrder>, options: CloneOptions): ProtectiveOrder {
  // Orders are plain JSON data, so a JSON round trip is a deep copy that shares nothing with the source.
  const copy = JSON.parse(JSON.stringify(source)) as ProtectiveOrder;
  const clone: ProtectiveOrder = {
    id: options.newId,
    court: copy.court,
    conditions: copy.conditions,
    firearms: copy.firearms,
    bradyIndicator: false,
    sealed: copy.sealed,
    restrainedPerson: copy.restrainedPerson,
    protectedPersons: copy.protectedPersons,
    clonedFrom: source.id,
  };
  if (copy.caseNumber !== undefined) clone.caseNumber = copy.caseNumber;
  if (copy.lawEnforcementCaseNumber !== undefined)
    clone.lawEnforcementCaseNumber = copy.lawEnforcementCaseNumber;
  if (options.formId !== undefined) clone.formId = options.formId;
  return clone;
}
