/**
 * Complete, valid (for a CARPOS "enter") fictional orders for the demo seed and the benchmark.
 * Dates follow each form's duration rules from the shared catalogue, so validation passes.
 */
import { defaultExpiration, getForm, type OrderFormId } from '../../shared/forms';
import type { Court, ProtectiveOrder } from '../../shared/order';
import { addDays } from '../../shared/util/dates';
import { firstName, isoDate, middleName, surname, typo } from './names';
import type { Prng } from './prng';

export const DEMO_FORMS: readonly OrderFormId[] = [
  'DV-110',
  'DV-130',
  'CH-110',
  'CH-130',
  'EA-110',
  'EA-130',
  'WV-110',
  'WV-130',
  'GV-110',
  'GV-130',
  'CR-160',
  'CR-161',
  'JV-255',
  'EPO-001',
];

const RACES = ['W', 'H', 'B', 'A', 'C', 'F', 'V', 'K', 'O'] as const;
const HAIR = ['BLK', 'BRO', 'BLN', 'GRY', 'RED'] as const;
const EYES = ['BRO', 'BLU', 'GRN', 'HAZ', 'BLK'] as const;

export interface OrderSpec {
  readonly id: string;
  readonly court: Court;
  readonly formId: OrderFormId;
  /** ISO date of issue (the court's today or earlier). */
  readonly issueDate: string;
  readonly sealed?: boolean;
  /** Case number prefix; the demo uses a DEMO- prefix so nobody mistakes it for a real case. */
  readonly casePrefix?: string;
}

export function makeOrder(rng: Prng, spec: OrderSpec): ProtectiveOrder {
  const form = getForm(spec.formId);
  const rSex = rng.chance(0.75) ? 'M' : 'F';
  const pSex = rSex === 'M' ? 'F' : rng.chance(0.5) ? 'M' : 'F';
  const rLast = surname(rng);
  const restrainedFirst = firstName(rng, rSex);
  const middle = middleName(rng);
  const issue = spec.issueDate;
  const expiration = defaultExpiration(spec.formId, issue) ?? addDays(issue, 365);
  const category = form?.category ?? 'DV';
  const isTro = form?.orderType === 'TRO';
  const firearms = ['DV', 'CH', 'EA', 'WV', 'SV', 'GV', 'JV'].includes(category) || rng.chance(0.5);
  const codes = (['01', '04', '05'] as const).filter(() => rng.chance(0.8));
  const conditionCodes = [
    ...(codes.length > 0 ? codes : (['01'] as const)),
    ...(firearms ? (['07'] as const) : []),
  ];
  const aliases = rng.chance(0.15)
    ? [{ last: rng.chance(0.5) ? typo(rng, rLast) : surname(rng), first: restrainedFirst }]
    : [];
  const year = issue.slice(2, 4);
  const order: ProtectiveOrder = {
    id: spec.id,
    court: spec.court,
    caseNumber: `${spec.casePrefix ?? ''}${category}${year}-${String(rng.int(1, 999_999)).padStart(6, '0')}`,
    formId: spec.formId,
    issueDate: issue,
    expirationDate: expiration,
    ...(spec.formId === 'EPO-001' ? { expirationTime: '17:00', issueTime: '02:30' } : {}),
    ...(isTro
      ? { hearing: { date: addDays(issue, 14), time: '08:30', department: `${rng.int(1, 30)}` } }
      : {}),
    conditions: { codes: conditionCodes },
    firearms: { prohibited: firearms, ...(firearms ? { relinquishWithinHours: 24 } : {}) },
    bradyIndicator: form?.orderType === 'OAH' && rng.chance(0.5),
    sealed: spec.sealed ?? false,
    restrainedPerson: {
      name: { last: rLast, first: restrainedFirst, ...(middle === undefined ? {} : { middle }) },
      aliases,
      sex: rSex,
      race: rng.pick(RACES),
      dob: isoDate(rng, 1950, 2002),
      heightInches: rSex === 'M' ? rng.int(62, 76) : rng.int(58, 70),
      weightLbs: rng.int(110, 260),
      hair: rng.pick(HAIR),
      eyes: rng.pick(EYES),
      relationship: rng.pick(['SPOUSE', 'FORMER_DATING', 'COPARENT', 'ACQUAINTANCE', 'COHABITANT'] as const),
    },
    protectedPersons: [
      {
        name: { last: rng.chance(0.6) ? rLast : surname(rng), first: firstName(rng, pSex) },
        sex: pSex,
        dob: isoDate(rng, 1950, 2004),
      },
    ],
  };
  return order;
}
