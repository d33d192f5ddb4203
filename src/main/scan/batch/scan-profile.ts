/** From the operator's scan profile to driver settings and the pipeline's separation method. */
import { assertNever } from '../../../shared/errors';
import type { ScanProfile } from '../../../shared/ipc/settings';
import type { ScannerCapabilities, ScanSettings } from '../driver';
import type { SeparationMethod } from '../pipeline/model';

/** US Letter, the size of the Judicial Council forms. */
const LETTER = { widthMm: 215.9, heightMm: 279.4 };

/** Letter, or as much of it as the device takes (0 means the device does not say). */
export function scanSettingsFor(
  profile: ScanProfile,
  capabilities: ScannerCapabilities | null = null,
): ScanSettings {
  const fit = (want: number, max: number | undefined) =>
    max !== undefined && max > 0 ? Math.min(want, max) : want;
  return {
    resolutionDpi: profile.resolutionDpi,
    // Scan in gray even for a bilevel record: the pipeline's own binarisation beats most drivers'.
    mode: 'gray',
    source: profile.duplex ? 'feeder-duplex' : 'feeder',
    widthMm: fit(LETTER.widthMm, capabilities?.maxWidthMm),
    heightMm: fit(LETTER.heightMm, capabilities?.maxHeightMm),
  };
}

export function separationFor(profile: ScanProfile): SeparationMethod {
  switch (profile.separation) {
    case 'cover-sheet':
      return { kind: 'cover-sheet' };
    case 'patch-t':
      return { kind: 'patch-t' };
    case 'fixed-count':
      return { kind: 'fixed-count', count: profile.fixedCount, unit: 'pages' };
    case 'single':
      return { kind: 'single' };
    default:
      return assertNever(profile.separation, 'separation');
  }
}
