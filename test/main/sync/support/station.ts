/** A station for sync tests: a real encrypted store in a temp folder, a registry client and the sync service. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../../../src/main/registry-client';
import { openStationStore, type StationStore } from '../../../../src/main/app/station-store';
import { MemorySecretStore } from '../../../../src/main/store';
import { StationSync, type StationSyncOptions } from '../../../../src/main/sync';
import type { SyncStatus } from '../../../../src/main/sync/contract';
import { sleep } from './fault-proxy';

/** Fast timings for tests: tens of milliseconds instead of seconds. */
export const FAST: StationSyncOptions = {
  concurrency: 4,
  retryBackoff: { baseMs: 20, maxMs: 400 },
  probeBackoff: { baseMs: 30, maxMs: 300 },
  pollMs: 50,
  pullEveryMs: 300,
};

export interface TestStation {
  readonly store: StationStore;
  readonly client: RegistryClient;
  sync: StationSync;
  /** A new StationSync on the same store and client (as after a restart of the sync worker). */
  restartSync(options?: StationSyncOptions): Promise<void>;
  /** Waits until `predicate(status)` holds (checked on every status change and every 25 ms). */
  waitFor(predicate: (status: SyncStatus) => boolean, what: string, timeoutMs?: number): Promise<SyncStatus>;
  /** Syncs until nothing is waiting (changes parked behind a conflict excepted). */
  drain(timeoutMs?: number): Promise<SyncStatus>;
  close(): Promise<void>;
}

export async function openTestStation(
  baseUrl: string,
  options: StationSyncOptions = {},
): Promise<TestStation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sync-station-'));
  const store = await openStationStore({ dataDir, secrets: new MemorySecretStore() });
  // The station's clock (tests jump it, as a computer waking from sleep does): the client's
  // token expiry and the sync worker's retry times read it.
  const client = new RegistryClient({
    baseUrl,
    timeoutMs: 2_000,
    ...(options.now ? { now: options.now } : {}),
  });
  const station: TestStation = {
    store,
    client,
    sync: new StationSync(store, client, { ...FAST, ...options }),
    async restartSync(next = options) {
      await station.sync.stop();
      station.sync = new StationSync(store, client, { ...FAST, ...next });
      station.sync.start();
    },
    async waitFor(predicate, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = station.sync.status();
        if (predicate(status)) return status;
        if (Date.now() > deadline)
          throw new Error(`Timed out waiting for ${what}; status: ${JSON.stringify(status)}`);
        await sleep(25);
      }
    },
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await Promise.race([station.sync.syncNow(), sleep(Math.max(0, deadline - Date.now()))]);
        const status = station.sync.status();
        const counts = store.sync.counts();
        // Done when nothing is waiting and the worker is online and at rest (a pull included).
        if (counts.pendingChanges === counts.parked && (status.state === 'idle' || status.state === 'error'))
          return status;
        if (Date.now() > deadline) {
          const rows = store.db
            .prepare('SELECT seq, record_id, kind, attempts, next_attempt_at, last_error FROM outbox')
            .all();
          throw new Error(
            `Timed out draining; status: ${JSON.stringify(status)}; worker: ${JSON.stringify(station.sync.diagnostics())}; outbox: ${JSON.stringify(rows)}`,
          );
        }
        await sleep(25);
      }
    },
    async close() {
      await station.sync.stop();
      client.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return station;
}
