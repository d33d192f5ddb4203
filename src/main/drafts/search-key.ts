/**
 * Name keys for local search: upper case, accents dropped, anything but letters and spaces removed,
 * so "Núñez-Peña, José" is found by "nunez". The keys live only inside the encrypted database.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so a typed '%' or '_' matches itself. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
