/**
 * Whether bytes are a PDF, decided by parsing them with pdf.js (the parser the station's viewer
 * uses), not by their first five bytes: a file that starts with `%PDF-` but is HTML has no valid
 * structure and is refused. The page count comes from the parsed document, so the registry never
 * takes a client's word for it. Scripting and font loading stay off: only the structure is read.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The number of pages, or null when the bytes are not a readable PDF with at least one page. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  if (bytes.length === 0) return null;
  // pdf.js takes ownership of the buffer it is given (and refuses a Node Buffer): parse a plain copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    const document = await task.promise;
    const pages = document.numPages;
    await document.destroy();
    return pages >= 1 ? pages : null;
  } catch {
    return null;
  } finally {
    await task.destroy();
  }
}
