/**
 * The batch as a virtual list: a header per order and rows of page thumbnails. Only the rows in
 * view are in the DOM, and each thumbnail is fetched when it first scrolls into view, so a
 * 100-page batch costs the renderer what 15 pages would.
 */
import { Badge, Box, Group, Text, UnstyledButton } from '@mantine/core';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { BatchDto, BatchOrderDto, BatchPageDto } from '../../../shared/ipc/scan';
import { call, useStation } from '../../api/context';
import { countOf } from '../../format/wording';

const PER_ROW = 6;
const HEADER_PX = 40;
const ROW_PX = 176;
const VIEW_PX = 560;
const OVERSCAN_PX = 200;

const thumbnailCache = new Map<string, string>();

type Row =
  | { kind: 'header'; order: BatchOrderDto; number: number; top: number }
  | { kind: 'pages'; order: BatchOrderDto; entries: BatchOrderDto['pages']; top: number }
  | { kind: 'unassigned'; top: number; pageIds: readonly string[] };

function layout(batch: BatchDto): { rows: Row[]; height: number } {
  const rows: Row[] = [];
  let top = 0;
  batch.orders.forEach((order, i) => {
    rows.push({ kind: 'header', order, number: i + 1, top });
    top += HEADER_PX;
    for (let at = 0; at < order.pages.length; at += PER_ROW) {
      rows.push({ kind: 'pages', order, entries: order.pages.slice(at, at + PER_ROW), top });
      top += ROW_PX;
    }
  });
  if (batch.unassigned.length > 0) {
    rows.push({ kind: 'unassigned', top, pageIds: batch.unassigned });
    top += HEADER_PX + ROW_PX * Math.ceil(batch.unassigned.length / PER_ROW);
  }
  return { rows, height: top };
}

const Thumbnail = memo(function Thumbnail({
  batchId,
  page,
  rotation,
}: {
  batchId: string;
  page: BatchPageDto;
  rotation: number;
}) {
  const api = useStation();
  const key = page.thumbnailKey;
  const [url, setUrl] = useState<string | null>(key === null ? null : (thumbnailCache.get(key) ?? null));
  useEffect(() => {
    if (key === null || thumbnailCache.has(key)) return;
    let current = true;
    call(api, 'scan:thumbnail', { batchId, pageId: page.id }).then(
      (r) => {
        thumbnailCache.set(key, r.dataUrl);
        if (current) setUrl(r.dataUrl);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, batchId, page.id, key]);
  if (url === null) return <Box w={96} h={124} bg="gray.1" aria-hidden />;
  return (
    <img
      src={url}
      alt=""
      width={96}
      height={124}
      decoding="async"
      style={{ objectFit: 'contain', transform: `rotate(${rotation}deg)`, background: 'white' }}
    />
  );
});

interface TileProps {
  readonly batchId: string;
  readonly page: BatchPageDto;
  readonly included: boolean;
  readonly rotation: number;
  readonly selected: boolean;
  readonly onSelect: (pageId: string) => void;
}

/**
 * Every progress push brings a new BatchDto, so a page is a new object each time even when nothing
 * about it changed; tiles compare what they draw instead, and only new or changed pages render.
 */
function samePage(a: BatchPageDto, b: BatchPageDto): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.index === b.index &&
      a.side === b.side &&
      a.status === b.status &&
      a.thumbnailKey === b.thumbnailKey &&
      a.flags.length === b.flags.length &&
      a.flags.every((f, i) => f.code === b.flags[i]?.code))
  );
}

function sameTile(a: TileProps, b: TileProps): boolean {
  return (
    a.batchId === b.batchId &&
    a.included === b.included &&
    a.rotation === b.rotation &&
    a.selected === b.selected &&
    a.onSelect === b.onSelect &&
    samePage(a.page, b.page)
  );
}

const Tile = memo(function Tile({ batchId, page, included, rotation, selected, onSelect }: TileProps) {
  const flagged = page.flags.length > 0;
  // The visible caption is the start of the accessible name (after "Page"), so what a sighted
  // speech-input user reads is what they can say (WCAG 2.5.3, axe label-content-name-mismatch).
  const caption = `${page.index}${included ? '' : ' · left out'}${flagged ? ' · flagged' : ''}`;
  const label = `Page ${caption}${page.side === 'back' ? ' (back)' : ''}${flagged ? `: ${page.flags.map((f) => f.code).join(', ')}` : ''}`;
  return (
    <UnstyledButton
      onClick={() => {
        onSelect(page.id);
      }}
      aria-label={label}
      aria-pressed={selected}
      data-page-id={page.id}
      style={{
        width: 112,
        padding: 6,
        borderRadius: 4,
        border: selected
          ? '3px solid var(--mantine-color-blue-8)'
          : flagged
            ? '3px solid var(--mantine-color-orange-7)'
            : '3px solid transparent',
        opacity: included ? 1 : 0.55,
      }}
    >
      <Thumbnail batchId={batchId} page={page} rotation={rotation} />
      <Text size="xs" ta="center">
        {caption}
      </Text>
    </UnstyledButton>
  );
}, sameTile);

export function PageGrid({
  batch,
  selected,
  onSelect,
}: {
  batch: BatchDto;
  selected: string | null;
  onSelect: (pageId: string) => void;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const { rows, height } = useMemo(() => layout(batch), [batch]);
  const pages = useMemo(() => new Map(batch.pages.map((p) => [p.id, p])), [batch.pages]);
  const visible = rows.filter(
    (r) => r.top + ROW_PX + OVERSCAN_PX >= scrollTop && r.top - OVERSCAN_PX <= scrollTop + VIEW_PX,
  );
  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop);
      }}
      style={{
        height: VIEW_PX,
        overflowY: 'auto',
        position: 'relative',
        border: '1px solid var(--mantine-color-gray-4)',
        borderRadius: 4,
        // Layout and paint of the grid stay inside it: a progress update elsewhere on the screen
        // neither lays out nor repaints the thumbnails.
        contain: 'strict',
      }}
      role="region"
      aria-label="Scanned pages by order"
      tabIndex={0}
    >
      <div style={{ height, position: 'relative' }}>
        {visible.map((row) => {
          if (row.kind === 'header') {
            const left = row.order.pages.filter((p) => !p.included).length;
            return (
              <Group
                key={`h-${row.order.id}`}
                style={{ position: 'absolute', top: row.top, left: 8, right: 8, height: HEADER_PX }}
                gap="xs"
              >
                <Text fw={700} size="sm">
                  Order {row.number}
                </Text>
                <Text size="sm">
                  {countOf(row.order.pages.length, 'page')}
                  {left > 0 ? `, ${left} left out` : ''} ·{' '}
                  {row.order.draftId ? 'cover sheet read' : row.order.startKind.replace(/-/g, ' ')}
                </Text>
                {row.order.issues.length > 0 && (
                  <Badge color="#8a4300" variant="filled">
                    {row.order.issues.length} to review
                  </Badge>
                )}
              </Group>
            );
          }
          const entries =
            row.kind === 'pages'
              ? row.entries
              : row.pageIds.map((pageId) => ({ pageId, included: false, rotation: 0 as const }));
          return (
            <Group
              key={row.kind === 'pages' ? `r-${row.order.id}-${row.top}` : 'unassigned'}
              gap={4}
              style={{ position: 'absolute', top: row.top, left: 8, right: 8 }}
            >
              {row.kind === 'unassigned' && (
                <Text size="sm" fw={700} w="100%">
                  Taken out of every order
                </Text>
              )}
              {entries.map((e) => {
                const page = pages.get(e.pageId);
                return page ? (
                  <Tile
                    key={e.pageId}
                    batchId={batch.id}
                    page={page}
                    included={e.included}
                    rotation={e.rotation}
                    selected={selected === e.pageId}
                    onSelect={onSelect}
                  />
                ) : null;
              })}
            </Group>
          );
        })}
      </div>
    </div>
  );
}
