/**
 * Blank-page score. The page (less its margins, where scanner shadows and punch holes live) is cut
 * into 8×8-pixel cells, one byte wide; a cell is inked when it holds a few black pixels, and only
 * inked cells in clusters of several cells count: a word is a cluster, dust and noise are not.
 * The score is the share of the content area covered by such clusters, in percent. The decision
 * is a threshold on the score, and the score is kept so the operator can see why.
 */
import { POPCOUNT8, mmToPx, type BitImage } from './raster';

export interface BlankOptions {
  readonly dpi: number;
  /** Margin ignored on every side, in mm. */
  readonly marginMm?: number;
  /** Below this score (percent of the content area) a page is blank. */
  readonly thresholdPercent?: number;
}

export interface BlankResult {
  /** Percent of the content area covered by ink clusters (0 for a clean white page). */
  readonly score: number;
  readonly blank: boolean;
}

export const DEFAULT_BLANK_THRESHOLD_PERCENT = 0.02;
const MIN_PIXELS_PER_CELL = 3;
const MIN_CLUSTER_CELLS = 4;

export function blankScore(image: BitImage, options: BlankOptions): BlankResult {
  const margin = mmToPx(options.marginMm ?? 10, options.dpi);
  const x0 = Math.min(image.rowBytes, Math.ceil(margin / 8));
  const x1 = Math.max(x0, Math.floor((image.width - margin) / 8));
  const y0 = Math.min(image.height, Math.ceil(margin / 8) * 8);
  const cellsY = Math.max(0, Math.floor((image.height - margin - y0) / 8));
  const cellsX = x1 - x0;
  const threshold = options.thresholdPercent ?? DEFAULT_BLANK_THRESHOLD_PERCENT;
  if (cellsX <= 0 || cellsY <= 0) return { score: 0, blank: true };

  const inked = new Uint8Array(cellsX * cellsY);
  const { data, rowBytes } = image;
  for (let cy = 0; cy < cellsY; cy += 1) {
    const rowBase = (y0 + cy * 8) * rowBytes;
    for (let cx = 0; cx < cellsX; cx += 1) {
      let n = 0;
      let k = rowBase + x0 + cx;
      for (let r = 0; r < 8; r += 1, k += rowBytes) n += POPCOUNT8[data[k] ?? 0] ?? 0;
      if (n >= MIN_PIXELS_PER_CELL) inked[cy * cellsX + cx] = 1;
    }
  }
  const significant = clusteredCells(inked, cellsX, cellsY);
  const score = (100 * significant) / (cellsX * cellsY);
  return { score, blank: score < threshold };
}

/** Counts inked cells that belong to 8-connected clusters of at least MIN_CLUSTER_CELLS cells. */
function clusteredCells(inked: Uint8Array, w: number, h: number): number {
  const stack = new Int32Array(inked.length);
  let total = 0;
  for (let start = 0; start < inked.length; start += 1) {
    if (inked[start] !== 1) continue;
    // Flood fill, marking visited cells 2.
    let top = 0;
    stack[top++] = start;
    inked[start] = 2;
    let size = 0;
    while (top > 0) {
      const c = stack[--top] ?? 0;
      size += 1;
      const cx = c % w;
      const cy = (c - cx) / w;
      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = cy + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = cx + dx;
          if (nx < 0 || nx >= w) continue;
          const n = ny * w + nx;
          if (inked[n] === 1) {
            inked[n] = 2;
            stack[top++] = n;
          }
        }
      }
    }
    if (size >= MIN_CLUSTER_CELLS) total += size;
  }
  return total;
}
