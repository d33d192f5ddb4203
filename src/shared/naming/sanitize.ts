/**
 * Making any text safe inside a file name on every desktop OS. Names are reduced to ASCII letters,
 * digits, '-', '_' and '.', because court file shares are reached from Windows, macOS and Linux, by
 * scanners' own software, and by e-mail: the strictest of them wins.
 */

/** Windows device names, refused as a name's stem whatever the extension. */
const RESERVED_STEMS = new Set([
  'CON',
  'PRN',
  'AUX',
  'NUL',
  'CLOCK$',
  'CONIN$',
  'CONOUT$',
  ...Array.from({ length: 10 }, (_, i) => `COM${i}`),
  ...Array.from({ length: 10 }, (_, i) => `LPT${i}`),
  'COM¹',
  'COM²',
  'COM³',
  'LPT¹',
  'LPT²',
  'LPT³',
]);

/** Text of a token value or literal: accents dropped, anything else outside [A-Za-z0-9._-] becomes '-'. */
export function sanitizeFragment(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9._-]/g, '-');
}

const SEPARATORS = /[-_.]/;

/** Collapses runs of separators (left by empty tokens) and trims them from both ends. */
export function tidySeparators(name: string): string {
  let out = '';
  for (const ch of name) {
    const prev = out.at(-1);
    if (SEPARATORS.test(ch) && prev !== undefined && SEPARATORS.test(prev)) continue;
    out += ch;
  }
  return out.replace(/^[-_.]+/, '').replace(/[-_.]+$/, '');
}

/** A token value's own leading or trailing separators would double the template's: drop them. */
export function trimSeparators(text: string): string {
  return text.replace(/^[-_.]+/, '').replace(/[-_.]+$/, '');
}

/** Guards against device names (CON, COM1, …) that Windows refuses to create. */
export function avoidReservedName(stem: string): string {
  const head = stem.split('.')[0] ?? '';
  return RESERVED_STEMS.has(head.toUpperCase()) ? `_${stem}` : stem;
}

/** True when `name` is safe: our character set, no reserved stem, no leading/trailing dot or space. */
export function isPortableFileName(name: string, maxLength: number): boolean {
  if (name.length === 0 || name.length > maxLength) return false;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return false;
  if (name.startsWith('.') || name.endsWith('.')) return false;
  const head = name.split('.')[0] ?? '';
  return !RESERVED_STEMS.has(head.toUpperCase());
}
