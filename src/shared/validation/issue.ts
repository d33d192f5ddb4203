import type { Problem } from '../errors';

/** A finding of pre-flight validation. Errors block the transaction; warnings ask the clerk to look again. */
export interface ValidationIssue extends Problem {
  readonly field: string;
  readonly severity: 'error' | 'warning';
}

export interface ValidationContext {
  /** Today's date at the court (ISO), injected so rules are pure and testable. */
  readonly today: string;
  /** Court holidays (ISO dates), for court-day arithmetic. */
  readonly holidays?: ReadonlySet<string>;
}

/** Collects issues for one rule group. */
export class IssueList {
  readonly items: ValidationIssue[] = [];

  error(code: string, field: string, message: string): void {
    this.items.push({ code, field, message, severity: 'error' });
  }

  warning(code: string, field: string, message: string): void {
    this.items.push({ code, field, message, severity: 'warning' });
  }
}

/** Plausibility ranges: outside them the value is almost certainly a typo. */
export const LIMITS = {
  heightInches: { min: 36, max: 96 },
  weightLbs: { min: 50, max: 700 },
  maxAgeYears: 120,
  /** Below this a restrained person is unusual enough to ask the clerk to confirm. */
  youngRestrainedAge: 12,
} as const;

export function feetAndInches(inches: number): string {
  return `${Math.floor(inches / 12)} ft ${inches % 12} in`;
}
