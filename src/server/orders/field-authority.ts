/**
 * Enforces the shared field-level authority (src/shared/order/field-authority.ts) on a body's order:
 * a change to any field outside the caller's grants refuses the whole request, naming the field, so
 * nothing of it is stored.
 */
import {
  fieldsOutsideAuthority,
  isTransitionName,
  TRANSITIONS,
  type DataAction,
  type ProtectiveOrder,
} from '../../shared/order';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/errors';

export function checkFieldAuthority(
  p: Principal,
  action: DataAction,
  stored: ProtectiveOrder,
  sent: ProtectiveOrder,
): void {
  if (p.kind === 'system') return; // the DOJ gateway and the clock record what DOJ and time decided
  const outside = fieldsOutsideAuthority(action, p.roles, stored, sent);
  const first = outside[0];
  if (first === undefined) return;
  const doing = isTransitionName(action) ? `"${TRANSITIONS[action].label}"` : 'editing this order';
  throw new ApiError(
    403,
    'FIELD_NOT_ALLOWED',
    `Your role may not change ${outside.length === 1 ? 'this field' : `these fields (${outside.join(', ')})`} when ${doing}. Send the order with only the fields you may change.`,
    `order.${first}`,
    { fields: outside.map((f) => `order.${f}`) },
  );
}
