/**
 * Field labels for the conflict dialog: each path a conflict can name (src/main/sync/diff.ts: every
 * field of the order, a whole group when one side lacks it, a list item when the lists differ in
 * length) said as the entry form labels it, with its section ("Restrained person — first name"),
 * never as the order's dotted path. `#` stands for a list index; `{n}` is that index counted from 1.
 */
import { FORM_FIELD_LABELS } from '../../shared/order/field-labels';

/**
 * The entry form's own labels (shared/order/field-labels.ts), each said with the part of the order
 * it belongs to, since a conflict lists fields from every section at once: "Height (inches)" on the
 * form is "Restrained person — height (inches)" here. A label that already names its part
 * ("Hearing date", "Firearms details") stays as it is.
 */
const PARTS: readonly (readonly [prefix: string, part: string])[] = [
  ['restrainedPerson.', 'Restrained person'],
  ['protectedPersons.#.', 'Protected person {n}'],
  ['hearing.', 'Hearing'],
  ['firearms.', 'Firearms'],
];

/** "Last name" → "last name", but "ZIP code" and "DOJ …" keep their capitals. */
function lowerFirst(label: string): string {
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function withPart(pattern: string, label: string): string {
  const part = PARTS.find(([prefix]) => pattern.startsWith(prefix))?.[1];
  if (part === undefined || label.toLowerCase().includes(part.replace(' {n}', '').toLowerCase()))
    return label;
  return `${part} — ${lowerFirst(label)}`;
}

const FROM_FORM: Record<string, string> = Object.fromEntries(
  Object.entries(FORM_FIELD_LABELS).map(([key, label]) => {
    const pattern = key.replace(/^protectedPersons\.N\./, 'protectedPersons.#.');
    return [pattern, withPart(pattern, label)];
  }),
);

const RP = 'Restrained person';
const PP = 'Protected person {n}';
const ALIAS = 'Restrained person — alias {n}';

/** What the form does not show as one field: groups, list items, aliases, service, the court. */
const NOT_ON_THE_FORM: Record<string, string> = {
  '(whole order)': 'The whole order',
  id: 'Order number on this station',
  clonedFrom: 'Order this one was copied from',
  court: 'Court',
  'court.ori': 'Court ORI',
  'court.county': 'Court county',
  'court.name': 'Court name',
  hearing: 'Hearing',
  conditions: 'Conditions',
  'conditions.codes.#': 'Conditions ordered (item {n})',
  firearms: 'Firearms',
  // The form's label adds when to fill it in; a conflict needs only the name.
  fcn: 'DOJ file control number (FCN)',
  restrainedPerson: RP,
  'restrainedPerson.name': `${RP} — name`,
  'restrainedPerson.aliases': `${RP} — aliases`,
  'restrainedPerson.aliases.#': ALIAS,
  'restrainedPerson.aliases.#.last': `${ALIAS} last name`,
  'restrainedPerson.aliases.#.first': `${ALIAS} first name`,
  'restrainedPerson.aliases.#.middle': `${ALIAS} middle name`,
  'restrainedPerson.aliases.#.suffix': `${ALIAS} suffix`,
  'restrainedPerson.address': `${RP} — address`,
  protectedPersons: 'Protected persons',
  'protectedPersons.#': PP,
  'protectedPersons.#.name': `${PP} — name`,
  service: 'Service',
  'service.servedBy': 'Service — served by',
  'service.agency': 'Service — agency',
  'service.agencyOri': 'Service — agency ORI',
  'service.date': 'Service — date served',
  'service.time': 'Service — time served',
  'service.method': 'Service — method',
};

export const CONFLICT_LABELS: Readonly<Record<string, string>> = { ...FROM_FORM, ...NOT_ON_THE_FORM };

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
