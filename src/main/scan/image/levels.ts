/**
 * Gray normalisation for pages kept in gray: a white point and a black point from the page's own
 * histogram, applied through a lookup table. Paper (with its grain and the sensor's noise) becomes
 * clean white, which is most of what a JPEG of a scanned page spends its bytes on; faint text on a
 * low-contrast page is stretched to full contrast. Ink is never clipped to white: the white point
 * sits below the paper, far above any ink.
 */
import type { GrayImage } from './raster';

function histogram(data: Uint8Array): { hist: Uint32Array; total: number } {
  const hist = new Uint32Array(256);
  let total = 0;
  for (let i = 0; i < data.length; i += 13) {
    const v = data[i] as number;
    hist[v] = (hist[v] as number) + 1;
    total += 1;
  }
  return { hist, total };
}

function percentile(hist: Uint32Array, total: number, p: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v += 1) {
    seen += hist[v] as number;
    if (seen >= total * p) return v;
  }
  return 255;
}

export interface Levels {
  /** Gray level that becomes white (255) and everything above it. */
  readonly white: number;
  /** Gray level that becomes black (0) and everything below it. */
  readonly black: number;
}

/** The page's white and black points, from a sampled histogram. */
export function levelsOf(image: GrayImage): Levels {
  const { hist, total } = histogram(image.data);
  // Paper: the 90th percentile is inside the paper's noise band; a margin below it whitens the band.
  const white = Math.max(64, percentile(hist, total, 0.9) - 24);
  // Ink: the 0.5th percentile, but never closer than 48 levels to white (a blank page stays calm).
  const black = Math.max(0, Math.min(percentile(hist, total, 0.005), white - 48));
  return { white, black };
}

/** The same mapping as `a·v + b` (clamped to 0…255), for libvips' linear operation. */
export function levelsAsLinear({ white, black }: Levels): { a: number; b: number } {
  const a = 255 / (white - black);
  return { a, b: -black * a };
}

/** Applies the levels in JavaScript (tests and callers without sharp; the worker uses libvips). */
export function applyLevels(image: GrayImage): GrayImage {
  const { a, b } = levelsAsLinear(levelsOf(image));
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v += 1) lut[v] = Math.max(0, Math.min(255, Math.round(a * v + b)));
  const src = image.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += 1) out[i] = lut[src[i] as number] as number;
  return { ...image, data: out };
}
