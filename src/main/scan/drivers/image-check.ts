/**
 * Recognises an image file by its bytes and checks that it is whole, without decoding pixels (that
 * is the pipeline's job, in its workers). Catches what drivers meet: a truncated transfer, a file
 * still being written, a PDF or some other file where an image was expected.
 */
import type { ScannedPage } from '../driver';
import { scanFailure } from './scan-error';
import { isTiff, parseTiff, TiffError, tiffPageDpi, type ParsedTiff } from './tiff';

export type PageFormat = ScannedPage['format'];

export interface ImageInfo {
  readonly format: PageFormat;
  /** More than one only for multi-page TIFF. */
  readonly pageCount: number;
  /** Resolution recorded in the file (first page), when there is one. */
  readonly dpi: number | undefined;
  /** The parsed structure, for splitting a multi-page TIFF. */
  readonly tiff?: ParsedTiff;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

/** Identifies and checks an image; throws a ScanFailure (CORRUPT_IMAGE or UNSUPPORTED_FORMAT) otherwise. */
export function inspectImage(bytes: Uint8Array, name: string): ImageInfo {
  if (bytes.length === 0) throw scanFailure('CORRUPT_IMAGE', `${name} is empty`);
  if (startsWith(bytes, PNG_SIGNATURE)) return checkPng(bytes, name);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return checkJpeg(bytes, name);
  if (isTiff(bytes)) return checkTiff(bytes, name);
  if (/^P[1-6]\s/.test(ascii(bytes, 0, 3))) return checkPnm(bytes, name);
  if (ascii(bytes, 0, 5) === '%PDF-') {
    throw scanFailure(
      'UNSUPPORTED_FORMAT',
      `${name} is a PDF; set the capture software to save TIFF, PNG or JPEG`,
    );
  }
  throw scanFailure('UNSUPPORTED_FORMAT', `${name} is not a TIFF, PNG, JPEG or PNM image`);
}

function checkPng(bytes: Uint8Array, name: string): ImageInfo {
  // A whole PNG ends with the IEND chunk; a truncated one does not.
  if (bytes.length < 33 || ascii(bytes, bytes.length - 8, bytes.length - 4) !== 'IEND') {
    throw scanFailure('CORRUPT_IMAGE', `${name} is an incomplete PNG (no end marker)`);
  }
  return { format: 'png', pageCount: 1, dpi: pngDpi(bytes) };
}

function pngDpi(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, at + 8);
    if (type === 'pHYs' && length >= 9 && bytes[at + 16] === 1) {
      return Math.round(view.getUint32(at + 8) * 0.0254); // pixels per metre
    }
    if (type === 'IDAT' || type === 'IEND') return undefined;
    at += 12 + length;
  }
  return undefined;
}

function checkJpeg(bytes: Uint8Array, name: string): ImageInfo {
  // Some devices pad after the end-of-image marker: look for it near the end.
  const tail = bytes.subarray(Math.max(0, bytes.length - 64));
  let whole = false;
  for (let i = tail.length - 2; i >= 0 && !whole; i--) whole = tail[i] === 0xff && tail[i + 1] === 0xd9;
  if (!whole) throw scanFailure('CORRUPT_IMAGE', `${name} is an incomplete JPEG (no end marker)`);
  return { format: 'jpeg', pageCount: 1, dpi: jpegDpi(bytes) };
}

/** Resolution from the JFIF header (APP0) or, as many scanners and libvips write it, EXIF (APP1). */
function jpegDpi(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break; // image data starts: no header after this
    const length = view.getUint16(at + 2);
    const body = at + 4;
    if (marker === 0xe0 && ascii(bytes, body, body + 4) === 'JFIF' && length >= 14) {
      const units = bytes[body + 7];
      const x = view.getUint16(body + 8);
      if (units === 1 && x > 0) return x;
      if (units === 2 && x > 0) return Math.round(x * 2.54);
    }
    if (marker === 0xe1 && ascii(bytes, body, body + 4) === 'Exif') {
      const dpi = exifDpi(bytes.subarray(body + 6, at + 2 + length));
      if (dpi !== undefined) return dpi;
    }
    at += 2 + length;
  }
  return undefined;
}

/** XResolution and ResolutionUnit from the first IFD of an EXIF block (a small TIFF). */
function exifDpi(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const le = tiff[0] === 0x49;
  const ifd = view.getUint32(4, le);
  if (ifd + 2 > tiff.length) return undefined;
  let x: number | undefined;
  let unit = 2;
  for (let i = 0; i < view.getUint16(ifd, le); i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    const tag = view.getUint16(entry, le);
    if (tag === 296) unit = view.getUint16(entry + 8, le);
    if (tag === 282) {
      const offset = view.getUint32(entry + 8, le);
      if (offset + 8 <= tiff.length) x = view.getUint32(offset, le) / (view.getUint32(offset + 4, le) || 1);
    }
  }
  if (x === undefined || !(x > 0)) return undefined;
  if (unit === 3) return Math.round(x * 2.54);
  return unit === 2 ? Math.round(x) : undefined;
}

function checkTiff(bytes: Uint8Array, name: string): ImageInfo {
  try {
    const tiff = parseTiff(bytes);
    return { format: 'tiff', pageCount: tiff.pages.length, dpi: tiffPageDpi(tiff, 0), tiff };
  } catch (error) {
    if (error instanceof TiffError && !error.truncated && error.message.startsWith('BigTIFF')) {
      throw scanFailure('UNSUPPORTED_FORMAT', `${name}: ${error.message}`);
    }
    const why = error instanceof Error ? error.message : String(error);
    throw scanFailure('CORRUPT_IMAGE', `${name}: ${why}`);
  }
}

/** Binary PNM (P4 bitmap, P5 gray, P6 colour) as scanimage writes it: header, then exact raster size. */
function checkPnm(bytes: Uint8Array, name: string): ImageInfo {
  const magic = ascii(bytes, 0, 2);
  const fields: number[] = [];
  const wanted = magic === 'P1' || magic === 'P4' ? 2 : 3;
  let at = 2;
  while (fields.length < wanted && at < bytes.length) {
    const c = bytes[at] ?? 0;
    if (c === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a) at++; // comment to end of line
    } else if (c >= 0x30 && c <= 0x39) {
      let n = 0;
      while (at < bytes.length && (bytes[at] ?? 0) >= 0x30 && (bytes[at] ?? 0) <= 0x39)
        n = n * 10 + (bytes[at++] ?? 0) - 0x30;
      fields.push(n);
      continue;
    }
    at++;
  }
  const [width = 0, height = 0, maxval = 1] = fields;
  if (fields.length < wanted || width <= 0 || height <= 0 || maxval <= 0) {
    throw scanFailure('CORRUPT_IMAGE', `${name} has an incomplete PNM header`);
  }
  const rasterStart = at + 1; // one whitespace byte separates the header from the raster
  const sample = maxval > 255 ? 2 : 1;
  const expected =
    magic === 'P4'
      ? Math.ceil(width / 8) * height
      : magic === 'P5'
        ? width * height * sample
        : magic === 'P6'
          ? width * height * 3 * sample
          : 0;
  if (bytes.length - rasterStart < expected) {
    throw scanFailure(
      'CORRUPT_IMAGE',
      `${name} is an incomplete PNM image (${bytes.length - rasterStart} of ${expected} bytes)`,
    );
  }
  return { format: 'pnm', pageCount: 1, dpi: undefined };
}
