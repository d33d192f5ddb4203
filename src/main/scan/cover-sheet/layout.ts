/**
 * Where things are on a cover sheet, in PDF points (1/72 in) from the top-left of a Letter page.
 * The printer (render.ts) and the reader (separation/cover-detect.ts) both use these numbers, so
 * moving a box here moves it in both.
 *
 * The fingerprint is a banner: a thick bar, a gap, a thin bar, across the page. Forms have rules
 * and shaded title bars, but not this solid thick–gap–thin pattern across the full width, and the
 * ratios still match when a sheet was printed shrunk to fit. Everything else is located from it.
 */

export const LETTER_PT = { width: 612, height: 792 } as const;

export interface BoxPt {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const COVER_LAYOUT = {
  margin: 36,
  /** The banner spans the margins. */
  thickBar: { x: 36, y: 36, width: 540, height: 36 },
  thinBar: { x: 36, y: 90, width: 540, height: 12 },
  title: { x: 36, y: 114, width: 540, height: 26 },
  details: { x: 36, y: 156, width: 336, height: 190 },
  /** The QR code, quiet zone included. */
  qr: { x: 396, y: 156, width: 180, height: 180 },
  /** The Code 128 symbol area, quiet zones included; the modules are sized to fit. */
  code128: { x: 36, y: 362, width: 540, height: 64 },
  humanCode: { x: 36, y: 432, width: 540, height: 22 },
  instructions: { x: 36, y: 474, width: 540, height: 200 },
  footer: { x: 36, y: 730, width: 540, height: 20 },
} as const satisfies Record<string, BoxPt | number>;

/** Thinnest Code 128 module we print: 0.25 mm (3 px at 300 dpi, 2 px at 200 dpi). */
export const MIN_CODE128_MODULE_PT = (0.25 / 25.4) * 72;
/** Widest module: 0.42 mm, beyond which a 20-character id would not need more. */
export const MAX_CODE128_MODULE_PT = (0.42 / 25.4) * 72;
