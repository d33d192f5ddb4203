/**
 * Printing a PDF as itself, not the window around it: the bytes go into a frame of their own as a
 * `blob:` URL, the browser's PDF viewer opens them there, and that frame is printed. So a cover
 * sheet prints as the pdfkit page the station rendered (vector barcode at the printer's resolution),
 * without the app's chrome, the dialog or a rasterised preview.
 *
 * Needs `frame-src blob:` in the page's Content-Security-Policy (both hosts set it) and, in
 * Electron, the built-in PDF viewer (`webPreferences.plugins`). One print frame at a time: a new
 * print, or releasePrintFrame(), removes the previous frame and revokes its URL.
 */

const FRAME_ID = 'ccpor-print-frame';

/** Removes the print frame, if any, and frees its PDF. */
export function releasePrintFrame(): void {
  const frame = document.getElementById(FRAME_ID);
  if (!(frame instanceof HTMLIFrameElement)) return;
  const url = frame.src;
  frame.remove();
  if (url.startsWith('blob:')) URL.revokeObjectURL(url);
}

/** Opens the print dialog for `bytes` (a PDF) and nothing else. Resolves once the dialog was asked for. */
export function printPdf(bytes: Uint8Array, title: string): Promise<void> {
  releasePrintFrame();
  const returnFocus = document.activeElement;
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/pdf' }));
  const frame = document.createElement('iframe');
  frame.id = FRAME_ID;
  frame.title = `Printing ${title}`;
  frame.tabIndex = -1;
  // Kept in the layout (a display:none frame does not load its viewer) but out of sight and reach.
  Object.assign(frame.style, {
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '1px',
    height: '1px',
    border: '0',
    opacity: '0',
    pointerEvents: 'none',
  });
  return new Promise((resolve, reject) => {
    frame.addEventListener(
      'load',
      () => {
        try {
          const target = frame.contentWindow;
          if (!target) throw new Error('The print frame did not open.');
          target.focus();
          target.print();
          // Keyboard users carry on where they were (Escape still closes the dialog, and so on).
          if (returnFocus instanceof HTMLElement) returnFocus.focus();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      { once: true },
    );
    frame.src = url;
    document.body.append(frame);
  });
}
