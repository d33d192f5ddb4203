import { describe, expect, it } from 'vitest';
import { cloneOrder, protectiveOrderSchema } from '../../src/shared/order';
import { completeOrder } from '../support/orders';

describe('clone order', () => {
  const source = completeOrder({
    fcn: '1234567890123',
    sealed: true,
    lawEnforcementCaseNumber: 'FSO-26-9981',
    service: {
      servedBy: 'Deputy Ortiz',
      date: '2026-11-23',
      time: '10:00',
      method: 'PERSONAL',
      agency: 'FSO',
    },
  });
  const clone = cloneOrder(source, { newId: '0f8c9a4e-1111-4c2d-9e3f-aaaaaaaaaaaa', formId: 'DV-130' });

  it('copies the matter and the people', () => {
    expect(clone.court).toEqual(source.court);
    expect(clone.caseNumber).toBe(source.caseNumber);
    expect(clone.lawEnforcementCaseNumber).toBe('FSO-26-9981');
    expect(clone.restrainedPerson).toEqual(source.restrainedPerson);
    expect(clone.protectedPersons).toEqual(source.protectedPersons);
    expect(clone.conditions).toEqual(source.conditions);
    expect(clone.sealed).toBe(true);
    expect(clone.clonedFrom).toBe(source.id);
  });

  it('does not copy what belongs to the earlier order alone', () => {
    expect(clone.id).not.toBe(source.id);
    expect(clone.fcn).toBeUndefined();
    expect(clone.issueDate).toBeUndefined();
    expect(clone.expirationDate).toBeUndefined();
    expect(clone.hearing).toBeUndefined();
    expect(clone.service).toBeUndefined();
    expect(clone.formRevision).toBeUndefined();
    expect(clone.bradyIndicator).toBe(false);
    expect(clone.formId).toBe('DV-130');
  });

  it('shares no objects with its source and is itself a valid order', () => {
    clone.restrainedPerson.aliases.push({ last: 'Other' });
    expect(source.restrainedPerson.aliases).toHaveLength(1);
    expect(
      protectiveOrderSchema.safeParse(cloneOrder(source, { newId: '0f8c9a4e-1111-4c2d-9e3f-bbbbbbbbbbbb' }))
        .success,
    ).toBe(true);
  });
});
