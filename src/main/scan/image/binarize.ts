/**
 * Gray → bilevel by a local-mean threshold (Bradley–Roth): a pixel is ink when it is clearly darker
 * than the mean of the square window around it. That survives uneven lighting and low-contrast
 * pages where one global threshold fails. Two guards: a pixel must also be darker than the mean
 * by an absolute step (paper noise on a blank back never becomes ink), and anything darker than
 * half the paper level is ink regardless (the inside of a solid bar larger than the window would
 * otherwise turn white).
 *
 * The mean is computed per 8×8 block from an integral image of (sampled) block sums, so a pixel
 * costs one branch-free comparison against its block's threshold and the packing into bits.
 */
import { bitImage, type BitImage, type GrayImage } from './raster';

export interface BinarizeOptions {
  /** Scan resolution, to size the window in physical units. */
  readonly dpi: number;
  /** How much darker than the local mean ink must be, as a fraction (0.15 = 15 %). */
  readonly sensitivity?: number;
  /** Minimum absolute darkness step against the local mean, in gray levels. */
  readonly minContrast?: number;
}

/** The paper level: the 90th percentile of the gray histogram (most of a page is paper). */
export function paperLevel(image: GrayImage): number {
  const hist = new Uint32Array(256);
  const data = image.data;
  // Every 31st pixel is plenty for a histogram of a page.
  for (let i = 0; i < data.length; i += 31) hist[data[i] ?? 0] = (hist[data[i] ?? 0] ?? 0) + 1;
  let total = 0;
  for (const n of hist) total += n;
  let seen = 0;
  for (let v = 0; v < 256; v += 1) {
    seen += hist[v] ?? 0;
    if (seen >= total * 0.9) return v;
  }
  return 255;
}

export function binarize(image: GrayImage, options: BinarizeOptions): BitImage {
  const { width: w, height: h, data } = image;
  const keep = 1 - (options.sensitivity ?? 0.15);
  const minContrast = options.minContrast ?? 14;
  const darkLimit = Math.floor(paperLevel(image) * 0.5);
  // The local mean is taken per 8×8 block over a window of ±R blocks (≈ ±6 mm at 300 dpi): it
  // varies slowly, so one threshold per block is as good as one per pixel at a fraction of the cost.
  const bw = (w + 7) >> 3;
  const bh = (h + 7) >> 3;
  const R = Math.max(2, Math.round((options.dpi * 0.25) / 8));
  const blockSum = new Int32Array(bw * bh);
  const fullBlocks = w >> 3;
  // Block means from two rows of each block (rows 2 and 6): the window averages ~400 blocks, so
  // sampling a quarter of the pixels changes the threshold by far less than the noise, and this
  // pass costs a quarter of a full one.
  for (let y = 2; y < h; y += 4) {
    let p = y * w;
    const ob = (y >> 3) * bw;
    // Hot loop, unrolled by the 8 pixels of a block; indices are in bounds by construction.
    for (let bx = 0; bx < fullBlocks; bx += 1, p += 8) {
      blockSum[ob + bx] =
        (blockSum[ob + bx] as number) +
        (data[p] as number) +
        (data[p + 1] as number) +
        (data[p + 2] as number) +
        (data[p + 3] as number) +
        (data[p + 4] as number) +
        (data[p + 5] as number) +
        (data[p + 6] as number) +
        (data[p + 7] as number);
    }
    for (let x = fullBlocks << 3; x < w; x += 1) {
      blockSum[ob + fullBlocks] = (blockSum[ob + fullBlocks] as number) + (data[y * w + x] as number);
    }
  }
  // Integral image over blocks (sums and pixel counts), one row and column of zeros in front.
  const iw = bw + 1;
  const integral = new Float64Array(iw * (bh + 1));
  const counts = new Float64Array(iw * (bh + 1));
  for (let by = 0; by < bh; by += 1) {
    let rowSum = 0;
    let rowCount = 0;
    // Sampled rows of this block: rows 2 and 6 when the block has them.
    const ph = (h - (by << 3) > 2 ? 1 : 0) + (h - (by << 3) > 6 ? 1 : 0);
    for (let bx = 0; bx < bw; bx += 1) {
      rowSum += blockSum[by * bw + bx] as number;
      rowCount += ph * Math.min(8, w - (bx << 3));
      integral[(by + 1) * iw + bx + 1] = (integral[by * iw + bx + 1] as number) + rowSum;
      counts[(by + 1) * iw + bx + 1] = (counts[by * iw + bx + 1] as number) + rowCount;
    }
  }
  const thr = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by += 1) {
    const y0 = Math.max(0, by - R);
    const y1 = Math.min(bh, by + R + 1);
    for (let bx = 0; bx < bw; bx += 1) {
      const x0 = Math.max(0, bx - R);
      const x1 = Math.min(bw, bx + R + 1);
      const sum =
        (integral[y1 * iw + x1] as number) -
        (integral[y0 * iw + x1] as number) -
        (integral[y1 * iw + x0] as number) +
        (integral[y0 * iw + x0] as number);
      const n =
        (counts[y1 * iw + x1] as number) -
        (counts[y0 * iw + x1] as number) -
        (counts[y1 * iw + x0] as number) +
        (counts[y0 * iw + x0] as number);
      const mean = sum / n;
      // ink when p < thr: darker than keep·mean and than mean − minContrast, or darker than darkLimit.
      const t = Math.ceil(Math.min(mean * keep, mean - minContrast));
      thr[by * bw + bx] = Math.max(0, Math.min(255, Math.max(t, darkLimit + 1)));
    }
  }
  const out = bitImage(w, h);
  const bits = out.data;
  const rowBytes = out.rowBytes;
  for (let y = 0; y < h; y += 1) {
    const o = y * w;
    const ob = y * rowBytes;
    const tb = (y >> 3) * bw;
    for (let bx = 0; bx < fullBlocks; bx += 1) {
      const t = thr[tb + bx] as number;
      const p = o + (bx << 3);
      // Branch-free: (v − t) is negative exactly when v < t, and >>> 31 turns its sign into 1 or 0.
      // Scanned paper is noisy, so a branch per pixel would be mispredicted all the time.
      bits[ob + bx] =
        ((((data[p] as number) - t) >>> 31) << 7) |
        ((((data[p + 1] as number) - t) >>> 31) << 6) |
        ((((data[p + 2] as number) - t) >>> 31) << 5) |
        ((((data[p + 3] as number) - t) >>> 31) << 4) |
        ((((data[p + 4] as number) - t) >>> 31) << 3) |
        ((((data[p + 5] as number) - t) >>> 31) << 2) |
        ((((data[p + 6] as number) - t) >>> 31) << 1) |
        (((data[p + 7] as number) - t) >>> 31);
    }
    if (fullBlocks < bw) {
      const t = thr[tb + fullBlocks] as number;
      let acc = 0;
      for (let x = fullBlocks << 3; x < w; x += 1) if ((data[o + x] as number) < t) acc |= 0x80 >> (x & 7);
      bits[ob + fullBlocks] = acc;
    }
  }
  return out;
}

/** Plain threshold for a page that was already black and white (0/255 after decoding). */
export function thresholdBilevel(image: GrayImage): BitImage {
  const { width: w, height: h, data } = image;
  const out = bitImage(w, h);
  for (let y = 0; y < h; y += 1) {
    const o = y * w;
    const ob = y * out.rowBytes;
    let acc = 0;
    for (let x = 0; x < w; x += 1) {
      acc = (acc << 1) | ((data[o + x] ?? 255) < 128 ? 1 : 0);
      if ((x & 7) === 7) {
        out.data[ob + (x >> 3)] = acc;
        acc = 0;
      }
    }
    if ((w & 7) !== 0) out.data[ob + (w >> 3)] = (acc << (8 - (w & 7))) & 0xff;
  }
  return out;
}
