/**
 * Is this page a separator, and which? The cheap tests run on every page (banner search on the
 * bilevel image, a few Code 128 scanlines where a cover sheet puts its code, patch bars along sample
 * lines); the expensive full-page barcode search runs only on a page that already looks like a cover
 * sheet but whose code was not where the sheet puts it.
 */
import { parseCoverPayload } from '../../../shared/scan/cover-code';
import { COVER_LAYOUT as L, LETTER_PT } from '../cover-sheet/layout';
import type { BitImage } from '../image/raster';
import { findCoverBanner, toImage, type SheetTransform } from './banner';
import { readCode128Line } from './code128-read';
import { readPatchCode, type PatchCode } from './patch';
import { readQrInRegion } from './qr';
import { clampRect, type PixelSource, type PxRect } from './sampler';

export type SeparatorReading =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'cover';
      readonly draftId: string;
      readonly via: 'code128' | 'qr' | 'both';
      /** True when the code was found only by searching the whole page. */
      readonly searchedFullPage: boolean;
      readonly upsideDown: boolean;
    }
  /** Looks like a cover sheet, but no valid code was read: never merge across it. */
  | { readonly kind: 'cover-unread'; readonly reason: string }
  | { readonly kind: 'patch'; readonly code: PatchCode };

interface CodeFinding {
  ids: Set<string>;
  /** Texts read that were not a valid cover code (someone else's barcode, a bad check character). */
  rejected: string[];
}

function consider(finding: CodeFinding, text: string | null): void {
  if (text === null) return;
  const parsed = parseCoverPayload(text);
  if (parsed.ok) finding.ids.add(parsed.draftId);
  else finding.rejected.push(parsed.problem.code);
}

/** Reads Code 128 along rows y (averaging each with its neighbours against speckle), columns [x0, x1). */
function readRows(
  source: PixelSource,
  rows: readonly number[],
  x0: number,
  x1: number,
  finding: CodeFinding,
): void {
  const a = Math.max(0, Math.round(x0));
  const b = Math.min(source.width, Math.round(x1));
  if (b - a < 50) return;
  const n = b - a;
  const r0 = new Uint8Array(n);
  const r1 = new Uint8Array(n);
  const r2 = new Uint8Array(n);
  const avg = new Float32Array(n);
  for (const y of rows) {
    if (y < 1 || y >= source.height - 1) continue;
    source.row(y - 1, a, b, r0);
    source.row(y, a, b, r1);
    source.row(y + 1, a, b, r2);
    for (let i = 0; i < n; i += 1) avg[i] = ((r0[i] ?? 0) + 2 * (r1[i] ?? 0) + (r2[i] ?? 0)) / 4;
    for (const text of readCode128Line(avg, n)) consider(finding, text);
    if (finding.ids.size > 0) return;
  }
}

function regionOf(
  t: SheetTransform,
  box: { x: number; y: number; width: number; height: number },
  marginPt: number,
): PxRect {
  const p = toImage(t, box.x - marginPt, box.y - marginPt);
  const q = toImage(t, box.x + box.width + marginPt, box.y + box.height + marginPt);
  return {
    x: Math.min(p.x, q.x),
    y: Math.min(p.y, q.y),
    width: Math.abs(q.x - p.x),
    height: Math.abs(q.y - p.y),
  };
}

function code128Rows(t: SheetTransform): { rows: number[]; x0: number; x1: number } {
  const rows: number[] = [];
  for (let yPt = L.code128.y + 8; yPt <= L.code128.y + L.code128.height - 8; yPt += 6) {
    rows.push(Math.round(toImage(t, LETTER_PT.width / 2, yPt).y));
  }
  const a = toImage(t, L.code128.x - 18, 0).x;
  const b = toImage(t, L.code128.x + L.code128.width + 18, 0).x;
  return { rows, x0: Math.min(a, b), x1: Math.max(a, b) };
}

function newFinding(): CodeFinding {
  return { ids: new Set(), rejected: [] };
}

/** Combines what the two readers found into a reading, or null when neither read a valid code. */
function verdict(
  c128: CodeFinding,
  qr: CodeFinding,
  full: boolean,
  upsideDown: boolean,
): SeparatorReading | null {
  const ids = new Set([...c128.ids, ...qr.ids]);
  if (ids.size > 1) {
    return { kind: 'cover-unread', reason: 'The codes on this cover sheet name different drafts.' };
  }
  const [draftId] = [...ids];
  if (draftId === undefined) return null;
  const via = c128.ids.size > 0 && qr.ids.size > 0 ? 'both' : qr.ids.size > 0 ? 'qr' : 'code128';
  return { kind: 'cover', draftId, via, searchedFullPage: full, upsideDown };
}

/** Reads the cover sheet whose banner was found: expected places first, then the whole page. */
function readCover(source: PixelSource, t: SheetTransform, dpi: number): SeparatorReading {
  const upsideDown = t.orientation === 'upside-down';
  const c128 = newFinding();
  const qr = newFinding();
  const band = code128Rows(t);
  readRows(source, band.rows, band.x0, band.x1, c128);
  // The QR code carries the same payload; it is read only when the bar code was not (QR decoding
  // costs ~10× a few scanlines). Its modules are ≥ 12 px at 200 dpi, so it is read at half size.
  if (c128.ids.size === 0) {
    const half = dpi >= 250 ? 2 : 1;
    consider(qr, readQrInRegion(source, clampRect(regionOf(t, L.qr, 40), source.width, source.height), half));
  }
  const found = verdict(c128, qr, false, upsideDown);
  if (found) return found;

  // Fallback: the whole page. Code 128 every ~1.5 mm, then QR at half resolution.
  const step = Math.max(4, Math.round((1.5 / 25.4) * dpi));
  const rows: number[] = [];
  for (let y = step; y < source.height - step; y += step) rows.push(y);
  readRows(source, rows, 0, source.width, c128);
  if (c128.ids.size === 0) {
    consider(qr, readQrInRegion(source, { x: 0, y: 0, width: source.width, height: source.height }, 2));
  }
  const late = verdict(c128, qr, true, upsideDown);
  if (late) return late;
  const reason =
    c128.rejected.length + qr.rejected.length > 0
      ? 'A code was read on this cover sheet but it is not a valid CCPOR cover code (wrong check character or another system’s barcode).'
      : 'This page looks like a cover sheet, but neither its QR code nor its bar code could be read.';
  return { kind: 'cover-unread', reason };
}

/** Classifies one page. `bits` is the binarised page; `source` reads it (or its gray original) for barcodes. */
export function readSeparator(bits: BitImage, source: PixelSource, dpi: number): SeparatorReading {
  const banner = findCoverBanner(bits, dpi);
  if (banner) return readCover(source, banner, dpi);

  // A cover sheet whose banner is damaged: probe where an unshifted sheet has its Code 128.
  const nominal = dpi / 72;
  for (const upsideDown of [false, true]) {
    const t: SheetTransform = upsideDown
      ? {
          orientation: 'upside-down',
          scale: nominal,
          originX: source.width,
          originY: source.height,
          skewDeg: 0,
        }
      : { orientation: 'upright', scale: nominal, originX: 0, originY: 0, skewDeg: 0 };
    const c128 = newFinding();
    const band = code128Rows(t);
    readRows(
      source,
      band.rows.filter((_, i) => i % 2 === 0),
      band.x0,
      band.x1,
      c128,
    );
    const hit = verdict(c128, newFinding(), false, upsideDown);
    if (hit) return hit;
  }

  const patch = readPatchCode(bits, dpi);
  if (patch) return { kind: 'patch', code: patch.code };
  return { kind: 'none' };
}
