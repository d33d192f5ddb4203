/**
 * The scanner drivers a station offers: SANE (Linux, macOS; its `test` device listed too when
 * CCPOR_SANE_EXTRA_DEVICES says so or `withSaneTest` is set), eSCL network scanners configured in
 * CCPOR_ESCL_URLS, TWAIN/WIA through NAPS2 on Windows, and the station's hot folder.
 */
import { EsclDriver } from './escl/escl-driver';
import { FolderDriver } from './folder/folder-driver';
import { SaneDriver } from './sane/sane-driver';
import { TwainDriver } from './twain/naps2-driver';
import type { ScannerDriver } from '../driver';

export interface DriverOptions {
  /** Offer SANE's test device (the demo and the tests). */
  readonly withSaneTest?: boolean;
  /** End a hot-folder batch after this long without a new file (default 3 s). */
  readonly folderIdleMs?: number;
}

export function defaultDrivers(hotFolder: string, options: DriverOptions = {}): ScannerDriver[] {
  const drivers: ScannerDriver[] = [
    new FolderDriver({
      folders: [hotFolder],
      stopWhenIdleMs: options.folderIdleMs ?? 3_000,
      pollIntervalMs: 250,
      incompleteGraceMs: 2_000,
    }),
  ];
  if (process.platform === 'win32') drivers.push(new TwainDriver());
  else drivers.push(new SaneDriver(options.withSaneTest ? { extraDevices: ['test'] } : {}));
  const escl = (process.env.CCPOR_ESCL_URLS ?? '').split(/[\s,]+/).filter((u) => u !== '');
  if (escl.length > 0) drivers.push(new EsclDriver({ urls: escl }));
  return drivers;
}
