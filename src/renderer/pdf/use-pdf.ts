/**
 * Opening a PDF and one of its pages with pdf.js, as React state. Each answer remembers what it was
 * asked for, so a new document (or page) never shows anything stale from the last one.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';
import { openPdf, ViewerUnavailableError } from './pdfjs';

export type Opened<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly message: string };

const LOADING = { state: 'loading' } as const;

/** What went wrong, as a clause (pdf.js says e.g. "Invalid PDF structure."): its message, no final period. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '');
}

export function useOpenedPdf(bytes: Uint8Array | null): Opened<PDFDocumentProxy> {
  const [opened, setOpened] = useState<{ for: Uint8Array; answer: Opened<PDFDocumentProxy> } | null>(null);
  useEffect(() => {
    if (!bytes) return;
    let alive = true;
    let current: PDFDocumentProxy | null = null;
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    openPdf(bytes.slice()).then(
      (doc) => {
        current = doc;
        if (alive) setOpened({ for: bytes, answer: { state: 'ready', value: doc } });
        else void doc.destroy();
      },
      (error: unknown) => {
        if (alive)
          setOpened({
            for: bytes,
            answer: {
              state: 'failed',
              message: `The scanned document cannot be shown: ${failureReason(error)}. You can still enter the order's data; ${
                error instanceof ViewerUnavailableError
                  ? 'open the draft again to retry, and restart the station if it keeps failing.'
                  : 'rescan the order to attach a readable image.'
              }`,
            },
          });
      },
    );
    return () => {
      alive = false;
      void current?.destroy();
    };
  }, [bytes]);
  return opened?.for === bytes ? opened.answer : LOADING;
}

export function usePdfPage(doc: PDFDocumentProxy | null, pageNumber: number): Opened<PDFPageProxy> {
  const [opened, setOpened] = useState<{
    doc: PDFDocumentProxy;
    pageNumber: number;
    answer: Opened<PDFPageProxy>;
  } | null>(null);
  useEffect(() => {
    if (!doc) return;
    let alive = true;
    doc.getPage(pageNumber).then(
      (page) => {
        if (alive) setOpened({ doc, pageNumber, answer: { state: 'ready', value: page } });
      },
      (error: unknown) => {
        if (alive)
          setOpened({
            doc,
            pageNumber,
            answer: {
              state: 'failed',
              message: `Page ${String(pageNumber)} cannot be shown: ${failureReason(error)}. The other pages may still open; rescan the order if this page is needed.`,
            },
          });
      },
    );
    return () => {
      alive = false;
    };
  }, [doc, pageNumber]);
  return opened?.doc === doc && opened.pageNumber === pageNumber ? opened.answer : LOADING;
}
