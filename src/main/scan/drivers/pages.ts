/**
 * Page bookkeeping shared by the drivers: which sheet and side a page is, and the page record.
 */
import type { PaperSource, ScannedPage } from '../driver';

/** Sheet and side of the `index`-th page (1-based): in duplex odd pages are fronts, even pages backs. */
export function sheetAndSide(
  index: number,
  source: PaperSource,
): { readonly sheet: number; readonly side: 'front' | 'back' } {
  if (source !== 'feeder-duplex') return { sheet: index, side: 'front' };
  return { sheet: Math.ceil(index / 2), side: index % 2 === 1 ? 'front' : 'back' };
}

/** Builds a ScannedPage, numbering sheet and side from the batch position. */
export function makePage(fields: Omit<ScannedPage, 'sheet' | 'side'>, source: PaperSource): ScannedPage {
  return { ...fields, ...sheetAndSide(fields.index, source) };
}
