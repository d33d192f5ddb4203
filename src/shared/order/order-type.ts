import type { OrderTypeCode } from '../codes';
import { getForm } from '../forms';
import type { ProtectiveOrder } from './schema';

/** The order type follows from the form, so it is derived rather than stored twice. */
export function orderTypeOf(order: Pick<ProtectiveOrder, 'formId'>): OrderTypeCode | undefined {
  if (order.formId === undefined) return undefined;
  return getForm(order.formId)?.orderType ?? undefined;
}

/** "Last, First Middle Suffix" for lists and search results. */
export function displayName(name: {
  last?: string;
  first?: string;
  middle?: string;
  suffix?: string;
}): string {
  const given = [name.first, name.middle, name.suffix].filter((p) => p !== undefined).join(' ');
  if (name.last === undefined) return given;
  return given === '' ? name.last : `${name.last}, ${given}`;
}
