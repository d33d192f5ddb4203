/**
 * The scanner driver contract. Every way of getting paper into the station (SANE, eSCL network
 * scanners, TWAIN/WIA through an external engine, a hot folder fed by other capture software) is a
 * ScannerDriver; the processing pipeline downstream does not know which one produced a page.
 */
import type { CodedError } from '../../shared/errors';

export type ColorMode = 'lineart' | 'gray' | 'color';
export type PaperSource = 'flatbed' | 'feeder' | 'feeder-duplex';

export interface ScannerDevice {
  /** Stable id: '<driver>:<driver-specific name>', e.g. 'sane:test:0' or 'escl:http://10.0.0.5/eSCL'. */
  readonly id: string;
  readonly driver: 'sane' | 'escl' | 'twain' | 'folder';
  readonly vendor: string;
  readonly model: string;
  readonly label: string;
}

export interface ScannerCapabilities {
  readonly resolutions: readonly number[];
  readonly modes: readonly ColorMode[];
  readonly sources: readonly PaperSource[];
  /** Largest page the device takes, in millimetres. */
  readonly maxWidthMm: number;
  readonly maxHeightMm: number;
}

export interface ScanSettings {
  readonly resolutionDpi: number;
  readonly mode: ColorMode;
  readonly source: PaperSource;
  /** Page size in millimetres; Letter is 215.9 × 279.4. */
  readonly widthMm: number;
  readonly heightMm: number;
}

/** One page image as a driver delivers it. Encoded bytes are decoded by the pipeline, off the main thread. */
export interface ScannedPage {
  /** 1-based position in the batch as the device delivered it. */
  readonly index: number;
  /** In duplex, 'front' or 'back' of sheet `sheet`; in simplex always 'front'. */
  readonly side: 'front' | 'back';
  /** 1-based sheet number (two pages per sheet in duplex). */
  readonly sheet: number;
  readonly format: 'pnm' | 'tiff' | 'png' | 'jpeg';
  readonly bytes: Uint8Array;
  /**
   * Where the bytes came from, for error messages (a temp file path, a URL, a dropped file name).
   * Unique within a batch (a page of a multi-page file reads `file.tif#page=2`): it is also the key
   * for `ScanJob.acknowledge`.
   */
  readonly origin: string;
  /** The resolution the device reports for this page. */
  readonly resolutionDpi: number;
}

export type ScanEvent =
  | { readonly type: 'page'; readonly page: ScannedPage }
  /** A page the device produced but that could not be read; the batch continues. */
  | { readonly type: 'page-error'; readonly index: number; readonly error: ScanError }
  | { readonly type: 'progress'; readonly pagesScanned: number; readonly message?: string };

export type ScanErrorCode =
  | 'PAPER_JAM'
  | 'COVER_OPEN'
  | 'FEEDER_EMPTY'
  | 'DEVICE_BUSY'
  | 'DEVICE_GONE'
  | 'CANCELLED'
  | 'UNSUPPORTED_SETTING'
  | 'IO_ERROR'
  | 'CORRUPT_IMAGE'
  /** A file the driver cannot turn into a page (a PDF or a Word file dropped into a hot folder). */
  | 'UNSUPPORTED_FORMAT'
  | 'DRIVER_MISSING';

/** Typed scanner failure; `message` is written for the operator ("Clear the paper jam and press Retry"). */
export interface ScanError extends CodedError {
  readonly code: ScanErrorCode;
}

/**
 * One batch in progress. `events` can be iterated once.
 *
 * Cancellation: `cancel()` stops the device (or the watcher) and resolves once the driver's process,
 * job and temporary files are gone. Pages delivered before stay delivered ("a cancel keeps what is
 * done"); pages the device had completely finished before the cancel are still delivered; a page
 * caught half-scanned is dropped. After that `events` ends normally (no error is thrown for a cancel
 * the caller asked for). Leaving a `for await` loop early (break, throw) cancels the job the same way.
 */
export interface ScanJob {
  /** Pages and per-page errors as they arrive. Ends normally when the feeder runs out; throws a ScanError on a jam etc. */
  readonly events: AsyncIterable<ScanEvent>;
  /** Stops the device; events already delivered stay delivered ("a cancel keeps what is done"). */
  cancel(): Promise<void>;
  /**
   * Tells the driver that the page with this `origin` is safely stored (encrypted). Drivers whose
   * source keeps the original (the hot folder) release it only then, by removing the file; drivers
   * that hand over bytes they no longer need do not implement it. Callers:
   * `await job.acknowledge?.(page.origin)`.
   */
  acknowledge?(origin: string): Promise<void>;
}

export interface ScannerDriver {
  readonly name: ScannerDevice['driver'];
  listDevices(): Promise<ScannerDevice[]>;
  capabilities(deviceId: string): Promise<ScannerCapabilities>;
  scan(deviceId: string, settings: ScanSettings): ScanJob;
}
