/**
 * The page being read: a skeleton of the page's shape with "Loading page 1 of 3…" until its pixels
 * are ready, then the page; a plain message if it cannot be drawn. The canvas is sized in CSS from
 * the live zoom at once, and re-rendered at `renderScale` (which settles after a resize).
 */
import { Box, Skeleton, Text } from '@mantine/core';
import type { PDFPageProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { mark } from '../test-events';
import { isCancelled, renderPage } from './render-page';
import { failureReason } from './use-pdf';
import type { Size } from './zoom';

function cssSize(base: Size, scale: number): Size {
  return { width: Math.floor(base.width * scale), height: Math.floor(base.height * scale) };
}

/** A grey page of the right shape with what is happening written on it. */
export function PagePlaceholder({ size, text }: { size: Size; text: string }) {
  return (
    <Box pos="relative" w={size.width} h={size.height} mx="auto" data-testid="page-placeholder">
      <Skeleton w={size.width} h={size.height} radius={0} />
      <Text pos="absolute" top="45%" left={0} right={0} ta="center" size="sm" fw={500} style={{ zIndex: 1 }}>
        {text}
      </Text>
    </Box>
  );
}

export function PageProblem({ text }: { text: string }) {
  return (
    <Text role="alert" c="red.9" p="md" data-testid="page-problem">
      {text}
    </Text>
  );
}

export function PageView({
  page,
  pageNumber,
  numPages,
  base,
  cssScale,
  renderScale,
  rotation,
  label,
  onSettled,
}: {
  page: PDFPageProxy;
  pageNumber: number;
  numPages: number;
  /** The page's size at scale 1, rotation applied. */
  base: Size;
  cssScale: number;
  renderScale: number;
  rotation: number;
  label: string;
  /** Called when the page is first shown or has failed, so the viewer stops saying it is busy. */
  onSettled: (page: PDFPageProxy) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Which page the canvas holds (and which one failed): another document's page 1 never passes
  // for this one's while it is drawn.
  const [shownFor, setShownFor] = useState<PDFPageProxy | null>(null);
  const [failed, setFailed] = useState<{ page: PDFPageProxy; message: string } | null>(null);
  const shown = shownFor === page;
  const problem = failed?.page === page ? failed.message : null;

  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    const render = renderPage(page, target, { scale: renderScale, rotation });
    render.promise.then(
      () => {
        setShownFor(page);
        onSettled(page);
        mark('pdf:page-shown');
      },
      (error: unknown) => {
        if (isCancelled(error)) return;
        setFailed({
          page,
          message:
            `Page ${String(pageNumber)} cannot be shown: ${failureReason(error)}. The other pages may still open; ` +
            'rescan the order if this page is needed.',
        });
        onSettled(page);
      },
    );
    return () => {
      render.cancel();
    };
  }, [page, renderScale, rotation, pageNumber, onSettled]);

  if (problem) return <PageProblem text={problem} />;
  const size = cssSize(base, cssScale);
  return (
    <>
      {!shown && (
        <PagePlaceholder size={size} text={`Loading page ${String(pageNumber)} of ${String(numPages)}…`} />
      )}
      <canvas
        ref={canvas}
        role="img"
        aria-label={label}
        style={{
          display: shown ? 'block' : 'none',
          width: size.width,
          height: size.height,
          margin: '0 auto',
          background: 'white',
        }}
      />
    </>
  );
}
