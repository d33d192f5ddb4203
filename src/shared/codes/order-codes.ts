/**
 * Codes about the order itself: conditions (NIEM ProtectionOrderConditionCode, PCO 01–09),
 * service methods, order types and case categories.
 */
import { defineCodeTable } from './code-table';

export const CONDITION = defineCodeTable('condition', [
  { code: '01', label: 'No abuse, harassment or stalking' },
  { code: '02', label: 'No threats to household members' },
  { code: '03', label: 'Exclusive residence (move out)' },
  { code: '04', label: 'Stay away' },
  { code: '05', label: 'No contact' },
  { code: '06', label: 'Visitation or custody terms' },
  { code: '07', label: 'No firearms or ammunition' },
  { code: '08', label: 'Other: see the miscellaneous field' },
  { code: '09', label: 'Temporary custody of children' },
]);
export type ConditionCode = (typeof CONDITION.codes)[number];

export const SERVICE_METHOD = defineCodeTable('service method', [
  { code: 'PERSONAL', label: 'Personal service' },
  { code: 'AT_HEARING', label: 'Personally served at the hearing (in court)' },
  { code: 'ELECTRONIC', label: 'Electronic service' },
  { code: 'MAIL', label: 'Mail' },
  { code: 'PUBLICATION', label: 'Publication' },
  { code: 'VERBAL', label: 'Verbal notice by an officer (terms in the miscellaneous field)' },
]);
export type ServiceMethodCode = (typeof SERVICE_METHOD.codes)[number];

/** The kind of order, which decides its duration rules and the CARPOS record it becomes. */
export const ORDER_TYPE = defineCodeTable('order type', [
  { code: 'EPO', label: 'Emergency protective order' },
  { code: 'TRO', label: 'Temporary restraining order' },
  { code: 'OAH', label: 'Restraining order after hearing' },
  { code: 'CPO', label: 'Criminal protective order' },
  { code: 'JUV', label: 'Juvenile restraining order' },
]);
export type OrderTypeCode = (typeof ORDER_TYPE.codes)[number];

export const CASE_CATEGORY = defineCodeTable('case category', [
  { code: 'DV', label: 'Domestic violence' },
  { code: 'CH', label: 'Civil harassment' },
  { code: 'EA', label: 'Elder or dependent adult abuse' },
  { code: 'WV', label: 'Workplace violence' },
  { code: 'SV', label: 'School violence' },
  { code: 'GV', label: 'Gun violence' },
  { code: 'CR', label: 'Criminal' },
  { code: 'JV', label: 'Juvenile' },
  { code: 'EM', label: 'Emergency (law enforcement)' },
]);
export type CaseCategoryCode = (typeof CASE_CATEGORY.codes)[number];

export const FIREARMS_KNOWN = defineCodeTable('firearms known', [
  { code: 'YES', label: 'Yes' },
  { code: 'NO', label: 'No' },
  { code: 'UNKNOWN', label: 'Unknown' },
]);
export type FirearmsKnownCode = (typeof FIREARMS_KNOWN.codes)[number];
