/**
 * Rules about the order itself: court, case, form, dates, conditions, firearms.
 */
import { getForm, formVersionOn, applyDuration } from '../forms';
import type { ProtectiveOrder } from '../order/schema';
import { orderTypeOf } from '../order/order-type';
import { compareIsoDates } from '../util/dates';
import type { IssueList, ValidationContext } from './issue';
import { formatCourtDate as court } from '../util/typed-date';

export function checkCaseAndForm(order: ProtectiveOrder, issues: IssueList): void {
  if (order.caseNumber === undefined)
    issues.error('CASE_NUMBER_REQUIRED', 'caseNumber', 'Enter the court case number.');
  if (order.formId === undefined) {
    issues.error('FORM_REQUIRED', 'formId', 'Choose the form the order was issued on (for example DV-110).');
    return;
  }
  if (order.formRevision !== undefined) {
    const form = getForm(order.formId);
    if (form && !form.versions.some((v) => v.revision === order.formRevision)) {
      issues.error(
        'UNKNOWN_FORM_REVISION',
        'formRevision',
        `${order.formId} has no revision dated ${court(order.formRevision)}. Check the date in the form's footer.`,
      );
    }
  }
  if (order.issueDate !== undefined && formVersionOn(order.formId, order.issueDate) === undefined) {
    issues.warning(
      'FORM_NOT_IN_EFFECT',
      'formId',
      `No version of ${order.formId} was in effect on ${court(order.issueDate)}. Check the form and the issue date.`,
    );
  }
}

export function checkIssueDate(order: ProtectiveOrder, ctx: ValidationContext, issues: IssueList): void {
  if (order.issueDate === undefined) {
    issues.error('ISSUE_DATE_REQUIRED', 'issueDate', 'Enter the date the order was issued.');
    return;
  }
  if (compareIsoDates(order.issueDate, ctx.today) > 0) {
    issues.error(
      'ISSUE_DATE_IN_FUTURE',
      'issueDate',
      `The issue date ${court(order.issueDate)} is in the future.`,
    );
  }
}

export function checkExpiration(order: ProtectiveOrder, ctx: ValidationContext, issues: IssueList): void {
  const type = orderTypeOf(order);
  if (order.expirationDate === undefined) {
    issues.error('EXPIRATION_DATE_REQUIRED', 'expirationDate', 'Enter the date the order expires.');
    return;
  }
  if (type === 'EPO' && order.expirationTime === undefined) {
    issues.error(
      'EXPIRATION_TIME_REQUIRED',
      'expirationTime',
      'An emergency protective order needs its expiration time.',
    );
  }
  if (order.issueDate === undefined) return;
  const days = compareIsoDates(order.expirationDate, order.issueDate);
  if (days < 0 || (days === 0 && !timeIsAfter(order.expirationTime, order.issueTime))) {
    issues.error(
      'EXPIRATION_NOT_AFTER_ISSUE',
      'expirationDate',
      `The expiration date ${court(order.expirationDate)} must be after the issue date ${court(order.issueDate)}.`,
    );
    return;
  }
  if (compareIsoDates(order.expirationDate, ctx.today) < 0) {
    issues.error(
      'ORDER_ALREADY_EXPIRED',
      'expirationDate',
      `The order expired on ${court(order.expirationDate)}.`,
    );
  }
  const rule = order.formId === undefined ? null : getForm(order.formId)?.maxDuration;
  if (rule) {
    const latest = applyDuration(rule, order.issueDate, ctx.holidays);
    if (compareIsoDates(order.expirationDate, latest) > 0) {
      issues.error(
        'EXPIRATION_TOO_LATE',
        'expirationDate',
        `A ${order.formId ?? ''} order issued ${court(order.issueDate)} can last until ${court(latest)} at most; check ${court(order.expirationDate)}.`,
      );
    }
  }
}

function timeIsAfter(later: string | undefined, earlier: string | undefined): boolean {
  return later !== undefined && earlier !== undefined && later > earlier;
}

export function checkHearing(order: ProtectiveOrder, issues: IssueList): void {
  const type = orderTypeOf(order);
  const hearingDate = order.hearing?.date;
  if (type === 'TRO' && hearingDate === undefined) {
    issues.error(
      'HEARING_DATE_REQUIRED',
      'hearing.date',
      'A temporary restraining order needs its hearing date.',
    );
  }
  if (hearingDate === undefined) return;
  if (order.issueDate !== undefined && compareIsoDates(hearingDate, order.issueDate) < 0 && type === 'TRO') {
    issues.error(
      'HEARING_BEFORE_ISSUE',
      'hearing.date',
      `The hearing date ${court(hearingDate)} is before the issue date.`,
    );
  }
  if (
    type === 'TRO' &&
    order.expirationDate !== undefined &&
    compareIsoDates(hearingDate, order.expirationDate) > 0
  ) {
    issues.warning(
      'HEARING_AFTER_EXPIRATION',
      'hearing.date',
      `The hearing (${court(hearingDate)}) is after the temporary order expires (${court(order.expirationDate)}). Check both dates.`,
    );
  }
}

/** Categories whose orders carry a firearms prohibition by statute (e.g. Fam. Code § 6389). */
const FIREARMS_BY_STATUTE = new Set(['DV', 'CH', 'EA', 'WV', 'SV', 'GV', 'JV']);

export function checkConditions(order: ProtectiveOrder, issues: IssueList): void {
  const codes = order.conditions.codes;
  if (codes.length === 0) {
    issues.error('CONDITION_REQUIRED', 'conditions.codes', 'Mark at least one condition of the order.');
  }
  if (codes.includes('08') && order.conditions.miscellaneous === undefined) {
    issues.error(
      'MISCELLANEOUS_REQUIRED',
      'conditions.miscellaneous',
      'Condition 08 says "see miscellaneous": type the other terms in the miscellaneous field.',
    );
  }
  const firearmsCode = codes.includes('07');
  if (firearmsCode !== order.firearms.prohibited) {
    issues.error(
      'FIREARMS_MISMATCH',
      firearmsCode ? 'firearms.prohibited' : 'conditions.codes',
      firearmsCode
        ? 'Condition 07 (no firearms) is marked, but the firearms prohibition is not.'
        : 'The firearms prohibition is marked, but condition 07 (no firearms) is not.',
    );
  }
  const category = order.formId === undefined ? undefined : getForm(order.formId)?.category;
  if (category !== undefined && FIREARMS_BY_STATUTE.has(category) && !order.firearms.prohibited) {
    issues.warning(
      'FIREARMS_EXPECTED',
      'firearms.prohibited',
      `${order.formId ?? ''} orders normally prohibit firearms by law. Confirm the order says otherwise.`,
    );
  }
  if (order.bradyIndicator && orderTypeOf(order) !== 'OAH') {
    issues.warning(
      'BRADY_ON_TEMPORARY_ORDER',
      'bradyIndicator',
      'The federal (Brady) prohibition applies to orders issued after a hearing. Confirm the Brady indicator.',
    );
  }
}
