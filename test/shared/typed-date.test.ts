import { describe, expect, it } from 'vitest';
import { formatCourtDate, parseTypedDate } from '../../src/shared/util/typed-date';

const today = '2026-12-05';

describe('dates as people type them', () => {
  it('accepts the shapes clerks type and gives the ISO date', () => {
    for (const text of [
      '07/10/1982',
      '7/10/1982',
      '7/10/82',
      '07-10-1982',
      '1982-07-10',
      '07101982',
      ' 7.10.1982 ',
    ]) {
      expect(parseTypedDate(text, { today, futureYears: 0 }), text).toBe('1982-07-10');
    }
  });

  it('places a two-digit year no further ahead than allowed', () => {
    expect(parseTypedDate('1/2/27', { today })).toBe('2027-01-02');
    expect(parseTypedDate('1/2/27', { today, futureYears: 0 })).toBe('1927-01-02');
    expect(parseTypedDate('1/2/26', { today, futureYears: 0 })).toBe('2026-01-02');
    // The day counts, not only the year: three weeks ahead is not a date of birth.
    expect(parseTypedDate('12/31/26', { today, futureYears: 0 })).toBe('1926-12-31');
    expect(parseTypedDate('12/05/26', { today, futureYears: 0 })).toBe('2026-12-05');
  });

  it('refuses impossible dates and other text instead of guessing', () => {
    for (const text of ['02/30/2025', '13/01/2020', '2026-13-01', 'July 10', '', '10/1982', '1/2/3']) {
      expect(parseTypedDate(text, { today }), text).toBeNull();
    }
  });

  it('shows an ISO date as the court writes it', () => {
    expect(formatCourtDate('1982-07-10')).toBe('07/10/1982');
    expect(formatCourtDate('not a date')).toBe('not a date');
  });
});
