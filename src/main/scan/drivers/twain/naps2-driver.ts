/**
 * The TWAIN/WIA driver (Windows): runs NAPS2's console (NAPS2.Console.exe) as a separate process,
 * found at run time (configured path, standard install locations, PATH). Without it every call
 * reports DRIVER_MISSING with the reason. NAPS2's console does not report device capabilities:
 * `capabilities()` returns what the station asks of office scanners, and the device refuses the rest.
 */
import type { ScanJob, ScannerCapabilities, ScannerDevice, ScannerDriver, ScanSettings } from '../../driver';
import { failedJob } from '../failed-job';
import { runCommand } from '../process-util';
import { asScanError, scanFailure } from '../scan-error';
import {
  listDevicesArgs,
  naps2DeviceId,
  parseNaps2DeviceId,
  type Naps2Backend,
  type Naps2FileFormat,
} from './naps2-args';
import { Naps2ScanJob } from './naps2-job';
import { locateNaps2, type LocateOptions } from './naps2-locate';

export interface TwainDriverOptions {
  /** Full path of NAPS2.Console.exe. Default: CCPOR_NAPS2_CONSOLE, then the standard locations. */
  readonly naps2Console?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Which Windows driver families to list. Default both. */
  readonly backends?: readonly Naps2Backend[];
  /** Page files NAPS2 writes: 'png' (default) or 'tiff' (one file per page, G4 for lineart). */
  readonly format?: Naps2FileFormat;
  readonly platform?: NodeJS.Platform;
  readonly stopGraceMs?: number;
  /**
   * Where each run's output folder is made (NAPS2 writes the pages there). The station passes a
   * private folder in its data folder; default: the system temp folder.
   */
  readonly spoolDir?: string;
}

/** NAPS2's console does not expose capabilities: the usual range of office document scanners. */
const ASSUMED_CAPABILITIES: ScannerCapabilities = {
  resolutions: [100, 150, 200, 300, 400, 600],
  modes: ['lineart', 'gray', 'color'],
  sources: ['flatbed', 'feeder', 'feeder-duplex'],
  maxWidthMm: 215.9,
  maxHeightMm: 355.6,
};

export class TwainDriver implements ScannerDriver {
  readonly name = 'twain' as const;
  readonly #options: TwainDriverOptions;

  constructor(options: TwainDriverOptions = {}) {
    this.#options = options;
  }

  get #env(): NodeJS.ProcessEnv {
    return this.#options.env ?? process.env;
  }

  /** The console's path, or DRIVER_MISSING with a plain reason. */
  async console(): Promise<string> {
    const where: LocateOptions = {
      configuredPath: this.#options.naps2Console,
      env: this.#env,
      ...(this.#options.platform === undefined ? {} : { platform: this.#options.platform }),
    };
    const location = await locateNaps2(where);
    if (!location.found) throw scanFailure('DRIVER_MISSING', location.reason);
    return location.path;
  }

  async listDevices(): Promise<ScannerDevice[]> {
    const command = await this.console();
    const devices: ScannerDevice[] = [];
    for (const backend of this.#options.backends ?? ['twain', 'wia']) {
      const result = await runCommand(command, listDevicesArgs(backend), {
        env: this.#env,
        timeoutMs: 60_000,
      }).catch((error: unknown) => {
        throw asScanError(error, 'DRIVER_MISSING');
      });
      if (result.code !== 0) continue; // e.g. no WIA service: the other family may still answer
      for (const name of result.stdout.split(/\r?\n/).map((l) => l.trim())) {
        if (name === '') continue;
        devices.push({
          id: naps2DeviceId({ backend, name }),
          driver: 'twain',
          vendor: '',
          model: name,
          label: `${name} (${backend.toUpperCase()})`,
        });
      }
    }
    return devices;
  }

  async capabilities(deviceId: string): Promise<ScannerCapabilities> {
    parseNaps2DeviceId(deviceId);
    await this.console();
    return ASSUMED_CAPABILITIES;
  }

  scan(deviceId: string, settings: ScanSettings): ScanJob {
    try {
      return new Naps2ScanJob({
        console: () => this.console(),
        device: parseNaps2DeviceId(deviceId),
        settings,
        format: this.#options.format ?? 'png',
        env: this.#env,
        stopGraceMs: this.#options.stopGraceMs ?? 5_000,
        spoolDir: this.#options.spoolDir,
      });
    } catch (error) {
      return failedJob(asScanError(error, 'DEVICE_GONE'));
    }
  }
}
