import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { completeOrder } from './support/orders';

describeOnBackends('registry logs', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h.close();
  });

  it('are JSON lines that never contain a name, date of birth or address from a request', async () => {
    const session = await h.signIn('alameda.clerk');
    const order = completeOrder(h.app.registry.orders.today(), {
      last: 'Wraithmoor',
      first: 'Ysolde',
      dob: '1977-03-29',
    });
    order.restrainedPerson.address = {
      street: '1234 Quetzal Lane',
      city: 'Oakland',
      state: 'CA',
      zip: '94601',
    };
    await h.call('POST', '/api/v1/orders', {
      token: session.accessToken,
      body: { order },
      headers: { 'idempotency-key': randomUUID() },
    });
    await h.call(
      'GET',
      `/api/v1/search?lastName=Wraithmoor&firstName=Ysolde&dob=1977-03-29&scope=statewide`,
      { token: session.accessToken },
    );
    await h.call('GET', `/api/v1/search?lastName=Wraithmoor&unknownParam=Ysolde`, {
      token: session.accessToken,
    });
    await h.call('POST', '/api/v1/conflicts', {
      token: session.accessToken,
      body: { name: { last: 'Wraithmoor' }, dob: '1977-03-29' },
    });
    await h.call('POST', '/api/v1/auth/sign-in', {
      body: { username: 'alameda.clerk', password: 'Wraithmoor-secret', totp: '000000' },
    });
    // Invalid bodies quote nothing back into the log either.
    await h.call('POST', '/api/v1/orders', {
      token: session.accessToken,
      body: { order: { ...order, restrainedPerson: { ...order.restrainedPerson, dob: 'Wraithmoor' } } },
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(h.logs.length).toBeGreaterThan(5);
    for (const line of h.logs) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const all = h.logs.join('\n');
    expect(all).toContain('/api/v1/search'); // requests are logged, by route template
    for (const secret of [
      'Wraithmoor',
      'Ysolde',
      '1977-03-29',
      'Quetzal',
      'Wraithmoor-secret',
      session.accessToken,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
