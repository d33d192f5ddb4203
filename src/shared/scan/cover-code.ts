/**
 * What the barcode on a cover sheet (the station's own order separator) carries: a draft id and a
 * check character. The check character is also printed beside the id in plain text, so when a
 * barcode is damaged the operator can type the id and a typing mistake is caught.
 *
 * Payload: `CCPOR1:<draftId>:<check>`. Draft ids are 1–64 characters of [A-Za-z0-9_-]. The check
 * character is ISO/IEC 7064 MOD 37,36 (hybrid system) over the id's letters and digits, upper-cased:
 * it catches every single wrong character and every swap of two neighbours.
 */
import type { Problem } from '../errors';

export const COVER_PAYLOAD_PREFIX = 'CCPOR1';
const DRAFT_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function values(draftId: string): number[] {
  return [...draftId.toUpperCase()].filter((c) => ALPHABET.includes(c)).map((c) => ALPHABET.indexOf(c));
}

/** Runs the MOD 37,36 recurrence over `digits`; a string with a correct check character ends at 1. */
function remainder(digits: readonly number[]): number {
  const m = 36;
  let p = m;
  for (const d of digits) {
    let s = (p + d) % m;
    if (s === 0) s = m;
    p = (s * 2) % (m + 1);
  }
  return p;
}

export function isValidDraftIdForCover(draftId: string): boolean {
  return DRAFT_ID_RE.test(draftId) && values(draftId).length > 0;
}

/** The check character of a draft id. */
export function coverCheckChar(draftId: string): string {
  const digits = values(draftId);
  // The check digit c makes the recurrence over digits + c end at s = 1, i.e. (p + c) mod 36 = 1.
  const c = (37 - remainder(digits)) % 36;
  return ALPHABET[c] ?? '0';
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
  const full = /^CCPOR1:([A-Za-z0-9_-]{1,64}):([0-9A-Za-z])$/.exec(trimmed);
  const typed = /^([A-Za-z0-9_-]{1,64})\.([0-9A-Za-z])$/.exec(trimmed);
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
