/**
 * Checks scan settings against what the device declares and builds the scanimage command line.
 * A setting the device does not offer is refused up front with the field it concerns, instead of
 * letting scanimage silently round it ("rounded value of br-x from 216 to 200").
 */
import type { ScanSettings } from '../../driver';
import { ScanFailure, scanFailure } from '../scan-error';
import { acceptsResolution, type SaneDeviceProfile } from './sane-options';

export type SaneFileFormat = 'pnm' | 'tiff';

/** Millimetres of slack: devices declare 215.9 or 216 for Letter width; both must accept 215.9. */
const SIZE_TOLERANCE_MM = 0.5;

/** Throws UNSUPPORTED_SETTING (with `field`) when the device cannot honour `settings`. */
export function checkSettings(settings: ScanSettings, profile: SaneDeviceProfile): void {
  const caps = profile.capabilities;
  if (profile.resolution !== undefined && !acceptsResolution(profile.resolution, settings.resolutionDpi)) {
    throw scanFailure(
      'UNSUPPORTED_SETTING',
      `${settings.resolutionDpi} dpi; this scanner offers ${caps.resolutions.join(', ')} dpi`,
      'resolutionDpi',
    );
  }
  if (profile.modes[settings.mode] === undefined) {
    throw scanFailure(
      'UNSUPPORTED_SETTING',
      `mode ${settings.mode}; offered: ${caps.modes.join(', ')}`,
      'mode',
    );
  }
  if (profile.sources[settings.source] === undefined) {
    throw scanFailure(
      'UNSUPPORTED_SETTING',
      `source ${settings.source}; offered: ${caps.sources.join(', ')}`,
      'source',
    );
  }
  for (const [field, value, max] of [
    ['widthMm', settings.widthMm, caps.maxWidthMm],
    ['heightMm', settings.heightMm, caps.maxHeightMm],
  ] as const) {
    if (!(value > 0) || (max > 0 && value > max + SIZE_TOLERANCE_MM)) {
      throw new ScanFailure(
        'UNSUPPORTED_SETTING',
        `The page ${field === 'widthMm' ? 'width' : 'height'} ${value} mm does not fit this scanner (at most ${max} mm).`,
        field,
      );
    }
  }
}

function mm(value: number, max: number): string {
  const clamped = max > 0 ? Math.min(value, max) : value;
  return String(Math.round(clamped * 10) / 10);
}

/** The scanimage arguments for a batch into `pattern` (a path with a %d-style page counter). */
export function buildScanArgs(
  device: string,
  settings: ScanSettings,
  profile: SaneDeviceProfile,
  format: SaneFileFormat,
  pattern: string,
): string[] {
  checkSettings(settings, profile);
  const caps = profile.capabilities;
  const args = ['-d', device, `--format=${format}`, `--batch=${pattern}`, '--batch-print'];
  // The flatbed has one page: without a count scanimage would scan the glass again and again.
  if (settings.source === 'flatbed') args.push('--batch-count=1');
  const source = profile.sources[settings.source];
  if (source?.source !== undefined) args.push('--source', source.source);
  if (source !== undefined) args.push(...source.extra);
  const mode = profile.modes[settings.mode];
  if (mode?.mode !== undefined) args.push('--mode', mode.mode);
  if (mode?.depth !== undefined && profile.options.has('depth')) args.push('--depth', String(mode.depth));
  if (profile.options.has('resolution')) args.push('--resolution', String(settings.resolutionDpi));
  // Sheet-fed backends size the feeder guides with page-width/height and the scan area with -x/-y.
  if (profile.options.has('page-width')) args.push('--page-width', mm(settings.widthMm, caps.maxWidthMm));
  if (profile.options.has('page-height')) args.push('--page-height', mm(settings.heightMm, caps.maxHeightMm));
  if (profile.options.has('l')) args.push('-l', '0');
  if (profile.options.has('t')) args.push('-t', '0');
  if (profile.options.has('x')) args.push('-x', mm(settings.widthMm, caps.maxWidthMm));
  if (profile.options.has('y')) args.push('-y', mm(settings.heightMm, caps.maxHeightMm));
  return args;
}
