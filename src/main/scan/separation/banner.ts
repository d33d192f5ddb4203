/**
 * Finding the cover sheet's banner (thick bar, gap, thin bar: see cover-sheet/layout.ts) on a
 * bilevel page, upright or upside down, and from it the mapping from sheet points to image pixels.
 * The banner is measured in three vertical strips so a slight skew does not blur it, and at least
 * two strips must agree on where it is.
 */
import { COVER_LAYOUT as L } from '../cover-sheet/layout';
import { POPCOUNT8, type BitImage } from '../image/raster';

export interface SheetTransform {
  readonly orientation: 'upright' | 'upside-down';
  /** Pixels per point along the sheet. */
  readonly scale: number;
  /** Image position of the sheet point (0, 0), before orientation (see toImage). */
  readonly originX: number;
  readonly originY: number;
  /** Skew measured from the banner, in degrees (positive: the right side is lower). */
  readonly skewDeg: number;
}

/** Maps a sheet point (pt from the top-left of the printed sheet) to image pixels. */
export function toImage(t: SheetTransform, xPt: number, yPt: number): { x: number; y: number } {
  const s = t.orientation === 'upright' ? 1 : -1;
  return { x: t.originX + s * t.scale * xPt, y: t.originY + s * t.scale * yPt };
}

interface Run {
  readonly start: number;
  readonly end: number;
}

const SOLID = 0.6;
const THICK = L.thickBar.height;
const GAP = L.thinBar.y - (L.thickBar.y + L.thickBar.height);
const THIN = L.thinBar.height;

function solidRuns(image: BitImage, fromByte: number, toByte: number, y0: number, y1: number): Run[] {
  const need = (toByte - fromByte) * 8 * SOLID;
  const runs: Run[] = [];
  let start = -1;
  for (let y = y0; y <= y1; y += 1) {
    let ink = 0;
    if (y < y1) {
      const base = y * image.rowBytes;
      for (let k = base + fromByte; k < base + toByte; k += 1) ink += POPCOUNT8[image.data[k] ?? 0] ?? 0;
    }
    if (ink >= need && y < y1) {
      if (start < 0) start = y;
    } else if (start >= 0) {
      runs.push({ start, end: y });
      start = -1;
    }
  }
  return runs;
}

interface StripHit {
  readonly thickStart: number;
  readonly thinEnd: number;
  readonly centerX: number;
}

/** Looks for thick–gap–thin (reading down) or thin–gap–thick (upside down) among the solid runs. */
function matchPattern(
  runs: readonly Run[],
  upsideDown: boolean,
  dpi: number,
): Omit<StripHit, 'centerX'> | null {
  const nominal = dpi / 72;
  for (let i = 0; i + 1 < runs.length; i += 1) {
    const a = runs[i] as Run;
    const b = runs[i + 1] as Run;
    const thick = upsideDown ? b : a;
    const thin = upsideDown ? a : b;
    const thickLen = thick.end - thick.start;
    const thinLen = thin.end - thin.start;
    const gap = b.start - a.end;
    const span = upsideDown ? thick.end - thin.start : thin.end - thick.start;
    const k = span / (THICK + GAP + THIN);
    if (k < nominal * 0.8 || k > nominal * 1.15) continue;
    const ok =
      Math.abs(thickLen / k - THICK) < THICK * 0.3 &&
      Math.abs(thinLen / k - THIN) < THIN * 0.6 + 4 &&
      Math.abs(gap / k - GAP) < GAP * 0.45 + 4;
    if (!ok) continue;
    return upsideDown
      ? { thickStart: thick.end, thinEnd: thin.start }
      : { thickStart: thick.start, thinEnd: thin.end };
  }
  return null;
}

/** Finds the banner and returns the sheet-to-image mapping, or null when the page has none. */
export function findCoverBanner(image: BitImage, dpi: number): SheetTransform | null {
  const { width, height } = image;
  const bandPx = Math.round(height * 0.4);
  for (const upsideDown of [false, true]) {
    const y0 = upsideDown ? height - bandPx : 0;
    const y1 = upsideDown ? height : bandPx;
    const hits: StripHit[] = [];
    for (const [a, b] of [
      [0.12, 0.34],
      [0.39, 0.61],
      [0.66, 0.88],
    ] as const) {
      const fromByte = Math.floor((width * a) / 8);
      const toByte = Math.floor((width * b) / 8);
      const m = matchPattern(solidRuns(image, fromByte, toByte, y0, y1), upsideDown, dpi);
      if (m) hits.push({ ...m, centerX: ((fromByte + toByte) / 2) * 8 });
    }
    if (hits.length < 2) continue;
    const first = hits[0] as StripHit;
    const last = hits[hits.length - 1] as StripHit;
    const slope = (last.thickStart - first.thickStart) / (last.centerX - first.centerX);
    // Strips that disagree by more than a 4° tilt are two different things, not one banner.
    if (Math.abs(slope) > Math.tan((4 * Math.PI) / 180)) continue;
    const scale =
      hits.reduce((s, h) => s + Math.abs(h.thinEnd - h.thickStart), 0) / hits.length / (THICK + GAP + THIN);
    // Horizontal anchor: the banner's left (right when upside down) end along its middle row.
    const midRow = Math.round(first.thickStart + ((upsideDown ? -1 : 1) * THICK * scale) / 2);
    const edge = bannerEdge(image, midRow, upsideDown);
    const yAtCentre = first.thickStart + slope * (width / 2 - first.centerX);
    const s = upsideDown ? -1 : 1;
    return {
      orientation: upsideDown ? 'upside-down' : 'upright',
      scale,
      originX: edge - s * scale * L.thickBar.x,
      // The banner's top (sheet y = thickBar.y) sits at yAtCentre in the middle of the page.
      originY: yAtCentre - s * scale * L.thickBar.y,
      skewDeg: (Math.atan(slope) * 180) / Math.PI,
    };
  }
  return null;
}

/** The first black pixel of a run of ≥ 30 black ones from the left (right when upside down). */
function bannerEdge(image: BitImage, y: number, fromRight: boolean): number {
  const row = Math.max(0, Math.min(image.height - 1, y)) * image.rowBytes;
  const black = (x: number): boolean => (((image.data[row + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1;
  const step = fromRight ? -1 : 1;
  let run = 0;
  for (let x = fromRight ? image.width - 1 : 0; x >= 0 && x < image.width; x += step) {
    run = black(x) ? run + 1 : 0;
    if (run >= 30) return x - step * (run - 1);
  }
  return fromRight ? image.width : 0;
}
