import { createHash, randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient, RegistryError } from '../../../src/main/registry-client';
import { networkError } from '../../../src/main/registry-client/errors';
import { uploadBlob } from '../../../src/main/registry-client/tus-upload';
import { completeOrder } from '../../support/orders';
import { USERS } from '../sync/support/directory';
import { scanPdf } from '../sync/support/pdf';
import { startTestRegistry, type TestRegistry } from '../sync/support/registry';

let registry: TestRegistry;

beforeAll(async () => {
  registry = await startTestRegistry({ accessTokenTtlSeconds: 60 });
});
afterAll(async () => {
  await registry.close();
});

async function signedIn(user = USERS.clerk): Promise<RegistryClient> {
  const client = new RegistryClient({ baseUrl: registry.url });
  await registry.signIn(client, user);
  return client;
}

async function caught(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

describe('registry client: addresses', () => {
  it('refuses plain http to anything but this computer, and accepts https or loopback http', () => {
    for (const url of ['http://registry.example.org', 'http://10.0.0.5:4300', 'ftp://127.0.0.1']) {
      expect(() => new RegistryClient({ baseUrl: url })).toThrow(
        expect.objectContaining({ code: 'INSECURE_REGISTRY_URL', field: 'baseUrl' }),
      );
    }
    expect(() => new RegistryClient({ baseUrl: 'not a url' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    for (const url of [
      'https://registry.example.org',
      'http://127.0.0.1:4300',
      'http://localhost:1',
      'http://[::1]:4300',
    ]) {
      expect(new RegistryClient({ baseUrl: url }).http.baseUrl.href).toContain(new URL(url).host);
    }
  });
});

describe('registry client: network failures in plain words', () => {
  it('says the registry is not accepting connections when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) =>
      probe.close(() => {
        resolve();
      }),
    );
    const client = new RegistryClient({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await caught(client.banner());
    expect(error.code).toBe('REGISTRY_UNREACHABLE');
    expect(error.message).toContain('is not accepting connections');
    expect(error.isNetwork).toBe(true);
    expect(await client.health(500)).toBe(false);
  });

  it('times out on a registry that accepts the connection but never answers', async () => {
    const held = new Set<Socket>();
    const silent: Server = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const client = new RegistryClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 300 });
    const error = await caught(client.banner());
    expect(error).toMatchObject({
      code: 'REGISTRY_TIMEOUT',
      message: 'The registry did not answer within 0.3 seconds.',
    });
    expect(networkError('ECONNABORTED', 'x', 10_000).message).toBe(
      'The registry did not answer within 10 seconds.',
    );
    client.close();
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) =>
      silent.close(() => {
        resolve();
      }),
    );
  });
});

describe('registry client: sign-in and session', () => {
  it('checks input before sending and names the field', async () => {
    const client = new RegistryClient({ baseUrl: registry.url });
    const error = await caught(client.signIn({ username: 'x', password: 'y', totp: 'abc' }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'totp' });
    expect(client.session.state().state).toBe('signed-out');
  });

  it('reports wrong credentials with the registry code and message', async () => {
    const client = new RegistryClient({ baseUrl: registry.url });
    const error = await caught(
      client.signIn({ username: USERS.clerk3.username, password: 'wrong-password', totp: '123456' }),
    );
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    expect(error.message).toContain('not right');
  });

  it('signs in, reads the banner, and refreshes once on a 401 when the token expired', async () => {
    const client = await signedIn();
    expect(client.session.user()?.username).toBe(USERS.clerk.username);
    expect(await client.banner()).toContain('restricted');
    const before = client.session.current()?.accessToken;
    registry.clock.advance(61_000); // the registry now sees the access token as expired
    const result = await client.search({ lastName: 'Nobodyhere' });
    expect(result.total).toBe(0);
    expect(client.session.current()?.accessToken).not.toBe(before);
  });

  it('signs out when the refresh is refused, and says so', async () => {
    const client = await signedIn(USERS.clerk2);
    const states: string[] = [];
    client.session.onChange((s) => states.push(s.state));
    // Revoke the session behind the client's back (as an administrator or another window would).
    const tokens = client.session.current()!;
    await client.http.send({
      method: 'POST',
      path: '/api/v1/auth/sign-out',
      body: {},
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    const error = await caught(client.getOrder(randomUUID()));
    expect(error).toMatchObject({ code: 'SIGNED_OUT' });
    expect(error.message).toContain('Sign in again');
    expect(client.session.state()).toMatchObject({ state: 'signed-out' });
    expect(states).toContain('signed-out');
    const again = await caught(client.getOrder(randomUUID()));
    expect(again.code).toBe('SIGNED_OUT');
  });
});

describe('registry client: orders, images, search', () => {
  it('creates idempotently, replays the first answer, refuses a reused key, and reports a stale update with the current record', async () => {
    const client = await signedIn(USERS.clerk3);
    const order = completeOrder({ id: randomUUID(), caseNumber: '26FL77001' });
    const key = randomUUID();
    const first = await client.createOrder({ order }, key);
    expect(first).toMatchObject({ status: 201, replayed: false, record: { version: 1, status: 'draft' } });
    const replay = await client.createOrder({ order }, key);
    expect(replay).toMatchObject({ status: 201, replayed: true, record: { version: 1 } });
    const reused = await caught(client.createOrder({ order: { ...order, caseNumber: '26FL77002' } }, key));
    expect(reused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 409 });
    const updated = await client.updateOrder(
      order.id,
      { order: { ...order, caseNumber: '26FL77003' }, baseVersion: 1 },
      randomUUID(),
    );
    expect(updated.record.version).toBe(2);
    const stale = await caught(client.updateOrder(order.id, { order, baseVersion: 1 }, randomUUID()));
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect((stale.body as { current: { version: number } }).current.version).toBe(2);
    const bad = await caught(client.updateOrder('not-a-uuid', { order, baseVersion: 1 }, randomUUID()));
    expect(bad.code).toBe('INVALID_INPUT');
    const got = await client.getOrder(order.id);
    expect(got.order.caseNumber).toBe('26FL77003');
    const hits = await client.search({ caseNumber: '26FL77003' });
    expect(hits.hits.map((h) => h.orderId)).toContain(order.id);
    const conflicts = await client.conflicts({
      name: order.restrainedPerson.name,
      dob: order.restrainedPerson.dob!,
    });
    expect(Array.isArray(conflicts)).toBe(true);
    const transition = await client.transition(
      order.id,
      { transition: 'discard', baseVersion: 2 },
      randomUUID(),
    );
    expect(transition.record.status).toBe('discarded');
  });
});

describe('registry client: image uploads', () => {
  it('uploads a document and leaves no listener on the long-lived signal it was given', async () => {
    const client = await signedIn();
    const bytes = await scanPdf({ seed: 7, width: 200, height: 260 });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const worker = new AbortController();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await uploadBlob(client, {
        bytes,
        sha256,
        resumeUploadId: null,
        onUploadId: (id) => ids.push(id),
        chunkSize: 64 * 1024,
        signal: worker.signal,
      });
      expect(result.uploadId).toBe(ids.at(-1));
    }
    expect(new Set(ids).size).toBe(3);
    // A listener left behind per upload would keep each upload's bytes alive as long as the worker.
    expect(getEventListeners(worker.signal, 'abort')).toHaveLength(0);
  });
});
