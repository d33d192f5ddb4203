/**
 * Netpbm decoder (P1–P6), the format `scanimage` writes by default. sharp's prebuilt libvips has
 * no PNM loader, and this one hands a P4 (lineart) scan over as a bilevel raster with no copy of
 * its pixels beyond the header strip: PBM's bit layout is ours.
 */
import { MAX_PAGE_PIXELS, PageError } from './page-error';
import { bitImage, type BitImage, type GrayImage } from './raster';

interface Header {
  readonly magic: string;
  readonly width: number;
  readonly height: number;
  readonly maxval: number;
  readonly dataOffset: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}

function readHeader(bytes: Uint8Array): Header {
  if (bytes.length < 3 || bytes[0] !== 0x50 /* P */) {
    throw new PageError('CORRUPT_IMAGE', 'The page is not a PNM image (no "P" magic number).');
  }
  const kind = bytes[1] ?? 0;
  if (kind < 0x31 || kind > 0x36) {
    throw new PageError('UNSUPPORTED_FORMAT', `PNM type "P${String.fromCharCode(kind)}" is not supported.`);
  }
  const magic = `P${String.fromCharCode(kind)}`;
  const fieldCount = magic === 'P1' || magic === 'P4' ? 2 : 3;
  const fields: number[] = [];
  let i = 2;
  while (fields.length < fieldCount) {
    while (i < bytes.length && isSpace(bytes[i] ?? 0)) i += 1;
    if (i < bytes.length && bytes[i] === 0x23 /* # comment */) {
      while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i += 1;
      continue;
    }
    let value = 0;
    let digits = 0;
    while (i < bytes.length && (bytes[i] ?? 0) >= 0x30 && (bytes[i] ?? 0) <= 0x39) {
      value = value * 10 + ((bytes[i] ?? 0) - 0x30);
      digits += 1;
      i += 1;
    }
    if (digits === 0 && i >= bytes.length)
      throw new PageError('TRUNCATED_IMAGE', 'The PNM image ends inside its header.');
    if (digits === 0 || digits > 9) {
      throw new PageError('CORRUPT_IMAGE', 'The PNM header is damaged (a size field is missing).');
    }
    fields.push(value);
  }
  // Exactly one whitespace byte separates the header from binary pixel data.
  if (i >= bytes.length || !isSpace(bytes[i] ?? 0)) {
    throw new PageError('TRUNCATED_IMAGE', 'The PNM image ends inside its header.');
  }
  const [width = 0, height = 0, maxval = 1] = fields;
  if (width < 1 || height < 1) throw new PageError('CORRUPT_IMAGE', 'The PNM image has no pixels.');
  if (width * height > MAX_PAGE_PIXELS) {
    throw new PageError(
      'IMAGE_TOO_LARGE',
      `The page is ${width}×${height} pixels, larger than any page we accept.`,
    );
  }
  if (maxval < 1 || maxval > 65535) throw new PageError('CORRUPT_IMAGE', `PNM maxval ${maxval} is invalid.`);
  return { magic, width, height, maxval, dataOffset: i + 1 };
}

function truncated(expected: number, got: number): PageError {
  return new PageError(
    'TRUNCATED_IMAGE',
    `The page image is cut short: ${got} of ${expected} bytes of pixel data arrived.`,
  );
}

/** Decodes any PNM flavour into a bilevel (P1, P4) or 8-bit gray (P2, P3, P5, P6) raster. */
export function decodePnm(bytes: Uint8Array): GrayImage | BitImage {
  const h = readHeader(bytes);
  const { width, height, maxval } = h;
  const body = bytes.subarray(h.dataOffset);
  if (h.magic === 'P4') {
    const out = bitImage(width, height);
    const need = out.rowBytes * height;
    if (body.length < need) throw truncated(need, body.length);
    out.data.set(body.subarray(0, need));
    // Pad bits are unspecified in PBM; clear them so they never read as ink.
    const pad = out.rowBytes * 8 - width;
    if (pad > 0) {
      const mask = (0xff << pad) & 0xff;
      for (let y = 0; y < height; y += 1) {
        const k = y * out.rowBytes + out.rowBytes - 1;
        out.data[k] = (out.data[k] ?? 0) & mask;
      }
    }
    return out;
  }
  if (h.magic === 'P1' || h.magic === 'P2' || h.magic === 'P3') return decodePlain(h, body);
  const channels = h.magic === 'P6' ? 3 : 1;
  const sampleBytes = maxval > 255 ? 2 : 1;
  const need = width * height * channels * sampleBytes;
  if (body.length < need) throw truncated(need, body.length);
  if (channels === 1 && sampleBytes === 1 && maxval === 255) {
    // The common case (scanimage's 8-bit gray): the pixels are used where they are, no copy.
    return { kind: 'gray', width, height, data: body.subarray(0, need) };
  }
  const gray = new Uint8Array(width * height);
  {
    const scale = 255 / maxval;
    const n = width * height;
    for (let p = 0; p < n; p += 1) {
      let v: number;
      if (channels === 1) {
        v = sampleBytes === 1 ? (body[p] ?? 0) : ((body[2 * p] ?? 0) << 8) | (body[2 * p + 1] ?? 0);
      } else {
        const o = p * 3 * sampleBytes;
        const s = (k: number): number =>
          sampleBytes === 1 ? (body[o + k] ?? 0) : ((body[o + 2 * k] ?? 0) << 8) | (body[o + 2 * k + 1] ?? 0);
        // Rec. 601 luma, as scanners' own gray modes use.
        v = 0.299 * s(0) + 0.587 * s(1) + 0.114 * s(2);
      }
      gray[p] = Math.min(255, Math.round(v * scale));
    }
  }
  return { kind: 'gray', width, height, data: gray };
}

/** Plain (ASCII) PNM: rare from scanners, kept for completeness; slow but correct. */
function decodePlain(h: Header, body: Uint8Array): GrayImage | BitImage {
  const channels = h.magic === 'P3' ? 3 : 1;
  const need = h.width * h.height * channels;
  const values: number[] = [];
  let i = 0;
  while (values.length < need && i < body.length) {
    const c = body[i] ?? 0;
    if (isSpace(c)) {
      i += 1;
      continue;
    }
    if (h.magic === 'P1') {
      values.push(c === 0x31 ? 1 : 0);
      i += 1;
      continue;
    }
    let v = 0;
    while (i < body.length && (body[i] ?? 0) >= 0x30 && (body[i] ?? 0) <= 0x39) {
      v = v * 10 + ((body[i] ?? 0) - 0x30);
      i += 1;
    }
    if (!isSpace(body[i] ?? 0x20) && i < body.length)
      throw new PageError('CORRUPT_IMAGE', 'Plain PNM data is damaged.');
    values.push(v);
  }
  if (values.length < need) throw truncated(need, values.length);
  if (h.magic === 'P1') {
    const out = bitImage(h.width, h.height);
    values.forEach((v, p) => {
      if (v === 1) {
        const x = p % h.width;
        const y = Math.floor(p / h.width);
        const k = y * out.rowBytes + (x >> 3);
        out.data[k] = (out.data[k] ?? 0) | (0x80 >> (x & 7));
      }
    });
    return out;
  }
  const gray = new Uint8Array(h.width * h.height);
  for (let p = 0; p < gray.length; p += 1) {
    const v =
      channels === 1
        ? (values[p] ?? 0)
        : 0.299 * (values[3 * p] ?? 0) + 0.587 * (values[3 * p + 1] ?? 0) + 0.114 * (values[3 * p + 2] ?? 0);
    gray[p] = Math.min(255, Math.round((v * 255) / h.maxval));
  }
  return { kind: 'gray', width: h.width, height: h.height, data: gray };
}
