/**
 * Reading lines and patches of pixels as gray, whichever raster the page has. Barcode readers want
 * gray (edges between pixels are located by interpolation); a lineart page is read as 0/255.
 */
import type { BitImage, GrayImage } from '../image/raster';

export interface PixelSource {
  readonly width: number;
  readonly height: number;
  /** Copies row y, columns [x0, x1), into out[0 …]. Out-of-page pixels read white. */
  row(y: number, x0: number, x1: number, out: Uint8Array): void;
}

export function pixelSource(image: GrayImage | BitImage): PixelSource {
  if (image.kind === 'gray') {
    return {
      width: image.width,
      height: image.height,
      row(y, x0, x1, out) {
        out.fill(255, 0, x1 - x0);
        if (y < 0 || y >= image.height) return;
        const a = Math.max(0, x0);
        const b = Math.min(image.width, x1);
        if (b > a) out.set(image.data.subarray(y * image.width + a, y * image.width + b), a - x0);
      },
    };
  }
  return {
    width: image.width,
    height: image.height,
    row(y, x0, x1, out) {
      out.fill(255, 0, x1 - x0);
      if (y < 0 || y >= image.height) return;
      const base = y * image.rowBytes;
      for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x += 1) {
        if ((((image.data[base + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1) out[x - x0] = 0;
      }
    },
  };
}

/** A rectangle in pixels, clamped to the page. */
export interface PxRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function clampRect(r: PxRect, width: number, height: number): PxRect {
  const x = Math.max(0, Math.min(width, Math.round(r.x)));
  const y = Math.max(0, Math.min(height, Math.round(r.y)));
  return {
    x,
    y,
    width: Math.max(0, Math.min(width, Math.round(r.x + r.width)) - x),
    height: Math.max(0, Math.min(height, Math.round(r.y + r.height)) - y),
  };
}
