/**
 * The order entry form's values: the order's own shape (so field names are the order's dotted paths
 * and every error lands on its field) with text inputs as strings. `toCandidate` turns them back into
 * an order for the shared schema: empty fields are left out, whole numbers parsed. Reading each
 * field (typed dates, numbers) and the rules on the result are `form-check.ts`.
 */
import type { ProtectiveOrder } from '../../../shared/order/schema';

export interface NameValues {
  last: string;
  first: string;
  middle: string;
  suffix: string;
}

export interface ProtectedValues {
  name: NameValues;
  sex: string;
  dob: string;
  age: string;
}

export interface OrderFormValues {
  caseNumber: string;
  lawEnforcementCaseNumber: string;
  formId: string;
  formRevision: string;
  issueDate: string;
  issueTime: string;
  expirationDate: string;
  expirationTime: string;
  hearing: { date: string; time: string; department: string; room: string; judicialOfficer: string };
  restrainedPerson: {
    name: NameValues;
    sex: string;
    race: string;
    dob: string;
    age: string;
    heightInches: string;
    weightLbs: string;
    hair: string;
    eyes: string;
    marks: string;
    address: { street: string; city: string; state: string; zip: string };
    relationship: string;
    employer: string;
    phone: string;
  };
  protectedPersons: ProtectedValues[];
  conditions: { codes: string[]; miscellaneous: string };
  firearms: {
    prohibited: boolean;
    possessesFirearms: string;
    relinquishWithinHours: string;
    details: string;
  };
  bradyIndicator: boolean;
  sealed: boolean;
  fcn: string;
}

/** Fields that hold whole numbers. */
export const NUMBER_FIELDS = new Set([
  'restrainedPerson.age',
  'restrainedPerson.heightInches',
  'restrainedPerson.weightLbs',
  'firearms.relinquishWithinHours',
]);

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
const nameValues = (n: ProtectiveOrder['restrainedPerson']['name']): NameValues => ({
  last: s(n.last),
  first: s(n.first),
  middle: s(n.middle),
  suffix: s(n.suffix),
});

export function emptyProtected(): ProtectedValues {
  return { name: { last: '', first: '', middle: '', suffix: '' }, sex: '', dob: '', age: '' };
}

export function orderToForm(o: ProtectiveOrder): OrderFormValues {
  const r = o.restrainedPerson;
  return {
    caseNumber: s(o.caseNumber),
    lawEnforcementCaseNumber: s(o.lawEnforcementCaseNumber),
    formId: s(o.formId),
    formRevision: s(o.formRevision),
    issueDate: s(o.issueDate),
    issueTime: s(o.issueTime),
    expirationDate: s(o.expirationDate),
    expirationTime: s(o.expirationTime),
    hearing: {
      date: s(o.hearing?.date),
      time: s(o.hearing?.time),
      department: s(o.hearing?.department),
      room: s(o.hearing?.room),
      judicialOfficer: s(o.hearing?.judicialOfficer),
    },
    restrainedPerson: {
      name: nameValues(r.name),
      sex: s(r.sex),
      race: s(r.race),
      dob: s(r.dob),
      age: s(r.age),
      heightInches: s(r.heightInches),
      weightLbs: s(r.weightLbs),
      hair: s(r.hair),
      eyes: s(r.eyes),
      marks: s(r.marks),
      address: {
        street: s(r.address?.street),
        city: s(r.address?.city),
        state: s(r.address?.state),
        zip: s(r.address?.zip),
      },
      relationship: s(r.relationship),
      employer: s(r.employer),
      phone: s(r.phone),
    },
    protectedPersons: o.protectedPersons.map((p) => ({
      name: nameValues(p.name),
      sex: s(p.sex),
      dob: s(p.dob),
      age: s(p.age),
    })),
    conditions: { codes: [...o.conditions.codes], miscellaneous: s(o.conditions.miscellaneous) },
    firearms: {
      prohibited: o.firearms.prohibited,
      possessesFirearms: s(o.firearms.possessesFirearms),
      relinquishWithinHours: s(o.firearms.relinquishWithinHours),
      details: s(o.firearms.details),
    },
    bradyIndicator: o.bradyIndicator,
    sealed: o.sealed,
    fcn: s(o.fcn),
  };
}

/** Drops empty strings and objects left empty; parses whole numbers (anything else stays text, for a clear error). */
function clean(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === '') return undefined;
    if (NUMBER_FIELDS.has(path) || /^protectedPersons\.\d+\.age$/.test(path))
      return /^\d+$/.test(t) ? Number(t) : t;
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => clean(v, `${path}.${i}`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v, path === '' ? k : `${path}.${k}`);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return value;
}

/** Optional groups a clerk left entirely empty are absent from the order. */
const OPTIONAL_GROUPS = ['hearing', 'restrainedPerson.address'];

export function toCandidate(values: OrderFormValues, base: ProtectiveOrder): unknown {
  const cleaned = clean(values, '') as Record<string, unknown>;
  for (const group of OPTIONAL_GROUPS) {
    const [outer, inner] = group.split('.');
    const holder = (inner === undefined ? cleaned : cleaned[outer ?? '']) as
      Record<string, unknown> | undefined;
    const key = inner ?? outer ?? '';
    const v = holder?.[key];
    if (holder && v !== null && typeof v === 'object' && Object.keys(v).length === 0)
      Reflect.deleteProperty(holder, key);
  }
  const restrained = cleaned.restrainedPerson as Record<string, unknown>;
  restrained.name ??= {};
  restrained.aliases = base.restrainedPerson.aliases;
  for (const p of cleaned.protectedPersons as Record<string, unknown>[]) p.name ??= {};
  return {
    ...cleaned,
    id: base.id,
    court: base.court,
    ...(base.service ? { service: base.service } : {}),
    ...(base.clonedFrom ? { clonedFrom: base.clonedFrom } : {}),
  };
}
