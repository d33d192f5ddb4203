/**
 * Decoding a page as a driver delivered it into a raster. PNM is ours (sharp has no PNM loader);
 * PNG, JPEG and TIFF go through sharp (libvips), which also applies a pixel limit against
 * decompression bombs. Every failure becomes a PageError that names the page's problem.
 */
import sharp from 'sharp';
import type { ScannedPage } from '../driver';
import { MAX_PAGE_PIXELS, PageError } from './page-error';
import { decodePnm } from './pnm';
import type { BitImage, GrayImage } from './raster';

export interface DecodedPage {
  readonly raster: GrayImage | BitImage;
  /** Set when the source is a gray baseline/progressive JPEG that a PDF can carry as it is. */
  readonly grayJpeg?: Uint8Array | undefined;
  /** True when the source was already 1 bit per pixel (a lineart PNG or TIFF decoded to 0/255). */
  readonly sourceBilevel: boolean;
}

const MAGIC: Record<Exclude<ScannedPage['format'], 'pnm'>, readonly (readonly number[])[]> = {
  png: [[0x89, 0x50, 0x4e, 0x47]],
  jpeg: [[0xff, 0xd8, 0xff]],
  tiff: [
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a],
  ],
};

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function sharpFailure(error: unknown, format: string): PageError {
  const text = error instanceof Error ? error.message : String(error);
  if (/pixel limit|too large/i.test(text)) {
    return new PageError(
      'IMAGE_TOO_LARGE',
      `The ${format.toUpperCase()} page is larger than any page we accept.`,
    );
  }
  if (/truncat|premature end|unexpected end|read error|short/i.test(text)) {
    return new PageError('TRUNCATED_IMAGE', `The ${format.toUpperCase()} page image is cut short (${text}).`);
  }
  return new PageError('CORRUPT_IMAGE', `The ${format.toUpperCase()} page image cannot be read (${text}).`);
}

/** Decodes the bytes of one page. Throws PageError for anything it cannot read. */
export async function decodePage(format: string, bytes: Uint8Array): Promise<DecodedPage> {
  if (bytes.length === 0) throw new PageError('TRUNCATED_IMAGE', 'The page image is empty (0 bytes).');
  if (format === 'pnm') {
    const raster = decodePnm(bytes);
    return { raster, sourceBilevel: raster.kind === 'bilevel' };
  }
  if (format !== 'png' && format !== 'jpeg' && format !== 'tiff') {
    throw new PageError(
      'UNSUPPORTED_FORMAT',
      `Page format "${format}" is not supported (PNM, PNG, JPEG or TIFF).`,
    );
  }
  if (!MAGIC[format].some((m) => startsWith(bytes, m))) {
    throw new PageError(
      'CORRUPT_IMAGE',
      `The page was delivered as ${format.toUpperCase()} but its bytes are not a ${format.toUpperCase()} image.`,
    );
  }
  try {
    const input = sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_PAGE_PIXELS });
    const meta = await input.metadata();
    const { data, info } = await input
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`unexpected ${info.channels} channels after greyscale`);
    const gray = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const raster: GrayImage = { kind: 'gray', width: info.width, height: info.height, data: gray };
    const sourceBilevel = meta.bitsPerSample === 1;
    const grayJpeg = format === 'jpeg' && meta.channels === 1 ? bytes : undefined;
    return { raster, grayJpeg, sourceBilevel };
  } catch (error) {
    if (error instanceof PageError) throw error;
    throw sharpFailure(error, format);
  }
}
