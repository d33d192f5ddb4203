/**
 * Station scan settings → an eSCL scan request, checked against what the device advertises for the
 * chosen source; and the device's capabilities in the station's terms.
 */
import type { ColorMode, PaperSource, ScannerCapabilities, ScanSettings } from '../../driver';
import { scanFailure } from '../scan-error';
import { COLOR_MODES, type EsclCapabilities, type EsclScanRequest, type InputCaps } from './escl-xml';

const STANDARD_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600, 1200];
const MM_PER_UNIT = 25.4 / 300;
/** Lossless first: bilevel thresholds and barcodes read better without JPEG artefacts. */
export const DEFAULT_FORMATS = ['image/png', 'image/tiff', 'image/jpeg'] as const;

function resolutionsOf(input: InputCaps): number[] {
  const range = input.range;
  const fromRange =
    range === undefined
      ? []
      : STANDARD_RESOLUTIONS.filter(
          (r) => r >= range.min && r <= range.max && (r - range.min) % (range.step || 1) === 0,
        );
  return [...new Set([...input.resolutions, ...fromRange])].sort((a, b) => a - b);
}

function modesOf(input: InputCaps): ColorMode[] {
  return (['lineart', 'gray', 'color'] as const).filter((m) =>
    COLOR_MODES[m].some((c) => input.colorModes.includes(c)),
  );
}

export function toCapabilities(caps: EsclCapabilities): ScannerCapabilities {
  const inputs = Object.values(caps.inputs);
  const sources = (['flatbed', 'feeder', 'feeder-duplex'] as const).filter(
    (s) => caps.inputs[s] !== undefined,
  );
  const modes = (['lineart', 'gray', 'color'] as const).filter((m) =>
    inputs.some((i) => modesOf(i).includes(m)),
  );
  return {
    resolutions: [...new Set(inputs.flatMap(resolutionsOf))].sort((a, b) => a - b),
    modes,
    sources,
    maxWidthMm: Math.max(0, ...inputs.map((i) => i.maxWidth * MM_PER_UNIT)),
    maxHeightMm: Math.max(0, ...inputs.map((i) => i.maxHeight * MM_PER_UNIT)),
  };
}

/** Builds the request; throws UNSUPPORTED_SETTING (with field) for what the source does not offer. */
export function scanRequest(
  caps: EsclCapabilities,
  settings: ScanSettings,
  formats: readonly string[] = DEFAULT_FORMATS,
): EsclScanRequest {
  const source: PaperSource = settings.source;
  const input = caps.inputs[source];
  if (input === undefined) {
    const offered = Object.keys(caps.inputs).join(', ');
    throw scanFailure('UNSUPPORTED_SETTING', `source ${source}; offered: ${offered}`, 'source');
  }
  const colorMode = COLOR_MODES[settings.mode].find((c) => input.colorModes.includes(c));
  if (colorMode === undefined) {
    throw scanFailure(
      'UNSUPPORTED_SETTING',
      `mode ${settings.mode}; offered: ${input.colorModes.join(', ')}`,
      'mode',
    );
  }
  const resolutions = resolutionsOf(input);
  const rangeOk =
    input.range !== undefined &&
    settings.resolutionDpi >= input.range.min &&
    settings.resolutionDpi <= input.range.max;
  if (!resolutions.includes(settings.resolutionDpi) && !rangeOk) {
    throw scanFailure(
      'UNSUPPORTED_SETTING',
      `${settings.resolutionDpi} dpi; offered: ${resolutions.join(', ')} dpi`,
      'resolutionDpi',
    );
  }
  const format = formats.find((f) => input.formats.includes(f));
  if (format === undefined) {
    throw scanFailure(
      'UNSUPPORTED_SETTING',
      `no image format the station reads (device offers ${input.formats.join(', ')})`,
    );
  }
  const width = settings.widthMm / MM_PER_UNIT;
  const height = settings.heightMm / MM_PER_UNIT;
  // One unit of slack: devices advertise 2550 for Letter width, and 215.9 mm is 2550.0 units.
  if (!(width > 0) || (input.maxWidth > 0 && width > input.maxWidth + 1)) {
    throw scanFailure('UNSUPPORTED_SETTING', `width ${settings.widthMm} mm`, 'widthMm');
  }
  if (!(height > 0) || (input.maxHeight > 0 && height > input.maxHeight + 1)) {
    throw scanFailure('UNSUPPORTED_SETTING', `height ${settings.heightMm} mm`, 'heightMm');
  }
  return {
    version: caps.version,
    source,
    colorMode,
    resolution: settings.resolutionDpi,
    format,
    formatExt: caps.formatExt,
    width: Math.min(width, input.maxWidth || width),
    height: Math.min(height, input.maxHeight || height),
  };
}
