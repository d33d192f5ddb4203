import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProtectiveOrder } from '../../src/shared/order';
import { protectiveOrderSchema } from '../../src/shared/order';
import { addDays, ageOn } from '../../src/shared/util/dates';
import { hasErrors, validateForTransaction, type ValidationIssue } from '../../src/shared/validation';
import { anyOrder, completeOrder, TODAY, validEnterOrder } from '../support/orders';

const ctx = { today: TODAY };
const codes = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error').map((i) => i.code);
const enter = (order: ProtectiveOrder) => codes(validateForTransaction(order, 'enter', ctx));

describe('CARPOS pre-flight validation', () => {
  it('passes a complete order for enter with no errors', () => {
    expect(
      validateForTransaction(completeOrder(), 'enter', ctx).filter((i) => i.severity === 'error'),
    ).toEqual([]);
  });

  it('lists every missing required field of an empty draft, each with a field and plain words', () => {
    const empty = completeOrder({
      caseNumber: undefined,
      formId: undefined,
      issueDate: undefined,
      expirationDate: undefined,
      conditions: { codes: [] },
      firearms: { prohibited: false },
      restrainedPerson: { name: {}, aliases: [] },
      protectedPersons: [],
    });
    const issues = validateForTransaction(JSON.parse(JSON.stringify(empty)) as ProtectiveOrder, 'enter', ctx);
    expect(codes(issues)).toEqual(
      expect.arrayContaining([
        'CASE_NUMBER_REQUIRED',
        'FORM_REQUIRED',
        'ISSUE_DATE_REQUIRED',
        'EXPIRATION_DATE_REQUIRED',
        'CONDITION_REQUIRED',
        'LAST_NAME_REQUIRED',
        'FIRST_NAME_REQUIRED',
        'SEX_REQUIRED',
        'RACE_REQUIRED',
        'DOB_OR_AGE_REQUIRED',
        'HEIGHT_REQUIRED',
        'WEIGHT_REQUIRED',
        'HAIR_REQUIRED',
        'PROTECTED_PERSON_REQUIRED',
      ]),
    );
    for (const issue of issues) {
      expect(issue.field.length).toBeGreaterThan(0);
      expect(issue.message).toMatch(/^[A-Z"]/);
      expect(issue.message).not.toMatch(/undefined|null|NaN|\[object/);
    }
  });

  it('rejects an expiration on or before the issue date', () => {
    expect(enter(completeOrder({ expirationDate: '2026-11-21' }))).toContain('EXPIRATION_NOT_AFTER_ISSUE');
    expect(enter(completeOrder({ expirationDate: '2026-11-22' }))).toContain('EXPIRATION_NOT_AFTER_ISSUE');
    expect(
      enter(completeOrder({ expirationDate: '2026-11-22', issueTime: '09:00', expirationTime: '17:00' })),
    ).not.toContain('EXPIRATION_NOT_AFTER_ISSUE');
  });

  it('rejects an expiration beyond what the law allows for the form', () => {
    expect(enter(completeOrder({ expirationDate: '2031-11-23' }))).toContain('EXPIRATION_TOO_LATE');
    expect(enter(completeOrder({ expirationDate: '2031-11-22' }))).not.toContain('EXPIRATION_TOO_LATE');
  });

  it('rejects an issue date in the future and an order already expired', () => {
    expect(enter(completeOrder({ issueDate: '2026-11-30', hearing: { date: '2026-11-30' } }))).toContain(
      'ISSUE_DATE_IN_FUTURE',
    );
    expect(
      enter(
        completeOrder({ issueDate: '2023-01-02', formRevision: undefined, expirationDate: '2026-01-02' }),
      ),
    ).toContain('ORDER_ALREADY_EXPIRED');
  });

  it('needs an expiration time on an emergency protective order', () => {
    const epo = completeOrder({
      formId: 'EPO-001',
      formRevision: undefined,
      issueDate: '2026-11-27',
      expirationDate: '2026-12-04',
      hearing: undefined,
      bradyIndicator: false,
    });
    expect(enter(epo)).toEqual(['EXPIRATION_TIME_REQUIRED']);
    expect(enter({ ...epo, expirationTime: '17:00' })).toEqual([]);
  });

  it('needs a hearing date on a temporary restraining order', () => {
    const tro = completeOrder({
      formId: 'DV-110',
      formRevision: undefined,
      issueDate: '2026-11-20',
      expirationDate: '2026-12-10',
      hearing: undefined,
      bradyIndicator: false,
    });
    expect(enter(tro)).toEqual(['HEARING_DATE_REQUIRED']);
  });

  it('flags implausible and inconsistent dates of birth', () => {
    const person = completeOrder().restrainedPerson;
    expect(
      enter(completeOrder({ restrainedPerson: { ...person, dob: '2027-01-01', age: undefined } })),
    ).toContain('DOB_IN_FUTURE');
    expect(
      enter(completeOrder({ restrainedPerson: { ...person, dob: '1890-01-01', age: undefined } })),
    ).toContain('DOB_IMPLAUSIBLE');
    expect(enter(completeOrder({ restrainedPerson: { ...person, age: 40 } }))).toContain(
      'AGE_DISAGREES_WITH_DOB',
    );
    // Born 1988-03-14: 38 on the issue date; 37 is accepted (the age written on the petition weeks earlier).
    expect(enter(completeOrder({ restrainedPerson: { ...person, age: 37 } }))).toEqual([]);
    expect(enter(completeOrder({ restrainedPerson: { ...person, dob: undefined, age: 38 } }))).toEqual([]);
  });

  it('checks height and weight ranges', () => {
    const person = completeOrder().restrainedPerson;
    expect(enter(completeOrder({ restrainedPerson: { ...person, heightInches: 30 } }))).toContain(
      'HEIGHT_OUT_OF_RANGE',
    );
    expect(enter(completeOrder({ restrainedPerson: { ...person, heightInches: 97 } }))).toContain(
      'HEIGHT_OUT_OF_RANGE',
    );
    expect(enter(completeOrder({ restrainedPerson: { ...person, weightLbs: 49 } }))).toContain(
      'WEIGHT_OUT_OF_RANGE',
    );
    expect(enter(completeOrder({ restrainedPerson: { ...person, weightLbs: 701 } }))).toContain(
      'WEIGHT_OUT_OF_RANGE',
    );
    const message = validateForTransaction(
      completeOrder({ restrainedPerson: { ...person, heightInches: 30 } }),
      'enter',
      ctx,
    ).find((i) => i.code === 'HEIGHT_OUT_OF_RANGE')?.message;
    expect(message).toContain('2 ft 6 in');
  });

  it('keeps condition 07 and the firearms prohibition in agreement, and 08 with its text', () => {
    expect(enter(completeOrder({ firearms: { prohibited: false } }))).toContain('FIREARMS_MISMATCH');
    expect(
      enter(completeOrder({ conditions: { codes: ['01', '08'] }, firearms: { prohibited: false } })),
    ).toEqual(['MISCELLANEOUS_REQUIRED']);
  });

  it('requires a well-formed FCN for modify, service and cancel, but not for enter', () => {
    for (const level of ['modify', 'service', 'cancel'] as const) {
      expect(codes(validateForTransaction(completeOrder(), level, ctx))).toContain('FCN_REQUIRED');
    }
    expect(codes(validateForTransaction(completeOrder({ fcn: '1234567890123' }), 'modify', ctx))).toEqual([]);
    expect(codes(validateForTransaction(completeOrder({ fcn: '1234567890123' }), 'cancel', ctx))).toEqual([]);
    expect(protectiveOrderSchema.safeParse(completeOrder({ fcn: '12345' })).success).toBe(false);
    expect(
      validateForTransaction(completeOrder({ fcn: '1234567890123' }), 'enter', ctx).map((i) => i.code),
    ).toContain('FCN_ON_NEW_ENTRY');
  });

  it('checks a proof of service', () => {
    const served = (service: ProtectiveOrder['service']) =>
      codes(validateForTransaction(completeOrder({ fcn: '1234567890123', service }), 'service', ctx));
    expect(served(undefined)).toEqual(['SERVICE_REQUIRED']);
    const ok = {
      servedBy: 'Deputy R. Ortiz',
      agency: 'Fresno County Sheriff',
      date: '2026-11-23',
      time: '14:05',
      method: 'PERSONAL' as const,
    };
    expect(served(ok)).toEqual([]);
    expect(served({ ...ok, date: '2026-11-21' })).toEqual(['SERVICE_BEFORE_ISSUE']);
    expect(served({ ...ok, date: '2026-12-01' })).toEqual(['SERVICE_DATE_IN_FUTURE']);
    expect(served({ ...ok, method: 'VERBAL' })).toEqual(['VERBAL_TERMS_REQUIRED']);
    expect(served({ date: '2026-11-23' })).toEqual(
      expect.arrayContaining([
        'SERVED_BY_REQUIRED',
        'SERVING_AGENCY_REQUIRED',
        'SERVICE_METHOD_REQUIRED',
        'SERVICE_TIME_REQUIRED',
      ]),
    );
  });

  it('needs only the basics for intake (workflow b)', () => {
    const basics = completeOrder({
      expirationDate: undefined,
      conditions: { codes: [] },
      firearms: { prohibited: false },
      restrainedPerson: { name: { last: 'Quillfeather', first: 'Marlo' }, aliases: [] },
      protectedPersons: [],
    });
    expect(codes(validateForTransaction(basics, 'intake', ctx))).toEqual([]);
    expect(codes(validateForTransaction(basics, 'enter', ctx)).length).toBeGreaterThan(3);
  });

  describe('properties', () => {
    it('never throws on a schema-valid order, and every issue names a field', () => {
      fc.assert(
        fc.property(
          anyOrder,
          fc.constantFrom('intake', 'enter', 'modify', 'service', 'cancel' as const),
          (order, level) => {
            expect(protectiveOrderSchema.safeParse(order).success).toBe(true);
            const issues = validateForTransaction(order, level, ctx);
            for (const i of issues) {
              expect(i.field).not.toBe('');
              expect(i.message).not.toMatch(/undefined|NaN/);
            }
            // Errors come before warnings.
            const firstWarning = issues.findIndex((i) => i.severity === 'warning');
            if (firstWarning >= 0)
              expect(issues.slice(firstWarning).every((i) => i.severity === 'warning')).toBe(true);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('passes every complete, consistent order for enter', () => {
      fc.assert(
        fc.property(validEnterOrder, (order) => {
          expect(codes(validateForTransaction(order, 'enter', ctx))).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });

    it('always flags an expiration that is not after the issue date', () => {
      fc.assert(
        fc.property(validEnterOrder, fc.integer({ min: 0, max: 3000 }), (order, back) => {
          const issue = order.issueDate ?? '';
          const bad = { ...order, expirationDate: addDays(issue, -back) };
          expect(hasErrors(validateForTransaction(bad, 'enter', ctx))).toBe(true);
          expect(enter(bad)).toContain('EXPIRATION_NOT_AFTER_ISSUE');
        }),
        { numRuns: 200 },
      );
    });

    it('accepts a stated age only when it agrees with the date of birth', () => {
      fc.assert(
        fc.property(validEnterOrder, fc.integer({ min: 0, max: 120 }), (order, age) => {
          const withAge = { ...order, restrainedPerson: { ...order.restrainedPerson, age } };
          const dob = order.restrainedPerson.dob ?? '';
          const actual = ageOn(dob, order.issueDate ?? '');
          const agrees = age === actual || age === actual - 1;
          expect(enter(withAge).includes('AGE_DISAGREES_WITH_DOB')).toBe(!agrees);
        }),
        { numRuns: 300 },
      );
    });
  });
});
