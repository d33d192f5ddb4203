/**
 * Questions asked of the form catalogue: which form, which version was in effect on a date, and
 * what expiration an order gets when it states none.
 */
import { assertNever } from '../errors';
import { z } from 'zod';
import { addCourtDays, addDays, addYears, compareIsoDates } from '../util/dates';
import { FORM_CATALOGUE, type DurationRule, type FormDefinition, type FormVersion } from './catalogue-data';

export { FORM_CATALOGUE } from './catalogue-data';
export type { DurationRule, FormDefinition, FormVersion } from './catalogue-data';

export type FormId = (typeof FORM_CATALOGUE)[number]['id'];
type OrderFormEntry = Extract<(typeof FORM_CATALOGUE)[number], { kind: 'order' }>;
export type OrderFormId = OrderFormEntry['id'];

const BY_ID = new Map<string, FormDefinition>(FORM_CATALOGUE.map((f) => [f.id, f]));

export const ORDER_FORM_IDS = FORM_CATALOGUE.filter((f) => f.kind === 'order').map(
  (f) => f.id,
) as unknown as [OrderFormId, ...OrderFormId[]];
export const orderFormIdSchema = z.enum(ORDER_FORM_IDS);

export function getForm(id: string): FormDefinition | undefined {
  return BY_ID.get(id);
}

export function isOrderForm(id: string): id is OrderFormId {
  return BY_ID.get(id)?.kind === 'order';
}

/** The version of `formId` in effect on `date`, or undefined when none was. */
export function formVersionOn(formId: string, date: string): FormVersion | undefined {
  const form = BY_ID.get(formId);
  if (!form) return undefined;
  return form.versions.find(
    (v) =>
      compareIsoDates(v.effectiveFrom, date) <= 0 &&
      (v.effectiveTo === undefined || compareIsoDates(date, v.effectiveTo) <= 0),
  );
}

export function currentVersion(formId: string): FormVersion | undefined {
  const form = BY_ID.get(formId);
  return form?.versions[form.versions.length - 1];
}

/** Applies a duration rule to an issue date. Court holidays come from the court's calendar. */
export function applyDuration(rule: DurationRule, issueDate: string, holidays?: ReadonlySet<string>): string {
  switch (rule.kind) {
    case 'days':
      return addDays(issueDate, rule.days);
    case 'years':
      return addYears(issueDate, rule.years);
    case 'epo': {
      const court = addCourtDays(issueDate, rule.courtDays, holidays);
      const calendar = addDays(issueDate, rule.calendarDays);
      return compareIsoDates(court, calendar) <= 0 ? court : calendar;
    }
    default:
      return assertNever(rule, 'expiry rule');
  }
}

/** The expiration an order of this form gets when the order states none; undefined for non-orders. */
export function defaultExpiration(
  formId: string,
  issueDate: string,
  holidays?: ReadonlySet<string>,
): string | undefined {
  const rule = BY_ID.get(formId)?.defaultDuration;
  return rule ? applyDuration(rule, issueDate, holidays) : undefined;
}
