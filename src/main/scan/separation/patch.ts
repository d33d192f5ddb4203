/**
 * Patch code reading (Kodak's document-control bars, used as separator sheets by most capture
 * software). A patch is four parallel bars, each wide (0.20 in) or narrow (0.08 in), separated by
 * narrow spaces (0.08 in): 0.80 in overall. Read from the sheet's leading edge:
 *   Patch 1 WWNN · Patch 2 WNNW · Patch 3 WNWN · Patch 4 NWWN · Patch 6 NNWW · Patch T NWNW.
 * Bars parallel to the leading edge are horizontal on the page and read top-down along columns;
 * end-fed patches have vertical bars and are read right-to-left along rows. A patch sheet turned
 * upside down reads reversed (T becomes 3), so any patch counts as a separator-looking page.
 */
import { mmToPx, type BitImage } from '../image/raster';

export type PatchCode = '1' | '2' | '3' | '4' | '6' | 'T';

const CODES: Record<string, PatchCode> = { WWNN: '1', WNNW: '2', WNWN: '3', NWWN: '4', NNWW: '6', NWNW: 'T' };

export interface PatchReading {
  readonly code: PatchCode;
  /** How many sample lines agreed. */
  readonly votes: number;
}

function classify(runs: readonly number[], at: number, narrow: number): PatchCode | null {
  // runs[at] is the white run before the first bar; 7 runs follow: b s b s b s b; then white.
  const quiet = narrow * 1.2;
  if ((runs[at] ?? 0) < quiet || (runs[at + 8] ?? 0) < quiet) return null;
  let word = '';
  for (let k = 1; k <= 7; k += 1) {
    const w = (runs[at + k] ?? 0) / narrow;
    if (k % 2 === 0) {
      if (w < 0.6 || w > 1.5) return null;
    } else if (w >= 0.6 && w <= 1.5) word += 'N';
    else if (w >= 2.0 && w <= 3.2) word += 'W';
    else return null;
  }
  return CODES[word] ?? null;
}

function runsAlong(read: (i: number) => boolean, length: number): number[] {
  const runs: number[] = [];
  let colour = false;
  let n = 0;
  for (let i = 0; i < length; i += 1) {
    const b = read(i);
    if (b === colour) n += 1;
    else {
      runs.push(n);
      colour = b;
      n = 1;
    }
  }
  runs.push(n);
  if (colour) runs.push(0);
  return runs; // starts with white
}

function readLine(runs: readonly number[], narrow: number): PatchCode | null {
  for (let i = 0; i + 8 < runs.length; i += 2) {
    const code = classify(runs, i, narrow);
    if (code) return code;
  }
  return null;
}

/** Finds a patch code on the page; null when fewer than three sample lines read the same code. */
export function readPatchCode(image: BitImage, dpi: number): PatchReading | null {
  const narrow = 0.08 * dpi;
  const step = mmToPx(8, dpi);
  const votes = new Map<PatchCode, number>();
  const vote = (code: PatchCode | null): void => {
    if (code) votes.set(code, (votes.get(code) ?? 0) + 1);
  };
  const { data, rowBytes, width, height } = image;
  for (let x = step; x < width - step / 2; x += step) {
    const byte = x >> 3;
    const mask = 0x80 >> (x & 7);
    vote(
      readLine(
        runsAlong((y) => ((data[y * rowBytes + byte] ?? 0) & mask) !== 0, height),
        narrow,
      ),
    );
  }
  for (let y = step; y < height - step / 2; y += step) {
    const base = y * rowBytes;
    // End-fed: the leading edge is on the right, so read right to left.
    vote(
      readLine(
        runsAlong((i) => {
          const x = width - 1 - i;
          return (((data[base + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1;
        }, width),
        narrow,
      ),
    );
  }
  let best: PatchReading | null = null;
  for (const [code, n] of votes) if (n >= 3 && (!best || n > best.votes)) best = { code, votes: n };
  return best;
}
