/**
 * Small page images for the review grid (JPEG, 120 px wide, as data URLs): decoded from the stored
 * page image whatever its encoding, with sharp (libvips, off the JavaScript thread). Kept small on
 * purpose: a 100-page batch is a grid of 100 of them, and the renderer must stay responsive.
 */
import { assertNever } from '../../../shared/errors';
import sharp, { type Sharp } from 'sharp';
import { inflateSync } from 'node:zlib';
import { g4Tiff } from '../pdf/tiff-g4';
import type { PageImageStore } from '../pipeline/image-store';
import type { StoredPageImage } from '../pipeline/model';

export const THUMBNAIL_WIDTH = 120;
const CACHE_LIMIT = 400;

/** 1-bit rows (1 = black, rows padded to a byte) to 8-bit gray (0 = black). */
function expandBits(packed: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = Math.ceil(width / 8);
  const out = Buffer.alloc(width * height, 255);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const byte = packed[y * rowBytes + (x >> 3)] ?? 0;
      if ((byte >> (7 - (x & 7))) & 1) out[y * width + x] = 0;
    }
  }
  return out;
}

function decoder(image: StoredPageImage, bytes: Uint8Array): Sharp {
  switch (image.encoding) {
    case 'ccitt-g4':
      return sharp(g4Tiff(bytes, image.width, image.height, image.dpi));
    case 'flate-1bit':
      return sharp(expandBits(inflateSync(bytes), image.width, image.height), {
        raw: { width: image.width, height: image.height, channels: 1 },
      });
    case 'jpeg':
      return sharp(bytes);
    default:
      return assertNever(image.encoding, 'image encoding');
  }
}

export class ThumbnailCache {
  readonly #cache = new Map<string, string>();

  constructor(private readonly images: PageImageStore) {}

  async get(image: StoredPageImage): Promise<string> {
    const hit = this.#cache.get(image.ref);
    if (hit !== undefined) return hit;
    const bytes = await this.images.get(image.ref);
    const jpeg = await decoder(image, bytes)
      .resize({ width: THUMBNAIL_WIDTH, kernel: 'linear' })
      .jpeg({ quality: 60 })
      .toBuffer();
    const url = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    if (this.#cache.size >= CACHE_LIMIT) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(image.ref, url);
    return url;
  }
}
