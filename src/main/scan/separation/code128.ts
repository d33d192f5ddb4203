/**
 * Code 128 symbol patterns and an encoder. The cover sheet prints the draft payload as Code 128
 * beside the QR code because the barcode engines of existing capture software (Kofax, PaperStream)
 * read Code 128 for separation too, so the same sheet works in a hot-folder workflow.
 */

/** Element widths (bar, space, bar, space, bar, space[, bar]) of values 0–105 and the stop (106). */
export const CODE128_PATTERNS: readonly string[] = `
212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132
122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212
322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311
112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321
331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214
112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212
124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113
411311 113141 114131 311141 411131 211412 211214 211232 2331112`
  .trim()
  .split(/\s+/);

export const START_A = 103;
export const START_B = 104;
export const START_C = 105;
export const STOP = 106;
export const CODE_A = 101; // in sets B and C
export const CODE_B = 100; // in sets A and C
export const CODE_C = 99; // in sets A and B
export const SHIFT = 98; // in sets A and B

/** The symbol values of `text` (printable ASCII), with start, check and stop. Uses set C for long digit runs. */
export function code128Values(text: string): number[] {
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 32 || c > 126)
      throw new Error(`Code 128 encoder: character ${JSON.stringify(ch)} is not printable ASCII.`);
  }
  const digitRun = (from: number): number => {
    let n = 0;
    while (from + n < text.length && /[0-9]/.test(text[from + n] ?? '')) n += 1;
    return n;
  };
  const values: number[] = [];
  let set: 'B' | 'C';
  let i = 0;
  const leading = digitRun(0);
  if (leading >= 4 && leading % 2 === 0) {
    set = 'C';
    values.push(START_C);
  } else {
    set = 'B';
    values.push(START_B);
  }
  while (i < text.length) {
    if (set === 'C') {
      if (digitRun(i) >= 2) {
        values.push(Number(text.slice(i, i + 2)));
        i += 2;
        continue;
      }
      values.push(CODE_B);
      set = 'B';
      continue;
    }
    const run = digitRun(i);
    // Switching costs one symbol and saves one per digit pair: worth it from 6 digits (4 at the end).
    if (run >= 6 || (run >= 4 && i + run === text.length)) {
      if (run % 2 === 1) {
        values.push(text.charCodeAt(i) - 32);
        i += 1;
      }
      values.push(CODE_C);
      set = 'C';
      continue;
    }
    values.push(text.charCodeAt(i) - 32);
    i += 1;
  }
  const check = values.reduce((sum, v, k) => sum + (k === 0 ? v : v * k), 0) % 103;
  values.push(check, STOP);
  return values;
}

/** Module widths of the whole symbol (bars and spaces alternate, starting with a bar), no quiet zones. */
export function code128Modules(text: string): number[] {
  return code128Values(text).flatMap((v) => Array.from(CODE128_PATTERNS[v] ?? '', Number));
}
