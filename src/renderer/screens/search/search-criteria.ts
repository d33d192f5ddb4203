/**
 * The search form's text turned into a registry query, checked here before anything is sent: each
 * problem names the field as the form labels it, and a date of birth is read the way people type
 * it (07/10/1982, 7/10/82, 1982-07-10).
 */
import type { z } from 'zod';
import type { SearchQuery } from '../../../shared/api';
import { caseNumberSchema, fcnSchema, namePartSchema } from '../../../shared/order/primitives';
import { compareIsoDates } from '../../../shared/util/dates';
import { parseTypedDate, TYPED_DATE_HINT } from '../../../shared/util/typed-date';

export const SEARCH_FIELDS = ['lastName', 'firstName', 'dob', 'caseNumber', 'fcn'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchFields = Readonly<Record<SearchField, string>>;

/** The labels on the form, used in every message about a field. */
export const SEARCH_FIELD_LABELS: Readonly<Record<SearchField, string>> = {
  lastName: 'Last name',
  firstName: 'First name',
  dob: 'Date of birth',
  caseNumber: 'Case number',
  fcn: 'FCN',
};

export const DOB_FORMAT_MESSAGE = `${SEARCH_FIELD_LABELS.dob}: enter the date as ${TYPED_DATE_HINT}`;
export const NOTHING_TO_SEARCH_MESSAGE = 'Enter a last name, a date of birth, a case number or an FCN.';

/** "Label: message", the message starting in lower case as it continues the sentence. */
export function aboutField(field: SearchField, message: string): string {
  const text = message.trim();
  return `${SEARCH_FIELD_LABELS[field]}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

export type SearchCriteria =
  | { readonly ok: true; readonly query: SearchQuery; readonly dob: string | null }
  | {
      readonly ok: false;
      readonly errors: Partial<Record<SearchField, string>>;
      readonly general: string | null;
    };

function schemaProblem(schema: z.ZodType, value: string): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Check what you typed.');
}

const SCHEMAS: Readonly<Record<Exclude<SearchField, 'dob'>, z.ZodType>> = {
  lastName: namePartSchema,
  firstName: namePartSchema,
  caseNumber: caseNumberSchema,
  fcn: fcnSchema,
};

/**
 * The query for what was typed, or every problem with it at once. `today` (YYYY-MM-DD) places a
 * two-digit year (82 is 1982: a date of birth is never ahead) and refuses a date still to come.
 */
export function searchCriteria(
  fields: SearchFields,
  options: { readonly today: string; readonly scope: 'county' | 'statewide' },
): SearchCriteria {
  const query: SearchQuery = { scope: options.scope, match: 'smart', pageSize: 50 };
  const errors: Partial<Record<SearchField, string>> = {};
  let dob: string | null = null;
  for (const field of SEARCH_FIELDS) {
    const value = fields[field].trim();
    if (value === '') continue;
    if (field === 'dob') {
      dob = parseTypedDate(value, { today: options.today, futureYears: 0 });
      if (dob === null) errors.dob = DOB_FORMAT_MESSAGE;
      else if (compareIsoDates(dob, options.today) > 0) {
        errors.dob = aboutField('dob', 'The date is in the future; check the year.');
      } else query.dob = dob;
      continue;
    }
    const problem = schemaProblem(SCHEMAS[field], value);
    if (problem === null) query[field] = value;
    else errors[field] = aboutField(field, problem);
  }
  // The registry searches a first name only together with a last name: say so rather than
  // quietly searching without it.
  if (fields.firstName.trim() !== '' && fields.lastName.trim() === '') {
    errors.lastName = aboutField(
      'lastName',
      'Enter the last name too; a first name is searched only with it.',
    );
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, general: null };
  if (SEARCH_FIELDS.every((field) => fields[field].trim() === '')) {
    return { ok: false, errors, general: NOTHING_TO_SEARCH_MESSAGE };
  }
  return { ok: true, query, dob };
}
