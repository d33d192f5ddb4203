import { describe, expect, it } from 'vitest';
import {
  availableTransitions,
  canTransition,
  InvalidTransitionError,
  nextStatus,
  ORDER_STATUSES,
  TERMINAL_STATUSES,
  TRANSITION_NAMES,
  TRANSITIONS,
  type OrderStatus,
} from '../../src/shared/order';

/** The expected machine, written out by hand so a change to TRANSITIONS must be made twice, deliberately. */
const EXPECTED: Record<string, { from: OrderStatus[]; to: OrderStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  submitForCompletion: { from: ['draft'], to: 'awaiting_carpos_data' },
  completeCarposData: { from: ['awaiting_carpos_data'], to: 'submitted' },
  returnToCourt: { from: ['awaiting_carpos_data'], to: 'draft' },
  sendToDoj: { from: ['submitted'], to: 'sent_to_doj' },
  activateWithoutGateway: { from: ['submitted'], to: 'active' },
  dojAcknowledge: { from: ['sent_to_doj'], to: 'acknowledged' },
  dojReject: { from: ['sent_to_doj'], to: 'rejected' },
  reviewResponse: { from: ['acknowledged'], to: 'active' },
  revise: { from: ['rejected'], to: 'draft' },
  modify: { from: ['active', 'modified', 'served'], to: 'modified' },
  recordService: { from: ['active', 'modified'], to: 'served' },
  cancel: { from: ['active', 'modified', 'served'], to: 'cancelled' },
  expire: { from: ['active', 'modified', 'served'], to: 'expired' },
  discard: { from: ['draft'], to: 'discarded' },
};

describe('order lifecycle', () => {
  it('has exactly the expected transitions', () => {
    expect([...TRANSITION_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, { from, to }] of Object.entries(EXPECTED)) {
    describe(`transition ${name}`, () => {
      for (const status of from) {
        it(`takes ${status} to ${to}`, () => {
          expect(nextStatus(status, name)).toBe(to);
          expect(canTransition(status, name)).toBe(true);
        });
      }
      const refused = ORDER_STATUSES.filter((s) => !from.includes(s));
      it(`is refused from ${refused.join(', ')} with a typed error`, () => {
        for (const status of refused) {
          expect(canTransition(status, name)).toBe(false);
          let caught: unknown;
          try {
            nextStatus(status, name);
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(InvalidTransitionError);
          const e = caught as InvalidTransitionError;
          expect(e.code).toBe('INVALID_TRANSITION');
          expect(e.from).toBe(status);
          expect(e.transition).toBe(name);
          expect(e.message).toContain(TRANSITIONS[name as keyof typeof TRANSITIONS].label);
        }
      });
    });
  }

  it('refuses an unknown transition name with its own code, even one inherited from Object', () => {
    for (const name of ['approve', 'toString', 'constructor', '__proto__']) {
      expect(() => nextStatus('draft', name)).toThrow(InvalidTransitionError);
      expect(() => nextStatus('draft', name)).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_TRANSITION' }),
      );
    }
  });

  it('leaves terminal statuses with no way out', () => {
    for (const status of TERMINAL_STATUSES) {
      expect(TRANSITION_NAMES.filter((t) => canTransition(status, t))).toEqual([]);
    }
  });

  it('offers people only the transitions that are not the gateway’s or the clock’s', () => {
    expect(availableTransitions('sent_to_doj')).toEqual([]);
    expect(availableTransitions('draft').sort()).toEqual(['discard', 'submit', 'submitForCompletion']);
    expect(availableTransitions('active')).not.toContain('expire');
  });

  it('reaches every status from draft', () => {
    const seen = new Set<OrderStatus>(['draft']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of TRANSITION_NAMES) {
        for (const s of [...seen]) {
          if (canTransition(s, t) && !seen.has(TRANSITIONS[t].to)) {
            seen.add(TRANSITIONS[t].to);
            grew = true;
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...ORDER_STATUSES].sort());
  });
});
