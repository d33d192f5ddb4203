/** Test images made on the fly: distinct gray PNG pages, and multi-page TIFF files. */
import sharp from 'sharp';

/** A gray PNG whose width encodes `n`, with a recorded resolution. */
export async function pngPage(n: number, dpi = 200): Promise<Buffer> {
  const width = 50 + n;
  const height = 70;
  const raw = Buffer.alloc(width * height, 255);
  raw.fill(0, (n % height) * width, ((n % height) + 1) * width);
  return sharp(raw, { raw: { width, height, channels: 1 } })
    .withMetadata({ density: dpi })
    .png()
    .toBuffer();
}

/**
 * A classic little-endian multi-page TIFF, uncompressed 8-bit gray, one strip per page, with
 * X/YResolution in dpi. Page k is `widths[k]` pixels wide and filled with gray level 40*k.
 */
export function multiPageTiff(widths: readonly number[], height: number, dpi: number): Buffer {
  const parts: Buffer[] = [];
  let offset = 8;
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  parts.push(header);
  const ifdOffsets: number[] = [];
  const entriesPerIfd = 11;
  const ifdSize = 2 + entriesPerIfd * 12 + 4;
  // Layout per page: strip data, resolution rationals (16 bytes), IFD.
  const pages = widths.map((width, k) => ({ width, data: Buffer.alloc(width * height, (40 * k) % 256) }));
  const layout = pages.map((page) => {
    const stripAt = offset;
    offset += page.data.length + (page.data.length % 2);
    const resAt = offset;
    offset += 16;
    const ifdAt = offset;
    offset += ifdSize;
    return { stripAt, resAt, ifdAt };
  });
  header.writeUInt32LE(layout[0]!.ifdAt, 4);
  pages.forEach((page, k) => {
    const { stripAt, resAt, ifdAt } = layout[k]!;
    ifdOffsets.push(ifdAt);
    parts.push(page.data);
    if (page.data.length % 2 === 1) parts.push(Buffer.alloc(1));
    const res = Buffer.alloc(16);
    res.writeUInt32LE(dpi, 0);
    res.writeUInt32LE(1, 4);
    res.writeUInt32LE(dpi, 8);
    res.writeUInt32LE(1, 12);
    parts.push(res);
    const ifd = Buffer.alloc(ifdSize);
    ifd.writeUInt16LE(entriesPerIfd, 0);
    const entries: [number, number, number, number][] = [
      [256, 4, 1, page.width], // ImageWidth
      [257, 4, 1, height], // ImageLength
      [258, 3, 1, 8], // BitsPerSample
      [259, 3, 1, 1], // Compression: none
      [262, 3, 1, 1], // PhotometricInterpretation: BlackIsZero
      [273, 4, 1, stripAt], // StripOffsets
      [277, 3, 1, 1], // SamplesPerPixel
      [278, 4, 1, height], // RowsPerStrip
      [279, 4, 1, page.data.length], // StripByteCounts
      [282, 5, 1, resAt], // XResolution
      [283, 5, 1, resAt + 8], // YResolution
    ];
    entries.forEach(([tag, type, count, value], i) => {
      const at = 2 + i * 12;
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(count, at + 4);
      if (type === 3) ifd.writeUInt16LE(value, at + 8);
      else ifd.writeUInt32LE(value, at + 8);
    });
    ifd.writeUInt32LE(layout[k + 1]?.ifdAt ?? 0, 2 + entriesPerIfd * 12);
    parts.push(ifd);
  });
  return Buffer.concat(parts);
}
