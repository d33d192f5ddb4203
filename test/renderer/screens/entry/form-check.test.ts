import { describe, expect, it } from 'vitest';
import { emptyOrder } from '../../../../src/shared/order';
import { checkOrderForm, readOrderForm } from '../../../../src/renderer/screens/entry/form-check';
import {
  emptyProtected,
  orderToForm,
  type OrderFormValues,
} from '../../../../src/renderer/screens/entry/form-model';
import { completeOrder, TEST_COURT, TODAY } from '../../../support/orders';

const BASE = emptyOrder('0b6a4b0e-7c1a-4d7e-9a57-3f5f2f1d9c11', TEST_COURT);
const ctx = { today: TODAY };

/** The form of a new draft with some fields typed. */
function typed(edit: (v: OrderFormValues) => void): OrderFormValues {
  const values = orderToForm(BASE);
  edit(values);
  return values;
}

/** The issue's case: four fields wrong at once, each its own way. */
const FOUR_WRONG = typed((v) => {
  v.caseNumber = '26FL001234';
  v.restrainedPerson.name.last = 'Garcia';
  v.restrainedPerson.heightInches = 'abc';
  v.restrainedPerson.dob = '2031-01-02';
  v.restrainedPerson.weightLbs = '-5';
  v.issueDate = '11/20/2026';
  v.expirationDate = '11/10/2026';
});

describe('the order entry form, read field by field', () => {
  it("reports each wrong field's own problem at once: a format error beside the CARPOS rules of the others", () => {
    const check = checkOrderForm(FOUR_WRONG, BASE, 'enter', ctx);
    expect(Object.fromEntries(check.unreadable)).toEqual({
      'restrainedPerson.heightInches': 'Height (inches): enter a whole number, in digits only.',
      'restrainedPerson.weightLbs': 'Weight (lbs): -5 is not possible; enter a whole number from 50 to 700.',
    });
    const byField = new Map(check.issues.map((i) => [i.field, i]));
    expect(byField.get('restrainedPerson.dob')?.message).toBe(
      "The restrained person's date of birth 01/02/2031 is in the future.",
    );
    expect(byField.get('expirationDate')?.message).toBe(
      'The expiration date 11/10/2026 must be after the issue date 11/20/2026.',
    );
    // A field that holds text the order cannot take is not also told to "enter" itself.
    expect(byField.has('restrainedPerson.heightInches')).toBe(false);
    expect(byField.has('restrainedPerson.weightLbs')).toBe(false);
  });

  it('never tells a field that holds a good value to enter it', () => {
    const check = checkOrderForm(FOUR_WRONG, BASE, 'enter', ctx);
    const filled = ['caseNumber', 'restrainedPerson.name.last', 'restrainedPerson.dob', 'issueDate'];
    for (const issue of check.issues.filter((i) => filled.includes(i.field)))
      expect(issue.message).not.toMatch(/^(Enter|Choose)/);
    expect(check.issues.map((i) => i.code)).not.toContain('ISSUE_DATE_REQUIRED');
    expect(check.issues.map((i) => i.code)).not.toContain('DOB_OR_AGE_REQUIRED');
  });

  it('keeps every readable field in the order a draft saves, and leaves out only what cannot be read', () => {
    const { order } = readOrderForm(FOUR_WRONG, BASE, TODAY);
    expect(order.caseNumber).toBe('26FL001234');
    expect(order.restrainedPerson.name.last).toBe('Garcia');
    expect(order.restrainedPerson.dob).toBe('2031-01-02');
    expect(order.issueDate).toBe('2026-11-20');
    expect(order.expirationDate).toBe('2026-11-10');
    expect(order.restrainedPerson.heightInches).toBeUndefined();
    expect(order.restrainedPerson.weightLbs).toBeUndefined();
  });

  it('reads dates as people type them, a two-digit birth year in the past', () => {
    for (const text of ['07/10/1982', '7/10/82', '1982-07-10', '07101982']) {
      const reading = readOrderForm(
        typed((v) => {
          v.restrainedPerson.dob = text;
        }),
        BASE,
        TODAY,
      );
      expect(reading.order.restrainedPerson.dob, text).toBe('1982-07-10');
      expect(reading.unreadable.size, text).toBe(0);
    }
  });

  it("names an unreadable date by its label, and whose it is where several people's fields share it", () => {
    const values = typed((v) => {
      v.restrainedPerson.dob = 'July 10';
      v.protectedPersons = [{ ...emptyProtected(), dob: '13/45/1990' }];
      v.hearing.date = '2/30/2027';
    });
    expect(Object.fromEntries(readOrderForm(values, BASE, TODAY).unreadable)).toEqual({
      'restrainedPerson.dob': 'Date of birth (restrained person): enter the date as MM/DD/YYYY.',
      'protectedPersons.0.dob': 'Date of birth (protected person 1): enter the date as MM/DD/YYYY.',
      'hearing.date': 'Hearing date: enter the date as MM/DD/YYYY.',
    });
  });

  it("words the shared schema's refusals under the field's label, never its dotted name", () => {
    const values = typed((v) => {
      v.restrainedPerson.address.zip = '123';
      v.protectedPersons = [
        { ...emptyProtected(), name: { last: 'R2D2', first: 'Ana', middle: '', suffix: '' } },
      ];
      v.issueTime = '25:00';
      v.restrainedPerson.sex = 'Q';
    });
    const reading = readOrderForm(values, BASE, TODAY);
    expect(Object.fromEntries(reading.unreadable)).toEqual({
      'restrainedPerson.address.zip': 'ZIP code: a ZIP code is 5 digits, or 5+4.',
      'protectedPersons.0.name.last':
        'Last name (protected person 1): use letters, spaces, hyphens, apostrophes and periods only.',
      issueTime: 'Issue time: enter a time as HH:MM (24-hour).',
      'restrainedPerson.sex': 'Sex (restrained person): choose one of the listed values.',
    });
    for (const message of reading.unreadable.values()) expect(message).not.toMatch(/\w\.\w+\./);
    expect(reading.order.protectedPersons[0]?.name.first).toBe('Ana');
  });

  it('reads an empty new draft as an incomplete order with nothing unreadable (a draft may be incomplete)', () => {
    const reading = readOrderForm(orderToForm(BASE), BASE, TODAY);
    expect(reading.unreadable.size).toBe(0);
    expect(reading.order).toEqual(BASE);
  });

  it('reads a complete order back unchanged, and finds nothing in the way of its entry', () => {
    const order = completeOrder();
    const check = checkOrderForm(orderToForm(order), order, 'enter', ctx);
    expect(check.unreadable.size).toBe(0);
    expect(check.order).toEqual(order);
    expect(check.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
