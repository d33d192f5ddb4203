/**
 * Puts a fresh order into any status through the order service as the system principal (the same
 * path the seed and the DOJ gateway take), so a test can start from that status in one call.
 */
import type { OrderRecord } from '../../../src/shared/api';
import type { OrderStatus, ProtectiveOrder, TransitionName } from '../../../src/shared/order';
import { systemPrincipal } from '../../../src/server/auth/principal';
import type { Harness } from './harness';
import { completeOrder, intakeOnly } from './orders';

const system = { principal: systemPrincipal('test'), idempotencyKey: null, requestId: 'test-setup' };

/** The transitions from a new draft to each status (the data is complete, an FCN set on activation). */
const PATHS: Partial<Record<OrderStatus, readonly TransitionName[]>> = {
  draft: [],
  awaiting_carpos_data: ['submitForCompletion'],
  submitted: ['submit'],
  acknowledged: ['submit', 'sendToDoj', 'dojAcknowledge'],
  rejected: ['submit', 'sendToDoj', 'dojReject'],
  active: ['submit', 'activateWithoutGateway'],
  modified: ['submit', 'activateWithoutGateway', 'modify'],
};

export async function orderInStatus(
  h: Harness,
  status: OrderStatus,
  options: { county?: string; sealed?: boolean } = {},
): Promise<OrderRecord> {
  const today = h.app.registry.orders.today();
  const svc = h.app.registry.orders;
  const path = PATHS[status];
  if (path === undefined) throw new Error(`no test path to ${status}`);
  const base: ProtectiveOrder =
    status === 'awaiting_carpos_data'
      ? intakeOnly(today, options.county)
      : completeOrder(today, { ...options });
  let record = (await svc.create(system, { order: base })).body as OrderRecord;
  for (const transition of path) {
    const order: ProtectiveOrder | undefined =
      transition === 'activateWithoutGateway' ? { ...record.order, fcn: '1234567890123' } : undefined;
    record = (
      await svc.transition(system, base.id, {
        transition,
        baseVersion: record.version,
        ...(order === undefined ? {} : { order }),
      })
    ).body as OrderRecord;
  }
  if (record.status !== status) throw new Error(`setup reached ${record.status}, not ${status}`);
  return record;
}

/** Stores `order` and makes it active (visible statewide) without the DOJ gateway. */
export async function activate(h: Harness, order: ProtectiveOrder): Promise<void> {
  const svc = h.app.registry.orders;
  await svc.create(system, { order });
  await svc.transition(system, order.id, { transition: 'submit', baseVersion: 1 });
  await svc.transition(system, order.id, { transition: 'activateWithoutGateway', baseVersion: 2 });
}

/** The stored data, version and status of an order, read straight from the database. */
export async function storedOrder(
  h: Harness,
  id: string,
): Promise<{ data: ProtectiveOrder; version: number; status: OrderStatus }> {
  const result = await h.database.db.query<{ data: ProtectiveOrder; version: number; status: OrderStatus }>(
    'SELECT data, version, status FROM orders WHERE id = $1',
    [id],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`order ${id} is not stored`);
  return row;
}
