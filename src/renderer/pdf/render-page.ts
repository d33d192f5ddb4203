/**
 * Draws one PDF page into a canvas without a blank moment: pdf.js paints into a canvas of its own
 * off screen, and only a finished page is copied into the visible one (setting a canvas's size
 * clears it, so rendering in place would flash white on every zoom).
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import { outputScale } from './zoom';

export interface PageRender {
  readonly promise: Promise<void>;
  cancel(): void;
}

/** pdf.js rejects a cancelled render with this exception's name: not a failure to show anyone. */
export function isCancelled(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'RenderingCancelledException'
  );
}

export function renderPage(
  page: PDFPageProxy,
  target: HTMLCanvasElement,
  { scale, rotation }: { scale: number; rotation: number },
): PageRender {
  const css = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
  // Pixels for the screen's density, so text stays sharp on a high-density display.
  const density = outputScale(css, window.devicePixelRatio || 1);
  const viewport = page.getViewport({ scale: scale * density, rotation: (page.rotate + rotation) % 360 });
  const offscreen = document.createElement('canvas');
  offscreen.width = Math.max(1, Math.floor(viewport.width));
  offscreen.height = Math.max(1, Math.floor(viewport.height));
  const task = page.render({ canvas: offscreen, viewport });
  return {
    promise: task.promise.then(() => {
      target.width = offscreen.width;
      target.height = offscreen.height;
      target.getContext('2d')?.drawImage(offscreen, 0, 0);
    }),
    cancel: () => {
      task.cancel();
    },
  };
}
