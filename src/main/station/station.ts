/**
 * The composition root of the station: the encrypted store, settings, the registry client, the
 * session, sync and the scan station, turned into the one validating dispatcher every host calls
 * (the Electron IPC binding and the browser host's WebSocket alike) plus the bus of pushed events.
 */
import type { Dispatch } from '../ipc/dispatcher';
import { createDispatcher } from '../ipc/dispatcher';
import { RegistryClient } from '../registry-client';
import type { ScannerDriver } from '../scan/driver';
import { BlobPageImageStore } from '../scan/pipeline/store-sink';
import { PageWorkerPool } from '../scan/worker/pool';
import { SessionManager, SessionVault } from '../session';
import type { SettingsService } from '../settings';
import { openStationStore, type SecretStore, type StationStore } from '../store';
import type { SyncService } from '../sync/contract';
import { StationEventBus } from './event-bus';
import { requireSignIn } from './guard';
import { draftHandlers } from './handlers/draft-handlers';
import { registryHandlers } from './handlers/registry-handlers';
import { scanHandlers } from './handlers/scan-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { syncHandlers } from './handlers/sync-handlers';
import { ScanController } from './scan-controller';

/** What the sync service is built from. */
export interface SyncDeps {
  readonly store: StationStore;
  readonly client: RegistryClient;
}

export interface StationOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly settings: SettingsService;
  readonly host: 'electron' | 'browser';
  readonly version: string;
  readonly drivers: readonly ScannerDriver[];
  readonly createSync: (deps: SyncDeps) => SyncService;
  /** Page workers (default: one per core). */
  readonly workers?: number;
  readonly now?: () => Date;
}

export interface Station {
  readonly dispatch: Dispatch;
  readonly bus: StationEventBus;
  readonly store: StationStore;
  readonly settings: SettingsService;
  readonly session: SessionManager;
  readonly sync: SyncService;
  close(): Promise<void>;
}

const BLOB_SWEEP_EVERY_MS = 60 * 60 * 1000;
const BLOB_SWEEP_AFTER_START_MS = 30 * 1000;

export async function createStation(options: StationOptions): Promise<Station> {
  const now = options.now ?? (() => new Date());
  const store = await openStationStore({ dataDir: options.dataDir, secrets: options.secrets, now });
  const settings = options.settings;
  // The registry address is read at start: a changed address takes effect when the station restarts.
  const client = new RegistryClient({ baseUrl: settings.get().registryUrl, now });
  const vault = await SessionVault.open(options.dataDir, options.secrets);
  const session = new SessionManager({
    registry: client,
    vault,
    offlineUnlockHours: () => settings.get().offlineUnlockHours,
    now,
  });
  const bus = new StationEventBus();
  const sync = options.createSync({ store, client });
  // Page workers start with the first batch, not with the station: sign-in comes first and fast.
  let pool: PageWorkerPool | null = null;
  const workers = (): PageWorkerPool => (pool ??= new PageWorkerPool(options.workers));
  const scan = new ScanController({
    drivers: options.drivers,
    store,
    settings,
    bus,
    // The encrypted blob store holds page images during review too: scans are as private as typed data.
    images: new BlobPageImageStore(store),
    pool: workers,
  });
  // Page images of discarded and committed batches are released shortly after start (not on the
  // way to the sign-in screen: the sweep lists every blob file), then every hour, and after each
  // commit or discard; the sweep never removes a blob anything refers to.
  const firstSweep = setTimeout(() => {
    scan.sweepBlobs();
  }, BLOB_SWEEP_AFTER_START_MS);
  firstSweep.unref();
  const sweepTimer = setInterval(() => {
    scan.sweepBlobs();
  }, BLOB_SWEEP_EVERY_MS);
  sweepTimer.unref();

  const unsubscribe = [
    session.onChange((s) => {
      bus.emit('session:changed', s);
    }),
    sync.onStatus((s) => {
      bus.emit('sync:status', s);
    }),
  ];
  const nudgeSync = (): void => {
    sync.syncNow().catch((error: unknown) => {
      console.warn(`sync after a local change failed: ${String(error)}`);
    });
  };

  const dispatch = createDispatcher(
    requireSignIn(
      {
        'station:info': () => ({
          version: options.version,
          host: options.host,
          stationName: settings.get().stationName,
        }),
        ...sessionHandlers(session),
        ...settingsHandlers(settings, store, now),
        ...draftHandlers(store, settings, now, nudgeSync),
        ...scanHandlers(scan),
        ...syncHandlers(sync),
        ...registryHandlers(() => client, session),
      },
      () => session.requireUser(),
    ),
  );
  sync.start();

  return {
    dispatch,
    bus,
    store,
    settings,
    session,
    sync,
    async close() {
      for (const stop of unsubscribe) stop();
      clearTimeout(firstSweep);
      clearInterval(sweepTimer);
      await scan.close();
      await sync.stop();
      await pool?.close();
      client.close();
      store.close();
    },
  };
}
