/**
 * The eSCL driver: driverless network scanners (Apple AirScan / Mopria eSCL), pure TypeScript over
 * HTTP, on every OS. Devices are the configured base URLs (`http://host[:port]/eSCL`); mDNS/DNS-SD
 * discovery (_uscan._tcp) is not done here: configure the URLs (option `urls` or CCPOR_ESCL_URLS).
 */
import type { ScanJob, ScannerCapabilities, ScannerDevice, ScannerDriver, ScanSettings } from '../../driver';
import { failedJob } from '../failed-job';
import { asScanError, scanFailure } from '../scan-error';
import { bodyText, httpRequest } from './escl-http';
import { EsclScanJob, type EsclTiming } from './escl-job';
import { toCapabilities } from './escl-settings';
import { EsclXmlError, parseCapabilities, type EsclCapabilities } from './escl-xml';

export interface EsclDriverOptions {
  /** Scanner base URLs, e.g. 'http://10.0.0.5/eSCL'. Default: CCPOR_ESCL_URLS (comma-separated). */
  readonly urls?: readonly string[];
  /** Image formats to ask for, best first. Default: PNG, TIFF, JPEG (lossless first). */
  readonly formats?: readonly string[];
  readonly timing?: Partial<EsclTiming>;
}

const PREFIX = 'escl:';

const DEFAULT_TIMING: EsclTiming = {
  requestTimeoutMs: 30_000,
  busyTimeoutMs: 60_000,
  pageTimeoutMs: 120_000,
  firstRetryMs: 250,
  maxRetryMs: 4_000,
};

/** Base URLs from CCPOR_ESCL_URLS. */
export function esclUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CCPOR_ESCL_URLS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function normalise(url: string): string {
  return url.replace(/\/+$/, '');
}

export class EsclDriver implements ScannerDriver {
  readonly name = 'escl' as const;
  readonly #options: EsclDriverOptions;
  readonly #timing: EsclTiming;
  readonly #caps = new Map<string, Promise<EsclCapabilities>>();

  constructor(options: EsclDriverOptions = {}) {
    this.#options = options;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  /** The configured scanners that answer; one that does not is left out of the list. */
  async listDevices(): Promise<ScannerDevice[]> {
    const urls = (this.#options.urls ?? esclUrlsFromEnv()).map(normalise);
    const devices = await Promise.all(
      urls.map(async (url): Promise<ScannerDevice | undefined> => {
        try {
          const caps = await this.#capabilities(`${PREFIX}${url}`);
          return {
            id: `${PREFIX}${url}`,
            driver: 'escl',
            vendor: caps.manufacturer,
            model: caps.makeAndModel,
            label: `${caps.makeAndModel} (${new URL(url).host})`,
          };
        } catch {
          return undefined;
        }
      }),
    );
    return devices.filter((d): d is ScannerDevice => d !== undefined);
  }

  async capabilities(deviceId: string): Promise<ScannerCapabilities> {
    return toCapabilities(await this.#capabilities(deviceId));
  }

  scan(deviceId: string, settings: ScanSettings): ScanJob {
    let url: string;
    try {
      url = baseUrl(deviceId);
    } catch (error) {
      return failedJob(asScanError(error, 'DEVICE_GONE'));
    }
    return new EsclScanJob({
      baseUrl: url,
      settings,
      capabilities: () => this.#capabilities(deviceId),
      formats: this.#options.formats,
      timing: this.#timing,
    });
  }

  #capabilities(deviceId: string): Promise<EsclCapabilities> {
    const cached = this.#caps.get(deviceId);
    if (cached !== undefined) return cached;
    const loading = (async () => {
      const url = `${baseUrl(deviceId)}/ScannerCapabilities`;
      const reply = await httpRequest(url, { timeoutMs: this.#timing.requestTimeoutMs });
      if (reply.status !== 200) throw scanFailure('DEVICE_GONE', `${url} answered HTTP ${reply.status}`);
      try {
        return parseCapabilities(bodyText(reply));
      } catch (error) {
        if (error instanceof EsclXmlError)
          throw scanFailure('DEVICE_GONE', `${url} is not an eSCL scanner: ${error.message}`);
        throw error;
      }
    })();
    this.#caps.set(deviceId, loading);
    loading.catch(() => this.#caps.delete(deviceId));
    return loading;
  }
}

/** 'escl:http://host/eSCL' → 'http://host/eSCL'; refuses anything else with a clear error. */
export function baseUrl(deviceId: string): string {
  const url = deviceId.startsWith(PREFIX) ? deviceId.slice(PREFIX.length) : '';
  if (!/^https?:\/\/[^/]+/.test(url)) {
    throw scanFailure(
      'DEVICE_GONE',
      `"${deviceId}" is not an eSCL device id (expected escl:http://host/eSCL)`,
      'deviceId',
    );
  }
  return normalise(url);
}
