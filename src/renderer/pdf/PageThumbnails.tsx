/** The column of page thumbnails: the viewer's page navigation (click one to read that page). */
import { ScrollArea, Stack, UnstyledButton } from '@mantine/core';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef } from 'react';
import { renderPage } from './render-page';

const THUMBNAIL_SCALE = 0.12;

function Thumbnail({
  doc,
  pageNumber,
  rotation,
}: {
  doc: PDFDocumentProxy;
  pageNumber: number;
  rotation: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancel: (() => void) | null = null;
    let alive = true;
    void doc.getPage(pageNumber).then((page) => {
      const target = canvas.current;
      if (!alive || !target) return;
      const render = renderPage(page, target, { scale: THUMBNAIL_SCALE, rotation });
      cancel = () => {
        render.cancel();
      };
      // A thumbnail that cannot be drawn stays blank: the page itself says why when it is opened.
      render.promise.catch(() => undefined);
    });
    return () => {
      alive = false;
      cancel?.();
    };
  }, [doc, pageNumber, rotation]);
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={`Thumbnail of page ${String(pageNumber)}`}
      style={{ display: 'block', width: '100%', background: 'white' }}
    />
  );
}

export function PageThumbnails({
  doc,
  current,
  rotation,
  onChoose,
}: {
  doc: PDFDocumentProxy;
  current: number;
  rotation: number;
  onChoose: (pageNumber: number) => void;
}) {
  const pages = Array.from({ length: doc.numPages }, (_, i) => i + 1);
  return (
    <ScrollArea
      h="100%"
      w={92}
      type="auto"
      style={{ flexShrink: 0 }}
      viewportProps={{ tabIndex: 0, 'aria-label': 'Page thumbnails' }}
    >
      <Stack gap={6}>
        {pages.map((n) => (
          <UnstyledButton
            key={n}
            onClick={() => {
              onChoose(n);
            }}
            aria-label={`Show page ${String(n)}`}
            aria-current={n === current ? 'page' : undefined}
            style={{
              border: n === current ? '2px solid var(--mantine-color-blue-8)' : '2px solid transparent',
            }}
          >
            <Thumbnail doc={doc} pageNumber={n} rotation={rotation} />
          </UnstyledButton>
        ))}
      </Stack>
    </ScrollArea>
  );
}
