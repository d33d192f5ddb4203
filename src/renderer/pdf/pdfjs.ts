/**
 * pdf.js with its worker bundled locally (Vite emits the worker file beside the renderer; no CDN),
 * loaded on first use so the sign-in screen does not wait for it.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type * as PdfJsLib from 'pdfjs-dist';

type PdfJs = typeof PdfJsLib;

/** The viewer's own code (pdf.js) could not be fetched: nothing is wrong with the document. */
export class ViewerUnavailableError extends Error {
  constructor(reason: string) {
    super(`the document viewer could not be loaded (${reason})`);
    this.name = 'ViewerUnavailableError';
  }
}
let loading: Promise<PdfJs> | null = null;

async function pdfjs(): Promise<PdfJs> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(
    ([lib, worker]) => {
      lib.GlobalWorkerOptions.workerSrc = worker.default;
      return lib;
    },
    (error: unknown) => {
      // Not kept: the next document tries again (the failure may have been a passing one).
      loading = null;
      throw new ViewerUnavailableError(error instanceof Error ? error.message : String(error));
    },
  );
  return loading;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  // No eval, no scripting: the PDFs are scans, and a PDF must never run code in the station.
  return lib.getDocument({ data: bytes, isEvalSupported: false, enableXfa: false }).promise;
}
