/**
 * Image effects for the generated corpus: what paper, scanners and people do to a clean page.
 */
import sharp from 'sharp';

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export async function renderSvg(svg: string): Promise<Gray> {
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/** Paper tone and sensor noise: white becomes `paper` ± noise, black stays dark. */
export function paper(g: Gray, rand: () => number, level = 238, noise = 7): Gray {
  const out = new Uint8Array(g.data.length);
  for (let i = 0; i < out.length; i += 1) {
    const v = ((g.data[i] ?? 255) * level) / 255 + (rand() + rand() - 1) * noise;
    out[i] = Math.max(0, Math.min(255, Math.round(v + 8 * (1 - (g.data[i] ?? 255) / 255))));
  }
  return { ...g, data: out };
}

export function speckle(g: Gray, rand: () => number, count: number): Gray {
  const out = g.data.slice();
  for (let n = 0; n < count; n += 1) {
    const cx = Math.floor(rand() * g.width);
    const cy = Math.floor(rand() * g.height);
    const r = rand() < 0.7 ? 0 : 1;
    for (let y = cy - r; y <= cy + r; y += 1)
      for (let x = cx - r; x <= cx + r; x += 1)
        if (x >= 0 && y >= 0 && x < g.width && y < g.height)
          out[y * g.width + x] = 40 + Math.floor(rand() * 60);
  }
  return { ...g, data: out };
}

/** Maps 0…255 to lo…hi: a faded carbon copy or a light pencil page. */
export function contrast(g: Gray, lo: number, hi: number): Gray {
  return { ...g, data: Uint8Array.from(g.data, (v) => Math.round(lo + ((hi - lo) * v) / 255)) };
}

export async function rotate(g: Gray, degrees: number, background = 238): Promise<Gray> {
  const { data, info } = await sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } })
    .rotate(degrees, { background: { r: background, g: background, b: background } })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const left = Math.floor((info.width - g.width) / 2);
  const top = Math.floor((info.height - g.height) / 2);
  const out = new Uint8Array(g.width * g.height);
  for (let y = 0; y < g.height; y += 1) {
    const src = (y + top) * info.width + left;
    out.set(data.subarray(src, src + g.width), y * g.width);
  }
  return { ...g, data: out };
}

/** Faint mirrored show-through of another page (the front seen through the back). */
export function bleed(back: Gray, front: Gray, strength: number): Gray {
  const out = back.data.slice();
  for (let y = 0; y < back.height; y += 1)
    for (let x = 0; x < back.width; x += 1) {
      const f = front.data[y * front.width + (front.width - 1 - x)] ?? 255;
      const i = y * back.width + x;
      out[i] = Math.max(0, (out[i] ?? 255) - Math.round(((255 - f) * strength) / 255));
    }
  return { ...back, data: out };
}

export function fill(g: Gray, x: number, y: number, w: number, h: number, value: number): void {
  for (let yy = Math.max(0, y); yy < Math.min(g.height, y + h); yy += 1)
    g.data.fill(value, yy * g.width + Math.max(0, x), yy * g.width + Math.min(g.width, x + w));
}

export function moveBlock(
  g: Gray,
  x: number,
  y: number,
  w: number,
  h: number,
  dy: number,
  paperLevel: number,
): void {
  const block = new Uint8Array(w * h);
  for (let r = 0; r < h; r += 1)
    block.set(g.data.subarray((y + r) * g.width + x, (y + r) * g.width + x + w), r * w);
  fill(g, x, y, w, h, paperLevel);
  for (let r = 0; r < h; r += 1) g.data.set(block.subarray(r * w, (r + 1) * w), (y + r + dy) * g.width + x);
}
