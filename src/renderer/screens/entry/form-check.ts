/**
 * Reads the entry form field by field, so one field's bad text never hides the others' problems.
 *
 * A whole-form schema fails as one: with "abc" in Height nothing reached the CARPOS rules, which
 * then spoke about the last order that did parse ("Enter the date of birth" under a typed date).
 * Here each field is read on its own: a field whose text cannot be stored is reported with its
 * label and left out of the order; every other field goes into the order, and the CARPOS rules run
 * on that order at once. The same reading is what a draft saves, so a draft is never held back by
 * an unrelated field.
 */
import type { z } from 'zod';
import { fieldNameOf, isFormField } from '../../../shared/order/field-labels';
import type { ValidationLevel } from '../../../shared/order/lifecycle';
import { protectiveOrderSchema, type ProtectiveOrder } from '../../../shared/order/schema';
import { parseTypedDate, TYPED_DATE_HINT } from '../../../shared/util/typed-date';
import {
  LIMITS,
  validateForTransaction,
  type ValidationContext,
  type ValidationIssue,
} from '../../../shared/validation';
import { toCandidate, type OrderFormValues } from './form-model';

export interface FormReading {
  /** The order as far as it can be stored: every field whose text could be read. */
  readonly order: ProtectiveOrder;
  /** Fields whose text cannot be stored in the order, each with a message naming the field. */
  readonly unreadable: ReadonlyMap<string, string>;
}

export interface FormCheck extends FormReading {
  /** The CARPOS rules on `order`, except on fields already reported as unreadable. */
  readonly issues: readonly ValidationIssue[];
}

/** A whole number a field holds: what the order can store, and the range to ask for. */
interface NumberRule {
  readonly stored: { readonly min: number; readonly max: number };
  readonly asked: { readonly min: number; readonly max: number };
}

const AGE: NumberRule = { stored: { min: 0, max: 130 }, asked: { min: 0, max: LIMITS.maxAgeYears } };
const NUMBER_RULES: Readonly<Record<string, NumberRule>> = {
  'restrainedPerson.age': AGE,
  'protectedPersons.N.age': AGE,
  'restrainedPerson.heightInches': { stored: { min: 0, max: 120 }, asked: LIMITS.heightInches },
  'restrainedPerson.weightLbs': { stored: { min: 0, max: 1500 }, asked: LIMITS.weightLbs },
  'firearms.relinquishWithinHours': { stored: { min: 1, max: 720 }, asked: { min: 1, max: 720 } },
};

/** Date fields, with how far ahead a two-digit year may land (a birth date never lies ahead). */
const DATE_FIELDS: Readonly<Record<string, number>> = {
  formRevision: 20,
  issueDate: 20,
  expirationDate: 20,
  'hearing.date': 20,
  'restrainedPerson.dob': 0,
  'protectedPersons.N.dob': 0,
};

const keyOf = (path: string): string => path.replace(/^protectedPersons\.\d+\./, 'protectedPersons.N.');

/** Every text field's path in the form's values, with its text. */
function* textFields(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* textFields(v, `${path}.${String(i)}`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* textFields(v, path === '' ? k : `${path}.${k}`);
  }
}

function setAt(root: unknown, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() ?? '';
  let holder = root as Record<string, unknown> | undefined;
  for (const part of parts) holder = holder?.[part] as Record<string, unknown> | undefined;
  if (holder === undefined) return;
  if (value === undefined) Reflect.deleteProperty(holder, last);
  else holder[last] = value;
}

/** Reads a number or date field: the text to keep (ISO for a date) or the problem with it. */
function readTyped(path: string, text: string, today: string): { text: string } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { text: '' };
  const name = fieldNameOf(path);
  const numberRule = NUMBER_RULES[keyOf(path)];
  if (numberRule) {
    const normalised = trimmed.replace(/^\u2212/, '-');
    if (!/^-?\d+$/.test(normalised)) return { problem: `${name}: enter a whole number, in digits only.` };
    const n = Number(normalised);
    if (n < numberRule.stored.min || n > numberRule.stored.max) {
      const { min, max } = numberRule.asked;
      return { problem: `${name}: ${trimmed} is not possible; enter a whole number from ${min} to ${max}.` };
    }
    return { text: String(n) };
  }
  const futureYears = DATE_FIELDS[keyOf(path)];
  if (futureYears !== undefined) {
    const iso = parseTypedDate(trimmed, { today, futureYears });
    return iso === null ? { problem: `${name}: enter the date as ${TYPED_DATE_HINT}.` } : { text: iso };
  }
  return { text };
}

/** The form field a schema issue belongs to: its path, or the nearest enclosing field. */
function formFieldOf(path: readonly PropertyKey[]): string | null {
  for (let n = path.length; n > 0; n -= 1) {
    const candidate = path.slice(0, n).map(String).join('.');
    if (isFormField(candidate)) return candidate;
  }
  return null;
}

/** A schema message said under the field's name: "ZIP code: a ZIP code is 5 digits, or 5+4." */
function plainSchemaMessage(field: string, issue: z.core.$ZodIssue): string {
  const text = issue.code === 'invalid_value' ? 'Choose one of the listed values.' : issue.message;
  const sentence = /^[A-Z](?![A-Z])/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  return `${fieldNameOf(field)}: ${sentence}`;
}

/** The fields' text read into an order; what cannot be read is named, and left out. */
export function readOrderForm(values: OrderFormValues, base: ProtectiveOrder, today: string): FormReading {
  const unreadable = new Map<string, string>();
  const readable = structuredClone(values);
  for (const [path, text] of textFields(values, '')) {
    const read = readTyped(path, text, today);
    if ('problem' in read) {
      unreadable.set(path, read.problem);
      setAt(readable, path, '');
    } else if (read.text !== text) setAt(readable, path, read.text);
  }
  const candidate = toCandidate(readable, base);
  // Each pass leaves out the fields the schema refused; fields are independent, so one more pass
  // parses. The bound only guards against a schema rule that spans fields.
  for (let pass = 0; pass < 3; pass += 1) {
    const parsed = protectiveOrderSchema.safeParse(candidate);
    if (parsed.success) return { order: parsed.data, unreadable };
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(issue.path);
      if (field === null) continue;
      if (!unreadable.has(field)) unreadable.set(field, plainSchemaMessage(field, issue));
      setAt(candidate, field, field === 'conditions.codes' ? [] : undefined);
    }
  }
  unreadable.set(
    '',
    'This order could not be read from the form; nothing typed since the last save is saved.',
  );
  return { order: base, unreadable };
}

/** The reading and, on it, every CARPOS rule of the transaction. */
export function checkOrderForm(
  values: OrderFormValues,
  base: ProtectiveOrder,
  level: ValidationLevel,
  ctx: ValidationContext,
): FormCheck {
  const reading = readOrderForm(values, base, ctx.today);
  const issues = validateForTransaction(reading.order, level, ctx).filter(
    (issue) => !reading.unreadable.has(issue.field),
  );
  return { ...reading, issues };
}

/** Unreadable fields as issues, for the list of what stands in the way (they block like errors). */
export function unreadableIssues(reading: FormReading): ValidationIssue[] {
  return [...reading.unreadable].map(([field, message]) => ({
    code: 'FIELD_NOT_READABLE',
    field,
    message,
    severity: 'error',
  }));
}
