/**
 * The NAPS2.Console.exe command lines the TWAIN/WIA driver runs, and the device ids it uses:
 * `twain:<twain|wia>:<device name as NAPS2 lists it>`.
 */
import { join } from 'node:path';
import type { ColorMode, PaperSource, ScanSettings } from '../../driver';
import { scanFailure } from '../scan-error';

export type Naps2Backend = 'twain' | 'wia';
export type Naps2FileFormat = 'png' | 'tiff';

export interface Naps2Device {
  readonly backend: Naps2Backend;
  readonly name: string;
}

const SOURCES: Readonly<Record<PaperSource, string>> = {
  flatbed: 'glass',
  feeder: 'feeder',
  'feeder-duplex': 'duplex',
};
const BIT_DEPTHS: Readonly<Record<ColorMode, string>> = { lineart: 'bw', gray: 'gray', color: 'color' };

export function naps2DeviceId(device: Naps2Device): string {
  return `twain:${device.backend}:${device.name}`;
}

export function parseNaps2DeviceId(deviceId: string): Naps2Device {
  const m = /^twain:(twain|wia):(.+)$/.exec(deviceId);
  if (m?.[1] === undefined || m[2] === undefined) {
    throw scanFailure(
      'DEVICE_GONE',
      `"${deviceId}" is not a TWAIN/WIA device id (expected twain:twain:<name> or twain:wia:<name>)`,
      'deviceId',
    );
  }
  return { backend: m[1] as Naps2Backend, name: m[2] };
}

export function listDevicesArgs(backend: Naps2Backend): string[] {
  return ['--listdevices', '--driver', backend];
}

/** Inches with three decimals: NAPS2's --pagesize takes a dimension such as "8.5x11in". */
function inches(mm: number): string {
  return String(Math.round((mm / 25.4) * 1000) / 1000);
}

/**
 * One scan into `outDir`: one numbered file per page ($(nnnn) is NAPS2's counter placeholder;
 * TIFF needs --split, or NAPS2 would write one multi-page file).
 */
export function scanArgs(
  device: Naps2Device,
  settings: ScanSettings,
  outDir: string,
  format: Naps2FileFormat,
): string[] {
  if (!Number.isInteger(settings.resolutionDpi) || settings.resolutionDpi <= 0) {
    throw scanFailure('UNSUPPORTED_SETTING', `${settings.resolutionDpi} dpi`, 'resolutionDpi');
  }
  const ext = format === 'png' ? 'png' : 'tif';
  const args = [
    '--noprofile',
    '--driver',
    device.backend,
    '--device',
    device.name,
    '--source',
    SOURCES[settings.source],
    '--dpi',
    String(settings.resolutionDpi),
    '--bitdepth',
    BIT_DEPTHS[settings.mode],
    '--pagesize',
    `${inches(settings.widthMm)}x${inches(settings.heightMm)}in`,
    '-o',
    join(outDir, `page-$(nnnn).${ext}`),
    '--force',
    '--verbose',
  ];
  if (format === 'tiff') args.push('--split', '--tiffcomp', settings.mode === 'lineart' ? 'ccitt4' : 'lzw');
  return args;
}
