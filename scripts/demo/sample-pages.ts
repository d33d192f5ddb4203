/**
 * Sample paper for the demo's hot-folder scanner: three orders separated by Patch T sheets,
 * generated as 300 dpi grayscale PNGs at first start (never committed). The page drawings are the
 * scan test corpus's (test/scan/corpus/svg-pages.ts), so the demo shows what the pipeline is tested on.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { handwrittenSvg, orderFormSvg, patchSheetSvg } from '../../test/main/scan/corpus/svg-pages';

/** The stack, in feeder order: a Patch T sheet starts each order. */
export const SAMPLE_STACK: readonly { name: string; svg: () => string }[] = [
  { name: 'patch-1', svg: () => patchSheetSvg('NWNW', 'PATCH T') },
  { name: 'order-1-page-1', svg: () => orderFormSvg(1) },
  { name: 'order-1-page-2', svg: () => handwrittenSvg(2) },
  { name: 'patch-2', svg: () => patchSheetSvg('NWNW', 'PATCH T') },
  { name: 'order-2-page-1', svg: () => orderFormSvg(3) },
  { name: 'patch-3', svg: () => patchSheetSvg('NWNW', 'PATCH T') },
  { name: 'order-3-page-1', svg: () => orderFormSvg(5) },
  { name: 'order-3-page-2', svg: () => orderFormSvg(6) },
];

/**
 * Prints a small imprint at the foot of the page, as scanners' imprinters do. It also makes every
 * sheet of every batch unique: the hot folder rightly refuses a second copy of a page it has taken.
 */
function withImprint(svg: string, imprint: string): string {
  const text = `<text x="150" y="3240" font-family="Liberation Sans" font-size="28" fill="#555" stroke="none">${imprint.replace(/[<>&]/g, '')}</text>`;
  return svg.replace(/<\/svg>\s*$/, `${text}</svg>`);
}

export async function renderSamplePage(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg))
    .greyscale()
    .png({ compressionLevel: 9 })
    .withMetadata({ density: 300 })
    .toBuffer();
}

/**
 * Writes the sample stack into `folder` as the capture software would: each file complete under a
 * temporary name, then renamed, numbered so the order of the stack is the order of the files.
 * Returns the number of pages written.
 */
export async function dropSampleBatch(folder: string, prefix = 'scan'): Promise<number> {
  mkdirSync(folder, { recursive: true });
  const staging = join(folder, '..', `${prefix}-staging`);
  mkdirSync(staging, { recursive: true });
  let n = 0;
  for (const page of SAMPLE_STACK) {
    n += 1;
    const name = `${prefix}-${String(n).padStart(3, '0')}-${page.name}.png`;
    const temp = join(staging, name);
    writeFileSync(
      temp,
      await renderSamplePage(withImprint(page.svg(), `${prefix} ${new Date().toISOString()} sheet ${n}`)),
    );
    renameSync(temp, join(folder, name));
  }
  return n;
}

/** True when the hot folder holds no page waiting to be scanned. */
export function hotFolderEmpty(folder: string): boolean {
  if (!existsSync(folder)) return true;
  return !readdirSync(folder).some((f) => /\.(png|tiff?|jpe?g|pnm|pgm|pbm)$/i.test(f));
}

/**
 * A long stack for the benchmark: `count` pages, a Patch T sheet every `perOrder` pages, each sheet
 * unique (a different imprint), rendered from two drawings so generating 100 pages stays quick.
 */
export async function writeLongStack(
  folder: string,
  count: number,
  perOrder = 10,
  prefix = 'long',
): Promise<number> {
  mkdirSync(folder, { recursive: true });
  const stamp = Date.now();
  for (let n = 1; n <= count; n += 1) {
    const svg = n % perOrder === 1 ? patchSheetSvg('NWNW', 'PATCH T') : orderFormSvg(n % 7);
    const name = `${prefix}-${String(n).padStart(4, '0')}.png`;
    writeFileSync(
      join(folder, name),
      await renderSamplePage(withImprint(svg, `${prefix} ${stamp} sheet ${n}`)),
    );
  }
  return count;
}
