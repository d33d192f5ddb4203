import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCourtDays,
  addDays,
  addMonths,
  addYears,
  ageOn,
  compareIsoDates,
  dayOfWeek,
  isIsoDate,
  isIsoTime,
} from '../../src/shared/util/dates';

describe('calendar dates', () => {
  it('accepts real dates and refuses impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('25-01-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('accepts 24-hour times only', () => {
    expect(isIsoTime('00:00')).toBe(true);
    expect(isIsoTime('23:59')).toBe(true);
    expect(isIsoTime('24:00')).toBe(false);
    expect(isIsoTime('9:30')).toBe(false);
  });

  it('adds days, months and years across month ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('counts court days over weekends and holidays', () => {
    // 2026-11-25 is a Wednesday; Thanksgiving (26th) and the day after are court holidays.
    expect(dayOfWeek('2026-11-25')).toBe(3);
    expect(addCourtDays('2026-11-25', 5)).toBe('2026-12-02');
    expect(addCourtDays('2026-11-25', 5, new Set(['2026-11-26', '2026-11-27']))).toBe('2026-12-04');
  });

  it('computes age on a date, the day before and on the birthday', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('keeps addDays and compareIsoDates consistent', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 20000 }), (n) => {
        const later = addDays('2000-01-01', n);
        expect(isIsoDate(later)).toBe(true);
        expect(compareIsoDates(later, '2000-01-01')).toBe(n);
      }),
    );
  });
});
