/**
 * The demo registry in-process: PGlite in a data folder (or memory), demo data seeded when empty,
 * listening on loopback. Used by `npm start`, the end-to-end tests and `bench:ui`.
 */
import { buildRegistry, type RegistryApp } from '../../src/server/app';
import { loadConfig, type RegistryConfigInput } from '../../src/server/config';
import { seedDemo } from '../../src/server/seed/demo';

export interface DemoRegistry {
  readonly app: RegistryApp;
  readonly url: string;
  /** True when this start seeded the demo data (a fresh database). */
  readonly seeded: boolean;
  close(): Promise<void>;
}

export async function startDemoRegistry(overrides: RegistryConfigInput = {}): Promise<DemoRegistry> {
  const config = loadConfig({ host: '127.0.0.1', logLevel: 'warn', ...overrides, demo: true });
  const app = await buildRegistry(config);
  const orgs = await app.registry.db.query<{ n: string }>('SELECT count(*)::text AS n FROM organisations');
  const seeded = orgs.rows[0]?.n === '0';
  if (seeded) await seedDemo(app.registry);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    seeded,
    close: () => app.close(),
  };
}

/** True when something answers /healthz at `url` (an already running registry is reused). */
export async function registryAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    return false;
  }
}
