/**
 * QR reading with jsQR (pure JavaScript: works offline, no WebAssembly to fetch). jsQR wants RGBA,
 * so only a region is converted; a full page is read at half resolution (a cover sheet's modules
 * are ~18 px at 300 dpi, still ~9 px after halving).
 */
import jsQR from 'jsqr';
import type { PixelSource, PxRect } from './sampler';

export function readQrInRegion(source: PixelSource, rect: PxRect, downscale = 1): string | null {
  if (rect.width < 40 || rect.height < 40) return null;
  const f = Math.max(1, Math.floor(downscale));
  const w = Math.floor(rect.width / f);
  const h = Math.floor(rect.height / f);
  const rgba = new Uint8ClampedArray(w * h * 4);
  const line = new Uint8Array(rect.width);
  for (let y = 0; y < h; y += 1) {
    source.row(rect.y + y * f, rect.x, rect.x + rect.width, line);
    for (let x = 0; x < w; x += 1) {
      const v = line[x * f] ?? 255;
      const o = (y * w + x) * 4;
      rgba[o] = v;
      rgba[o + 1] = v;
      rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
  const found = jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' });
  // jsQR sometimes "finds" a symbol with no data in noise; that is no reading.
  return found && found.data.length > 0 ? found.data : null;
}
