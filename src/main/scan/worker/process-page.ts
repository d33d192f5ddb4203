/**
 * One page, start to finish, as a worker runs it: decode → bilevel analysis image → blank score →
 * separator reading → encode for the PDF. A pure function of its task (no I/O), so tests call it
 * directly and the worker is only a message loop around it.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { CodedError } from '../../../shared/errors';
import { binarize, thresholdBilevel } from '../image/binarize';
import { blankScore } from '../image/blank';
import { decodePage } from '../image/decode';
import { despeckle } from '../image/despeckle';
import { levelsAsLinear, levelsOf } from '../image/levels';
import { PageError } from '../image/page-error';
import type { BitImage, GrayImage } from '../image/raster';
import { encodeG4 } from '../pdf/ccitt-g4';
import { readSeparator } from '../separation/read-separator';
import { pixelSource } from '../separation/sampler';
import type { EncodedPageImage, PageTask, PageTaskResult } from './page-task';

/** Levels (paper to white, see levels.ts) and JPEG in one libvips pipeline: no JavaScript pass over pixels. */
async function encodeGray(gray: GrayImage, quality: number): Promise<Uint8Array> {
  const { a, b } = levelsAsLinear(levelsOf(gray));
  const jpeg = await sharp(gray.data, { raw: { width: gray.width, height: gray.height, channels: 1 } })
    // libvips truncates when it casts back to 8 bits; +0.5 makes that a rounding, as in applyLevels.
    .linear(a, b + 0.5)
    // One channel out: without b-w, libvips writes a 3-channel (sRGB) JPEG, 3× the data for nothing.
    .toColourspace('b-w')
    // Huffman tables fitted to the page (libvips' default): ~8 % smaller on text and ~60 % smaller on
    // a near-white page (default tables spend 6 bits on every empty block), for ~40 ms more a page.
    .jpeg({ quality, mozjpeg: false, optimiseCoding: true })
    .toBuffer();
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
}

function encodeBits(bits: BitImage, encoding: 'g4' | 'flate'): Uint8Array {
  if (encoding === 'g4') return encodeG4(bits);
  const z = deflateSync(bits.data, { level: 6 });
  return new Uint8Array(z.buffer, z.byteOffset, z.byteLength);
}

export async function processPage(task: PageTask): Promise<PageTaskResult> {
  const { index, options } = task;
  const dpi = task.resolutionDpi;
  try {
    if (!Number.isFinite(dpi) || dpi < 50 || dpi > 1200) {
      throw new PageError(
        'BAD_RESOLUTION',
        `The scanner reported ${dpi} dpi for this page; 50–1200 dpi is expected.`,
      );
    }
    const t0 = performance.now();
    const decoded = await decodePage(task.format, task.bytes);
    const t1 = performance.now();
    const raster = decoded.raster;
    let bits: BitImage =
      raster.kind === 'bilevel'
        ? raster
        : decoded.sourceBilevel
          ? thresholdBilevel(raster)
          : binarize(raster, { dpi });
    if (options.despeckle) bits = despeckle(bits);
    const blank = blankScore(bits, { dpi, thresholdPercent: options.blankThresholdPercent });
    const separator = readSeparator(bits, pixelSource(raster), dpi);
    const t2 = performance.now();

    let image: EncodedPageImage;
    let passthrough = false;
    const gray = raster.kind === 'gray' && !decoded.sourceBilevel ? raster : null;
    if (options.output === 'gray' && gray) {
      passthrough = decoded.grayJpeg !== undefined;
      const bytes = decoded.grayJpeg ?? (await encodeGray(gray, options.jpegQuality));
      image = { encoding: 'jpeg', width: gray.width, height: gray.height, dpi, bytes };
    } else {
      const encoding = options.bilevelEncoding === 'g4' ? 'ccitt-g4' : 'flate-1bit';
      image = {
        encoding,
        width: bits.width,
        height: bits.height,
        dpi,
        bytes: encodeBits(bits, options.bilevelEncoding),
      };
    }
    const t3 = performance.now();
    return {
      ok: true,
      index,
      image,
      blank,
      separator,
      passthrough,
      timings: { decodeMs: t1 - t0, analyseMs: t2 - t1, encodeMs: t3 - t2 },
    };
  } catch (error) {
    const problem =
      error instanceof CodedError
        ? error.toProblem()
        : { code: 'CORRUPT_IMAGE', message: `The page could not be processed: ${String(error)}` };
    return { ok: false, index, error: problem };
  }
}
