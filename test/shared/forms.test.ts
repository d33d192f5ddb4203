import { describe, expect, it } from 'vitest';
import {
  currentVersion,
  defaultExpiration,
  FORM_CATALOGUE,
  formVersionOn,
  getForm,
  isOrderForm,
  ORDER_FORM_IDS,
} from '../../src/shared/forms';
import { compareIsoDates } from '../../src/shared/util/dates';

describe('form catalogue', () => {
  it('lists the order forms from DV-110 to JV-255 and EPO-001, each with an order type', () => {
    for (const id of [
      'DV-110',
      'DV-130',
      'CH-110',
      'CH-130',
      'EA-110',
      'EA-130',
      'WV-110',
      'WV-130',
      'GV-110',
      'GV-130',
      'CR-160',
      'CR-161',
      'JV-255',
      'EPO-001',
    ]) {
      expect(isOrderForm(id), id).toBe(true);
      expect(getForm(id)?.orderType, id).not.toBeNull();
    }
    expect(isOrderForm('DV-200')).toBe(false);
    expect(ORDER_FORM_IDS).not.toContain('DV-200');
  });

  it('keeps ids unique and versions ordered without gaps or overlaps', () => {
    expect(new Set(FORM_CATALOGUE.map((f) => f.id)).size).toBe(FORM_CATALOGUE.length);
    for (const form of FORM_CATALOGUE) {
      const versions = form.versions as readonly { effectiveFrom: string; effectiveTo?: string }[];
      versions.forEach((v, i) => {
        const next = versions[i + 1];
        if (next) {
          expect(v.effectiveTo, form.id).toBeDefined();
          expect(compareIsoDates(next.effectiveFrom, v.effectiveTo ?? ''), form.id).toBe(1);
        } else {
          expect(v.effectiveTo, `${form.id} current version`).toBeUndefined();
        }
      });
    }
  });

  it('finds the version in effect on a date', () => {
    expect(formVersionOn('DV-130', '2025-04-27')?.revision).toBe('2024-01-01');
    expect(formVersionOn('DV-130', '2025-04-28')?.revision).toBe('2025-04-28');
    expect(formVersionOn('DV-130', '2020-01-01')).toBeUndefined();
    expect(formVersionOn('CH-820', '2025-12-31')).toBeUndefined();
    expect(formVersionOn('CH-820', '2026-01-01')?.revision).toBe('2026-01-01');
    expect(currentVersion('DV-110')?.revision).toBe('2025-01-01');
  });

  it('computes default expirations by form', () => {
    expect(defaultExpiration('DV-110', '2026-11-02')).toBe('2026-11-23');
    expect(defaultExpiration('JV-255', '2026-11-02')).toBe('2029-11-02');
    expect(defaultExpiration('DV-200', '2026-11-02')).toBeUndefined();
  });

  it('ends an EPO at the earlier of 5 court days and 7 calendar days', () => {
    // Issued Monday: 5 court days = next Monday, 7 calendar days = next Monday too.
    expect(defaultExpiration('EPO-001', '2026-11-02')).toBe('2026-11-09');
    // Issued Wednesday before Thanksgiving with the two holidays: 7 calendar days comes first.
    expect(defaultExpiration('EPO-001', '2026-11-25', new Set(['2026-11-26', '2026-11-27']))).toBe(
      '2026-12-02',
    );
    // Issued Friday: 5 court days = next Friday (7 days), calendar = next Friday.
    expect(defaultExpiration('EPO-001', '2026-11-06')).toBe('2026-11-13');
    // Issued Tuesday: 5 court days = next Tuesday, 7 calendar days = next Tuesday.
    expect(defaultExpiration('EPO-001', '2026-11-03', new Set(['2026-11-11']))).toBe('2026-11-10');
  });
});
