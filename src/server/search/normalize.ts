/**
 * Name and case-number normalisation shared by indexing and searching, so both sides agree.
 *
 * A name is kept two ways. `normalizeName`: transliterated to Latin (any-ascii, e.g. Иванов → IVANOV,
 * Ø → O), then upper case A-Z and spaces only (hyphens become spaces: GARCIA-LOPEZ ~ GARCIA LOPEZ);
 * the prefix, trigram and Double Metaphone searches all work on this form, so `Ivanov` finds an
 * order entered as `Иванов` and the other way round. `normalizeNative`: the name in its own script,
 * marks removed, upper case, letters and spaces only; an exact or prefix match on it ranks first.
 */
import anyAscii from 'any-ascii';

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function normalizeName(text: string | undefined): string {
  if (text === undefined) return '';
  const latin = anyAscii(text.normalize('NFC'));
  return collapse(
    latin
      .toUpperCase()
      .replace(/-/g, ' ')
      .replace(/[^A-Z ]/g, ''),
  );
}

export function normalizeNative(text: string | undefined): string {
  if (text === undefined) return '';
  return collapse(
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      .replace(/-/g, ' ')
      .replace(/[^\p{L} ]/gu, ''),
  );
}

/** True when a native form holds letters outside A-Z, so searching it adds something to the Latin form. */
export function isNonLatin(native: string): boolean {
  return /[^A-Z ]/.test(native);
}

export function normalizeCaseNumber(text: string | undefined): string | null {
  if (text === undefined) return null;
  const norm = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return norm === '' ? null : norm;
}
