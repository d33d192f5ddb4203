/**
 * A real registry on loopback for tests: its own database (see backends.ts), its own data folder,
 * the demo directory (organisations and users) seeded, a controllable clock, and helpers to sign in
 * and call the API over real HTTP.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { TokenResponse } from '../../../src/shared/api';
import { buildRegistry, type RegistryApp } from '../../../src/server/app';
import { totpAt } from '../../../src/server/auth/totp';
import { loadConfig, type RegistryConfigInput } from '../../../src/server/config';
import { DEMO_PASSWORD, demoTotpSecret } from '../../../src/server/seed/directory';
import { seedDirectory } from '../../../src/server/seed/demo';
import { createTestDatabase, type BackendKind, type TestDatabase } from './backends';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface Harness {
  readonly app: RegistryApp;
  readonly url: string;
  readonly database: TestDatabase;
  readonly dataDir: string;
  /** Captured JSON log lines. */
  readonly logs: string[];
  /** Moves the registry's clock forward. */
  advance(ms: number): void;
  now(): Date;
  signIn(username: string): Promise<TokenResponse>;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<ApiResponse<T>>;
  /** Creates `order` as the holder of `token` over HTTP (a fresh idempotency key); throws unless 201. */
  createOrder(token: string, order: unknown): Promise<void>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export async function startHarness(kind: BackendKind, overrides: RegistryConfigInput = {}): Promise<Harness> {
  const database = await createTestDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpor-registry-test-'));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  // An empty environment: nothing from the developer's shell leaks into the test's configuration.
  const config = loadConfig(
    {
      dataDir,
      pgliteInMemory: true,
      databaseUrl: database.url,
      pbkdf2Iterations: 1000,
      logLevel: 'info',
      port: 0,
      ...overrides,
    },
    {},
  );
  const app = await buildRegistry(config, { db: database.db, keepDbOpen: true, logStream, now });
  await seedDirectory(app.registry);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;

  const call: Harness['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as never, headers: response.headers };
  };

  return {
    app,
    url,
    database,
    dataDir,
    logs,
    advance(ms) {
      offset += ms;
    },
    now,
    async signIn(username) {
      // Each sign-in moves the clock to a fresh TOTP step: a code is never accepted twice.
      offset += 30_000;
      const totp = totpAt(demoTotpSecret(username), now().getTime() / 1000);
      const res = await call<TokenResponse>('POST', '/api/v1/auth/sign-in', {
        body: { username, password: DEMO_PASSWORD, totp },
      });
      if (res.status !== 200)
        throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    call,
    async createOrder(token, order) {
      const res = await call('POST', '/api/v1/orders', {
        token,
        body: { order },
        headers: { 'idempotency-key': randomUUID() },
      });
      if (res.status !== 201)
        throw new Error(`creating the order failed: ${res.status} ${JSON.stringify(res.body)}`);
    },
    async count(table) {
      const result = await database.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
      return Number(result.rows[0]?.n ?? 0);
    },
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
