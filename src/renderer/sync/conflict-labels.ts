/**
 * Field labels for the conflict dialog: each path a conflict can name (src/main/sync/diff.ts: every
 * field of the order, a whole group when one side lacks it, a list item when the lists differ in
 * length) said as the entry form labels it, with its section ("Restrained person — first name"),
 * never as the order's dotted path. `#` stands for a list index; `{n}` is that index counted from 1.
 */

const NAME = (who: string): Record<string, string> => ({
  name: `${who} — name`,
  'name.last': `${who} — last name`,
  'name.first': `${who} — first name`,
  'name.middle': `${who} — middle name`,
  'name.suffix': `${who} — suffix`,
});

function under(prefix: string, labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([path, label]) => [`${prefix}.${path}`, label]));
}

const RP = 'Restrained person';
const PP = 'Protected person {n}';
const ALIAS = 'Restrained person — alias {n}';

export const CONFLICT_LABELS: Readonly<Record<string, string>> = {
  '(whole order)': 'The whole order',
  id: 'Order number on this station',
  clonedFrom: 'Order this one was copied from',
  court: 'Court',
  'court.ori': 'Court ORI',
  'court.county': 'Court county',
  'court.name': 'Court name',
  caseNumber: 'Court case number',
  formId: 'Form',
  formRevision: 'Form revision date',
  lawEnforcementCaseNumber: 'Law enforcement case number',
  issueDate: 'Issue date',
  issueTime: 'Issue time',
  expirationDate: 'Expiration date',
  expirationTime: 'Expiration time',
  hearing: 'Hearing',
  'hearing.date': 'Hearing date',
  'hearing.time': 'Hearing time',
  'hearing.department': 'Hearing — department',
  'hearing.room': 'Hearing — room',
  'hearing.judicialOfficer': 'Hearing — judicial officer',
  conditions: 'Conditions',
  'conditions.codes': 'Conditions ordered',
  'conditions.codes.#': 'Conditions ordered (item {n})',
  'conditions.miscellaneous': 'Other orders (miscellaneous)',
  firearms: 'Firearms',
  'firearms.prohibited': 'Firearms and ammunition prohibited',
  'firearms.possessesFirearms': 'Has firearms (CLETS-001)',
  'firearms.relinquishWithinHours': 'Firearms — relinquish within (hours)',
  'firearms.details': 'Firearms details',
  bradyIndicator: 'Federal firearms prohibition (Brady) applies',
  sealed: 'Sealed order',
  fcn: 'DOJ file control number (FCN)',
  restrainedPerson: RP,
  ...under('restrainedPerson', NAME(RP)),
  'restrainedPerson.aliases': `${RP} — aliases`,
  'restrainedPerson.aliases.#': ALIAS,
  ...under('restrainedPerson.aliases.#', {
    last: `${ALIAS} last name`,
    first: `${ALIAS} first name`,
    middle: `${ALIAS} middle name`,
    suffix: `${ALIAS} suffix`,
  }),
  'restrainedPerson.sex': `${RP} — sex`,
  'restrainedPerson.race': `${RP} — race`,
  'restrainedPerson.dob': `${RP} — date of birth`,
  'restrainedPerson.age': `${RP} — age`,
  'restrainedPerson.heightInches': `${RP} — height (inches)`,
  'restrainedPerson.weightLbs': `${RP} — weight (lbs)`,
  'restrainedPerson.hair': `${RP} — hair color`,
  'restrainedPerson.eyes': `${RP} — eye color`,
  'restrainedPerson.marks': `${RP} — scars, marks and tattoos`,
  'restrainedPerson.address': `${RP} — address`,
  'restrainedPerson.address.street': `${RP} — street address`,
  'restrainedPerson.address.city': `${RP} — city`,
  'restrainedPerson.address.state': `${RP} — state`,
  'restrainedPerson.address.zip': `${RP} — ZIP code`,
  'restrainedPerson.relationship': `${RP} — relationship to the protected person`,
  'restrainedPerson.employer': `${RP} — employer (CLETS-001)`,
  'restrainedPerson.phone': `${RP} — phone (CLETS-001)`,
  protectedPersons: 'Protected persons',
  'protectedPersons.#': PP,
  ...under('protectedPersons.#', NAME(PP)),
  'protectedPersons.#.sex': `${PP} — sex`,
  'protectedPersons.#.dob': `${PP} — date of birth`,
  'protectedPersons.#.age': `${PP} — age`,
  service: 'Service',
  'service.servedBy': 'Service — served by',
  'service.agency': 'Service — agency',
  'service.agencyOri': 'Service — agency ORI',
  'service.date': 'Service — date served',
  'service.time': 'Service — time served',
  'service.method': 'Service — method',
};

/** The pattern of a path: list indexes become `#`; the indexes are returned in order. */
export function pathPattern(path: string): { pattern: string; indexes: number[] } {
  const indexes: number[] = [];
  const pattern = path
    .split('.')
    .map((segment) => {
      if (!/^\d+$/.test(segment)) return segment;
      indexes.push(Number(segment));
      return '#';
    })
    .join('.');
  return { pattern, indexes };
}

function fill(label: string, indexes: readonly number[]): string {
  let i = 0;
  return label.replace(/\{n\}/g, () => String((indexes[i++] ?? 0) + 1));
}

/**
 * The label of a field a conflict names. A path this table does not know (a field added to the
 * order since) takes its nearest known group's label and says a part of it differs, so the person
 * still sees where to look, never a dotted path.
 */
export function conflictFieldLabel(path: string): string {
  const { pattern, indexes } = pathPattern(path);
  const exact = CONFLICT_LABELS[pattern];
  if (exact !== undefined) return fill(exact, indexes);
  const segments = pattern.split('.');
  for (let n = segments.length - 1; n > 0; n -= 1) {
    const group = CONFLICT_LABELS[segments.slice(0, n).join('.')];
    if (group !== undefined) return `${fill(group, indexes)} (another detail)`;
  }
  return 'Another detail of the order';
}
