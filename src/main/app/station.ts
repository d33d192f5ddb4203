/**
 * The composition root of the station: the encrypted store, settings, the registry client, the
 * session, sync and the scan station, turned into the one validating dispatcher every host calls
 * (the Electron IPC binding and the browser host's WebSocket alike) plus the bus of pushed events.
 * The handler map is the union of the features' maps; only the sign-in functions skip the guard.
 */
import type { Handlers } from '../../shared/ipc/handlers';
import type { SessionUserDto } from '../../shared/ipc/session';
import { LocalAudit, type AuditEntry } from '../audit/local-audit';
import type { StationLog } from '../log/station-log';
import { errorFields } from '../log/station-log';
import { RegistryClient } from '../registry-client';
import type { ScannerDriver } from '../scan/driver';
import { detectDrivers } from '../scan/drivers';
import { ScanController } from '../scan/batch/scan-controller';
import { scanHandlers } from '../scan/batch/scan-handlers';
import { ScannerDiscovery } from '../scan/batch/scanner-discovery';
import { coverSheetHandlers } from '../scan/cover-sheet/cover-sheet-handlers';
import { PageWorkerPool } from '../scan/worker/pool';
import { registryHandlers } from '../search/registry-handlers';
import { SessionManager, SessionVault } from '../session';
import { sessionHandlers } from '../session/session-handlers';
import type { SettingsService } from '../settings';
import { settingsHandlers } from '../settings/settings-handlers';
import type { SecretStore } from '../store';
import type { SyncService } from '../sync/contract';
import { syncHandlers } from '../sync/sync-handlers';
import { draftHandlers } from '../drafts/draft-handlers';
import { createDispatcher, type Dispatch } from './dispatcher';
import { StationEventBus } from './event-bus';
import { guardHandlers } from './guard';
import { openStationStore, type StationStore } from './station-store';

/** What the sync service is built from. */
export interface SyncDeps {
  readonly store: StationStore;
  readonly client: RegistryClient;
  readonly log: StationLog;
  /** The station's audit trail: sync sends each user's events to the registry under that user's session. */
  readonly audit: LocalAudit;
}

export interface StationOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly settings: SettingsService;
  readonly host: 'electron' | 'browser';
  readonly version: string;
  readonly drivers: readonly ScannerDriver[];
  readonly createSync: (deps: SyncDeps) => SyncService;
  /** The station log (log/station-log.ts); every host opens one in its data folder. */
  readonly log: StationLog;
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
  readonly log: StationLog;
  readonly audit: LocalAudit;
  /** A host tells the station a new window or tab connected: a signed-in session locks (a new
   *  window never inherits a session without its user authenticating again). */
  clientConnected(): void;
  close(): Promise<void>;
}

const BLOB_SWEEP_EVERY_MS = 60 * 60 * 1000;
const BLOB_SWEEP_AFTER_START_MS = 30 * 1000;
const IDLE_CHECK_MS = 15 * 1000;

export async function createStation(options: StationOptions): Promise<Station> {
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const store = await openStationStore({ dataDir: options.dataDir, secrets: options.secrets, now });
  const settings = options.settings;
  // The registry address is read at start: a changed address takes effect when the station restarts.
  const client = new RegistryClient({
    baseUrl: settings.get().registryUrl,
    now,
    stationId: () => settings.get().stationName,
  });
  const vault = await SessionVault.open(
    options.dataDir,
    options.secrets,
    log.child({ component: 'session' }),
  );
  const audit: LocalAudit = new LocalAudit({
    db: store.db,
    station: () => settings.get().stationName,
    currentUser: () => {
      const current = session.current();
      return current.state === 'signed-in' ? current.user.username : null;
    },
    now,
    log,
  });
  const record = (entry: AuditEntry): void => {
    audit.record(entry);
  };
  const session = new SessionManager({
    registry: client,
    vault,
    offlineUnlockHours: () => settings.get().offlineUnlockHours,
    lockAfterMinutes: () => settings.get().lockAfterMinutes,
    audit: record,
    now,
  });
  const bus = new StationEventBus(log);
  const sync = options.createSync({ store, client, log, audit });
  // Page workers start with the first batch, not with the station: sign-in comes first and fast.
  let pool: PageWorkerPool | null = null;
  const scan = new ScanController({
    drivers: options.drivers,
    store,
    settings,
    bus,
    pool: () => (pool ??= new PageWorkerPool(options.workers)),
    log,
    now,
  });
  // Scanners are looked for once, in the background from now on, and again only on request.
  const scanners = new ScannerDiscovery({ drivers: options.drivers, log, now });
  // Page images of discarded and committed batches are released shortly after start (not on the
  // way to the sign-in screen: the sweep lists every blob file), then every hour, and after each
  // commit or discard; the sweep never removes a blob anything refers to.
  // The idle lock and the end of an offline period are checked every 15 s (and by tests at will).
  const idleTimer = setInterval(() => {
    void session.checkIdle();
  }, IDLE_CHECK_MS);
  idleTimer.unref();
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
      log.warn(errorFields(error), 'sync after a local change failed');
    });
  };

  const user = (): SessionUserDto => session.requireUser();
  const handlers: Handlers = {
    'station:info': () => ({
      version: options.version,
      host: options.host,
      stationName: settings.get().stationName,
    }),
    ...sessionHandlers(session),
    ...settingsHandlers(
      settings,
      {
        // The newest draft with a case number gives a realistic example; else the fields stay empty.
        sampleDraft: (orgOri) => {
          const draft = store.drafts.list({ limit: 20, orgOri }).find((d) => d.caseNumber !== null);
          return draft?.caseNumber ? { ...draft, caseNumber: draft.caseNumber } : undefined;
        },
        nameTaken: (name) => store.documents.fileNameTaken(name),
      },
      now,
      user,
      record,
    ),
    ...draftHandlers({ store, settings, user, audit: record, changed: nudgeSync }),
    ...coverSheetHandlers(store.drafts, settings, now, user, record),
    ...scanHandlers(scan, scanners, store, user, record),
    ...syncHandlers(sync, store, user, record),
    ...registryHandlers(() => client, session, record),
  };
  const dispatch = createDispatcher(guardHandlers(handlers, user, audit, log), log);
  sync.start();
  scanners.start();
  // Which scanner drivers this computer can use, and why not: for IT reading the log, off the start path.
  void detectDrivers().then(
    (found) => {
      for (const d of found)
        log.info({ driver: d.name, usable: d.usable, reason: d.reason }, 'scanner driver');
    },
    (error: unknown) => {
      log.warn(errorFields(error), 'scanner drivers could not be detected');
    },
  );

  return {
    dispatch,
    bus,
    store,
    settings,
    session,
    sync,
    log,
    audit,
    clientConnected() {
      session.lock('new-window');
    },
    async close() {
      for (const stop of unsubscribe) stop();
      clearTimeout(firstSweep);
      clearInterval(idleTimer);
      clearInterval(sweepTimer);
      await scan.close();
      await scanners.close();
      await sync.stop();
      await pool?.close();
      client.close();
      store.close();
    },
  };
}
