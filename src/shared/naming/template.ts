/**
 * File naming convention engine. A template such as `{county}_{case}_{form}_{date}_{seq}` is parsed
 * once, then rendered for each order into a name that is safe on Windows, macOS and Linux.
 *
 * Tokens:
 *   {court}   the court's ORI                     {county}  the county name
 *   {case}    the case number                     {form}    the form, e.g. DV-110
 *   {type}    the order type code, e.g. TRO       {station} the station's name
 *   {date}    the document date, YYYYMMDD; or {date:YYYY-MM-DD}, {date:YYMMDD}, {date:MMDDYYYY}
 *   {seq}     the sequence number, 3 digits; or {seq:N} for N digits (1–6)
 * A token with no value (a case number not yet typed) renders empty and its separator collapses.
 */
import { CodedError } from '../errors';

export const DEFAULT_NAMING_TEMPLATE = '{county}_{case}_{form}_{date}_{seq}';
/** Longest file name (extension included) we produce: well inside Windows' 255 and MAX_PATH headroom. */
export const MAX_FILE_NAME_LENGTH = 180;

export const NAMING_TOKENS = ['court', 'county', 'case', 'form', 'type', 'date', 'seq', 'station'] as const;
export type NamingToken = (typeof NAMING_TOKENS)[number];

const DATE_FORMATS = ['YYYYMMDD', 'YYYY-MM-DD', 'YYMMDD', 'MMDDYYYY'] as const;
type DateFormat = (typeof DATE_FORMATS)[number];

export type TemplatePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'token'; readonly token: Exclude<NamingToken, 'date' | 'seq'> }
  | { readonly kind: 'date'; readonly format: DateFormat }
  | { readonly kind: 'seq'; readonly width: number };

export interface NamingTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  readonly hasSequence: boolean;
}

export class NamingTemplateError extends CodedError {
  constructor(code: string, message: string) {
    super(code, message, 'namingTemplate');
  }
}

const TOKEN_RE = /\{([^{}]*)\}/g;

function parseToken(body: string): TemplatePart {
  const [name = '', arg, ...rest] = body.split(':');
  if (rest.length > 0) throw new NamingTemplateError('BAD_TOKEN', `"{${body}}" has more than one ":".`);
  if (!(NAMING_TOKENS as readonly string[]).includes(name)) {
    throw new NamingTemplateError(
      'UNKNOWN_TOKEN',
      `"{${name}}" is not a naming token. Use one of: ${NAMING_TOKENS.map((t) => `{${t}}`).join(' ')}.`,
    );
  }
  if (name === 'date') {
    const format = (arg ?? 'YYYYMMDD') as DateFormat;
    if (!DATE_FORMATS.includes(format)) {
      throw new NamingTemplateError(
        'BAD_DATE_FORMAT',
        `"{date:${arg ?? ''}}": the date format must be one of ${DATE_FORMATS.join(', ')}.`,
      );
    }
    return { kind: 'date', format };
  }
  if (name === 'seq') {
    const width = arg === undefined ? 3 : Number(arg);
    if (!Number.isInteger(width) || width < 1 || width > 6) {
      throw new NamingTemplateError(
        'BAD_SEQ_WIDTH',
        `"{seq:${arg ?? ''}}": the sequence width must be a whole number from 1 to 6.`,
      );
    }
    return { kind: 'seq', width };
  }
  if (arg !== undefined) throw new NamingTemplateError('BAD_TOKEN', `"{${name}}" takes no format.`);
  return { kind: 'token', token: name as Exclude<NamingToken, 'date' | 'seq'> };
}

/** Parses a template, or throws a NamingTemplateError that says what to fix. */
export function parseNamingTemplate(source: string): NamingTemplate {
  if (source.trim() === '') throw new NamingTemplateError('EMPTY_TEMPLATE', 'The naming template is empty.');
  if (source.length > 200)
    throw new NamingTemplateError('TEMPLATE_TOO_LONG', 'The naming template is longer than 200 characters.');
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN_RE)) {
    if (match.index > last) parts.push({ kind: 'literal', text: source.slice(last, match.index) });
    parts.push(parseToken(match[1] ?? ''));
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ kind: 'literal', text: source.slice(last) });
  for (const part of parts) {
    if (part.kind === 'literal' && /[{}]/.test(part.text)) {
      throw new NamingTemplateError(
        'UNBALANCED_BRACE',
        'The template has a "{" or "}" that does not close a token.',
      );
    }
  }
  if (!parts.some((p) => p.kind !== 'literal')) {
    throw new NamingTemplateError(
      'NO_TOKENS',
      'The template has no tokens: every order would get the same name.',
    );
  }
  return { source, parts, hasSequence: parts.some((p) => p.kind === 'seq') };
}
