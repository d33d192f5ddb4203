/**
 * An order's PDF: page thumbnails, the current page, zoom and rotation (rotation is for reading
 * only; it does not change the stored file).
 */
import { ActionIcon, Box, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { openPdf } from './pdfjs';

function PageCanvas({
  doc,
  pageNumber,
  scale,
  rotation,
  label,
}: {
  doc: PDFDocumentProxy;
  pageNumber: number;
  scale: number;
  rotation: number;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    void doc.getPage(pageNumber).then((page) => {
      const target = canvas.current;
      if (cancelled || !target) return;
      const viewport = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      task = page.render({ canvas: target, viewport });
      task.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNumber, scale, rotation]);
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      style={{ display: 'block', maxWidth: 'none', background: 'white' }}
    />
  );
}

export function PdfViewer({ bytes, title }: { bytes: Uint8Array | null; title: string }) {
  // What was opened, and for which bytes: a new document shows nothing stale from the last one.
  const [opened, setOpened] = useState<{
    for: Uint8Array;
    doc: PDFDocumentProxy | null;
    error: string | null;
  } | null>(null);
  const [page, setPage] = useState(1);
  const [scale, setScale] = useState(0.8);
  const [rotation, setRotation] = useState(0);

  useEffect(() => {
    if (!bytes) return;
    let current: PDFDocumentProxy | null = null;
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    openPdf(bytes.slice()).then(
      (d) => {
        current = d;
        setOpened({ for: bytes, doc: d, error: null });
        setPage(1);
      },
      (e: unknown) => {
        setOpened({ for: bytes, doc: null, error: `The PDF cannot be shown: ${String(e)}` });
      },
    );
    return () => {
      void current?.destroy();
    };
  }, [bytes]);
  const doc = opened?.for === bytes ? opened.doc : null;
  const error = opened?.for === bytes ? opened.error : null;

  if (!bytes) return <Text c="dimmed">No scanned document is attached to this order yet.</Text>;
  if (error) return <Text c="red.9">{error}</Text>;
  if (!doc) return <Text>Opening the document…</Text>;
  const pages = Array.from({ length: doc.numPages }, (_, i) => i + 1);
  return (
    <Stack gap="xs" h="100%" aria-label={`Document ${title}`} component="section">
      <Group gap="xs">
        <ActionIcon
          variant="default"
          aria-label="Zoom out"
          onClick={() => {
            setScale((s) => Math.max(0.3, s - 0.1));
          }}
        >
          −
        </ActionIcon>
        <Text size="sm" w={48} ta="center">
          {Math.round(scale * 100)}%
        </Text>
        <ActionIcon
          variant="default"
          aria-label="Zoom in"
          onClick={() => {
            setScale((s) => Math.min(3, s + 0.1));
          }}
        >
          +
        </ActionIcon>
        <ActionIcon
          variant="default"
          aria-label="Rotate the view a quarter turn"
          onClick={() => {
            setRotation((r) => (r + 90) % 360);
          }}
        >
          ⟳
        </ActionIcon>
        <Text size="sm">
          Page {page} of {doc.numPages}
        </Text>
      </Group>
      <Group align="flex-start" gap="xs" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <ScrollArea
          h="100%"
          w={92}
          type="auto"
          aria-label="Page thumbnails"
          viewportProps={{ tabIndex: 0, 'aria-label': 'Page thumbnails' }}
        >
          <Stack gap={6}>
            {pages.map((n) => (
              <UnstyledButton
                key={n}
                onClick={() => {
                  setPage(n);
                }}
                aria-label={`Show page ${n}`}
                aria-current={n === page ? 'page' : undefined}
                style={{
                  border: n === page ? '2px solid var(--mantine-color-blue-8)' : '2px solid transparent',
                }}
              >
                <PageCanvas
                  doc={doc}
                  pageNumber={n}
                  scale={0.12}
                  rotation={rotation}
                  label={`Thumbnail of page ${n}`}
                />
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea>
        <Box style={{ flex: 1, minWidth: 0, height: '100%' }}>
          <ScrollArea
            h="100%"
            type="auto"
            viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': `Page ${page}, scrollable` }}
          >
            <PageCanvas
              doc={doc}
              pageNumber={page}
              scale={scale}
              rotation={rotation}
              label={`Page ${page} of ${title}`}
            />
          </ScrollArea>
        </Box>
      </Group>
    </Stack>
  );
}
