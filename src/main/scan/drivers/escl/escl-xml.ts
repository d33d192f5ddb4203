/**
 * The eSCL (AirScan/Mopria) XML documents the driver reads and writes: ScannerCapabilities,
 * ScannerStatus and ScanSettings. Namespaces are dropped when reading (devices spell prefixes
 * differently); lengths are in eSCL's unit, three-hundredths of an inch.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ColorMode, PaperSource } from '../../driver';

export const SCAN_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

const ARRAY_TAGS = new Set([
  'ColorMode',
  'DocumentFormat',
  'DocumentFormatExt',
  'DiscreteResolution',
  'SettingProfile',
  'AdfOption',
  'JobInfo',
]);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ARRAY_TAGS.has(name),
});

type Node = unknown;

function child(node: Node, name: string): Node {
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[name] : undefined;
}

function children(node: Node, name: string): Node[] {
  const value = child(node, name);
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as Node[]) : [value];
}

function text(node: Node, name?: string): string | undefined {
  const value = name === undefined ? node : child(node, name);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function num(node: Node, name: string): number | undefined {
  const value = Number(text(node, name));
  return Number.isFinite(value) ? value : undefined;
}

/** Thrown for XML that is not the document expected (a captive portal page, a printer's web UI). */
export class EsclXmlError extends Error {}

function parse(xml: string, root: string): Node {
  let doc: Node;
  try {
    doc = parser.parse(xml);
  } catch (error) {
    throw new EsclXmlError(`malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const node = child(doc, root);
  if (node === undefined) throw new EsclXmlError(`expected a ${root} document`);
  return node;
}

export interface InputCaps {
  readonly maxWidth: number;
  readonly maxHeight: number;
  readonly colorModes: readonly string[];
  readonly formats: readonly string[];
  /** Resolutions with equal X and Y, or a range to pick standard values from. */
  readonly resolutions: readonly number[];
  readonly range: { readonly min: number; readonly max: number; readonly step: number } | undefined;
}

export interface EsclCapabilities {
  readonly makeAndModel: string;
  readonly manufacturer: string;
  readonly version: string;
  /** Per station source: the device's input caps for it. */
  readonly inputs: Partial<Record<PaperSource, InputCaps>>;
  /** Whether DocumentFormatExt was advertised (eSCL 2.1+), so we send it too. */
  readonly formatExt: boolean;
}

function inputCaps(node: Node): InputCaps | undefined {
  if (node === undefined) return undefined;
  const colorModes = new Set<string>();
  const formats = new Set<string>();
  const resolutions = new Set<number>();
  let range: InputCaps['range'];
  for (const profile of children(child(node, 'SettingProfiles'), 'SettingProfile')) {
    for (const mode of children(child(profile, 'ColorModes'), 'ColorMode')) {
      const m = text(mode);
      if (m !== undefined) colorModes.add(m);
    }
    const formatNode = child(profile, 'DocumentFormats');
    for (const f of [
      ...children(formatNode, 'DocumentFormat'),
      ...children(formatNode, 'DocumentFormatExt'),
    ]) {
      const v = text(f);
      if (v !== undefined) formats.add(v.toLowerCase());
    }
    const supported = child(profile, 'SupportedResolutions');
    for (const r of children(child(supported, 'DiscreteResolutions'), 'DiscreteResolution')) {
      const x = num(r, 'XResolution');
      const y = num(r, 'YResolution');
      if (x !== undefined && x === y) resolutions.add(x);
    }
    const xr = child(child(supported, 'ResolutionRange'), 'XResolutionRange');
    const min = num(xr, 'Min');
    const max = num(xr, 'Max');
    if (min !== undefined && max !== undefined) range = { min, max, step: num(xr, 'Step') ?? 1 };
  }
  return {
    maxWidth: num(node, 'MaxWidth') ?? 0,
    maxHeight: num(node, 'MaxHeight') ?? 0,
    colorModes: [...colorModes],
    formats: [...formats],
    resolutions: [...resolutions].sort((a, b) => a - b),
    range,
  };
}

export function parseCapabilities(xml: string): EsclCapabilities {
  const root = parse(xml, 'ScannerCapabilities');
  const adf = child(root, 'Adf');
  const platen = inputCaps(child(child(root, 'Platen'), 'PlatenInputCaps'));
  const simplex = inputCaps(child(adf, 'AdfSimplexInputCaps'));
  const duplexOption = children(child(adf, 'AdfOptions'), 'AdfOption').some((o) => text(o) === 'Duplex');
  // Devices that can duplex but publish no separate duplex caps use the simplex caps for both.
  const duplex = inputCaps(child(adf, 'AdfDuplexInputCaps')) ?? (duplexOption ? simplex : undefined);
  const inputs: Partial<Record<PaperSource, InputCaps>> = {};
  if (platen !== undefined) inputs.flatbed = platen;
  if (simplex !== undefined) inputs.feeder = simplex;
  if (duplex !== undefined) inputs['feeder-duplex'] = duplex;
  return {
    makeAndModel: text(root, 'MakeAndModel') ?? 'eSCL scanner',
    manufacturer: text(root, 'Manufacturer') ?? '',
    version: text(root, 'Version') ?? '2.0',
    inputs,
    formatExt: xml.includes('DocumentFormatExt'),
  };
}

export interface EsclStatus {
  /** Idle, Processing, Testing, Stopped, Down. */
  readonly state: string | undefined;
  /** ScannerAdfLoaded, ScannerAdfEmpty, ScannerAdfJam, ScannerAdfDoorOpen, ... */
  readonly adfState: string | undefined;
}

export function parseStatus(xml: string): EsclStatus {
  const root = parse(xml, 'ScannerStatus');
  return { state: text(root, 'State'), adfState: text(root, 'AdfState') };
}

/** eSCL colour-mode names per station mode, best first. */
export const COLOR_MODES: Readonly<Record<ColorMode, readonly string[]>> = {
  lineart: ['BlackAndWhite1'],
  gray: ['Grayscale8', 'Grayscale16'],
  color: ['RGB24', 'RGB48'],
};

export interface EsclScanRequest {
  readonly version: string;
  readonly source: PaperSource;
  readonly colorMode: string;
  readonly resolution: number;
  readonly format: string;
  readonly formatExt: boolean;
  /** Three-hundredths of an inch. */
  readonly width: number;
  readonly height: number;
}

/** The ScanSettings document POSTed to /ScanJobs. */
export function scanSettingsXml(r: EsclScanRequest): string {
  const feeder = r.source !== 'flatbed';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<scan:ScanSettings xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">`,
    `  <pwg:Version>${r.version}</pwg:Version>`,
    '  <scan:Intent>Document</scan:Intent>',
    '  <pwg:ScanRegions>',
    '    <pwg:ScanRegion>',
    '      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    '      <pwg:XOffset>0</pwg:XOffset>',
    '      <pwg:YOffset>0</pwg:YOffset>',
    `      <pwg:Width>${Math.round(r.width)}</pwg:Width>`,
    `      <pwg:Height>${Math.round(r.height)}</pwg:Height>`,
    '    </pwg:ScanRegion>',
    '  </pwg:ScanRegions>',
    `  <pwg:InputSource>${feeder ? 'Feeder' : 'Platen'}</pwg:InputSource>`,
    ...(feeder ? [`  <scan:Duplex>${r.source === 'feeder-duplex' ? 'true' : 'false'}</scan:Duplex>`] : []),
    `  <scan:ColorMode>${r.colorMode}</scan:ColorMode>`,
    `  <scan:XResolution>${r.resolution}</scan:XResolution>`,
    `  <scan:YResolution>${r.resolution}</scan:YResolution>`,
    `  <pwg:DocumentFormat>${r.format}</pwg:DocumentFormat>`,
    ...(r.formatExt ? [`  <scan:DocumentFormatExt>${r.format}</scan:DocumentFormatExt>`] : []),
    '</scan:ScanSettings>',
  ].join('\n');
}

/** Reads a ScanSettings document (used by the test responder; devices parse their own). */
export function parseScanSettings(xml: string): Record<string, string | undefined> {
  const root = parse(xml, 'ScanSettings');
  const region = child(child(root, 'ScanRegions'), 'ScanRegion');
  return {
    inputSource: text(root, 'InputSource'),
    duplex: text(root, 'Duplex'),
    // These names are lists in capabilities documents, so the parser hands them over as arrays.
    colorMode: text(children(root, 'ColorMode')[0]),
    xResolution: text(root, 'XResolution'),
    documentFormat: text(children(root, 'DocumentFormatExt')[0]) ?? text(children(root, 'DocumentFormat')[0]),
    width: text(region, 'Width'),
    height: text(region, 'Height'),
  };
}
