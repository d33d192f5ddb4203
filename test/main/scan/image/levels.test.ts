import { describe, expect, it } from 'vitest';
import { applyLevels } from '../../../../src/main/scan/image/levels';
import type { GrayImage } from '../../../../src/main/scan/image/raster';

function page(paper: number, noise: number, ink: number, inkShare: number): GrayImage {
  let s = 3;
  const rand = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const data = Uint8Array.from({ length: 200_000 }, () =>
    rand() < inkShare ? ink : Math.round(paper + (rand() - 0.5) * 2 * noise),
  );
  return { kind: 'gray', width: 500, height: 400, data };
}

describe('gray levels', () => {
  it('turns noisy paper white and keeps ink dark', () => {
    const out = applyLevels(page(238, 7, 30, 0.05));
    const paperWhite = out.data.filter((v) => v === 255).length / out.data.length;
    expect(paperWhite).toBeGreaterThan(0.94);
    expect(out.data.filter((v) => v < 255).reduce((m, v) => Math.max(m, v), 0)).toBeLessThan(60);
  });

  it('stretches a low-contrast page', () => {
    const out = applyLevels(page(205, 3, 155, 0.05));
    // Ink at 155 (50 levels under the paper) comes out darker than mid-gray.
    expect(out.data.reduce((m, v) => Math.min(m, v), 255)).toBeLessThan(128);
  });

  it('leaves a blank page blank rather than amplifying its noise', () => {
    const out = applyLevels(page(240, 6, 240, 0));
    expect(out.data.filter((v) => v < 200).length).toBe(0);
  });
});
