/**
 * PDFs that look like scanned orders, made with pdfkit: each page a greyscale "scan" (a JPEG of
 * text-like lines on a slightly noisy page, made with sharp from a seed), so sizes are realistic
 * (tens of KB a page) and every document has its own bytes and SHA-256.
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { Prng } from '../../../../src/server/seed/prng';

/** The seeded generator the demo data uses, as a plain function. */
function prng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

/** One page as a JPEG: `width`×`height` grey pixels with lines of "words". */
async function scanPage(seed: number, width: number, height: number): Promise<Buffer> {
  const random = prng(seed);
  const pixels = Buffer.alloc(width * height, 250);
  // Mostly clean paper with scattered specks, as a 100 dpi greyscale scan looks after despeckling.
  for (let i = 0; i < pixels.length; i += 1)
    if (random() < 0.004) pixels[i] = 120 + Math.floor(random() * 100);
  const lineHeight = Math.round(height / 60);
  for (let y = Math.round(height * 0.08); y < height * 0.92; y += lineHeight * 2) {
    let x = Math.round(width * 0.08);
    while (x < width * 0.9) {
      const word = Math.round(width * (0.02 + random() * 0.06));
      for (let yy = y; yy < y + lineHeight && yy < height; yy += 1) {
        for (let xx = x; xx < x + word && xx < width; xx += 1) {
          pixels[yy * width + xx] = (xx + yy) % 7 === 0 ? 90 : 35;
        }
      }
      x += word + Math.round(width * 0.012);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .jpeg({ quality: 55 })
    .toBuffer();
}

export interface ScanPdfOptions {
  readonly pages?: number;
  readonly seed?: number;
  /** Page image size in pixels (default 850×1100: letter at 100 dpi). */
  readonly width?: number;
  readonly height?: number;
}

export async function scanPdf(options: ScanPdfOptions = {}): Promise<Buffer> {
  const pages = options.pages ?? 1;
  const seed = options.seed ?? 1;
  const width = options.width ?? 850;
  const height = options.height ?? 1100;
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 0,
    autoFirstPage: false,
    info: { CreationDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  for (let page = 0; page < pages; page += 1) {
    const image = await scanPage(seed * 7919 + page, width, height);
    doc.addPage({ size: 'LETTER', margin: 0 });
    doc.image(image, 0, 0, { width: 612, height: 792 });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
