/**
 * Order PDFs checked with poppler: pdfimages lists how each page image is encoded (no
 * re-encoding), pdftoppm renders pages to check orientation, pdfinfo reads the metadata.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bitImage, type BitImage } from '../../../../src/main/scan/image/raster';
import { encodeG4 } from '../../../../src/main/scan/pdf/ccitt-g4';
import { renderOrderPdf, type PdfRotation } from '../../../../src/main/scan/pdf/order-pdf';
import type { EncodedPageImage } from '../../../../src/main/scan/worker/page-task';

const DPI = 50;
const W = 425; // Letter at 50 dpi
const H = 550;

/** A page black in its top-left quarter only, to see where the top-left ends up. */
function markedPage(): BitImage {
  const img = bitImage(W, H);
  for (let y = 0; y < H / 4; y += 1)
    for (let x = 0; x < W / 4; x += 1) img.data[y * img.rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  return img;
}

const meta = {
  title: 'Alameda_FL-1_DV-110_20261129_001.pdf',
  courtName: 'Superior Court of California, County of Alameda',
  courtOri: 'CA001015J',
  caseNumber: 'FL-2026-000001',
  formId: 'DV-110',
  station: 'S1',
  createdAt: '2026-11-29T18:00:00.000Z',
};

async function rendered(
  dir: string,
  pdf: Uint8Array,
  name: string,
): Promise<{ width: number; height: number; dark: (fx: number, fy: number) => boolean }> {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  execFileSync('pdftoppm', ['-r', '20', '-gray', '-png', '-singlefile', path, join(dir, name)]);
  const { data, info } = await sharp(join(dir, `${name}.png`))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    dark: (fx, fy) =>
      (data[Math.floor(fy * info.height) * info.width + Math.floor(fx * info.width)] ?? 255) < 128,
  };
}

describe('order PDF', () => {
  it('embeds G4, 1-bit Flate and JPEG pages as they are, on Letter pages, with metadata', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'order-pdf-'));
    const bits = markedPage();
    const g4 = encodeG4(bits);
    const jpeg = new Uint8Array(
      await sharp({ create: { width: W, height: H, channels: 3, background: '#808080' } })
        .toColourspace('b-w')
        .jpeg()
        .toBuffer(),
    );
    const pages: EncodedPageImage[] = [
      { encoding: 'ccitt-g4', width: W, height: H, dpi: DPI, bytes: g4 },
      {
        encoding: 'flate-1bit',
        width: W,
        height: H,
        dpi: DPI,
        bytes: new Uint8Array(deflateSync(bits.data)),
      },
      { encoding: 'jpeg', width: W, height: H, dpi: DPI, bytes: jpeg },
    ];
    const pdf = await renderOrderPdf(
      pages.map((image) => ({ image, rotation: 0 })),
      meta,
    );
    const path = join(dir, 'order.pdf');
    writeFileSync(path, pdf);
    execFileSync('qpdf', ['--check', path]);
    const list = execFileSync('pdfimages', ['-list', path]).toString().split('\n').slice(2).filter(Boolean);
    expect(list.map((l) => l.trim().split(/\s+/).slice(2, 8).join(' '))).toEqual([
      `image ${W} ${H} gray 1 1`,
      `image ${W} ${H} gray 1 1`,
      `image ${W} ${H} gray 1 8`,
    ]);
    expect(list.map((l) => l.trim().split(/\s+/)[8])).toEqual(['ccitt', 'image', 'jpeg']);
    // The JPEG went in byte for byte (no re-encoding): pdfimages -j extracts it unchanged.
    execFileSync('pdfimages', ['-j', '-f', '3', '-l', '3', path, join(dir, 'x')]);
    expect(Buffer.compare(readFileSync(join(dir, 'x-000.jpg')), Buffer.from(jpeg))).toBe(0);

    const info = execFileSync('pdfinfo', [path]).toString();
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    expect(info).toContain(`Title:           ${meta.title}`);
    expect(info).toMatch(/Subject:\s+Superior Court of California, County of Alameda, case FL-2026-000001/);
    expect(info).toMatch(/Keywords:\s+FL-2026-000001, CA001015J, DV-110/);

    for (const [i, expectDark] of [true, true].entries()) {
      const page = await rendered(
        dir,
        await renderOrderPdf([{ image: pages[i]!, rotation: 0 }], meta),
        `p${i}`,
      );
      expect([page.dark(0.1, 0.1), page.dark(0.6, 0.6), page.dark(0.9, 0.1)]).toEqual([
        expectDark,
        false,
        false,
      ]);
    }
  });

  it.each<[PdfRotation, [number, number], [number, number]]>([
    [90, [0.9, 0.1], [0.1, 0.9]],
    [180, [0.9, 0.9], [0.1, 0.1]],
    [270, [0.1, 0.9], [0.9, 0.1]],
  ])('turns a page %s° clockwise as a transform', async (rotation, darkAt, lightAt) => {
    const dir = mkdtempSync(join(tmpdir(), 'order-pdf-'));
    const image: EncodedPageImage = {
      encoding: 'ccitt-g4',
      width: W,
      height: H,
      dpi: DPI,
      bytes: encodeG4(markedPage()),
    };
    const page = await rendered(dir, await renderOrderPdf([{ image, rotation }], meta), 'r');
    expect(page.width > page.height).toBe(rotation !== 180);
    expect(page.dark(...darkAt)).toBe(true);
    expect(page.dark(...lightAt)).toBe(false);
  });

  it('is a pure function of its input', async () => {
    const image: EncodedPageImage = {
      encoding: 'ccitt-g4',
      width: W,
      height: H,
      dpi: DPI,
      bytes: encodeG4(markedPage()),
    };
    const a = await renderOrderPdf([{ image, rotation: 0 }], meta);
    const b = await renderOrderPdf([{ image, rotation: 0 }], meta);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });
});
