import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/shared/api';
import {
  changedPaths,
  emptyOrder,
  FIELD_AUTHORITY,
  fieldsOutsideAuthority,
  grantsFor,
  TRANSITION_NAMES,
  TRANSITIONS,
} from '../../src/shared/order';

const order = emptyOrder('5f0c2a43-8d0e-4a4e-9b7e-1e2f3a4b5c6d', {
  ori: 'CA001013J',
  county: 'Alameda',
  name: 'Court',
});

describe('field authority declaration', () => {
  it('declares every transition, and gives no person a field of a system transition', () => {
    for (const name of TRANSITION_NAMES) {
      expect(FIELD_AUTHORITY[name], name).toBeDefined();
      if (TRANSITIONS[name].system) expect(grantsFor(name, ROLES), name).toEqual([]);
    }
  });

  it('lets serving record the service only (verbal terms appended), and administrators change nothing', () => {
    expect(grantsFor('recordService', ['sheriff_operator']).map((g) => g.path)).toEqual([
      'service',
      'conditions.miscellaneous',
    ]);
    for (const name of TRANSITION_NAMES) {
      expect(grantsFor(name, ['query_only', 'local_admin', 'state_admin']), name).toEqual([]);
    }
    const served = {
      ...order,
      service: { servedBy: 'Deputy' },
      conditions: { codes: [], miscellaneous: 'A' },
    };
    const appended = { ...served, conditions: { codes: [], miscellaneous: 'A, told B' } };
    expect(fieldsOutsideAuthority('recordService', ['sheriff_operator'], served, appended)).toEqual([]);
    const replaced = { ...served, conditions: { codes: [], miscellaneous: 'B' } };
    expect(fieldsOutsideAuthority('recordService', ['sheriff_operator'], served, replaced)).toEqual([
      'conditions.miscellaneous',
    ]);
    expect(
      fieldsOutsideAuthority('recordService', ['sheriff_operator'], order, {
        ...order,
        sealed: true,
        bradyIndicator: true,
      }),
    ).toEqual(['bradyIndicator', 'sealed']);
  });

  it('reports exactly the leaves that differ (property)', () => {
    const leaf = fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean());
    const tree = fc.dictionary(
      fc.constantFrom('a', 'b', 'c'),
      fc.oneof(leaf, fc.dictionary(fc.constantFrom('x', 'y'), leaf)),
    );
    fc.assert(
      fc.property(tree, fc.constantFrom('a', 'b', 'c'), fc.constantFrom('x', 'y'), leaf, (base, k, j, v) => {
        const next = structuredClone(base) as Record<string, unknown>;
        const inner = next[k];
        if (typeof inner === 'object' && inner !== null) (inner as Record<string, unknown>)[j] = v;
        else next[k] = v;
        const changed = changedPaths(base, next);
        expect(changed.length).toBeLessThanOrEqual(1);
        for (const path of changed) expect(path.split('.')[0]).toBe(k);
        expect(changedPaths(base, structuredClone(base))).toEqual([]);
      }),
      { seed: 12 },
    );
  });
});
