/**
 * Field-level authority: for every way a person changes an order's data (each lifecycle transition,
 * and editing a draft or a queued order), the fields each role may change. Declared once here, so
 * the registry refuses anything else and the station's forms can lock the same fields.
 *
 * A grant names a dotted path into the order (`service`, `conditions.miscellaneous`); it covers that
 * field and everything under it. An `append` grant allows only adding text after what is there
 * (verbal service terms go at the end of the miscellaneous conditions; the terms already ordered
 * must stay). A role with no entry for an action may change no field at all: it may still perform
 * the action with the stored data, when the lifecycle rules let it.
 *
 * Not covered here: who may perform the action at all (roles, court, county, claim, sealing), which
 * the registry decides before it looks at fields; the system principal (DOJ gateway, expiry sweep),
 * which is not a person and writes what DOJ answered.
 */
import type { Role } from '../api/auth';
import type { TransitionName } from './lifecycle';
import type { ProtectiveOrder } from './schema';

export interface FieldGrant {
  readonly path: string;
  /** Only text added after the stored value (a string field); the stored text must stay. */
  readonly append?: true;
}

export type FieldRule = string | FieldGrant;

/** Editing without a transition (PUT): a draft, or an order in the sheriff's work queue. */
export type EditAction = 'editDraft' | 'editAwaitingCarposData';
export type DataAction = TransitionName | EditAction;

type OrderField = keyof ProtectiveOrder;

/** Every top-level field of an order, checked against the type so a new field must be classified. */
const EVERY_FIELD = {
  id: true,
  court: true,
  caseNumber: true,
  lawEnforcementCaseNumber: true,
  formId: true,
  formRevision: true,
  issueDate: true,
  issueTime: true,
  expirationDate: true,
  expirationTime: true,
  hearing: true,
  conditions: true,
  firearms: true,
  bradyIndicator: true,
  sealed: true,
  restrainedPerson: true,
  protectedPersons: true,
  service: true,
  fcn: true,
  clonedFrom: true,
} as const satisfies Record<OrderField, true>;

const fields = (exclude: readonly OrderField[]): readonly OrderField[] =>
  (Object.keys(EVERY_FIELD) as OrderField[]).filter((f) => !exclude.includes(f));

/**
 * What the court enters on a draft: everything but the record's identity (`id`, `clonedFrom`) and
 * DOJ's file control number, which DOJ assigns (`activateWithoutGateway` records it by hand).
 */
export const DRAFT_FIELDS = fields(['id', 'clonedFrom', 'fcn']);

/** A modification of an order in force: as a draft, but the issuing court stays the same. */
export const MODIFY_FIELDS = fields(['id', 'clonedFrom', 'fcn', 'court']);

/**
 * What the sheriff completes in workflow (b): the CARPOS data about the people, the terms and the
 * dates. The court's own entries (court, case number, form, issue date, sealing) stay as the court
 * made them.
 */
export const CARPOS_DATA_FIELDS: readonly OrderField[] = [
  'lawEnforcementCaseNumber',
  'formRevision',
  'issueTime',
  'expirationDate',
  'expirationTime',
  'hearing',
  'conditions',
  'firearms',
  'bradyIndicator',
  'restrainedPerson',
  'protectedPersons',
  'service',
];

/** Serving an order records the service, nothing more (verbal terms appended to the conditions). */
export const SERVICE_FIELDS: readonly FieldRule[] = [
  'service',
  { path: 'conditions.miscellaneous', append: true },
];

const WRITERS = (rules: readonly FieldRule[]): Partial<Record<Role, readonly FieldRule[]>> => ({
  court_clerk: rules,
  supervisor: rules,
  sheriff_operator: rules,
});

/**
 * The declaration. Roles left out of an action (query_only, local_admin, state_admin everywhere)
 * change nothing; actions with `{}` carry no data from anyone.
 */
export const FIELD_AUTHORITY: Readonly<Record<DataAction, Partial<Record<Role, readonly FieldRule[]>>>> = {
  editDraft: WRITERS(DRAFT_FIELDS),
  editAwaitingCarposData: {
    court_clerk: DRAFT_FIELDS,
    supervisor: DRAFT_FIELDS,
    sheriff_operator: CARPOS_DATA_FIELDS,
  },
  submit: WRITERS(DRAFT_FIELDS),
  submitForCompletion: WRITERS(DRAFT_FIELDS),
  completeCarposData: { sheriff_operator: CARPOS_DATA_FIELDS },
  returnToCourt: {},
  sendToDoj: {},
  activateWithoutGateway: WRITERS(['fcn']),
  dojAcknowledge: {},
  dojReject: {},
  reviewResponse: {},
  revise: WRITERS(DRAFT_FIELDS),
  modify: WRITERS(MODIFY_FIELDS),
  recordService: WRITERS(SERVICE_FIELDS),
  cancel: {},
  expire: {},
  discard: {},
};

/** The grants of a person with `roles` (the union over their roles). */
export function grantsFor(action: DataAction, roles: readonly Role[]): FieldGrant[] {
  const byRole = FIELD_AUTHORITY[action];
  return roles.flatMap((role) => (byRole[role] ?? []).map((r) => (typeof r === 'string' ? { path: r } : r)));
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return false;
}

/**
 * The dotted paths where `after` differs from `before`: leaves of nested objects, and whole arrays
 * (a list of people changes as one field). An absent key and an `undefined` one are the same.
 */
export function changedPaths(before: Json, after: Json, prefix = ''): string[] {
  if (same(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changedPaths(before[k], after[k], prefix === '' ? k : `${prefix}.${k}`));
  }
  return [prefix];
}

function valueAt(root: Json, path: string): Json {
  let node = root;
  for (const key of path.split('.')) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function covers(grant: FieldGrant, path: string, before: Json, after: Json): boolean {
  if (path !== grant.path && !path.startsWith(`${grant.path}.`)) return false;
  if (grant.append !== true) return true;
  const old = valueAt(before, grant.path);
  const next = valueAt(after, grant.path);
  return typeof next === 'string' && (old === undefined || (typeof old === 'string' && next.startsWith(old)));
}

/**
 * The changed fields of `after` (a body's order) against `before` (the stored one) that `roles`
 * may not change by `action`, as dotted paths; empty when the change is within their authority.
 */
export function fieldsOutsideAuthority(
  action: DataAction,
  roles: readonly Role[],
  before: ProtectiveOrder,
  after: ProtectiveOrder,
): string[] {
  const grants = grantsFor(action, roles);
  return changedPaths(before, after).filter((path) => !grants.some((g) => covers(g, path, before, after)));
}
