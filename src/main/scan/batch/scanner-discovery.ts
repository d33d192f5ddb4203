/**
 * The scanners this station offers, looked for once and then remembered. Looking takes seconds
 * (SANE asks every backend it knows, eSCL waits on the network), so the station looks in the
 * background when it starts, the Scan screen is served the remembered list at once, and the
 * operator looks again with "Refresh scanners". A driver that fails while looking again keeps the
 * scanners it listed before and its failure is reported beside the list, never dropped silently.
 */
import type { ScannerDiscoveryProblemDto, ScannerListDto } from '../../../shared/ipc/scan';
import type { ScannerDevice, ScannerDriver } from '../driver';
import { isScanError } from '../drivers/scan-error';
import { errorFields, type StationLog } from '../../log/station-log';
import { ScanError } from './batch-edits';

export interface ScannerDiscoveryOptions {
  readonly drivers: readonly ScannerDriver[];
  readonly log: StationLog;
  readonly now?: () => Date;
}

/** How the operator knows each kind of scanner. */
const DRIVER_NAMES: Readonly<Record<ScannerDevice['driver'], string>> = {
  sane: 'SANE',
  escl: 'network (eSCL)',
  twain: 'TWAIN/WIA (NAPS2)',
  folder: 'hot folder',
};

type DriverOutcome =
  | { readonly ok: true; readonly devices: readonly ScannerDevice[] }
  | { readonly ok: false; readonly error: unknown };

export class ScannerDiscovery {
  readonly #drivers: readonly ScannerDriver[];
  readonly #log: StationLog;
  readonly #now: () => Date;
  /** The last list each driver gave (by position in `drivers`); a failure leaves it as it was. */
  readonly #lists = new Map<number, readonly ScannerDevice[]>();
  #problems: readonly ScannerDiscoveryProblemDto[] = [];
  #discoveredAt: Date | null = null;
  #discoveries = 0;
  #running: Promise<ScannerListDto> | null = null;
  #closed = false;

  constructor(options: ScannerDiscoveryOptions) {
    this.#drivers = options.drivers;
    this.#log = options.log.child({ component: 'scan' });
    this.#now = options.now ?? (() => new Date());
  }

  /** Starts the first look in the background (station start), so the Scan screen opens on a list. */
  start(): void {
    void this.refresh();
  }

  /** The remembered list; before the first look has ended, waits for it (starting it if need be). */
  async list(): Promise<ScannerListDto> {
    if (this.#discoveredAt !== null) return this.#snapshot();
    return this.refresh();
  }

  /** Looks for scanners again; a call while a look is under way joins it instead of starting another. */
  refresh(): Promise<ScannerListDto> {
    if (this.#closed) return Promise.resolve(this.#snapshot());
    this.#running ??= this.#discover().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /**
   * Waits for a look under way (its helper processes end with it; SANE's listing is bounded by the
   * driver's timeout) so nothing is left running or written to a closed log after the station stops.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#running?.catch(() => undefined);
  }

  /**
   * Refuses a scanner the last look did not find (it was unplugged and the list refreshed, or the
   * screen kept an old list): the operator reads why, instead of a scan that silently never starts.
   * A scanner that vanished since the last look fails at the scanner itself (DEVICE_GONE), which the
   * batch reports as "The scanner stopped".
   */
  requireKnown(deviceId: string): void {
    if (this.#discoveredAt === null) return;
    const known = [...this.#lists.values()].some((list) => list.some((d) => d.id === deviceId));
    if (!known)
      throw new ScanError(
        'SCANNER_NOT_FOUND',
        'This scanner was not found when the station last looked for scanners. Check that it is switched on and connected, then press "Refresh scanners".',
        'deviceId',
      );
  }

  async #discover(): Promise<ScannerListDto> {
    const outcomes = await Promise.all(
      this.#drivers.map(async (driver): Promise<DriverOutcome> => {
        try {
          return { ok: true, devices: await driver.listDevices() };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    const problems: ScannerDiscoveryProblemDto[] = [];
    outcomes.forEach((outcome, index) => {
      const driver = this.#drivers[index];
      if (driver === undefined) return;
      if (outcome.ok) {
        this.#lists.set(index, outcome.devices);
        return;
      }
      this.#log.warn(
        { driver: driver.name, ...errorFields(outcome.error) },
        'scanner driver could not list devices',
      );
      problems.push({
        driver: driver.name,
        message: problemMessage(driver, outcome.error, this.#lists.has(index)),
      });
    });
    this.#problems = problems;
    this.#discoveredAt = this.#now();
    this.#discoveries += 1;
    this.#log.info(
      { devices: this.#devices().length, problems: problems.length, discoveries: this.#discoveries },
      'scanners discovered',
    );
    return this.#snapshot();
  }

  #devices(): ScannerDevice[] {
    return this.#drivers.flatMap((_, index) => this.#lists.get(index) ?? []);
  }

  #snapshot(): ScannerListDto {
    return {
      devices: this.#devices().map((d) => ({ id: d.id, driver: d.driver, label: d.label })),
      discoveredAt: this.#discoveredAt?.toISOString() ?? null,
      discoveries: this.#discoveries,
      problems: this.#problems,
    };
  }
}

/** "The SANE scanners could not be listed: <why>." plus what the list still shows. */
function problemMessage(driver: ScannerDriver, error: unknown, listedBefore: boolean): string {
  // Only a ScanError's message is written for the operator; anything else is for the log.
  const why = isScanError(error) ? ` ${error.message}` : ' The station log has the details.';
  const kept = listedBefore ? ' The scanners found before are still listed.' : '';
  return `The ${DRIVER_NAMES[driver.name]} scanners could not be listed.${why}${kept}`;
}
