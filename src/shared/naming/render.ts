/**
 * Rendering a parsed naming template for one order, and choosing a name no existing file has.
 */
import { assertNever } from '../errors';
import { parseIsoDate } from '../util/dates';
import { avoidReservedName, sanitizeFragment, tidySeparators, trimSeparators } from './sanitize';
import { MAX_FILE_NAME_LENGTH, type NamingTemplate, type TemplatePart } from './template';

export interface NamingInput {
  readonly courtOri: string;
  readonly county: string;
  readonly caseNumber?: string | undefined;
  readonly formId?: string | undefined;
  readonly orderType?: string | undefined;
  /** The document date (ISO): the issue date when known, else the day it was scanned. */
  readonly date: string;
  readonly station: string;
}

export interface RenderOptions {
  /** Extension with its dot. */
  readonly extension?: string;
  readonly maxLength?: number;
}

function formatDate(iso: string, format: string): string {
  const d = parseIsoDate(iso);
  if (!d) return '';
  const yyyy = String(d.year).padStart(4, '0');
  const mm = String(d.month).padStart(2, '0');
  const dd = String(d.day).padStart(2, '0');
  switch (format) {
    case 'YYYY-MM-DD':
      return `${yyyy}-${mm}-${dd}`;
    case 'YYMMDD':
      return `${yyyy.slice(2)}${mm}${dd}`;
    case 'MMDDYYYY':
      return `${mm}${dd}${yyyy}`;
    default:
      return `${yyyy}${mm}${dd}`;
  }
}

function tokenValue(part: Extract<TemplatePart, { kind: 'token' }>, input: NamingInput): string {
  switch (part.token) {
    case 'court':
      return input.courtOri;
    case 'county':
      return input.county;
    case 'case':
      return input.caseNumber ?? '';
    case 'form':
      return input.formId ?? '';
    case 'type':
      return input.orderType ?? '';
    case 'station':
      return input.station;
    default:
      return assertNever(part.token, 'naming token');
  }
}

/** Renders the template with `sequence`, shortening the longest values until the name fits. */
export function renderFileName(
  template: NamingTemplate,
  input: NamingInput,
  sequence: number,
  options: RenderOptions = {},
): string {
  const extension = options.extension ?? '.pdf';
  const maxLength = options.maxLength ?? MAX_FILE_NAME_LENGTH;
  // Values that may be shortened are kept apart from the fixed ones (literals, date, sequence).
  const pieces = template.parts.map((part) => {
    switch (part.kind) {
      case 'literal':
        return { text: sanitizeFragment(part.text), shrinkable: false };
      case 'date':
        return { text: formatDate(input.date, part.format), shrinkable: false };
      case 'seq':
        return { text: String(sequence).padStart(part.width, '0'), shrinkable: false };
      case 'token':
        return { text: trimSeparators(sanitizeFragment(tokenValue(part, input))), shrinkable: true };
      default:
        return assertNever(part, 'template part');
    }
  });
  if (!template.hasSequence && sequence > 1) pieces.push({ text: `_${sequence}`, shrinkable: false });

  const build = (): string =>
    avoidReservedName(tidySeparators(pieces.map((p) => p.text).join('')) || 'order');
  let stem = build();
  while (stem.length + extension.length > maxLength) {
    const longest = pieces
      .filter((p) => p.shrinkable && p.text.length > 0)
      .sort((a, b) => b.text.length - a.text.length)[0];
    if (!longest) {
      // Only fixed parts are left (a very long literal): cut the end, keeping the name valid.
      stem = avoidReservedName(
        tidySeparators(stem.slice(0, Math.max(1, maxLength - extension.length - 1))) || 'order',
      );
      break;
    }
    longest.text = trimSeparators(longest.text.slice(0, longest.text.length - 1));
    stem = build();
  }
  return `${stem}${extension}`;
}

/**
 * The first name, counting the sequence up from `firstSequence`, that `exists` says is free.
 * `exists` should compare case-insensitively: Windows and macOS file systems do. Callers still write
 * with an exclusive create, so a file that appears in between is never overwritten.
 */
export function chooseFreeFileName(
  template: NamingTemplate,
  input: NamingInput,
  exists: (name: string) => boolean,
  options: RenderOptions & { readonly firstSequence?: number; readonly maxAttempts?: number } = {},
): { name: string; sequence: number } {
  const first = options.firstSequence ?? 1;
  const attempts = options.maxAttempts ?? 100_000;
  for (let sequence = first; sequence < first + attempts; sequence += 1) {
    const name = renderFileName(template, input, sequence, options);
    if (!exists(name)) return { name, sequence };
  }
  throw new Error(`No free file name after ${attempts} attempts for template ${template.source}`);
}
