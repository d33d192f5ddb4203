/**
 * The Judicial Council form catalogue as data. Each form carries its versions (by revision date) so an
 * order is checked against the form that was in effect on its issue date, and a revised form is one
 * new row. Revision dates and CLETS codes marked `verified: false` are our best reading of public
 * sources and must be confirmed against courts.ca.gov/forms before production use.
 */
import type { CaseCategoryCode, OrderTypeCode } from '../codes';

export type DurationRule =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'years'; readonly years: number }
  /** EPO-001: the earlier of the close of the fifth court day and the seventh calendar day. */
  | { readonly kind: 'epo'; readonly courtDays: number; readonly calendarDays: number };

export interface FormVersion {
  /** The revision date printed in the form's footer ("Rev. January 1, 2025"), ISO. */
  readonly revision: string;
  /** First day orders may be issued on this version. */
  readonly effectiveFrom: string;
  /** Last day it may be used; absent for the current version. */
  readonly effectiveTo?: string;
}

export interface FormDefinition {
  readonly id: string;
  readonly title: string;
  /** 'order' forms become CARPOS records; others are documents attached to one. */
  readonly kind: 'order' | 'proof_of_service' | 'firearms';
  readonly category: CaseCategoryCode;
  readonly orderType: OrderTypeCode | null;
  /** The CLETS code printed on the form, e.g. CLETS-TRO. */
  readonly cletsCode: string | null;
  readonly cletsCodeVerified: boolean;
  /** What the expiration is when the order itself does not say (or the usual term for a TRO). */
  readonly defaultDuration: DurationRule | null;
  /** The longest term the law allows, for a plausibility check; null when the law sets none we check. */
  readonly maxDuration: DurationRule | null;
  readonly versions: readonly [FormVersion, ...FormVersion[]];
}

const TRO_DAYS = { kind: 'days', days: 21 } as const;
/** Temporary orders may be extended to 25 days for good cause (e.g. Fam. Code § 242). */
const TRO_MAX = { kind: 'days', days: 25 } as const;
const years = (n: number): DurationRule => ({ kind: 'years', years: n });

/** The firearms forms new on 2026-01-01; titles are placeholders until confirmed against the forms. */
function firearmsForm<const I extends string>(id: I, category: CaseCategoryCode): FormDefinition & { id: I } {
  return {
    id,
    title: `Firearms form ${id} (new January 1, 2026)`,
    kind: 'firearms',
    category,
    orderType: null,
    cletsCode: null,
    cletsCodeVerified: false,
    defaultDuration: null,
    maxDuration: null,
    versions: [{ revision: '2026-01-01', effectiveFrom: '2026-01-01' }],
  };
}

export const FORM_CATALOGUE = [
  {
    id: 'DV-110',
    title: 'Temporary Restraining Order (domestic violence)',
    kind: 'order',
    category: 'DV',
    orderType: 'TRO',
    cletsCode: 'CLETS-TRO',
    cletsCodeVerified: true,
    defaultDuration: TRO_DAYS,
    maxDuration: TRO_MAX,
    versions: [
      { revision: '2023-01-01', effectiveFrom: '2023-01-01', effectiveTo: '2024-12-31' },
      { revision: '2025-01-01', effectiveFrom: '2025-01-01' },
    ],
  },
  {
    id: 'DV-130',
    title: 'Restraining Order After Hearing (domestic violence)',
    kind: 'order',
    category: 'DV',
    orderType: 'OAH',
    cletsCode: 'CLETS-OAH',
    cletsCodeVerified: true,
    defaultDuration: years(3),
    maxDuration: years(5),
    versions: [
      { revision: '2024-01-01', effectiveFrom: '2024-01-01', effectiveTo: '2025-04-27' },
      { revision: '2025-04-28', effectiveFrom: '2025-04-28' },
    ],
  },
  {
    id: 'CH-110',
    title: 'Temporary Restraining Order (civil harassment)',
    kind: 'order',
    category: 'CH',
    orderType: 'TRO',
    cletsCode: 'CLETS-TCH',
    cletsCodeVerified: true,
    defaultDuration: TRO_DAYS,
    maxDuration: TRO_MAX,
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'CH-130',
    title: 'Civil Harassment Restraining Order After Hearing',
    kind: 'order',
    category: 'CH',
    orderType: 'OAH',
    cletsCode: 'CLETS-CHO',
    cletsCodeVerified: true,
    defaultDuration: years(3),
    maxDuration: years(5),
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'EA-110',
    title: 'Temporary Restraining Order (elder or dependent adult abuse)',
    kind: 'order',
    category: 'EA',
    orderType: 'TRO',
    cletsCode: 'CLETS-TEA',
    cletsCodeVerified: false,
    defaultDuration: TRO_DAYS,
    maxDuration: TRO_MAX,
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'EA-130',
    title: 'Elder or Dependent Adult Abuse Restraining Order After Hearing',
    kind: 'order',
    category: 'EA',
    orderType: 'OAH',
    cletsCode: 'CLETS-EAR',
    cletsCodeVerified: false,
    defaultDuration: years(3),
    maxDuration: years(5),
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'WV-110',
    title: 'Temporary Restraining Order (workplace violence)',
    kind: 'order',
    category: 'WV',
    orderType: 'TRO',
    cletsCode: 'CLETS-TWH',
    cletsCodeVerified: false,
    defaultDuration: TRO_DAYS,
    maxDuration: TRO_MAX,
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'WV-130',
    title: 'Workplace Violence Restraining Order After Hearing',
    kind: 'order',
    category: 'WV',
    orderType: 'OAH',
    cletsCode: 'CLETS-WHO',
    cletsCodeVerified: false,
    defaultDuration: years(3),
    maxDuration: years(3),
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'SV-110',
    title: 'Temporary Restraining Order (school violence)',
    kind: 'order',
    category: 'SV',
    orderType: 'TRO',
    cletsCode: 'CLETS-TSV',
    cletsCodeVerified: false,
    defaultDuration: TRO_DAYS,
    maxDuration: TRO_MAX,
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'SV-130',
    title: 'School Violence Restraining Order After Hearing',
    kind: 'order',
    category: 'SV',
    orderType: 'OAH',
    cletsCode: 'CLETS-SVO',
    cletsCodeVerified: false,
    defaultDuration: years(3),
    maxDuration: years(3),
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'GV-110',
    title: 'Temporary Gun Violence Restraining Order',
    kind: 'order',
    category: 'GV',
    orderType: 'TRO',
    cletsCode: 'CLETS-TGV',
    cletsCodeVerified: false,
    defaultDuration: TRO_DAYS,
    maxDuration: TRO_MAX,
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'GV-130',
    title: 'Gun Violence Restraining Order After Hearing',
    kind: 'order',
    category: 'GV',
    orderType: 'OAH',
    cletsCode: 'CLETS-GVR',
    cletsCodeVerified: false,
    defaultDuration: years(1),
    maxDuration: years(5),
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'EPO-002',
    title: 'Emergency Gun Violence Restraining Order',
    kind: 'order',
    category: 'GV',
    orderType: 'EPO',
    cletsCode: null,
    cletsCodeVerified: false,
    defaultDuration: { kind: 'days', days: 21 },
    maxDuration: { kind: 'days', days: 21 },
    versions: [{ revision: '2025-01-01', effectiveFrom: '2025-01-01' }],
  },
  {
    id: 'CR-160',
    title: 'Criminal Protective Order — Domestic Violence',
    kind: 'order',
    category: 'CR',
    orderType: 'CPO',
    cletsCode: 'CLETS-CPO',
    cletsCodeVerified: true,
    defaultDuration: years(3),
    maxDuration: years(10),
    versions: [{ revision: '2024-01-01', effectiveFrom: '2024-01-01' }],
  },
  {
    id: 'CR-161',
    title: 'Criminal Protective Order — Other Than Domestic Violence',
    kind: 'order',
    category: 'CR',
    orderType: 'CPO',
    cletsCode: 'CLETS-CPO',
    cletsCodeVerified: true,
    defaultDuration: years(3),
    maxDuration: years(10),
    versions: [{ revision: '2024-01-01', effectiveFrom: '2024-01-01' }],
  },
  {
    id: 'JV-255',
    title: 'Restraining Order — Juvenile',
    kind: 'order',
    category: 'JV',
    orderType: 'JUV',
    cletsCode: 'CLETS-JUV',
    cletsCodeVerified: true,
    defaultDuration: years(3),
    maxDuration: years(3),
    versions: [{ revision: '2023-01-01', effectiveFrom: '2023-01-01' }],
  },
  {
    id: 'EPO-001',
    title: 'Emergency Protective Order',
    kind: 'order',
    category: 'EM',
    orderType: 'EPO',
    cletsCode: null,
    cletsCodeVerified: true,
    defaultDuration: { kind: 'epo', courtDays: 5, calendarDays: 7 },
    maxDuration: { kind: 'epo', courtDays: 5, calendarDays: 7 },
    versions: [{ revision: '2024-01-01', effectiveFrom: '2024-01-01' }],
  },
  {
    id: 'DV-200',
    title: 'Proof of Personal Service',
    kind: 'proof_of_service',
    category: 'DV',
    orderType: null,
    cletsCode: null,
    cletsCodeVerified: true,
    defaultDuration: null,
    maxDuration: null,
    versions: [{ revision: '2024-01-01', effectiveFrom: '2024-01-01' }],
  },
  firearmsForm('CH-820', 'CH'),
  firearmsForm('CH-830', 'CH'),
  firearmsForm('CH-840', 'CH'),
  firearmsForm('CH-850', 'CH'),
  firearmsForm('EA-820', 'EA'),
  firearmsForm('EA-830', 'EA'),
  firearmsForm('EA-840', 'EA'),
  firearmsForm('EA-850', 'EA'),
  firearmsForm('GV-820', 'GV'),
  firearmsForm('GV-830', 'GV'),
  firearmsForm('GV-840', 'GV'),
] as const satisfies readonly FormDefinition[];
