/**
 * Name and case-number normalisation shared by indexing and searching, so both sides agree:
 * accents folded, upper case, punctuation dropped (hyphens become spaces: GARCIA-LOPEZ ~ GARCIA LOPEZ).
 */
export function normalizeName(text: string | undefined): string {
  if (text === undefined) return '';
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/-/g, ' ')
    .replace(/[^A-Z ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normalizeCaseNumber(text: string | undefined): string | null {
  if (text === undefined) return null;
  const norm = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return norm === '' ? null : norm;
}
