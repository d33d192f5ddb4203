/**
 * The scanner drivers of a station: which ones it offers (stationDrivers), and which ones this
 * computer can use with a plain reason for each (detectDrivers: written to the station log at
 * start, so IT can see why a scanner is not listed).
 */
import { stat } from 'node:fs/promises';
import type { ScannerDevice, ScannerDriver } from '../driver';
import { EsclDriver, esclUrlsFromEnv, type EsclDriverOptions } from './escl/escl-driver';
import { preparePrivateSpoolRoot } from './file-spool';
import { FolderDriver, hotFoldersFromEnv, type FolderDriverOptions } from './folder/folder-driver';
import { findExecutable } from './process-util';
import { SaneDriver, type SaneDriverOptions } from './sane/sane-driver';
import { locateNaps2 } from './twain/naps2-locate';
import { TwainDriver, type TwainDriverOptions } from './twain/naps2-driver';

export type DriverName = ScannerDevice['driver'];

export interface DriverOptionsByName {
  readonly sane: SaneDriverOptions;
  readonly escl: EsclDriverOptions;
  readonly twain: TwainDriverOptions;
  readonly folder: FolderDriverOptions;
}

export type AllDriverOptions = { readonly [N in DriverName]?: DriverOptionsByName[N] };

export interface StationDriverOptions {
  /** Offer SANE's test device (the demo and the tests). */
  readonly withSaneTest?: boolean;
  /** End a hot-folder batch after this long without a new file (default 3 s). */
  readonly folderIdleMs?: number;
  /**
   * The station's private folder for scanner page files (`<data>/spool`): made 0700 and emptied of
   * a crash's leftovers here, then used by SANE and NAPS2 instead of the shared system temp folder.
   */
  readonly spoolDir?: string;
}

/**
 * The scanners a station offers: its own hot folder and any in CCPOR_HOT_FOLDERS, SANE (Linux,
 * macOS) or TWAIN/WIA through NAPS2 (Windows), and the eSCL network scanners in CCPOR_ESCL_URLS.
 */
export function stationDrivers(
  hotFolder: string,
  options: StationDriverOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ScannerDriver[] {
  const drivers: ScannerDriver[] = [
    new FolderDriver({
      folders: [hotFolder, ...hotFoldersFromEnv(env).filter((f) => f !== hotFolder)],
      stopWhenIdleMs: options.folderIdleMs ?? 3_000,
      pollIntervalMs: 250,
      incompleteGraceMs: 2_000,
    }),
  ];
  const spool = options.spoolDir === undefined ? {} : { spoolDir: preparePrivateSpoolRoot(options.spoolDir) };
  if (platform === 'win32') drivers.push(new TwainDriver(spool));
  else
    drivers.push(new SaneDriver({ ...spool, ...(options.withSaneTest ? { extraDevices: ['test'] } : {}) }));
  const escl = esclUrlsFromEnv(env);
  if (escl.length > 0) drivers.push(new EsclDriver({ urls: escl }));
  return drivers;
}

export interface DriverAvailability {
  readonly name: DriverName;
  readonly usable: boolean;
  /** For the operator or IT: why it can or cannot be used here. */
  readonly reason: string;
}

async function saneAvailability(
  options: SaneDriverOptions,
  env: NodeJS.ProcessEnv,
): Promise<DriverAvailability> {
  const command = options.scanimage ?? 'scanimage';
  const found = await findExecutable(command, env.PATH);
  return found === undefined
    ? {
        name: 'sane',
        usable: false,
        reason: `${command} is not installed (on Debian/Ubuntu: apt install sane-utils).`,
      }
    : { name: 'sane', usable: true, reason: `scanimage found at ${found}.` };
}

function esclAvailability(options: EsclDriverOptions, env: NodeJS.ProcessEnv): DriverAvailability {
  const urls = options.urls ?? esclUrlsFromEnv(env);
  return urls.length === 0
    ? {
        name: 'escl',
        usable: false,
        reason:
          'No network scanner address is configured (CCPOR_ESCL_URLS, e.g. http://10.0.0.5/eSCL); scanners are not discovered automatically.',
      }
    : {
        name: 'escl',
        usable: true,
        reason: `${urls.length} network scanner address(es) configured: ${urls.join(', ')}.`,
      };
}

async function twainAvailability(
  options: TwainDriverOptions,
  env: NodeJS.ProcessEnv,
): Promise<DriverAvailability> {
  const location = await locateNaps2({
    configuredPath: options.naps2Console,
    env,
    ...(options.platform === undefined ? {} : { platform: options.platform }),
  });
  return location.found
    ? { name: 'twain', usable: true, reason: `NAPS2 console found at ${location.path}.` }
    : { name: 'twain', usable: false, reason: location.reason };
}

async function folderAvailability(
  options: FolderDriverOptions,
  env: NodeJS.ProcessEnv,
): Promise<DriverAvailability> {
  const folders = options.folders ?? hotFoldersFromEnv(env);
  if (folders.length === 0) {
    return { name: 'folder', usable: false, reason: 'No hot folder is configured (CCPOR_HOT_FOLDERS).' };
  }
  const present: string[] = [];
  const missing: string[] = [];
  for (const folder of folders) {
    const ok = await stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
    (ok ? present : missing).push(folder);
  }
  const missingText = missing.length === 0 ? '' : ` Not found: ${missing.join(', ')}.`;
  return present.length === 0
    ? { name: 'folder', usable: false, reason: `None of the configured hot folders exists.${missingText}` }
    : { name: 'folder', usable: true, reason: `Watching ${present.join(', ')}.${missingText}` };
}

/** Which drivers this computer can use; quick, no device is contacted. */
export async function detectDrivers(
  options: AllDriverOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<DriverAvailability[]> {
  return Promise.all([
    saneAvailability(options.sane ?? {}, env),
    Promise.resolve(esclAvailability(options.escl ?? {}, env)),
    twainAvailability(options.twain ?? {}, env),
    folderAvailability(options.folder ?? {}, env),
  ]);
}

export type { ScannerDriver } from '../driver';
export { EsclDriver, FolderDriver, SaneDriver, TwainDriver };
export type { EsclDriverOptions, FolderDriverOptions, SaneDriverOptions, TwainDriverOptions };
export { isScanError, ScanFailure, scanFailure, OPERATOR_MESSAGES } from './scan-error';
export type { TakenJournal, TakenRecord } from './folder/taken-journal';
