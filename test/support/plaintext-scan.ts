/**
 * Test helper for "nothing in plain text outside the encrypted store": reads every byte of every
 * file under the given folders and reports (a) any of the given words, in UTF-8/Latin-1 or UTF-16
 * and in any letter case, and (b) any file that is a page image or a PDF by its magic bytes (PNG,
 * TIFF, JPEG, PNM at the start; a PNG signature, "%PDF-" or their base64 forms anywhere, which
 * would be an image pasted into a log line or a JSON file). The station's encrypted files (SQLCipher
 * pages, blob and vault files) show none of these.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PlaintextFinding {
  readonly file: string;
  /** The word found, or the kind of image ('PNG', 'PDF', ...). */
  readonly what: string;
}

export interface PlaintextReport {
  /** Every file read (absolute paths). */
  readonly files: readonly string[];
  readonly findings: readonly PlaintextFinding[];
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image or document kind of `bytes` by its magic, or null. */
export function imageKind(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4);
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'PNG';
  if (head.equals(Buffer.from('II*\0', 'latin1')) || head.equals(Buffer.from('MM\0*', 'latin1')))
    return 'TIFF';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (/^P[1-7]\s/.test(bytes.subarray(0, 3).toString('latin1'))) return 'PNM';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'PDF';
  // Embedded further in: a PNG or a PDF written into another file, raw or as base64.
  if (bytes.includes(PNG_SIGNATURE)) return 'PNG (embedded)';
  if (bytes.includes(Buffer.from('%PDF-', 'latin1'))) return 'PDF (embedded)';
  if (bytes.includes(Buffer.from('iVBORw0KGgo', 'latin1'))) return 'PNG (base64)';
  if (bytes.includes(Buffer.from('JVBERi0', 'latin1'))) return 'PDF (base64)';
  return null;
}

function* filesUnder(dir: string): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return; // a folder that does not exist holds nothing
  }
  for (const name of entries) {
    const path = join(dir, name);
    const info = lstatSync(path);
    if (info.isDirectory()) yield* filesUnder(path);
    else if (info.isFile()) yield path;
  }
}

/** Reads every file under `dirs` and reports each word or image found. */
export function scanForPlaintext(dirs: readonly string[], words: readonly string[]): PlaintextReport {
  const files: string[] = [];
  const findings: PlaintextFinding[] = [];
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      files.push(file);
      const bytes = readFileSync(file);
      const folded = bytes.toString('latin1').toLowerCase();
      for (const word of words) {
        const utf16 = [word, word.toLowerCase(), word.toUpperCase()].map((w) => Buffer.from(w, 'utf16le'));
        if (folded.includes(word.toLowerCase()) || utf16.some((w) => bytes.includes(w))) {
          findings.push({ file, what: word });
        }
      }
      const kind = imageKind(bytes);
      if (kind !== null) findings.push({ file, what: kind });
    }
  }
  return { files, findings };
}
