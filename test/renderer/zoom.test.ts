import { describe, expect, it } from 'vitest';
import {
  FIT_PAGE,
  FIT_WIDTH,
  LETTER,
  MAX_SCALE,
  MIN_SCALE,
  outputScale,
  rotated,
  scaleFor,
  wheelZoom,
  zoomIn,
  zoomLabel,
  zoomOut,
} from '../../src/renderer/pdf/zoom';

describe('the document viewer zoom', () => {
  it('fits the width: a Letter page in a 306 px wide viewer is drawn at half size', () => {
    expect(scaleFor(FIT_WIDTH, LETTER, { width: 306, height: 100 })).toBeCloseTo(0.5);
  });

  it('fits the page by its height when the viewer is wider than the page is', () => {
    const box = { width: 1000, height: 396 };
    expect(scaleFor(FIT_PAGE, LETTER, box)).toBeCloseTo(0.5);
    // …and by its width when the viewer is narrow: the whole page shows either way.
    expect(scaleFor(FIT_PAGE, LETTER, { width: 153, height: 2000 })).toBeCloseTo(0.25);
  });

  it('never fits to nothing: an unmeasured viewer still shows the page at the smallest scale', () => {
    expect(scaleFor(FIT_WIDTH, LETTER, { width: 0, height: 0 })).toBe(MIN_SCALE);
    expect(scaleFor(FIT_PAGE, { width: 0, height: 0 }, { width: 100, height: 100 })).toBe(MIN_SCALE);
  });

  it('keeps a fixed scale within its limits', () => {
    expect(scaleFor({ kind: 'scale', scale: 9 }, LETTER, { width: 1, height: 1 })).toBe(MAX_SCALE);
    expect(scaleFor({ kind: 'scale', scale: 1.25 }, LETTER, { width: 1, height: 1 })).toBe(1.25);
  });

  it('steps zoom in and out through the usual scales, from any scale a fit gave', () => {
    expect(zoomIn(1)).toBe(1.1);
    expect(zoomIn(0.8123)).toBe(0.9);
    expect(zoomOut(1)).toBe(0.9);
    expect(zoomOut(0.8123)).toBe(0.8);
    expect(zoomIn(MAX_SCALE)).toBe(MAX_SCALE);
    expect(zoomOut(MIN_SCALE)).toBe(MIN_SCALE);
  });

  it('zooms with the wheel: up (negative delta) enlarges, down shrinks, within the limits', () => {
    expect(wheelZoom(1, -100)).toBeGreaterThan(1.2);
    expect(wheelZoom(1, 100)).toBeLessThan(0.83);
    expect(wheelZoom(MAX_SCALE, -1000)).toBe(MAX_SCALE);
  });

  it('says the zoom in words', () => {
    expect(zoomLabel(FIT_WIDTH)).toBe('Fit width');
    expect(zoomLabel(FIT_PAGE)).toBe('Fit page');
    expect(zoomLabel({ kind: 'scale', scale: 1.25 })).toBe('125%');
  });

  it('swaps the sides of a page turned a quarter', () => {
    expect(rotated(LETTER, 90)).toEqual({ width: 792, height: 612 });
    expect(rotated(LETTER, 180)).toEqual(LETTER);
  });

  it("draws at the screen's density unless the canvas would pass its pixel budget", () => {
    expect(outputScale({ width: 600, height: 800 }, 2)).toBe(2);
    const scale = outputScale({ width: 4000, height: 5000 }, 2, 16_000_000);
    expect(4000 * 5000 * scale * scale).toBeCloseTo(16_000_000);
  });
});
