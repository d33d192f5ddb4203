/**
 * The real services under the end-to-end tests: the registry on PGlite (in a temp folder, demo data
 * seeded; it can be stopped and started again on the same port), the station composed exactly as
 * the browser host runs it (encrypted store, SANE test device, hot folder, sync), and the host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../src/main/host';
import { hotFolderOf, openNodeStation } from '../../../src/main/host/node-station';
import type { Station } from '../../../src/main/app/station';
import { startDemoRegistry, type DemoRegistry } from '../../../scripts/demo/registry';
import { ROOT } from './global-setup';

export interface Stack {
  readonly station: Station;
  readonly host: BrowserHost;
  readonly hotFolder: string;
  /**
   * Moves the station's clock forward (it runs at real speed plus everything advanced so far) and
   * runs the station's idle check, as its timer would at that time.
   */
  advanceClock(ms: number): Promise<void>;
  registryUrl(): string;
  stopRegistry(): Promise<void>;
  startRegistry(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'ccpor-e2e-'));
  const registryConfig = {
    dataDir: join(dir, 'registry'),
    // Fast hashing for seeded demo users (the production default is 600,000 iterations).
    pbkdf2Iterations: 1000,
    // Fixed, so tokens issued before a registry restart stay valid after it (as in production).
    tokenSecret: 'e2e-token-secret-0123456789abcdef0123456789abcdef',
    logLevel: 'warn' as const,
  };
  let registry: DemoRegistry | null = await startDemoRegistry({ ...registryConfig, port: 0 });
  const url = registry.url;
  const port = Number(new URL(url).port);
  let offsetMs = 0;
  const station = await openNodeStation({
    root: join(dir, 'station'),
    now: () => new Date(Date.now() + offsetMs),
    registryUrl: url,
    drivers: { withSaneTest: true, folderIdleMs: 1500 },
    sync: {
      pollMs: 250,
      pullEveryMs: 5_000,
      probeBackoff: { baseMs: 200, maxMs: 1_000 },
      retryBackoff: { baseMs: 200, maxMs: 1_000 },
    },
  });
  const host = await startBrowserHost({
    rendererDir: join(ROOT, 'out/renderer'),
    dispatch: station.dispatch,
    bus: station.bus,
    log: station.log,
    onConnection: () => {
      station.clientConnected();
    },
  });
  return {
    station,
    host,
    hotFolder: hotFolderOf(join(dir, 'station')),
    registryUrl: () => url,
    async advanceClock(ms) {
      offsetMs += ms;
      await station.session.checkIdle();
    },
    async stopRegistry() {
      await registry?.close();
      registry = null;
    },
    async startRegistry() {
      registry ??= await startDemoRegistry({ ...registryConfig, port });
    },
    async close() {
      await host.close();
      await station.close();
      await registry?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
