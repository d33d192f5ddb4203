import { describe, expect, it } from 'vitest';
import { emptyOrder, protectiveOrderSchema } from '../../src/shared/order';
import { completeOrder, TEST_COURT } from '../support/orders';

function firstIssue(value: unknown): { path: string; message: string } {
  const result = protectiveOrderSchema.safeParse(value);
  if (result.success) throw new Error('parsed');
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('protective order schema', () => {
  it('accepts a complete order and an empty draft', () => {
    expect(protectiveOrderSchema.safeParse(completeOrder()).success).toBe(true);
    expect(
      protectiveOrderSchema.safeParse(emptyOrder('5b0c3f5e-8a35-4d52-9a3e-6f8a0b1c2d3e', TEST_COURT)).success,
    ).toBe(true);
  });

  it('refuses unknown fields rather than carrying them along', () => {
    expect(firstIssue({ ...completeOrder(), ssn: '123' }).message).toMatch(/ssn/);
  });

  it('refuses impossible dates, bad codes and malformed identifiers with the field named', () => {
    expect(firstIssue(completeOrder({ issueDate: '2026-02-30' }))).toEqual({
      path: 'issueDate',
      message: 'Enter a real date as YYYY-MM-DD.',
    });
    expect(
      firstIssue({
        ...completeOrder(),
        restrainedPerson: { ...completeOrder().restrainedPerson, hair: 'PUR' },
      }).path,
    ).toBe('restrainedPerson.hair');
    expect(firstIssue(completeOrder({ fcn: '12345678901234' })).path).toBe('fcn');
    expect(firstIssue(completeOrder({ court: { ...TEST_COURT, ori: 'CA19015J' } })).path).toBe('court.ori');
    expect(firstIssue({ ...completeOrder(), id: 'x' }).path).toBe('id');
  });

  it('refuses control characters, empty strings and duplicate conditions', () => {
    expect(firstIssue(completeOrder({ caseNumber: '26FL\u000001234' })).path).toBe('caseNumber');
    expect(
      firstIssue({
        ...completeOrder(),
        restrainedPerson: { ...completeOrder().restrainedPerson, name: { last: '', first: 'A' } },
      }).path,
    ).toBe('restrainedPerson.name.last');
    expect(firstIssue(completeOrder({ conditions: { codes: ['01', '01'] } })).path).toBe('conditions.codes');
  });

  it('accepts names with accents and apostrophes, trimmed', () => {
    const parsed = protectiveOrderSchema.parse({
      ...completeOrder(),
      restrainedPerson: {
        ...completeOrder().restrainedPerson,
        name: { last: "  O'Núñez-Peña ", first: 'José' },
      },
    });
    expect(parsed.restrainedPerson.name.last).toBe("O'Núñez-Peña");
  });
});
