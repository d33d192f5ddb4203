import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { code128Modules } from '../../../../src/main/scan/separation/code128';
import { readCode128Line } from '../../../../src/main/scan/separation/code128-read';

const TEXTS = [
  'CCPOR1:3f2c9a1e-77b0-4c1d-9e55-0a1b2c3d4e5f:I',
  'CCPOR1:D-1234567890:X',
  '12345678',
  'ab12 Z~',
];

/** A blurred, noisy scanline of a symbol with `module` pixels per module and ink spread `spread`. */
function scanline(text: string, module: number, spread: number, seed: number): Float32Array {
  const mods = code128Modules(text);
  const total = mods.reduce((a, b) => a + b, 0);
  const w = Math.ceil((total + 40) * module);
  const ideal = new Float32Array(w).fill(235);
  let x = 20 * module;
  mods.forEach((n, k) => {
    if (k % 2 === 0) {
      const a = x - spread / 2;
      const b = x + n * module + spread / 2;
      for (let i = Math.floor(a); i < Math.ceil(b); i += 1)
        ideal[i] = 235 - 200 * (Math.min(i + 1, b) - Math.max(i, a));
    }
    x += n * module;
  });
  let s = seed;
  const rand = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return ideal.map(
    (v, i) => 0.25 * (ideal[i - 1] ?? 235) + 0.5 * v + 0.25 * (ideal[i + 1] ?? 235) + (rand() - 0.5) * 24,
  );
}

describe('Code 128', () => {
  it('encodes symbols that zbarimg (an independent reader) decodes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c128-'));
    for (const text of TEXTS) {
      const mods = code128Modules(text);
      const m = 3;
      const w = (mods.reduce((a, b) => a + b, 0) + 40) * m;
      const h = 80;
      const px = new Uint8Array(w * h).fill(255);
      let x = 20 * m;
      mods.forEach((n, k) => {
        if (k % 2 === 0) for (let y = 10; y < h - 10; y += 1) px.fill(0, y * w + x, y * w + x + n * m);
        x += n * m;
      });
      const file = join(dir, 'code.png');
      await sharp(px, { raw: { width: w, height: h, channels: 1 } })
        .png()
        .toFile(file);
      expect(
        execFileSync('zbarimg', ['-q', '--raw', file], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
      ).toBe(text);
    }
  });

  it.each([2.4, 3.15, 4.7])(
    'reads a blurred, noisy scanline at %s px per module, forwards and backwards',
    (module) => {
      for (const [i, text] of TEXTS.entries()) {
        for (const spread of [-0.6, 0, 0.8]) {
          const line = scanline(text, module, spread, i + 1);
          expect(readCode128Line(line, line.length)).toContain(text);
          const reversed = line.slice().reverse();
          expect(readCode128Line(reversed, reversed.length)).toContain(text);
        }
      }
    },
  );

  it('reads nothing from a cut symbol or from text-like noise', () => {
    const line = scanline(TEXTS[0]!, 3.15, 0, 9);
    line.fill(235, Math.floor(line.length / 2), Math.floor(line.length / 2) + 12);
    expect(readCode128Line(line, line.length)).toEqual([]);
    let s = 5;
    const noise = Float32Array.from({ length: 3000 }, () =>
      (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 < 0.3 ? 20 : 235,
    );
    expect(readCode128Line(noise, noise.length)).toEqual([]);
  });
});
