/**
 * Damaged files in the hot folder, through the station's whole page path: the folder driver (on a
 * controlled clock), the real page workers (sharp, the TIFF/PNM decoders) and the encrypted blob
 * store. Files cut short (a transfer that died, a disk that filled) and files whole in shape but
 * damaged inside (a bit flipped in PNG data, garbage JPEG scan data, a TIFF page whose strip points
 * past the end, a PNM header that lies, a multi-page TIFF with one page damaged) — PNG, JPEG, TIFF
 * single and multi-page, PNM and PDF, all generated here. Each must give a clear error on its own page, and the rest of the batch goes on
 * and ends: no crash, no hang, nothing silent.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { openStationStore, type StationStore } from '../../../../src/main/app/station-store';
import type { ScanSettings } from '../../../../src/main/scan/driver';
import { FolderDriver } from '../../../../src/main/scan/drivers/folder/folder-driver';
import { BlobPageImageStore } from '../../../../src/main/scan/pipeline/image-store';
import { processPages, type PageRunResult } from '../../../../src/main/scan/pipeline/process-pages';
import { PageWorkerPool } from '../../../../src/main/scan/worker/pool';
import { MemorySecretStore } from '../../../../src/main/store/secret-store';
import { multiPageTiff } from './images';
import { ManualClock } from './manual-clock';

const SETTINGS: ScanSettings = {
  resolutionDpi: 300,
  mode: 'gray',
  source: 'feeder',
  widthMm: 215.9,
  heightMm: 279.4,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Gray raw pixels with writing on them (bars that differ with `n`). */
function rawPage(n: number, width = 240, height = 320): Buffer {
  const raw = Buffer.alloc(width * height, 255);
  for (let y = 20; y < height - 20; y += 10)
    raw.fill(0, y * width + 20, y * width + 20 + ((y * 7 + n * 31) % 180) + 10);
  return raw;
}

const png = (n: number) =>
  sharp(rawPage(n), { raw: { width: 240, height: 320, channels: 1 } })
    .withMetadata({ density: 300 })
    .png()
    .toBuffer();
const jpeg = (n: number) =>
  sharp(rawPage(n), { raw: { width: 240, height: 320, channels: 1 } })
    .withMetadata({ density: 300 })
    .jpeg()
    .toBuffer();
function pgm(n: number): Buffer {
  return Buffer.concat([Buffer.from('P5\n240 320\n255\n', 'latin1'), rawPage(n)]);
}

/** A whole PNG whose compressed pixel data is damaged (CRC fixed up, so only the data is wrong). */
async function pngWithBadData(): Promise<Buffer> {
  const file = Buffer.from(await png(9));
  const idat = file.indexOf('IDAT', 8, 'latin1');
  const length = file.readUInt32BE(idat - 4);
  // Overwrite the zlib stream past its header with a valid-looking but wrong deflate block.
  const junk = deflateSync(Buffer.alloc(10, 7));
  junk.copy(file, idat + 4 + 2, 2, Math.min(junk.length, length - 2));
  for (let i = idat + 4 + 2 + junk.length; i < idat + 4 + length; i += 3) file[i] = 0xff - (file[i] ?? 0);
  const crc = crc32(file.subarray(idat, idat + 4 + length));
  file.writeUInt32BE(crc, idat + 4 + length);
  return file;
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A whole JPEG (SOI … EOI) whose entropy-coded scan data is garbage. */
async function jpegWithBadScan(): Promise<Buffer> {
  const file = Buffer.from(await jpeg(8));
  const sos = file.indexOf(Buffer.from([0xff, 0xda]));
  const start = sos + 2 + file.readUInt16BE(sos + 2);
  let x = 12345;
  for (let i = start; i < file.length - 2; i += 1) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    file[i] = (x >> 16) & 0xfe; // never 0xFF: no accidental markers, just wrong codes
  }
  return file;
}

/** A 3-page TIFF whose second page's strip points past the end of the file. */
function tiffWithStripPastEnd(): Buffer {
  const file = multiPageTiff([60, 70, 80], 90, 300);
  // Walk to IFD 2 and rewrite its StripOffsets (tag 273).
  let ifd = file.readUInt32LE(4);
  ifd = file.readUInt32LE(ifd + 2 + file.readUInt16LE(ifd) * 12);
  const entries = file.readUInt16LE(ifd);
  for (let e = 0; e < entries; e += 1) {
    const at = ifd + 2 + e * 12;
    if (file.readUInt16LE(at) === 273) file.writeUInt32LE(file.length + 10_000, at + 8);
  }
  return file;
}

/** A 3-page TIFF whose second page claims Deflate compression over data that is not (damaged inside). */
function tiffWithBadSecondPage(): Buffer {
  const file = multiPageTiff([60, 70, 80], 90, 300);
  let ifd = file.readUInt32LE(4);
  ifd = file.readUInt32LE(ifd + 2 + file.readUInt16LE(ifd) * 12);
  const entries = file.readUInt16LE(ifd);
  for (let e = 0; e < entries; e += 1) {
    const at = ifd + 2 + e * 12;
    if (file.readUInt16LE(at) === 259) file.writeUInt16LE(8, at + 8);
  }
  return file;
}

interface Files {
  readonly good: Record<string, number>;
  readonly bad: readonly string[];
}

async function dropFiles(folder: string): Promise<Files> {
  const goodPng = await png(1);
  const goodJpeg = await jpeg(2);
  const goodTiff = multiPageTiff([60, 70], 90, 300);
  const files: [string, Uint8Array][] = [
    ['a-good.png', goodPng],
    ['b-good.jpg', goodJpeg],
    ['c-good-2-pages.tif', goodTiff],
    ['d-good.pgm', pgm(3)],
    // Cut short.
    ['e-cut.png', goodPng.subarray(0, Math.floor(goodPng.length / 2))],
    ['f-cut.jpg', goodJpeg.subarray(0, Math.floor(goodJpeg.length / 2))],
    ['g-cut-in-page-2.tif', goodTiff.subarray(0, Math.floor(goodTiff.length * 0.7))],
    ['h-cut.pgm', pgm(4).subarray(0, 5000)],
    ['i-empty.png', new Uint8Array(0)],
    [
      'j-cut.pdf',
      Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty', 'latin1'),
    ],
    // Whole in shape, damaged inside.
    ['k-bad-data.png', await pngWithBadData()],
    ['l-bad-scan.jpg', await jpegWithBadScan()],
    ['m-strip-past-end.tif', tiffWithStripPastEnd()],
    ['n-header-lies.pgm', Buffer.concat([Buffer.from('P5\n4000 5000\n255\n', 'latin1'), rawPage(5)])],
    ['p-page-2-damaged.tif', tiffWithBadSecondPage()],
    ['o-noise.png', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 151 + 17) % 256))],
  ];
  for (const [name, bytes] of files) await writeFile(join(folder, name), bytes);
  return {
    good: {
      'a-good.png': 1,
      'b-good.jpg': 1,
      'c-good-2-pages.tif': 2,
      'd-good.pgm': 1,
      'p-page-2-damaged.tif': 2,
    },
    bad: files.map(([name]) => name).filter((name) => !name.includes('-good')),
  };
}

async function runFolder(): Promise<{
  folder: string;
  files: Files;
  result: PageRunResult;
  store: StationStore;
}> {
  const folder = await mkdtemp(join(tmpdir(), 'ccpor-corrupt-'));
  const data = await mkdtemp(join(tmpdir(), 'ccpor-corrupt-data-'));
  const store = await openStationStore({ dataDir: data, secrets: new MemorySecretStore() });
  const pool = new PageWorkerPool(2, { priority: 'normal' });
  cleanups.push(async () => {
    await pool.close();
    store.close();
    await rm(folder, { recursive: true, force: true });
    await rm(data, { recursive: true, force: true });
  });
  const files = await dropFiles(folder);
  const clock = new ManualClock();
  const driver = new FolderDriver({
    pollIntervalMs: 40,
    incompleteGraceMs: 400,
    stopWhenIdleMs: 2000,
    clock,
  });
  const run = processPages(driver.scan(`folder:${folder}`, SETTINGS), {
    source: 'feeder',
    images: new BlobPageImageStore(store.blobs),
    pool,
  });
  // Poll passes on the controlled clock until the driver stops watching (idle after the last file);
  // bounded in passes, so a driver that never ends fails here. Between passes the page workers get
  // a moment of real time (they run on real threads), so pages are consumed and acknowledged.
  let passes = 0;
  while (clock.pending > 0) {
    if ((passes += 1) > 400) throw new Error('the hot folder was still watched after 400 poll passes');
    await clock.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const result = await run.done;
  return { folder, files, result, store };
}

const nameOf = (origin: string) => origin.split('/').pop()?.split('#')[0] ?? '';

describe('damaged files in the hot folder, through the page workers into the store', () => {
  it('PNG, JPEG, TIFF (multi-page), PNM and PDF files cut short or damaged inside each give a clear page error; the good pages are stored and the batch ends', async () => {
    const { folder, files, result, store } = await runFolder();
    expect(result.status).toBe('complete');
    const ok = result.pages.filter((p) => p.status === 'ok');
    const errors = result.pages.filter((p) => p.status === 'error');
    // Every good page, stored and readable.
    const okByFile: Record<string, number> = {};
    for (const page of ok) okByFile[nameOf(page.origin)] = (okByFile[nameOf(page.origin)] ?? 0) + 1;
    expect(okByFile).toEqual(files.good);
    for (const page of ok) expect(store.blobs.has(page.image!.ref)).toBe(true);
    // Every damaged file: an error whose message names it (whether the folder driver or a page
    // worker found the damage), with a code the screens explain.
    const report: string[] = [];
    for (const name of files.bad) {
      const mine = errors.filter((p) => p.error!.message.includes(name));
      expect(mine.length, `${name}: one page error`).toBe(1);
      expect(mine[0]!.error!.code, name).toMatch(/^(CORRUPT_IMAGE|TRUNCATED_IMAGE|UNSUPPORTED_FORMAT)$/);
      expect(mine[0]!.error!.message.length, name).toBeGreaterThan(10);
      report.push(`${name}: ${mine[0]!.error!.code}: ${mine[0]!.error!.message}`);
    }
    console.log(report.join('\n'));
    expect(errors).toHaveLength(files.bad.length);
    // Stored files are gone from the folder; every damaged one is kept for the operator.
    const left = [...(await readdir(folder)), ...(await readdir(join(folder, 'rejected')).catch(() => []))];
    for (const name of files.bad) expect(left, name).toContain(name);
    for (const name of Object.keys(files.good)) {
      if (files.bad.includes(name)) expect(left, `${name}: pages not all stored, kept`).toContain(name);
      else expect(left, `${name}: every page stored, removed`).not.toContain(name);
    }
  }, 40_000);
});
