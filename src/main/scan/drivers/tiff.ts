/**
 * Just enough TIFF to split a multi-page file into single-page files without decoding it: the
 * compressed strips (CCITT G4 from a production scanner, LZW, JPEG) are copied byte for byte, so the
 * pipeline can embed them in the PDF without re-encoding. Also the completeness check (every strip
 * inside the file) that tells a truncated TIFF from a whole one, and the page's resolution.
 */
const TYPE_SIZES: Readonly<Record<number, number>> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
};

const TAG = {
  compression: 259,
  stripOffsets: 273,
  stripByteCounts: 279,
  xResolution: 282,
  resolutionUnit: 296,
  tileOffsets: 324,
  tileByteCounts: 325,
} as const;

/** Pointer tags into parts of the file a single-page copy does not carry (EXIF, GPS, sub-IFDs, free lists). */
const DROPPED_TAGS = new Set([288, 289, 330, 513, 514, 34665, 34853, 40965]);

interface TiffEntry {
  readonly tag: number;
  readonly type: number;
  readonly count: number;
  /** The value's raw bytes, in the file's byte order. */
  readonly raw: Uint8Array;
}

export interface TiffPage {
  readonly entries: readonly TiffEntry[];
}

export interface ParsedTiff {
  readonly littleEndian: boolean;
  readonly pages: readonly TiffPage[];
  readonly bytes: Uint8Array;
}

/** Thrown for a file that is not a readable classic TIFF; `truncated` tells an incomplete file. */
export class TiffError extends Error {
  constructor(
    message: string,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

export function isTiff(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0) ||
      (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 0x2a))
  );
}

/** Parses the IFD chain and checks that every page's image data lies inside the file. */
export function parseTiff(bytes: Uint8Array): ParsedTiff {
  if (!isTiff(bytes)) {
    if (bytes.length >= 4 && (bytes[2] === 0x2b || bytes[3] === 0x2b))
      throw new TiffError('BigTIFF is not supported', false);
    throw new TiffError('not a TIFF file', bytes.length < 8);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  const need = (offset: number, length: number, what: string): void => {
    if (offset + length > bytes.length) throw new TiffError(`${what} lies past the end of the file`, true);
  };
  need(0, 8, 'the header');
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  let ifd = view.getUint32(4, le);
  while (ifd !== 0) {
    if (seen.has(ifd) || pages.length > 10_000) throw new TiffError('the page list loops', false);
    seen.add(ifd);
    need(ifd, 2, 'a page directory');
    const count = view.getUint16(ifd, le);
    need(ifd + 2, count * 12 + 4, 'a page directory');
    const entries: TiffEntry[] = [];
    for (let i = 0; i < count; i++) {
      const at = ifd + 2 + i * 12;
      const tag = view.getUint16(at, le);
      const type = view.getUint16(at + 2, le);
      const n = view.getUint32(at + 4, le);
      const size = TYPE_SIZES[type];
      if (size === undefined) continue; // unknown types are skipped, as the TIFF spec asks of readers
      const length = size * n;
      const valueAt = length <= 4 ? at + 8 : view.getUint32(at + 8, le);
      need(valueAt, length, `the value of tag ${tag}`);
      entries.push({ tag, type, count: n, raw: bytes.subarray(valueAt, valueAt + length) });
    }
    const page: TiffPage = { entries };
    for (const block of dataBlocks(page, le)) need(block.offset, block.length, 'image data');
    if (dataBlocks(page, le).length === 0)
      throw new TiffError(`page ${pages.length + 1} has no image data`, false);
    pages.push(page);
    ifd = view.getUint32(ifd + 2 + count * 12, le);
  }
  if (pages.length === 0) throw new TiffError('the file has no pages', false);
  return { littleEndian: le, pages, bytes };
}

function numbers(entry: TiffEntry | undefined, le: boolean): number[] {
  if (entry === undefined) return [];
  const view = new DataView(entry.raw.buffer, entry.raw.byteOffset, entry.raw.byteLength);
  const out: number[] = [];
  for (let i = 0; i < entry.count; i++) {
    if (entry.type === 3) out.push(view.getUint16(i * 2, le));
    else if (entry.type === 4 || entry.type === 13) out.push(view.getUint32(i * 4, le));
    else if (entry.type === 5) out.push(view.getUint32(i * 8, le) / (view.getUint32(i * 8 + 4, le) || 1));
    else if (entry.type === 1) out.push(entry.raw[i] ?? 0);
  }
  return out;
}

function find(page: TiffPage, tag: number): TiffEntry | undefined {
  return page.entries.find((e) => e.tag === tag);
}

function dataBlocks(page: TiffPage, le: boolean): { offset: number; length: number }[] {
  const tiled = find(page, TAG.tileOffsets) !== undefined;
  const offsets = numbers(find(page, tiled ? TAG.tileOffsets : TAG.stripOffsets), le);
  const counts = numbers(find(page, tiled ? TAG.tileByteCounts : TAG.stripByteCounts), le);
  if (offsets.length !== counts.length) throw new TiffError('strip offsets and byte counts disagree', false);
  return offsets.map((offset, i) => ({ offset, length: counts[i] ?? 0 }));
}

/** The page's horizontal resolution in dots per inch, when the file records one. */
export function tiffPageDpi(tiff: ParsedTiff, pageIndex: number): number | undefined {
  const page = tiff.pages[pageIndex];
  if (page === undefined) return undefined;
  const x = numbers(find(page, TAG.xResolution), tiff.littleEndian)[0];
  if (x === undefined || !Number.isFinite(x) || x <= 0) return undefined;
  const unit = numbers(find(page, TAG.resolutionUnit), tiff.littleEndian)[0] ?? 2;
  if (unit === 3) return Math.round(x * 2.54);
  return unit === 2 ? Math.round(x) : undefined;
}

/** A standalone single-page TIFF holding page `pageIndex` (0-based), image data copied unchanged. */
export function extractTiffPage(tiff: ParsedTiff, pageIndex: number): Uint8Array {
  const page = tiff.pages[pageIndex];
  if (page === undefined) throw new RangeError(`TIFF has no page ${pageIndex + 1}`);
  const le = tiff.littleEndian;
  if (numbers(find(page, TAG.compression), le)[0] === 6) {
    // Old-style JPEG keeps its tables behind offsets into the whole file; we do not rewrite those.
    throw new TiffError('old-style JPEG compressed TIFF pages cannot be split', false);
  }
  const tiled = find(page, TAG.tileOffsets) !== undefined;
  const offsetTag = tiled ? TAG.tileOffsets : TAG.stripOffsets;
  const blocks = dataBlocks(page, le);
  const kept = page.entries.filter((e) => !DROPPED_TAGS.has(e.tag)).sort((a, b) => a.tag - b.tag);

  const ifdSize = 2 + kept.length * 12 + 4;
  let cursor = 8 + ifdSize;
  const outOfLine = new Map<TiffEntry, number>();
  const offsetsSize = blocks.length * 4;
  for (const entry of kept) {
    const length = entry.tag === offsetTag ? offsetsSize : entry.raw.length;
    if (length > 4) {
      cursor += cursor % 2; // values start on a word boundary
      outOfLine.set(entry, cursor);
      cursor += length;
    }
  }
  const dataStart = cursor + (cursor % 2);
  const total = dataStart + blocks.reduce((sum, b) => sum + b.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(tiff.bytes.subarray(0, 4), 0);
  view.setUint32(4, 8, le);
  view.setUint16(8, kept.length, le);

  const newOffsets: number[] = [];
  let dataCursor = dataStart;
  for (const block of blocks) {
    out.set(tiff.bytes.subarray(block.offset, block.offset + block.length), dataCursor);
    newOffsets.push(dataCursor);
    dataCursor += block.length;
  }

  kept.forEach((entry, i) => {
    const at = 10 + i * 12;
    view.setUint16(at, entry.tag, le);
    const isOffsets = entry.tag === offsetTag;
    view.setUint16(at + 2, isOffsets ? 4 : entry.type, le);
    view.setUint32(at + 4, isOffsets ? blocks.length : entry.count, le);
    const valueAt = outOfLine.get(entry) ?? at + 8;
    if (outOfLine.has(entry)) view.setUint32(at + 8, valueAt, le);
    if (isOffsets) {
      newOffsets.forEach((offset, k) => {
        view.setUint32(valueAt + k * 4, offset, le);
      });
    }
    if (!isOffsets) out.set(entry.raw, valueAt);
  });
  view.setUint32(8 + 2 + kept.length * 12, 0, le); // one page: no next directory
  return out;
}
