/**
 * Every field a conflict can name has a label as the entry form says it, and no label is a dotted
 * path. The paths come from the order's schema itself, so a field added to the order without a
 * label fails here.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { differingFields } from '../../../src/main/sync/diff';
import { emptyOrder, protectiveOrderSchema } from '../../../src/shared/order';
import { FORM_FIELD_LABELS } from '../../../src/shared/order/field-labels';
import { CONFLICT_LABELS, conflictFieldLabel } from '../../../src/renderer/sync/conflict-labels';
import { show } from '../../../src/renderer/sync/conflict-fields';
import { completeOrder } from '../../support/orders';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every path of the schema: each group, each field, each list and its items (indexes as 0). */
function schemaPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = defOf(schema);
  if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType)
    return schemaPaths(def.innerType, prefix);
  const here = prefix === '' ? [] : [prefix];
  if (def.type === 'object' && def.shape) {
    return [
      ...here,
      ...Object.entries(def.shape).flatMap(([key, child]) =>
        schemaPaths(child, prefix === '' ? key : `${prefix}.${key}`),
      ),
    ];
  }
  if (def.type === 'array' && def.element) return [...here, ...schemaPaths(def.element, `${prefix}.0`)];
  return here;
}

const DOTTED = /[A-Za-z]\.[A-Za-z0-9]/;

describe('conflict field labels', () => {
  const paths = schemaPaths(protectiveOrderSchema);

  it('walks the whole order (groups, fields and list items)', () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        'restrainedPerson.name.first',
        'protectedPersons.0.dob',
        'conditions.codes.0',
        'restrainedPerson.aliases.0.last',
        'service.date',
        'hearing',
      ]),
    );
    expect(paths.length).toBeGreaterThan(60);
  });

  it('has its own label for every path a conflict can name, none of them a dotted path', () => {
    const pattern = (p: string) => p.replace(/\.\d+(?=\.|$)/g, '.#');
    const missing = paths.filter((p) => CONFLICT_LABELS[pattern(p)] === undefined);
    expect(missing).toEqual([]);
    for (const p of [...paths, '(whole order)']) {
      const label = conflictFieldLabel(p);
      expect(label, p).not.toMatch(DOTTED);
      expect(label, p).not.toContain('{n}');
      expect(label, p).not.toContain(p);
    }
  });

  it('names the form’s section and counts list items from 1', () => {
    expect(conflictFieldLabel('restrainedPerson.name.first')).toBe('Restrained person — first name');
    expect(conflictFieldLabel('protectedPersons.1.name.last')).toBe('Protected person 2 — last name');
    expect(conflictFieldLabel('restrainedPerson.aliases.0.first')).toBe(
      'Restrained person — alias 1 first name',
    );
    expect(conflictFieldLabel('conditions.codes.2')).toBe('Conditions ordered (item 3)');
  });

  it('labels every path the sync diff finds between a blank and a complete order', () => {
    const full = completeOrder();
    const blank = emptyOrder(full.id, full.court);
    const found = [...differingFields(blank, full), ...differingFields(full, blank)];
    expect(found.length).toBeGreaterThan(5);
    for (const p of found) expect(conflictFieldLabel(p), p).not.toMatch(DOTTED);
  });

  it('says where to look for a path it does not know, still without a dotted path', () => {
    expect(conflictFieldLabel('restrainedPerson.newThing')).toBe('Restrained person (another detail)');
    expect(conflictFieldLabel('somethingNew.deep')).toBe('Another detail of the order');
  });

  it('ends each label with the entry form’s own label for that field', () => {
    const pairs = Object.entries(FORM_FIELD_LABELS);
    expect(pairs.length).toBeGreaterThan(30);
    for (const [key, label] of pairs) {
      const path = key.replace('.N.', '.0.');
      const mine = conflictFieldLabel(path).toLowerCase();
      const theirs = label.toLowerCase().replace(/, for changes.*$/, '');
      expect(mine.endsWith(theirs), `${path}: "${mine}" vs form "${label}"`).toBe(true);
    }
  });

  it('shows values in words, not JSON', () => {
    expect(show(undefined)).toBe('(empty)');
    expect(show(true)).toBe('Yes');
    expect(show(false)).toBe('No');
    expect(show(['01', '02'])).toBe('01; 02');
    expect(show({ last: 'Garcia', first: 'Ana' })).toBe('Garcia, Ana');
    expect(show(190)).toBe('190');
  });
});
