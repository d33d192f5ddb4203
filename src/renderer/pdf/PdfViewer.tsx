/**
 * An order's PDF: page thumbnails, the current page, zoom (fit width, fit page, steps, Ctrl+=/−/0
 * while the viewer has focus, Ctrl+wheel) and rotation (for reading only; the stored file does not
 * change). It fills the room it is given and re-renders at the right resolution when that changes.
 * While the document or a page loads it shows a page-shaped placeholder and says so (aria-busy);
 * what cannot be shown is said in words, never a blank panel.
 */
import { Group, Stack, Text } from '@mantine/core';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import classes from './PdfViewer.module.css';
import { PagePlaceholder, PageProblem, PageView } from './PageView';
import { PageThumbnails } from './PageThumbnails';
import { useBoxSize } from './use-box-size';
import { useOpenedPdf, usePdfPage } from './use-pdf';
import { ViewerToolbar } from './ViewerToolbar';
import {
  FIT_PAGE,
  FIT_WIDTH,
  LETTER,
  rotated,
  scaleFor,
  wheelZoom,
  zoomIn,
  zoomOut,
  type Size,
  type ZoomMode,
} from './zoom';

/** The page's size at scale 1 as it is shown (turned by its own rotation and the reader's). */
function baseSize(page: PDFPageProxy | null, rotation: number): Size {
  if (!page) return rotated(LETTER, rotation);
  const { width, height } = page.getViewport({ scale: 1, rotation: (page.rotate + rotation) % 360 });
  return { width, height };
}

/** Ctrl/⌘ with =, +, − or 0, as browsers zoom a page; null for any other key. */
function zoomKey(e: KeyboardEvent): 'in' | 'out' | 'fit' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === '=' || e.key === '+' || e.code === 'NumpadAdd') return 'in';
  if (e.key === '-' || e.key === '_' || e.code === 'NumpadSubtract') return 'out';
  if (e.key === '0' || e.code === 'Numpad0') return 'fit';
  return null;
}

export function PdfViewer({
  bytes,
  title,
  loading = false,
  problem = null,
}: {
  bytes: Uint8Array | null;
  title: string;
  /** The document is on its way (fetched from the station): show the placeholder, not "no document". */
  loading?: boolean;
  /** Why the document could not be fetched, if it could not: said in the viewer's place. */
  problem?: string | null;
}) {
  const opened = useOpenedPdf(bytes);
  const doc = opened.state === 'ready' ? opened.value : null;
  // The page chosen, for the document it was chosen in: a new document starts at its first page.
  const [chosen, setChosen] = useState<{ doc: PDFDocumentProxy | null; page: number }>({
    doc: null,
    page: 1,
  });
  const pageNumber = chosen.doc === doc && doc && chosen.page <= doc.numPages ? chosen.page : 1;
  const [mode, setMode] = useState<ZoomMode>(FIT_WIDTH);
  const [rotation, setRotation] = useState(0);
  const [settledFor, setSettledFor] = useState<PDFPageProxy | null>(null);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const box = useBoxSize(scroller);

  const shownPage = usePdfPage(doc, pageNumber);
  const page = shownPage.state === 'ready' ? shownPage.value : null;

  const base = baseSize(page, rotation);
  const cssScale = scaleFor(mode, base, box.live);
  const renderScale = scaleFor(mode, base, box.settled);
  /** A fixed scale from what is shown now (a fit mode becomes the scale it currently fits at). */
  const rescale = useCallback(
    (next: (scale: number) => number) => {
      setMode((m) => ({ kind: 'scale', scale: next(m.kind === 'scale' ? m.scale : cssScale) }));
    },
    [cssScale],
  );

  // Ctrl+wheel needs a native, non-passive listener: React's wheel handlers cannot stop the
  // browser's own page zoom.
  useEffect(() => {
    if (!scroller) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      rescale((scale) => wheelZoom(scale, e.deltaY));
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      scroller.removeEventListener('wheel', onWheel);
    };
  }, [scroller, rescale]);

  const zoom = (direction: 'in' | 'out' | 'fit') => {
    if (direction === 'fit') setMode(FIT_WIDTH);
    else rescale(direction === 'in' ? zoomIn : zoomOut);
  };

  if (problem) return <PageProblem text={problem} />;
  if (!bytes && !loading) return <Text c="dimmed">No scanned document is attached to this order yet.</Text>;

  const numPages = doc?.numPages ?? 0;
  const failure =
    opened.state === 'failed' ? opened.message : shownPage.state === 'failed' ? shownPage.message : null;
  const busy = failure === null && (page === null || settledFor !== page);
  const pageLabel = `Page ${String(pageNumber)} of ${title}`;

  let content;
  if (failure) content = <PageProblem text={failure} />;
  else if (!doc || !page)
    content = (
      <PagePlaceholder
        size={{ width: Math.floor(base.width * cssScale), height: Math.floor(base.height * cssScale) }}
        text={doc ? `Loading page ${String(pageNumber)} of ${String(numPages)}…` : 'Loading the document…'}
      />
    );
  else
    content = (
      <PageView
        key={`${String(pageNumber)}:${String(rotation)}`}
        page={page}
        pageNumber={pageNumber}
        numPages={numPages}
        base={base}
        cssScale={cssScale}
        renderScale={renderScale}
        rotation={rotation}
        label={pageLabel}
        onSettled={setSettledFor}
      />
    );

  return (
    <Stack
      component="section"
      aria-label={`Document ${title}`}
      aria-busy={busy}
      gap="xs"
      style={{ flex: 1, minHeight: 0, height: '100%' }}
      onKeyDown={(e) => {
        const key = zoomKey(e);
        if (!key || !doc) return;
        e.preventDefault();
        zoom(key);
      }}
    >
      <ViewerToolbar
        mode={mode}
        disabled={!doc}
        pageText={doc ? `Page ${String(pageNumber)} of ${String(numPages)}` : null}
        onZoomOut={() => {
          zoom('out');
        }}
        onZoomIn={() => {
          zoom('in');
        }}
        onFit={(kind) => {
          setMode(kind === 'fit-width' ? FIT_WIDTH : FIT_PAGE);
        }}
        onRotate={() => {
          setRotation((r) => (r + 90) % 360);
        }}
      />
      <Group align="stretch" gap="xs" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        {doc && (
          <PageThumbnails
            doc={doc}
            current={pageNumber}
            rotation={rotation}
            onChoose={(n) => {
              setChosen({ doc, page: n });
            }}
          />
        )}
        <div
          ref={setScroller}
          tabIndex={0}
          role="region"
          aria-label={`Page ${String(pageNumber)}, scrollable`}
          data-testid="page-area"
          className={classes.pageArea}
          style={{
            flex: 1,
            minWidth: 0,
            overflow: 'auto',
            // The vertical scrollbar's room is kept even when it is not needed, so "fit width" does
            // not change the width it fits to when a tall page brings the scrollbar in.
            scrollbarGutter: 'stable',
            background: 'var(--mantine-color-gray-1)',
          }}
        >
          {content}
        </div>
      </Group>
    </Stack>
  );
}
