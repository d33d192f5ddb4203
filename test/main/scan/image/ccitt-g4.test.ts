import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bitImage, type BitImage } from '../../../../src/main/scan/image/raster';
import { encodeG4 } from '../../../../src/main/scan/pdf/ccitt-g4';
import { g4Tiff } from '../../../../src/main/scan/pdf/tiff-g4';

/** Decodes our G4 stream with libtiff (via sharp) and returns 1 = black pixels. */
async function decodeWithLibtiff(g4: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const { data, info } = await sharp(g4Tiff(g4, width, height))
    .greyscale()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  expect(info.width).toBe(width);
  expect(info.height).toBe(height);
  return Uint8Array.from(data, (v) => (v < 128 ? 1 : 0));
}

function pixels(image: BitImage): Uint8Array {
  const out = new Uint8Array(image.width * image.height);
  for (let y = 0; y < image.height; y += 1)
    for (let x = 0; x < image.width; x += 1)
      out[y * image.width + x] = ((image.data[y * image.rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
  return out;
}

/** First differing pixel index, or -1: a plain loop, because toEqual on megapixel arrays is very slow. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return i;
  return -1;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function setRun(image: BitImage, y: number, x0: number, x1: number): void {
  for (let x = x0; x < x1; x += 1) {
    const k = y * image.rowBytes + (x >> 3);
    image.data[k] = (image.data[k] ?? 0) | (0x80 >> (x & 7));
  }
}

describe('CCITT G4 encoder, checked by decoding with libtiff', () => {
  it('round-trips runs of every length from 0 to past 2560 in both colours', async () => {
    const width = 2900;
    const lengths = Array.from({ length: 2700 }, (_, i) => i);
    const image = bitImage(width, lengths.length);
    lengths.forEach((n, y) => {
      // A black run of n pixels after a white run of (y % 97) pixels, and the opposite on the far side.
      const start = y % 97;
      setRun(image, y, start, Math.min(width, start + n));
    });
    const g4 = encodeG4(image);
    expect(firstDifference(await decodeWithLibtiff(g4, width, image.height), pixels(image))).toBe(-1);
  });

  it('round-trips random noise and vertical structure (pass and vertical modes)', async () => {
    const rand = seeded(7);
    const image = bitImage(613, 211);
    for (let y = 0; y < image.height; y += 1) {
      for (let x = 0; x < image.width; x += 1) {
        const stripe = Math.floor((x + Math.floor(y / 3)) / 5) % 3 === 0;
        const noise = rand() < 0.08;
        if (stripe !== noise) setRun(image, y, x, x + 1);
      }
    }
    expect(
      firstDifference(await decodeWithLibtiff(encodeG4(image), image.width, image.height), pixels(image)),
    ).toBe(-1);
  });

  it('codes a white page in a few bytes and a black page compactly', () => {
    const white = bitImage(2550, 3300);
    expect(encodeG4(white).length).toBeLessThan(600);
    const black = bitImage(2550, 3300);
    black.data.fill(0xff);
    // pad bits stay white
    for (let y = 0; y < 3300; y += 1) black.data[y * black.rowBytes + black.rowBytes - 1] = 0xfc;
    expect(encodeG4(black).length).toBeLessThan(2000);
  });
});
