/**
 * Order fixtures for tests: a complete order that passes every CARPOS transaction, and fast-check
 * arbitraries for orders with random (but schema-valid) content. Names are fictional.
 */
import fc from 'fast-check';
import { CONDITION, EYES, HAIR, RACE, RELATIONSHIP, SEX } from '../../src/shared/codes';
import { ORDER_FORM_IDS } from '../../src/shared/forms';
import type { Court, ProtectiveOrder } from '../../src/shared/order';
import { addDays, formatIsoDate, fromDayNumber, toDayNumber } from '../../src/shared/util/dates';

export const TEST_COURT: Court = {
  ori: 'CA019015J',
  county: 'Fresno',
  name: 'Superior Court of California, County of Fresno',
};
export const TODAY = '2026-11-29';

/** A DV-130 issued a week ago, complete for 'enter'. */
export function completeOrder(overrides: Partial<ProtectiveOrder> = {}): ProtectiveOrder {
  return {
    id: '5b0c3f5e-8a35-4d52-9a3e-6f8a0b1c2d3e',
    court: TEST_COURT,
    caseNumber: '26FL01234',
    formId: 'DV-130',
    formRevision: '2025-04-28',
    issueDate: '2026-11-22',
    expirationDate: '2029-11-22',
    hearing: { date: '2026-11-22', department: '12' },
    conditions: { codes: ['01', '04', '05', '07'] },
    firearms: { prohibited: true, possessesFirearms: 'UNKNOWN', relinquishWithinHours: 24 },
    bradyIndicator: true,
    sealed: false,
    restrainedPerson: {
      name: { last: 'Quillfeather', first: 'Marlo', middle: 'J' },
      aliases: [{ last: 'Quill', first: 'Marlo' }],
      sex: 'M',
      race: 'W',
      dob: '1988-03-14',
      age: 38,
      heightInches: 70,
      weightLbs: 180,
      hair: 'BRO',
      eyes: 'BLU',
      relationship: 'FORMER_SPOUSE',
      address: { street: '100 Example Way', city: 'Fresno', state: 'CA', zip: '93721' },
    },
    protectedPersons: [{ name: { last: 'Quillfeather', first: 'Ansel' }, sex: 'F', dob: '1990-07-01' }],
    ...overrides,
  };
}

const isoDateIn = (from: string, to: string): fc.Arbitrary<string> =>
  fc
    .integer({ min: toDayNumber(parseOrThrow(from)), max: toDayNumber(parseOrThrow(to)) })
    .map((n) => formatIsoDate(fromDayNumber(n)));

function parseOrThrow(iso: string) {
  const [y, m, d] = iso.split('-').map(Number);
  return { year: y ?? 0, month: m ?? 0, day: d ?? 0 };
}

const namePart = fc.stringMatching(/^[A-Z][a-z]{1,11}$/);
const personName = fc.record({ last: namePart, first: namePart }, { requiredKeys: ['last', 'first'] });

/** Arbitrary orders that are schema-valid but may be incomplete or inconsistent in every way. */
export const anyOrder: fc.Arbitrary<ProtectiveOrder> = fc
  .record(
    {
      caseNumber: fc.stringMatching(/^[0-9]{2}[A-Z]{2}[0-9]{5}$/),
      formId: fc.constantFrom(...ORDER_FORM_IDS),
      issueDate: isoDateIn('2020-01-01', '2027-12-31'),
      expirationDate: isoDateIn('2019-01-01', '2040-12-31'),
      codes: fc.uniqueArray(fc.constantFrom(...CONDITION.codes), { maxLength: 9 }),
      prohibited: fc.boolean(),
      brady: fc.boolean(),
      name: personName,
      sex: fc.constantFrom(...SEX.codes),
      race: fc.constantFrom(...RACE.codes),
      dob: isoDateIn('1890-01-01', '2030-01-01'),
      age: fc.integer({ min: 0, max: 130 }),
      height: fc.integer({ min: 0, max: 120 }),
      weight: fc.integer({ min: 0, max: 1500 }),
      hair: fc.constantFrom(...HAIR.codes),
      eyes: fc.constantFrom(...EYES.codes),
      relationship: fc.constantFrom(...RELATIONSHIP.codes),
      protectedNames: fc.array(personName, { maxLength: 3 }),
      fcn: fc.stringMatching(/^[0-9]{13}$/),
    },
    { requiredKeys: ['codes', 'prohibited', 'brady', 'name', 'protectedNames'] },
  )
  .map((r) => {
    const order: ProtectiveOrder = {
      id: '7d1f1e2a-0c4b-4a8e-8f00-1234567890ab',
      court: TEST_COURT,
      conditions: { codes: r.codes },
      firearms: { prohibited: r.prohibited },
      bradyIndicator: r.brady,
      sealed: false,
      restrainedPerson: { name: r.name, aliases: [] },
      protectedPersons: r.protectedNames.map((name) => ({ name })),
    };
    if (r.caseNumber !== undefined) order.caseNumber = r.caseNumber;
    if (r.formId !== undefined) order.formId = r.formId;
    if (r.issueDate !== undefined) order.issueDate = r.issueDate;
    if (r.expirationDate !== undefined) order.expirationDate = r.expirationDate;
    if (r.fcn !== undefined) order.fcn = r.fcn;
    const p = order.restrainedPerson;
    if (r.sex !== undefined) p.sex = r.sex;
    if (r.race !== undefined) p.race = r.race;
    if (r.dob !== undefined) p.dob = r.dob;
    if (r.age !== undefined) p.age = r.age;
    if (r.height !== undefined) p.heightInches = r.height;
    if (r.weight !== undefined) p.weightLbs = r.weight;
    if (r.hair !== undefined) p.hair = r.hair;
    if (r.eyes !== undefined) p.eyes = r.eyes;
    if (r.relationship !== undefined) p.relationship = r.relationship;
    return order;
  });

/** Arbitrary orders complete and consistent for 'enter' (issued recently, sensible descriptors). */
export const validEnterOrder: fc.Arbitrary<ProtectiveOrder> = fc
  .record({
    issueOffset: fc.integer({ min: 0, max: 20 }),
    years: fc.integer({ min: 1, max: 3 }),
    dob: isoDateIn('1940-01-01', '2006-01-01'),
    height: fc.integer({ min: 48, max: 84 }),
    weight: fc.integer({ min: 90, max: 400 }),
    name: personName,
    protectedName: personName,
    sex: fc.constantFrom(...SEX.codes),
    race: fc.constantFrom(...RACE.codes),
    hair: fc.constantFrom(...HAIR.codes),
    extraCodes: fc.uniqueArray(fc.constantFrom('01', '02', '04', '05'), { minLength: 1 }),
  })
  .map((r) => {
    const issueDate = addDays(TODAY, -r.issueOffset);
    return completeOrder({
      issueDate,
      expirationDate: `${String(Number(issueDate.slice(0, 4)) + r.years)}${issueDate.slice(4)}`,
      hearing: { date: issueDate },
      conditions: { codes: [...r.extraCodes, '07'] },
      restrainedPerson: {
        name: r.name,
        aliases: [],
        sex: r.sex,
        race: r.race,
        dob: r.dob,
        heightInches: r.height,
        weightLbs: r.weight,
        hair: r.hair,
        eyes: 'BRO',
        relationship: 'DATING',
      },
      protectedPersons: [{ name: r.protectedName }],
    });
  });
