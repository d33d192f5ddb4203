/**
 * The scan test corpus, generated (never committed): realistic Letter pages at 300 dpi with paper
 * tone, sensor noise, speckle, skew, a low-contrast page, handwriting, cover sheets rendered from
 * our own cover-sheet PDF by pdftoppm, Patch sheets, near-blank backs with bleed-through, a back
 * with a few words, damaged and displaced barcodes, and a 200 dpi cover sheet.
 *
 * Pages are cached as PNG under .tmp/scan-corpus-v<GENERATOR_VERSION>/ (gitignored); bump the
 * version whenever the output of this file changes. Concurrent test files race safely: each builds
 * in its own temp directory and the first rename wins.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { renderCoverSheets, type CoverSheetInfo } from '../../../../src/main/scan/cover-sheet/render';
import { decodePnm } from '../../../../src/main/scan/image/pnm';
import { bleed, contrast, fill, moveBlock, paper, renderSvg, rotate, speckle, type Gray } from './effects';
import {
  fewWordsSvg,
  handwrittenSvg,
  orderFormSvg,
  PAGE_H,
  PAGE_W,
  patchSheetSvg,
  seeded,
} from './svg-pages';

export const GENERATOR_VERSION = 4;

export const DRAFT_A = '3f2c9a1e-77b0-4c1d-9e55-0a1b2c3d4e5f';
export const DRAFT_B = '9b1d7c2e-0f4a-4e8b-a3c6-5d2e1f0a9b8c';
export const DRAFT_C = 'c0ffee00-1234-4abc-8def-0123456789ab';
export const DRAFT_D = 'deadbeef-4321-4cba-9fed-ba9876543210';

export type CorpusPage =
  | 'form-1'
  | 'form-2'
  | 'form-3'
  | 'form-speckled'
  | 'form-skewed'
  | 'form-low-contrast'
  | 'handwritten'
  | 'back-blank-noise'
  | 'back-blank-clean'
  | 'back-few-words'
  | 'cover-a'
  | 'cover-b-skewed'
  | 'cover-c-upside-down'
  | 'cover-d-damaged'
  | 'cover-a-code128-damaged'
  | 'cover-b-code-moved'
  | 'cover-c-200dpi'
  | 'patch-t'
  | 'patch-2';

async function coverGray(info: CoverSheetInfo, dpi: number, dir: string): Promise<Gray> {
  const pdf = await renderCoverSheets([info], { printedAt: '2026-11-02T09:00:00Z', station: 'TEST-STATION' });
  const pdfPath = join(dir, `cover-${info.draftId}.pdf`);
  writeFileSync(pdfPath, pdf);
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-singlefile',
    pdfPath,
    join(dir, `cover-${info.draftId}-${dpi}`),
  ]);
  const raster = decodePnm(readFileSync(join(dir, `cover-${info.draftId}-${dpi}.pgm`)));
  if (raster.kind !== 'gray') throw new Error('pdftoppm -gray gave a bilevel image');
  return { width: raster.width, height: raster.height, data: raster.data };
}

function cover(draftId: string, caseNumber: string): CoverSheetInfo {
  return {
    draftId,
    courtName: 'Superior Court of California, County of Alameda',
    courtOri: 'CA001015J',
    caseNumber,
    formId: 'DV-110',
  };
}

async function build(dir: string): Promise<void> {
  const pt = 300 / 72;
  const pages: [CorpusPage, () => Promise<Gray>][] = [
    ['form-1', async () => paper(await renderSvg(orderFormSvg(1)), seeded(11))],
    ['form-2', async () => paper(await renderSvg(orderFormSvg(2)), seeded(12))],
    ['form-3', async () => paper(await renderSvg(orderFormSvg(3)), seeded(13))],
    [
      'form-speckled',
      async () => speckle(paper(await renderSvg(orderFormSvg(4)), seeded(14)), seeded(15), 4000),
    ],
    ['form-skewed', async () => paper(await rotate(await renderSvg(orderFormSvg(5)), 1.5, 255), seeded(16))],
    [
      'form-low-contrast',
      async () => contrast(paper(await renderSvg(orderFormSvg(6)), seeded(17), 255, 5), 150, 205),
    ],
    ['handwritten', async () => paper(await renderSvg(handwrittenSvg(7)), seeded(18))],
    [
      'back-blank-noise',
      async () =>
        speckle(
          bleed(
            paper(await renderSvg(fewWordsSvg().replace(/<text[\s\S]*<\/text>/, '')), seeded(19), 238, 9),
            await renderSvg(orderFormSvg(8)),
            10,
          ),
          seeded(20),
          150,
        ),
    ],
    [
      'back-blank-clean',
      () =>
        Promise.resolve(
          paper(
            { width: PAGE_W, height: PAGE_H, data: new Uint8Array(PAGE_W * PAGE_H).fill(255) },
            seeded(21),
            240,
            4,
          ),
        ),
    ],
    ['back-few-words', async () => paper(await renderSvg(fewWordsSvg()), seeded(22))],
    ['cover-a', async () => paper(await coverGray(cover(DRAFT_A, 'FL-2026-000101'), 300, dir), seeded(23))],
    [
      'cover-b-skewed',
      async () =>
        speckle(
          paper(
            await rotate(await coverGray(cover(DRAFT_B, 'FL-2026-000202'), 300, dir), -1.2, 255),
            seeded(24),
          ),
          seeded(25),
          1500,
        ),
    ],
    [
      'cover-c-upside-down',
      async () =>
        paper(
          await rotate(await coverGray(cover(DRAFT_C, 'FL-2026-000303'), 300, dir), 180.6, 255),
          seeded(26),
        ),
    ],
    [
      'cover-d-damaged',
      async () => {
        const g = await coverGray(cover(DRAFT_D, 'FL-2026-000404'), 300, dir);
        // A coffee ring over the QR code's finder patterns and a torn strip through the bar code.
        fill(g, Math.round(396 * pt), Math.round(156 * pt), Math.round(110 * pt), Math.round(110 * pt), 60);
        fill(g, Math.round(430 * pt), Math.round(230 * pt), Math.round(140 * pt), Math.round(100 * pt), 255);
        for (let k = 0; k < 12; k += 1)
          fill(
            g,
            Math.round((60 + k * 44) * pt),
            Math.round(362 * pt),
            Math.round(10 * pt),
            Math.round(64 * pt),
            255,
          );
        return paper(g, seeded(27));
      },
    ],
    [
      'cover-a-code128-damaged',
      async () => {
        const g = await coverGray(cover(DRAFT_A, 'FL-2026-000101'), 300, dir);
        for (let k = 0; k < 8; k += 1)
          fill(
            g,
            Math.round((80 + k * 60) * pt),
            Math.round(362 * pt),
            Math.round(14 * pt),
            Math.round(64 * pt),
            255,
          );
        return paper(g, seeded(28));
      },
    ],
    [
      'cover-b-code-moved',
      async () => {
        const g = await coverGray(cover(DRAFT_B, 'FL-2026-000202'), 300, dir);
        // The codes were pasted 80 mm lower than the sheet puts them (a home-made copy).
        const dy = Math.round((80 / 25.4) * 300);
        moveBlock(
          g,
          Math.round(36 * pt),
          Math.round(362 * pt),
          Math.round(540 * pt),
          Math.round(100 * pt),
          dy,
          255,
        );
        moveBlock(
          g,
          Math.round(396 * pt),
          Math.round(156 * pt),
          Math.round(180 * pt),
          Math.round(180 * pt),
          dy + Math.round(120 * pt),
          255,
        );
        return paper(g, seeded(29));
      },
    ],
    [
      'cover-c-200dpi',
      async () =>
        speckle(
          paper(
            await rotate(await coverGray(cover(DRAFT_C, 'FL-2026-000303'), 200, dir), 0.8, 255),
            seeded(30),
          ),
          seeded(31),
          600,
        ),
    ],
    ['patch-t', async () => paper(await renderSvg(patchSheetSvg('NWNW', 'PATCH T')), seeded(32))],
    ['patch-2', async () => paper(await renderSvg(patchSheetSvg('WNNW', 'PATCH 2')), seeded(33))],
  ];
  for (const [name, make] of pages) {
    const g = await make();
    await sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } })
      .withMetadata({ density: name.endsWith('200dpi') ? 200 : 300 })
      .png({ compressionLevel: 1 })
      .toFile(join(dir, `${name}.png`));
  }
  for (const f of readdirSync(dir)) if (!f.endsWith('.png')) rmSync(join(dir, f));
}

export function corpusDir(): string {
  return resolve(import.meta.dirname, '../../../../.tmp', `scan-corpus-v${GENERATOR_VERSION}`);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the corpus if this version is not cached yet; returns its directory. Test files run in
 * parallel processes: one builds (holding a lock directory, which mkdir creates atomically), the
 * others wait for it rather than building the same pages at the same time on the same cores.
 */
export async function ensureCorpus(): Promise<string> {
  const dir = corpusDir();
  const lock = `${dir}.lock`;
  mkdirSync(resolve(dir, '..'), { recursive: true });
  for (;;) {
    if (existsSync(dir)) return dir;
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building. A lock older than 15 minutes belongs to a process that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // The lock went away between the two calls: look again.
      }
      await sleep(500);
      continue;
    }
    const tmp = mkdtempSync(`${dir}.building-`);
    try {
      await build(tmp);
      renameSync(tmp, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** A corpus page's PNG bytes. */
export function corpusPng(dir: string, name: CorpusPage): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, `${name}.png`)));
}

/** The page as a binary PGM (what `scanimage` delivers by default). */
export async function corpusPgm(dir: string, name: CorpusPage): Promise<Uint8Array> {
  const { data, info } = await sharp(join(dir, `${name}.png`))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const header = Buffer.from(`P5\n${info.width} ${info.height}\n255\n`);
  return new Uint8Array(Buffer.concat([header, data]));
}
