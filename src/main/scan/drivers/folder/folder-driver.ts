/**
 * The hot-folder driver: existing capture software (Kofax Express, PaperStream Capture...) scans
 * and drops image files into a folder; the station takes each one when it is complete, once.
 * Devices are the configured folders (option `folders`, or CCPOR_HOT_FOLDERS separated by the
 * platform's path delimiter). Scan settings are made in the capture software: here the resolution
 * only fills in for files that do not record theirs, and the source says whether to number
 * pages as duplex sides.
 */
import { stat } from 'node:fs/promises';
import { delimiter, resolve } from 'node:path';
import type { ScanJob, ScannerCapabilities, ScannerDevice, ScannerDriver, ScanSettings } from '../../driver';
import { failedJob } from '../failed-job';
import { asScanError, scanFailure } from '../scan-error';
import { FolderScanJob } from './folder-job';
import { SYSTEM_CLOCK, type PollClock } from './poll-clock';
import { JsonFileJournal, type TakenJournal } from './taken-journal';

export interface FolderDriverOptions {
  readonly folders?: readonly string[];
  /** The store of taken files per folder. Default: `.ccpor-taken.json` in the folder. */
  readonly journal?: (folder: string) => TakenJournal;
  /** Default 1000 ms: a file is taken about two intervals after its last write. */
  readonly pollIntervalMs?: number;
  /** Default 10 s. */
  readonly incompleteGraceMs?: number;
  /** End a batch after this long without a new file. Default: watch until cancel(). */
  readonly stopWhenIdleMs?: number;
  /** Default 16 pages. */
  readonly maxQueuedPages?: number;
  /** When poll passes run and what time it is. Default: the system clock (tests pass a controlled one). */
  readonly clock?: PollClock;
}

const PREFIX = 'folder:';

/** Capture software decides these; the station accepts whatever the files are. */
const FOLDER_CAPABILITIES: ScannerCapabilities = {
  resolutions: [],
  modes: ['lineart', 'gray', 'color'],
  sources: ['feeder', 'feeder-duplex'],
  maxWidthMm: 0,
  maxHeightMm: 0,
};

export function hotFoldersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CCPOR_HOT_FOLDERS ?? '')
    .split(delimiter)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export class FolderDriver implements ScannerDriver {
  readonly name = 'folder' as const;
  readonly #options: FolderDriverOptions;
  /** One journal per folder for the driver's life, so consecutive batches share what was taken. */
  readonly #journals = new Map<string, TakenJournal>();

  constructor(options: FolderDriverOptions = {}) {
    this.#options = options;
  }

  #folders(): string[] {
    return (this.#options.folders ?? hotFoldersFromEnv()).map((f) => resolve(f));
  }

  /** The configured folders that exist. */
  async listDevices(): Promise<ScannerDevice[]> {
    const devices: ScannerDevice[] = [];
    for (const folder of this.#folders()) {
      const isDir = await stat(folder).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (isDir)
        devices.push({
          id: `${PREFIX}${folder}`,
          driver: 'folder',
          vendor: '',
          model: 'Hot folder',
          label: `Hot folder ${folder}`,
        });
    }
    return devices;
  }

  async capabilities(deviceId: string): Promise<ScannerCapabilities> {
    await this.#checkFolder(folderOf(deviceId));
    return FOLDER_CAPABILITIES;
  }

  scan(deviceId: string, settings: ScanSettings): ScanJob {
    let folder: string;
    try {
      folder = folderOf(deviceId);
    } catch (error) {
      return failedJob(asScanError(error, 'DEVICE_GONE'));
    }
    let journal = this.#journals.get(folder);
    if (journal === undefined) {
      journal = this.#options.journal?.(folder) ?? new JsonFileJournal(folder);
      this.#journals.set(folder, journal);
    }
    return new FolderScanJob({
      folder,
      settings,
      journal,
      pollIntervalMs: this.#options.pollIntervalMs ?? 1_000,
      incompleteGraceMs: this.#options.incompleteGraceMs ?? 10_000,
      stopWhenIdleMs: this.#options.stopWhenIdleMs,
      maxQueuedPages: this.#options.maxQueuedPages ?? 16,
      clock: this.#options.clock ?? SYSTEM_CLOCK,
    });
  }

  async #checkFolder(folder: string): Promise<void> {
    const ok = await stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!ok) throw scanFailure('DEVICE_GONE', `the hot folder ${folder} does not exist or cannot be read`);
  }
}

/** 'folder:/srv/scans' → '/srv/scans' (absolute). */
export function folderOf(deviceId: string): string {
  if (!deviceId.startsWith(PREFIX) || deviceId.length === PREFIX.length) {
    throw scanFailure(
      'DEVICE_GONE',
      `"${deviceId}" is not a hot folder id (expected folder:<path>)`,
      'deviceId',
    );
  }
  return resolve(deviceId.slice(PREFIX.length));
}
