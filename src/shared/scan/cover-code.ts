/**
 * What the barcode on a cover sheet (the station's own order separator) carries: a draft id and a
 * check character. The check character is also printed beside the id in plain text, so when a
 * barcode is damaged the operator can type the id and a typing mistake is caught.
 *
 * Payload: `CCPOR1:<draftId>:<check>`. Draft ids are 1–64 characters of [A-Za-z0-9_-]. The check
 * character is ISO/IEC 7064 MOD 37-2 over the id's letters and digits, upper-cased (0–9, A–Z, or
 * '*'): 37 is prime and 2 generates every non-zero residue, so every single wrong character and
 * every swap of two neighbours changes it. (The hybrid MOD 37,36 misses some swaps, e.g. IJ ↔ JI.)
 */
import type { Problem } from '../errors';

export const COVER_PAYLOAD_PREFIX = 'CCPOR1';
const DRAFT_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CHECK_ALPHABET = `${ALPHABET}*`;

function values(draftId: string): number[] {
  return Array.from(draftId.toUpperCase())
    .filter((c) => ALPHABET.includes(c))
    .map((c) => ALPHABET.indexOf(c));
}

/** The MOD 37-2 recurrence over `digits`: P ← 2·(P + a) mod 37. */
function remainder(digits: readonly number[]): number {
  let p = 0;
  for (const d of digits) p = ((p + d) * 2) % 37;
  return p;
}

export function isValidDraftIdForCover(draftId: string): boolean {
  return DRAFT_ID_RE.test(draftId) && values(draftId).length > 0;
}

/** The check character of a draft id. */
export function coverCheckChar(draftId: string): string {
  // The check value c makes (P + c) mod 37 = 1; 36 is written '*'.
  const c = (38 - remainder(values(draftId))) % 37;
  return CHECK_ALPHABET[c] ?? '0';
}

export function encodeCoverPayload(draftId: string): string {
  if (!isValidDraftIdForCover(draftId)) {
    throw new Error(`Draft id "${draftId}" cannot go on a cover sheet (1–64 of A–Z, a–z, 0–9, "_", "-").`);
  }
  return `${COVER_PAYLOAD_PREFIX}:${draftId}:${coverCheckChar(draftId)}`;
}

/** The id as printed for people: the id, a dot, the check character (e.g. "D-7F3K9.Q"). */
export function humanCoverCode(draftId: string): string {
  return `${draftId}.${coverCheckChar(draftId)}`;
}

export type CoverPayloadResult =
  { readonly ok: true; readonly draftId: string } | { readonly ok: false; readonly problem: Problem };

/**
 * Parses a decoded barcode text or a code the operator typed (`<id>.<check>` or the full payload).
 * Anything else (someone else's barcode on a page, a misread) is refused with a reason.
 */
export function parseCoverPayload(text: string): CoverPayloadResult {
  const trimmed = text.trim();
  let id: string;
  let check: string;
  const full = /^CCPOR1:([A-Za-z0-9_-]{1,64}):([0-9A-Za-z*])$/.exec(trimmed);
  const typed = /^([A-Za-z0-9_-]{1,64})\.([0-9A-Za-z*])$/.exec(trimmed);
  if (full) {
    id = full[1] ?? '';
    check = full[2] ?? '';
  } else if (typed) {
    id = typed[1] ?? '';
    check = typed[2] ?? '';
  } else {
    return {
      ok: false,
      problem: {
        code: 'NOT_A_COVER_CODE',
        message: 'This is not a CCPOR cover-sheet code.',
        field: 'coverCode',
      },
    };
  }
  if (!isValidDraftIdForCover(id) || coverCheckChar(id) !== check.toUpperCase()) {
    return {
      ok: false,
      problem: {
        code: 'BAD_CHECK_CHARACTER',
        message: 'The cover-sheet code does not check out: a character is wrong or two are swapped.',
        field: 'coverCode',
      },
    };
  }
  return { ok: true, draftId: id };
}
