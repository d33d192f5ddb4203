/**
 * The SANE driver (Linux): runs Debian's `scanimage` from sane-utils. Devices come from
 * `scanimage -f` plus configured extra names (SANE's `test` backend is not listed by Debian's
 * dll.conf, yet `scanimage -d test` works); capabilities from `scanimage -d DEVICE -A`.
 */
import type { ScanJob, ScannerCapabilities, ScannerDevice, ScannerDriver, ScanSettings } from '../../driver';
import { runCommand } from '../process-util';
import { failedJob } from '../failed-job';
import { asScanError, scanFailure } from '../scan-error';
import type { SaneFileFormat } from './sane-args';
import { configuredDevices, extraDevicesFromEnv, LIST_FORMAT, parseDeviceList } from './sane-devices';
import { scanimageError } from './sane-errors';
import { SaneScanJob } from './sane-job';
import { saneDeviceProfile, type SaneDeviceProfile } from './sane-options';

export interface SaneDriverOptions {
  /** The scanimage executable: a name looked up on PATH or a full path. Default 'scanimage'. */
  readonly scanimage?: string;
  /** Environment for scanimage (e.g. SANE_CONFIG_DIR). Default: this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** SANE device names to list even when SANE does not (e.g. ['test']). Default: CCPOR_SANE_EXTRA_DEVICES. */
  readonly extraDevices?: readonly string[];
  /** Page files scanimage writes: 'pnm' (default, PBM for lineart) or 'tiff'. */
  readonly format?: SaneFileFormat;
  /** Device discovery can take long on networks with `net`/`airscan` backends. Default 30 s. */
  readonly listTimeoutMs?: number;
  /** Time scanimage gets after each stop signal on cancel. Default 5 s. */
  readonly stopGraceMs?: number;
  /**
   * Where each run's page files are written (a 0700 folder per run inside it). The station passes a
   * private folder in its data folder; default: the system temp folder.
   */
  readonly spoolDir?: string;
}

const PREFIX = 'sane:';

export class SaneDriver implements ScannerDriver {
  readonly name = 'sane' as const;
  readonly #options: SaneDriverOptions;
  readonly #profiles = new Map<string, Promise<SaneDeviceProfile>>();

  constructor(options: SaneDriverOptions = {}) {
    this.#options = options;
  }

  get #command(): string {
    return this.#options.scanimage ?? 'scanimage';
  }

  get #env(): NodeJS.ProcessEnv {
    return this.#options.env ?? process.env;
  }

  async listDevices(): Promise<ScannerDevice[]> {
    const result = await this.#run(['-f', LIST_FORMAT], this.#options.listTimeoutMs ?? 30_000);
    const listed = result.code === 0 ? parseDeviceList(result.stdout) : [];
    const extra = this.#options.extraDevices ?? extraDevicesFromEnv(this.#env);
    return [...listed, ...configuredDevices(extra, listed)];
  }

  async capabilities(deviceId: string): Promise<ScannerCapabilities> {
    return (await this.#profile(deviceId)).capabilities;
  }

  scan(deviceId: string, settings: ScanSettings): ScanJob {
    let device: string;
    try {
      device = saneName(deviceId);
    } catch (error) {
      return failedJob(asScanError(error, 'DEVICE_GONE'));
    }
    return new SaneScanJob({
      command: this.#command,
      env: this.#env,
      device,
      settings,
      format: this.#options.format ?? 'pnm',
      profile: () => this.#profile(deviceId),
      stopGraceMs: this.#options.stopGraceMs ?? 5_000,
      spoolDir: this.#options.spoolDir,
    });
  }

  /** Loads (once per device and driver instance) the device's options; a failure is not cached. */
  #profile(deviceId: string): Promise<SaneDeviceProfile> {
    const cached = this.#profiles.get(deviceId);
    if (cached !== undefined) return cached;
    const loading = (async () => {
      const device = saneName(deviceId);
      const result = await this.#run(['-d', device, '-A'], 60_000);
      if (result.code !== 0) {
        throw (
          scanimageError({ ...result, pages: 0 }) ??
          scanFailure('DEVICE_GONE', `scanimage -d ${device} -A exited with ${result.code ?? result.signal}`)
        );
      }
      return saneDeviceProfile(result.stdout);
    })();
    this.#profiles.set(deviceId, loading);
    loading.catch(() => this.#profiles.delete(deviceId));
    return loading;
  }

  async #run(args: readonly string[], timeoutMs: number) {
    try {
      return await runCommand(this.#command, args, { env: this.#env, timeoutMs });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw scanFailure(
        code === 'ENOENT' ? 'DRIVER_MISSING' : 'IO_ERROR',
        code === 'ENOENT' ? `${this.#command} not found; install sane-utils` : String(error),
      );
    }
  }
}

/** 'sane:test' → 'test'; refuses ids of other drivers with a clear error. */
export function saneName(deviceId: string): string {
  if (!deviceId.startsWith(PREFIX) || deviceId.length === PREFIX.length) {
    throw scanFailure(
      'DEVICE_GONE',
      `"${deviceId}" is not a SANE device id (expected sane:<device>)`,
      'deviceId',
    );
  }
  return deviceId.slice(PREFIX.length);
}
