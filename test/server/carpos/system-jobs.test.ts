import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderRecord } from '../../../src/shared/api';
import { loadConfig } from '../../../src/server/config';
import { describeOnBackends } from '../support/backends';
import { startHarness, type Harness } from '../support/harness';
import { completeOrder } from '../support/orders';

/** Polls `check` until it returns a value (a wait on a condition, not a timing assertion). */
async function eventually<T>(check: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('the gateway is on with the demo (auto) and off otherwise unless configured', () => {
  expect(loadConfig({ demo: true }, {}).carposGateway).toBe('auto');
  expect(
    loadConfig({}, { REGISTRY_CARPOS_GATEWAY: 'off', REGISTRY_CARPOS_SIM_LATENCY_MS: '5' }),
  ).toMatchObject({
    carposGateway: 'off',
    carposSimLatencyMs: 5,
  });
  expect(() => loadConfig({}, { REGISTRY_CARPOS_GATEWAY: 'doj' })).toThrow(/carposGateway/);
});

describeOnBackends('registry with the DOJ simulator running in the background', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(kind, {
      carposGateway: 'simulator',
      carposPollMs: 50,
      carposSimLatencyMs: 10,
      carposSimFailFirst: 1,
      carposRetryMs: 10,
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a clerk submits; the DOJ simulator acknowledges it (after one simulated outage) without anyone else acting', async () => {
    expect(h.app.registry.jobs.carpos).not.toBeNull();
    const clerk = (await h.signIn('alameda.clerk')).accessToken;
    const order = completeOrder(h.app.registry.orders.today());
    const headers = () => ({ 'idempotency-key': randomUUID() });
    await h.call('POST', '/api/v1/orders', { token: clerk, body: { order }, headers: headers() });
    await h.call('POST', `/api/v1/orders/${order.id}/transitions`, {
      token: clerk,
      body: { transition: 'submit', baseVersion: 1 },
      headers: headers(),
    });
    const rec = await eventually(async () => {
      const r = await h.call<OrderRecord>('GET', `/api/v1/orders/${order.id}`, { token: clerk });
      return r.body.status === 'acknowledged' ? r.body : null;
    });
    expect(rec.order.fcn).toMatch(/^\d{13}$/);
    expect(h.app.registry.jobs.dojSimulator?.received.length).toBe(2); // the outage, then the answer
  });
});
