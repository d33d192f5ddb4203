/**
 * In-memory page rasters. Two kinds only: 8-bit gray (one byte a pixel, 0 = black) and bilevel
 * (one bit a pixel, packed MSB first, rows padded to whole bytes, 1 = black: the PBM and CCITT
 * "BlackIs1" convention, so a bilevel page goes to the encoder without a copy).
 */

export interface GrayImage {
  readonly kind: 'gray';
  readonly width: number;
  readonly height: number;
  /** width × height bytes, row-major, 0 = black, 255 = white. */
  readonly data: Uint8Array;
}

export interface BitImage {
  readonly kind: 'bilevel';
  readonly width: number;
  readonly height: number;
  /** Bytes per row: ceil(width / 8). */
  readonly rowBytes: number;
  /** rowBytes × height bytes; bit 7 of byte 0 is the top-left pixel; 1 = black. Pad bits are 0. */
  readonly data: Uint8Array;
}

export type Raster = GrayImage | BitImage;

export function bitImage(width: number, height: number, data?: Uint8Array): BitImage {
  const rowBytes = (width + 7) >> 3;
  return { kind: 'bilevel', width, height, rowBytes, data: data ?? new Uint8Array(rowBytes * height) };
}

/** Number of set bits in each byte value. */
export const POPCOUNT8: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let i = 1; i < 256; i += 1) table[i] = (i & 1) + (table[i >> 1] ?? 0);
  return table;
})();

/** Black pixels in row `y` between byte columns [fromByte, toByte). */
export function rowInk(image: BitImage, y: number, fromByte = 0, toByte = image.rowBytes): number {
  let count = 0;
  const start = y * image.rowBytes;
  const data = image.data;
  for (let i = start + fromByte; i < start + toByte; i += 1) count += POPCOUNT8[data[i] ?? 0] ?? 0;
  return count;
}

/** True when the pixel (x, y) of a bilevel image is black. */
export function isBlack(image: BitImage, x: number, y: number): boolean {
  return (((image.data[y * image.rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1;
}

/** Expands a bilevel image to gray (black 0, white 255): for barcode reading of lineart scans. */
export function bitToGray(image: BitImage): GrayImage {
  const out = new Uint8Array(image.width * image.height);
  out.fill(255);
  for (let y = 0; y < image.height; y += 1) {
    const row = y * image.rowBytes;
    const o = y * image.width;
    for (let x = 0; x < image.width; x += 1) {
      if ((((image.data[row + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1) out[o + x] = 0;
    }
  }
  return { kind: 'gray', width: image.width, height: image.height, data: out };
}

/** Millimetres to pixels at a resolution. */
export function mmToPx(mm: number, dpi: number): number {
  return Math.round((mm * dpi) / 25.4);
}
