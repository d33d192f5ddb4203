/**
 * CARPOS pre-flight validation: what each transaction needs before it may leave for DOJ, checked
 * the same way at the station (as the clerk types) and at the registry (before it sends).
 */
import { assertNever } from '../errors';
import type { ValidationLevel } from '../order/lifecycle';
import type { ProtectiveOrder } from '../order/schema';
import { IssueList, type ValidationContext, type ValidationIssue } from './issue';
import {
  checkCaseAndForm,
  checkConditions,
  checkExpiration,
  checkHearing,
  checkIssueDate,
} from './order-rules';
import { checkName, checkProtectedPersons, checkRestrainedDescriptors } from './person-rules';
import { checkService } from './service-rules';

export type { ValidationContext, ValidationIssue } from './issue';

function checkFcn(order: ProtectiveOrder, needed: boolean, issues: IssueList): void {
  if (needed && order.fcn === undefined) {
    issues.error(
      'FCN_REQUIRED',
      'fcn',
      'Enter the 13-digit DOJ file control number (FCN) of the order being changed.',
    );
  }
  if (!needed && order.fcn !== undefined) {
    issues.warning(
      'FCN_ON_NEW_ENTRY',
      'fcn',
      'A new order gets its FCN from DOJ; an FCN is already entered. Is this order already in CARPOS?',
    );
  }
}

function checkEnterFields(order: ProtectiveOrder, ctx: ValidationContext, issues: IssueList): void {
  checkCaseAndForm(order, issues);
  checkIssueDate(order, ctx, issues);
  checkExpiration(order, ctx, issues);
  checkHearing(order, issues);
  checkConditions(order, issues);
  checkRestrainedDescriptors(order.restrainedPerson, ctx, order.issueDate, issues);
  checkProtectedPersons(order, ctx, issues);
}

/**
 * Every issue that stands in the way of `level`, errors first. An order passes when no issue has
 * severity 'error'.
 */
export function validateForTransaction(
  order: ProtectiveOrder,
  level: ValidationLevel,
  ctx: ValidationContext,
): ValidationIssue[] {
  const issues = new IssueList();
  switch (level) {
    case 'intake':
      // Workflow (b): the court scans and enters the basics; the sheriff completes the rest.
      checkCaseAndForm(order, issues);
      checkIssueDate(order, ctx, issues);
      checkName(order.restrainedPerson.name, 'restrainedPerson.name', 'restrained person', issues);
      break;
    case 'enter':
      checkEnterFields(order, ctx, issues);
      checkFcn(order, false, issues);
      break;
    case 'modify':
      checkEnterFields(order, ctx, issues);
      checkFcn(order, true, issues);
      break;
    case 'service':
      checkFcn(order, true, issues);
      if (order.caseNumber === undefined)
        issues.error('CASE_NUMBER_REQUIRED', 'caseNumber', 'Enter the court case number.');
      checkName(order.restrainedPerson.name, 'restrainedPerson.name', 'restrained person', issues);
      checkService(order, ctx, issues);
      break;
    case 'cancel':
      checkFcn(order, true, issues);
      if (order.caseNumber === undefined)
        issues.error('CASE_NUMBER_REQUIRED', 'caseNumber', 'Enter the court case number.');
      checkName(order.restrainedPerson.name, 'restrainedPerson.name', 'restrained person', issues);
      break;
    default:
      assertNever(level, 'validation level');
  }
  return [...issues.items].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
