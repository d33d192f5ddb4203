/**
 * The viewer's zoom as a person chooses it: fit the page's width, fit the whole page, or a fixed
 * scale. Pure arithmetic (no DOM), so it is tested on its own; a scale of 1 is one CSS pixel per
 * PDF point (a Letter page is 612 px wide).
 */

export type ZoomMode =
  | { readonly kind: 'fit-width' }
  | { readonly kind: 'fit-page' }
  | { readonly kind: 'scale'; readonly scale: number };

export interface Size {
  readonly width: number;
  readonly height: number;
}

export const FIT_WIDTH: ZoomMode = { kind: 'fit-width' };
export const FIT_PAGE: ZoomMode = { kind: 'fit-page' };

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 4;

/** The scales zoom in and zoom out step through, as in most document viewers. */
export const ZOOM_STEPS: readonly number[] = [
  0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4,
];

/** A US Letter page in PDF points: the shape shown while a page's real size is not known yet. */
export const LETTER: Size = { width: 612, height: 792 };

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/**
 * The scale at which `page` (its size at scale 1, rotation applied) is drawn in `box` (the room the
 * viewer has). A fit never gives 0 or less: an unmeasured box still shows the page, small.
 */
export function scaleFor(mode: ZoomMode, page: Size, box: Size): number {
  if (mode.kind === 'scale') return clampScale(mode.scale);
  const byWidth = box.width / page.width;
  const fit = mode.kind === 'fit-width' ? byWidth : Math.min(byWidth, box.height / page.height);
  return fit > 0 && Number.isFinite(fit) ? clampScale(fit) : MIN_SCALE;
}

/** The next step above `current` (a step within 1% counts as the same scale, so it moves on). */
export function zoomIn(current: number): number {
  return ZOOM_STEPS.find((s) => s > current * 1.01) ?? MAX_SCALE;
}

/** The next step below `current`. */
export function zoomOut(current: number): number {
  return [...ZOOM_STEPS].reverse().find((s) => s < current * 0.99) ?? MIN_SCALE;
}

/**
 * Ctrl+wheel: a mouse notch (deltaY ≈ 100) is about one step; a touchpad pinch sends many small
 * deltas, which this turns into a smooth zoom rather than a jump per event.
 */
export function wheelZoom(current: number, deltaY: number): number {
  return clampScale(current * Math.exp(-deltaY / 500));
}

/** What the toolbar shows: "Fit width", "Fit page" or "125%". */
export function zoomLabel(mode: ZoomMode): string {
  if (mode.kind === 'fit-width') return 'Fit width';
  if (mode.kind === 'fit-page') return 'Fit page';
  return `${String(Math.round(mode.scale * 100))}%`;
}

/** The page's size at scale 1 once turned by `rotation` degrees (a quarter turn swaps the sides). */
export function rotated(page: Size, rotation: number): Size {
  return rotation % 180 === 0 ? page : { width: page.height, height: page.width };
}

/** Canvas pixels per CSS pixel: the screen's density, lowered so a canvas stays under `maxPixels`. */
export function outputScale(css: Size, devicePixelRatio: number, maxPixels = 16_777_216): number {
  const area = css.width * css.height * devicePixelRatio * devicePixelRatio;
  return area > maxPixels ? Math.sqrt(maxPixels / (css.width * css.height)) : devicePixelRatio;
}
