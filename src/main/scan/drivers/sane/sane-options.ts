/**
 * Reads a device's options from `scanimage -d DEVICE -A` and turns them into the station's
 * capabilities plus the backend-specific names to use (mode, source and duplex spellings differ
 * between backends: "Lineart"/"Binary", "ADF Duplex"/"--adf-mode Duplex", ...).
 */
import type { ColorMode, PaperSource, ScannerCapabilities } from '../../driver';

export type Constraint =
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly step: number | undefined }
  | { readonly kind: 'list'; readonly values: readonly string[] }
  | { readonly kind: 'bool' }
  | { readonly kind: 'free' };

export interface SaneOption {
  readonly name: string;
  readonly constraint: Constraint;
  readonly inactive: boolean;
}

/** How to ask this backend for a mode. */
export interface ModeChoice {
  readonly mode: string | undefined;
  /** Lineart on backends that only offer a 1-bit depth of their gray mode (SANE's test backend). */
  readonly depth: number | undefined;
}

/** How to ask this backend for a paper source. */
export interface SourceChoice {
  readonly source: string | undefined;
  /** Extra switch some backends need for duplex (`--adf-mode Duplex`, `--duplex=yes`). */
  readonly extra: readonly string[];
}

export interface SaneDeviceProfile {
  readonly capabilities: ScannerCapabilities;
  readonly resolution: Constraint | undefined;
  readonly modes: Partial<Record<ColorMode, ModeChoice>>;
  readonly sources: Partial<Record<PaperSource, SourceChoice>>;
  /** Options present on the device (for -x/-y, --page-width...). */
  readonly options: ReadonlyMap<string, SaneOption>;
}

const OPTION_LINE = /^\s+(--?[A-Za-z0-9][\w-]*)(\[=\(([^)]*)\)\])?(?:\s(.*?))?\s*(?:\[([^\]]*)\])?\s*$/;

function parseConstraint(values: string | undefined, boolChoices: string | undefined): Constraint {
  if (boolChoices !== undefined) return { kind: 'bool' };
  if (values === undefined || values === '' || values.startsWith('<')) return { kind: 'free' };
  const range =
    /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)[a-z%]*(?:,\.\.\.)?(?:\s+\(in steps of (\d+(?:\.\d+)?)\))?$/.exec(
      values,
    );
  if (range !== null) {
    const step = range[3] === undefined ? undefined : Number(range[3]);
    return {
      kind: 'range',
      min: Number(range[1]),
      max: Number(range[2]),
      step: step === 0 ? undefined : step,
    };
  }
  const items = values.split('|').map((v) => v.trim());
  // A numeric list carries the unit on its last item only: "75|150|300dpi".
  const numeric = items.every((v) => /^-?[\d.]+[a-z%]*$/.test(v));
  return { kind: 'list', values: numeric ? items.map((v) => v.replace(/[a-z%]+$/, '')) : items };
}

/** Parses the option lines of `scanimage -A` output. */
export function parseSaneOptions(output: string): Map<string, SaneOption> {
  const options = new Map<string, SaneOption>();
  for (const line of output.split(/\r?\n/)) {
    const m = OPTION_LINE.exec(line);
    if (m === null || m[1] === undefined) continue;
    const name = m[1].replace(/^-+/, '');
    if (options.has(name)) continue;
    const current = m[5] ?? '';
    options.set(name, {
      name,
      constraint: parseConstraint(m[4], m[3]),
      inactive: current === 'inactive',
    });
  }
  return options;
}

const STANDARD_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600, 1200];

function resolutionsOf(constraint: Constraint | undefined): number[] {
  if (constraint === undefined) return [];
  if (constraint.kind === 'list')
    return constraint.values.map(Number).filter((n) => Number.isFinite(n) && n > 0);
  if (constraint.kind === 'range') {
    return STANDARD_RESOLUTIONS.filter(
      (r) =>
        r >= constraint.min &&
        r <= constraint.max &&
        (constraint.step === undefined || Math.abs(((r - constraint.min) / constraint.step) % 1) < 1e-9),
    );
  }
  return [];
}

/** Whether `dpi` is accepted by the resolution option as declared. */
export function acceptsResolution(constraint: Constraint | undefined, dpi: number): boolean {
  if (constraint === undefined) return false;
  if (constraint.kind === 'list') return constraint.values.some((v) => Number(v) === dpi);
  if (constraint.kind === 'range') {
    if (dpi < constraint.min || dpi > constraint.max) return false;
    return constraint.step === undefined || Math.abs(((dpi - constraint.min) / constraint.step) % 1) < 1e-9;
  }
  return constraint.kind === 'free';
}

function listValues(option: SaneOption | undefined): readonly string[] {
  return option !== undefined && option.constraint.kind === 'list' ? option.constraint.values : [];
}

function modeChoices(options: ReadonlyMap<string, SaneOption>): Partial<Record<ColorMode, ModeChoice>> {
  const modes = listValues(options.get('mode'));
  const pick = (re: RegExp): string | undefined => modes.find((m) => re.test(m));
  const out: Partial<Record<ColorMode, ModeChoice>> = {};
  const lineart = pick(/lineart|binary|black\s*&?\s*white|monochrome|^bw$|halftone/i);
  const gray = pick(/gr[ae]y/i);
  const color = pick(/colou?r|rgb/i);
  if (lineart !== undefined) out.lineart = { mode: lineart, depth: undefined };
  else if (gray !== undefined && listValues(options.get('depth')).includes('1'))
    out.lineart = { mode: gray, depth: 1 };
  if (gray !== undefined)
    out.gray = { mode: gray, depth: listValues(options.get('depth')).includes('8') ? 8 : undefined };
  if (color !== undefined)
    out.color = { mode: color, depth: listValues(options.get('depth')).includes('8') ? 8 : undefined };
  if (modes.length === 0) out.gray = { mode: undefined, depth: undefined }; // a device without a mode option
  return out;
}

function sourceChoices(options: ReadonlyMap<string, SaneOption>): Partial<Record<PaperSource, SourceChoice>> {
  const sources = listValues(options.get('source'));
  const out: Partial<Record<PaperSource, SourceChoice>> = {};
  for (const name of sources) {
    const lower = name.toLowerCase();
    if (lower.includes('duplex')) out['feeder-duplex'] ??= { source: name, extra: [] };
    else if (lower.includes('back'))
      continue; // back side only: not a source the station offers
    else if (/adf|feeder|document|automatic/.test(lower)) out.feeder ??= { source: name, extra: [] };
    else if (/flatbed|glass|platen|normal/.test(lower)) out.flatbed ??= { source: name, extra: [] };
  }
  if (sources.length === 0) out.flatbed = { source: undefined, extra: [] };
  const feeder = out.feeder;
  if (feeder !== undefined && out['feeder-duplex'] === undefined) {
    const adfMode = listValues(options.get('adf-mode')).find((v) => /duplex/i.test(v));
    if (adfMode !== undefined)
      out['feeder-duplex'] = { source: feeder.source, extra: [`--adf-mode=${adfMode}`] };
    else if (options.get('duplex')?.constraint.kind === 'bool') {
      out['feeder-duplex'] = { source: feeder.source, extra: ['--duplex=yes'] };
    }
  }
  return out;
}

function maxOf(options: ReadonlyMap<string, SaneOption>, ...names: string[]): number {
  let max = 0;
  for (const name of names) {
    const c = options.get(name)?.constraint;
    if (c?.kind === 'range') max = Math.max(max, c.max);
  }
  return max;
}

/** The station's view of a SANE device, from its `scanimage -A` output. */
export function saneDeviceProfile(output: string): SaneDeviceProfile {
  const options = parseSaneOptions(output);
  const resolution = options.get('resolution')?.constraint;
  const modes = modeChoices(options);
  const sources = sourceChoices(options);
  const order: readonly PaperSource[] = ['flatbed', 'feeder', 'feeder-duplex'];
  const modeOrder: readonly ColorMode[] = ['lineart', 'gray', 'color'];
  return {
    capabilities: {
      resolutions: resolutionsOf(resolution),
      modes: modeOrder.filter((m) => modes[m] !== undefined),
      sources: order.filter((s) => sources[s] !== undefined),
      maxWidthMm: maxOf(options, 'x', 'page-width'),
      maxHeightMm: maxOf(options, 'y', 'page-height'),
    },
    resolution,
    modes,
    sources,
    options,
  };
}
