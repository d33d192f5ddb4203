/**
 * The scanner driver registry: build a driver by name, and tell which drivers this computer can
 * use, with a plain reason for each (shown in the station's scanner settings).
 */
import { stat } from 'node:fs/promises';
import type { ScannerDevice, ScannerDriver } from '../driver';
import { EsclDriver, esclUrlsFromEnv, type EsclDriverOptions } from './escl/escl-driver';
import { FolderDriver, hotFoldersFromEnv, type FolderDriverOptions } from './folder/folder-driver';
import { findExecutable } from './process-util';
import { SaneDriver, type SaneDriverOptions } from './sane/sane-driver';
import { scanFailure } from './scan-error';
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

export const DRIVER_NAMES: readonly DriverName[] = ['sane', 'escl', 'twain', 'folder'];

export function isDriverName(value: string): value is DriverName {
  return (DRIVER_NAMES as readonly string[]).includes(value);
}

/** A driver by name (a name read from settings is checked: an unknown one is DRIVER_MISSING). */
export function createDriver<N extends DriverName>(name: N, options?: DriverOptionsByName[N]): ScannerDriver;
export function createDriver(name: string, options?: AllDriverOptions[DriverName]): ScannerDriver;
export function createDriver(name: string, options: AllDriverOptions[DriverName] = {}): ScannerDriver {
  if (!isDriverName(name)) {
    throw scanFailure(
      'DRIVER_MISSING',
      `there is no scanner driver called "${name}" (${DRIVER_NAMES.join(', ')})`,
      'driver',
    );
  }
  switch (name) {
    case 'sane':
      return new SaneDriver(options as SaneDriverOptions);
    case 'escl':
      return new EsclDriver(options as EsclDriverOptions);
    case 'twain':
      return new TwainDriver(options as TwainDriverOptions);
    case 'folder':
      return new FolderDriver(options as FolderDriverOptions);
  }
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
