/**
 * A real registry for sync tests: buildRegistry on PGlite in a temporary folder, listening on
 * loopback, with the sync test directory seeded and a clock the test can move. Not a mock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRegistry, type RegistryApp } from '../../../../src/server/app';
import { loadConfig, type RegistryConfigInput } from '../../../../src/server/config';
import type { RegistryClient } from '../../../../src/main/registry-client';
import { PASSWORD, seedSyncDirectory, TotpCodes, type TestUser } from './directory';

export const TOKEN_SECRET = 'sync-tests-token-secret-0123456789abcdef';

export class TestClock {
  offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestRegistry {
  readonly app: RegistryApp;
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly clock: TestClock;
  /** Signs `client` in as `user` with a fresh TOTP code (moving the registry clock if needed). */
  signIn(client: RegistryClient, user: TestUser): Promise<void>;
  /** Closes and opens the registry again on the same port and data (a restart). */
  restart(): Promise<void>;
  /** Closes the registry, keeping its data (it can be restarted). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestRegistry(overrides: RegistryConfigInput = {}): Promise<TestRegistry> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sync-registry-'));
  const clock = new TestClock();
  const config = loadConfig(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      pbkdf2Iterations: 1000,
      logLevel: 'silent',
      tokenSecret: TOKEN_SECRET,
      ...overrides,
    },
    {},
  );
  const codes = new TotpCodes(clock.now);
  let app = await buildRegistry(config, { now: clock.now });
  await seedSyncDirectory(app.registry);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let running = true;

  const registry: TestRegistry = {
    get app() {
      return app;
    },
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    clock,
    async signIn(client, user) {
      let code = codes.next(user);
      if (code === null) {
        clock.advance(30_000);
        code = codes.next(user);
      }
      await client.signIn({ username: user.username, password: PASSWORD, totp: code ?? '000000' });
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.close();
    },
    async restart() {
      await registry.stop();
      app = await buildRegistry(config, { now: clock.now });
      await app.listen({ host: '127.0.0.1', port });
      running = true;
    },
    async close() {
      await registry.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return registry;
}
