/**
 * The DOJ simulator's acceptance rules, pure and in a fixed order; every reason found is reported
 * (DOJ answers with the whole list, not the first problem). See ARCHITECTURE.md ("CARPOS gateway").
 *
 * 1. PRE-FLIGHT: the shared CARPOS validation for the transaction (`validateForTransaction`) must
 *    have no errors — DOJ re-checks what the registry should already have checked.
 * 2. ORI_NOT_AUTHORIZED: the sending ORI must be a California ORI (starts with "CA").
 * 3. EYES_REQUIRED (enter, modify): DOJ requires the restrained person's eye colour, which the
 *    pre-flight only warns about — a rejection the registry cannot foresee.
 * 4. IDENTITY_MISMATCH (enter, modify): a restrained person DOJ already knows (known-persons.ts)
 *    with a different date of birth.
 * 5. FCN_NOT_ON_FILE (modify, service, cancel): the order's FCN is not one this DOJ issued
 *    (13 digits with a valid Luhn check digit, see fcn.ts).
 */
import type { CarposTransaction, ProtectiveOrder } from '../../../shared/order';
import { validateForTransaction } from '../../../shared/validation';
import type { DojReason } from '../gateway';
import { isWellFormedFcn } from './fcn';
import { findKnownPerson } from './known-persons';

export function dojReasons(
  kind: CarposTransaction,
  senderOri: string,
  order: ProtectiveOrder,
  today: string,
): DojReason[] {
  const reasons: DojReason[] = [];
  for (const issue of validateForTransaction(order, kind, { today })) {
    if (issue.severity === 'error')
      reasons.push({ code: `PREFLIGHT_${issue.code}`, field: issue.field, message: issue.message });
  }
  if (!/^CA[0-9A-Z]{7}$/.test(senderOri)) {
    reasons.push({
      code: 'ORI_NOT_AUTHORIZED',
      field: 'court.ori',
      message: `The sending agency ${senderOri} is not a California ORI authorized to enter CARPOS records.`,
    });
  }
  const person = order.restrainedPerson;
  if (kind === 'enter' || kind === 'modify') {
    if (person.eyes === undefined) {
      reasons.push({
        code: 'EYES_REQUIRED',
        field: 'restrainedPerson.eyes',
        message:
          "DOJ requires the restrained person's eye color. Enter it from the order or the CLETS-001 form.",
      });
    }
    const known = findKnownPerson(person.name.last, person.name.first);
    if (known !== null && person.dob !== known.dob) {
      reasons.push({
        code: 'IDENTITY_MISMATCH',
        field: 'restrainedPerson.dob',
        message: `DOJ has a record for ${known.last}, ${known.first} with a different date of birth (${person.dob ?? 'none entered'} was sent). Check the date of birth against the order and the ID presented.`,
      });
    }
  }
  if (kind !== 'enter' && order.fcn !== undefined && !isWellFormedFcn(order.fcn)) {
    reasons.push({
      code: 'FCN_NOT_ON_FILE',
      field: 'fcn',
      message: `DOJ has no record with file control number ${order.fcn}. Check the FCN on the DOJ acknowledgement.`,
    });
  }
  return reasons;
}
