/**
 * A Code 128 reader for one scanline of a gray page. Edges are located to a fraction of a pixel
 * (so 3-pixel modules at 200 dpi still measure well), each symbol is matched against every pattern
 * by its element widths and by its edge-to-similar-edge distances (which ink spread does not change),
 * and the symbol checksum must hold. Reads left-to-right and right-to-left (a sheet fed upside down).
 */
import { CODE128_PATTERNS, CODE_A, CODE_B, CODE_C, SHIFT, START_A, START_C, STOP } from './code128';

const PATTERNS = CODE128_PATTERNS.map((p) => Array.from(p, Number));
const E_DISTANCES = PATTERNS.map((p) => p.slice(0, 4).map((v, i) => v + (p[i + 1] ?? 0)));
/** Largest acceptable mean squared error, in modules², for a symbol match. */
const MAX_SYMBOL_ERROR = 0.09;

/** Widths of alternating runs along a line, starting with a white run (possibly of width 0). */
export function runsOf(samples: Float32Array | Uint8Array, length: number): Float64Array | null {
  let min = 255;
  let max = 0;
  for (let i = 0; i < length; i += 1) {
    const v = samples[i] ?? 255;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max - min < 60) return null;
  const thr = (min + max) / 2;
  const edges: number[] = [0];
  let dark = false;
  for (let i = 1; i < length; i += 1) {
    const v = samples[i] ?? 255;
    const isDark = v < thr;
    if (isDark !== dark) {
      const u = samples[i - 1] ?? 255;
      edges.push(i - 1 + (u === v ? 0.5 : (u - thr) / (u - v)));
      dark = isDark;
    }
  }
  edges.push(length);
  const runs = new Float64Array(edges.length - 1);
  for (let i = 0; i + 1 < edges.length; i += 1) runs[i] = (edges[i + 1] ?? 0) - (edges[i] ?? 0);
  return runs;
}

function matchSymbol(
  runs: Float64Array,
  at: number,
  candidates: readonly number[],
): { value: number; error: number } {
  const n = candidates[0] === STOP ? 7 : 6;
  let total = 0;
  for (let k = 0; k < n; k += 1) total += runs[at + k] ?? 0;
  const unit = total / (n === 7 ? 13 : 11);
  const m: number[] = [];
  for (let k = 0; k < n; k += 1) m.push((runs[at + k] ?? 0) / unit);
  let best = -1;
  let bestError = Infinity;
  for (const value of candidates) {
    const p = PATTERNS[value] ?? [];
    const e = E_DISTANCES[value] ?? [];
    let err = 0;
    for (let k = 0; k < 4; k += 1) {
      const d = (m[k] ?? 0) + (m[k + 1] ?? 0) - (e[k] ?? 0);
      err += d * d;
    }
    for (let k = 0; k < n; k += 1) {
      const d = (m[k] ?? 0) - (p[k] ?? 0);
      err += 0.25 * d * d;
    }
    err /= n;
    if (err < bestError) {
      bestError = err;
      best = value;
    }
  }
  return { value: best, error: bestError };
}

const DATA_VALUES = Array.from({ length: 106 }, (_, i) => i);
const STARTS = [START_A, 104, START_C];

function decodeFrom(runs: Float64Array, start: number): string | null {
  const values: number[] = [];
  const first = matchSymbol(runs, start, STARTS);
  if (first.error > MAX_SYMBOL_ERROR) return null;
  values.push(first.value);
  let at = start + 6;
  for (;;) {
    if (at + 7 > runs.length) return null;
    const stop = matchSymbol(runs, at, [STOP]);
    if (stop.error <= MAX_SYMBOL_ERROR) break;
    const sym = matchSymbol(runs, at, DATA_VALUES);
    if (sym.error > MAX_SYMBOL_ERROR || sym.value >= 103) return null;
    values.push(sym.value);
    at += 6;
    if (values.length > 200) return null;
  }
  if (values.length < 3) return null;
  const check = values.pop() ?? -1;
  const sum = values.reduce((s, v, k) => s + (k === 0 ? v : v * k), 0) % 103;
  return sum === check ? valuesToText(values) : null;
}

function valuesToText(values: readonly number[]): string | null {
  let set = values[0] === START_A ? 'A' : values[0] === START_C ? 'C' : 'B';
  let out = '';
  let shift = false;
  for (const v of values.slice(1)) {
    const active = shift ? (set === 'A' ? 'B' : 'A') : set;
    shift = false;
    if (active === 'C') {
      if (v < 100) out += String(v).padStart(2, '0');
      else if (v === CODE_B) set = 'B';
      else if (v === CODE_A) set = 'A';
      continue;
    }
    if (v < 64) out += String.fromCharCode(v + 32);
    else if (v < 96) out += String.fromCharCode(active === 'A' ? v - 64 : v + 32);
    else if (v === SHIFT) shift = true;
    else if (v === CODE_C) set = 'C';
    else if (v === CODE_B && active === 'A') set = 'B';
    else if (v === CODE_A && active === 'B') set = 'A';
    // FNC1–4 carry no text.
  }
  return out;
}

/** Every text decoded along this line (both directions). */
export function readCode128Line(samples: Float32Array | Uint8Array, length: number): string[] {
  const runs = runsOf(samples, length);
  if (!runs) return [];
  const found: string[] = [];
  const reversed = runs.slice().reverse();
  // Forward, run 0 is white; reversed, run 0 has the colour of the last forward run.
  const lastIsWhite = (runs.length - 1) % 2 === 0;
  for (const [r, firstBar] of [
    [runs, 1],
    [reversed, lastIsWhite ? 1 : 2],
  ] as const) {
    // A start symbol begins on a bar after a quiet zone of ≥ 5 modules (10 in the spec).
    for (let i = firstBar; i + 6 < r.length; i += 2) {
      let total = 0;
      for (let k = 0; k < 6; k += 1) total += r[i + k] ?? 0;
      if ((r[i - 1] ?? 0) < (total / 11) * 5) continue;
      const text = decodeFrom(r, i);
      if (text !== null) {
        found.push(text);
        break;
      }
    }
  }
  return found;
}
