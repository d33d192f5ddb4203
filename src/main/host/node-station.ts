/**
 * The station under plain Node, for the browser host: keys in files outside the data folder
 * (FileSecretStore; a workstation uses the OS keychain through the Electron shell), settings
 * through `conf`, the default drivers and the sync service.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openConfSettings } from '../settings';
import { stationDrivers, type StationDriverOptions } from '../scan/drivers';
import { createStation, type Station } from '../app/station';
import { openStationLog } from '../log/station-log';
import { FileSecretStore } from '../store/secret-store';
import { StationSync, type StationSyncOptions } from '../sync';

export interface NodeStationOptions {
  /** Holds data/ (the encrypted store), keys/ and config/. */
  readonly root: string;
  /** Overrides the settings' registry address (the demo and the tests point it at their registry). */
  readonly registryUrl?: string;
  readonly drivers?: StationDriverOptions;
  readonly sync?: StationSyncOptions;
  readonly version?: string;
  readonly workers?: number;
  /** The station's clock (tests move it forward to reach the idle lock). */
  readonly now?: () => Date;
}

export function hotFolderOf(root: string): string {
  return join(root, 'hot-folder');
}

/** The station's private folder for scanner page files (SANE, NAPS2), inside its data folder. */
export function spoolDirOf(dataDir: string): string {
  return join(dataDir, 'spool');
}

export async function openNodeStation(options: NodeStationOptions): Promise<Station> {
  // The hot folder exists from the start, so the folder scanner is listed before the first drop.
  mkdirSync(hotFolderOf(options.root), { recursive: true });
  const settings = openConfSettings(join(options.root, 'config'));
  if (options.registryUrl !== undefined && settings.get().registryUrl !== options.registryUrl) {
    settings.update({ registryUrl: options.registryUrl });
  }
  const dataDir = join(options.root, 'data');
  const opened = openStationLog({ dir: join(dataDir, 'logs') });
  const station = await createStation({
    dataDir,
    log: opened.log,
    secrets: new FileSecretStore(join(options.root, 'keys')),
    settings,
    host: 'browser',
    version: options.version ?? '0.1.0',
    // Scanner page files wait in the station's own 0700 folder, not the shared temp folder.
    drivers: stationDrivers(hotFolderOf(options.root), { spoolDir: spoolDirOf(dataDir), ...options.drivers }),
    createSync: ({ store, client, log, audit }) =>
      new StationSync(store, client, {
        ...options.sync,
        log: log.child({ component: 'sync' }),
        audit: { trail: audit, station: () => settings.get().stationName },
      }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.now === undefined ? {} : { now: options.now }),
  }).catch((error: unknown) => {
    opened.close();
    throw error;
  });
  opened.log.info({ host: 'browser', logFile: opened.path }, 'station started');
  return {
    ...station,
    async close() {
      await station.close();
      opened.close();
    },
  };
}
