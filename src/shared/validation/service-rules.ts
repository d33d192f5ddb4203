/** Rules for a proof-of-service entry. */
import type { ProtectiveOrder } from '../order/schema';
import { compareIsoDates } from '../util/dates';
import type { IssueList, ValidationContext } from './issue';
import { formatCourtDate as court } from '../util/typed-date';

export function checkService(order: ProtectiveOrder, ctx: ValidationContext, issues: IssueList): void {
  const s = order.service;
  if (s === undefined) {
    issues.error(
      'SERVICE_REQUIRED',
      'service',
      'Enter the proof of service: who served the order, when and how.',
    );
    return;
  }
  if (s.servedBy === undefined)
    issues.error('SERVED_BY_REQUIRED', 'service.servedBy', 'Enter who served the order.');
  if (s.agency === undefined && s.agencyOri === undefined) {
    issues.error('SERVING_AGENCY_REQUIRED', 'service.agency', 'Enter the serving agency.');
  }
  if (s.method === undefined)
    issues.error('SERVICE_METHOD_REQUIRED', 'service.method', 'Choose how the order was served.');
  if (s.time === undefined)
    issues.error('SERVICE_TIME_REQUIRED', 'service.time', 'Enter the time of service.');
  if (s.date === undefined) {
    issues.error('SERVICE_DATE_REQUIRED', 'service.date', 'Enter the date of service.');
  } else {
    if (compareIsoDates(s.date, ctx.today) > 0) {
      issues.error(
        'SERVICE_DATE_IN_FUTURE',
        'service.date',
        `The service date ${court(s.date)} is in the future.`,
      );
    }
    if (order.issueDate !== undefined && compareIsoDates(s.date, order.issueDate) < 0) {
      issues.error(
        'SERVICE_BEFORE_ISSUE',
        'service.date',
        `The order cannot be served (${court(s.date)}) before it was issued (${court(order.issueDate)}).`,
      );
    }
    if (order.expirationDate !== undefined && compareIsoDates(s.date, order.expirationDate) > 0) {
      issues.error(
        'SERVICE_AFTER_EXPIRATION',
        'service.date',
        `The order expired on ${court(order.expirationDate)}, before the service date ${court(s.date)}.`,
      );
    }
  }
  if (s.method === 'VERBAL' && order.conditions.miscellaneous === undefined) {
    issues.error(
      'VERBAL_TERMS_REQUIRED',
      'conditions.miscellaneous',
      'For verbal service, type the terms told to the restrained person in the miscellaneous field.',
    );
  }
}
