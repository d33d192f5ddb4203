/**
 * What needs the operator's eye (blank pages, unread separators, odd duplex counts…) and the edits
 * that fix it: restore a page, rotate it, move it within its order, take it out, start or join
 * orders, and type the code of a cover sheet the scanner could not read.
 */
import { Alert, Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { memo, useState } from 'react';
import type { BatchDto, BatchEdit } from '../../../shared/ipc/scan';

interface FlagItem {
  readonly key: string;
  readonly text: string;
  readonly pageId: string | null;
}

export function flagsOf(batch: BatchDto): FlagItem[] {
  const out: FlagItem[] = [];
  for (const f of batch.flags) out.push({ key: `b-${f.code}`, text: f.message, pageId: null });
  batch.orders.forEach((o, i) => {
    for (const issue of o.issues)
      out.push({
        key: `o-${o.id}-${issue.code}`,
        text: `Order ${i + 1}: ${issue.message}`,
        pageId: o.pages[0]?.pageId ?? null,
      });
  });
  for (const p of batch.pages)
    for (const f of p.flags)
      out.push({ key: `p-${p.id}-${f.code}`, text: `Page ${p.index}: ${f.message}`, pageId: p.id });
  return out;
}

const SHOWN_FLAGS = 40;

function sameFlags(a: { flags: FlagItem[] }, b: { flags: FlagItem[] }): boolean {
  const n = Math.min(a.flags.length, SHOWN_FLAGS);
  if (n !== Math.min(b.flags.length, SHOWN_FLAGS)) return false;
  for (let i = 0; i < n; i += 1) {
    const x = a.flags[i];
    const y = b.flags[i];
    if (x?.key !== y?.key || x?.text !== y?.text || x?.pageId !== y?.pageId) return false;
  }
  return true;
}

/** The list re-renders only when what it shows changes, not at every progress push of a batch. */
const FlagList = memo(
  function FlagList({ flags, onSelect }: { flags: FlagItem[]; onSelect: (pageId: string) => void }) {
    return (
      <List size="sm" spacing={2} aria-label="Flagged pages and orders" data-testid="flags">
        {flags.slice(0, SHOWN_FLAGS).map((f) => (
          <List.Item key={f.key}>
            {f.pageId ? (
              <Button
                variant="subtle"
                size="compact-xs"
                onClick={() => {
                  onSelect(f.pageId ?? '');
                }}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                h="auto"
              >
                {f.text}
              </Button>
            ) : (
              f.text
            )}
          </List.Item>
        ))}
      </List>
    );
  },
  (a, b) => a.onSelect === b.onSelect && sameFlags(a, b),
);

interface Props {
  readonly batch: BatchDto;
  readonly selected: string | null;
  readonly onSelect: (pageId: string) => void;
  readonly onEdit: (edit: BatchEdit) => void;
  readonly editable: boolean;
}

export function ReviewPanel({ batch, selected, onSelect, onEdit, editable }: Props) {
  const [code, setCode] = useState('');
  const flags = flagsOf(batch);
  const orderIndex = batch.orders.findIndex((o) => o.pages.some((p) => p.pageId === selected));
  const order = orderIndex >= 0 ? batch.orders[orderIndex] : undefined;
  const position = order?.pages.findIndex((p) => p.pageId === selected) ?? -1;
  const entry = order?.pages[position];
  const page = batch.pages.find((p) => p.id === selected);
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        To review ({flags.length})
      </Title>
      {flags.length === 0 ? (
        <Text size="sm">Nothing flagged.</Text>
      ) : (
        <FlagList flags={flags} onSelect={onSelect} />
      )}
      {page && (
        <Stack gap="xs" component="section" aria-label="Selected page">
          <Title order={3} size="h5">
            Page {page.index}
            {order ? ` of order ${orderIndex + 1}` : ' (taken out)'}
          </Title>
          {!editable && <Alert color="gray">Wait until scanning stops to change pages.</Alert>}
          <Group gap={4}>
            {entry && (
              <Button
                size="xs"
                variant="default"
                disabled={!editable}
                onClick={() => {
                  onEdit({ kind: 'include', pageId: page.id, included: !entry.included });
                }}
              >
                {entry.included ? 'Leave out of the PDF' : 'Restore to the PDF'}
              </Button>
            )}
            {entry && (
              <Button
                size="xs"
                variant="default"
                disabled={!editable}
                onClick={() => {
                  onEdit({
                    kind: 'rotate',
                    pageId: page.id,
                    rotation: ((entry.rotation + 90) % 360) as 0 | 90 | 180 | 270,
                  });
                }}
              >
                Rotate
              </Button>
            )}
            {order && (
              <Button
                size="xs"
                variant="default"
                disabled={!editable || position <= 0}
                onClick={() => {
                  onEdit({ kind: 'move', pageId: page.id, toOrderId: order.id, position: position - 1 });
                }}
              >
                Move earlier
              </Button>
            )}
            {order && (
              <Button
                size="xs"
                variant="default"
                disabled={!editable || position >= order.pages.length - 1}
                onClick={() => {
                  onEdit({ kind: 'move', pageId: page.id, toOrderId: order.id, position: position + 1 });
                }}
              >
                Move later
              </Button>
            )}
            {order && (
              <Button
                size="xs"
                variant="default"
                color="red"
                disabled={!editable}
                onClick={() => {
                  onEdit({ kind: 'remove', pageId: page.id });
                }}
              >
                Delete from the order
              </Button>
            )}
            {!order && batch.orders.length > 0 && (
              <Button
                size="xs"
                variant="default"
                disabled={!editable}
                onClick={() => {
                  onEdit({
                    kind: 'move',
                    pageId: page.id,
                    toOrderId: batch.orders[batch.orders.length - 1]?.id ?? '',
                    position: 0,
                  });
                }}
              >
                Put back into the last order
              </Button>
            )}
            {order && position > 0 && (
              <Button
                size="xs"
                variant="default"
                disabled={!editable}
                onClick={() => {
                  onEdit({ kind: 'split-before', pageId: page.id });
                }}
              >
                Start a new order here
              </Button>
            )}
            {order && orderIndex > 0 && (
              <Button
                size="xs"
                variant="default"
                disabled={!editable}
                onClick={() => {
                  onEdit({ kind: 'merge-with-previous', orderId: order.id });
                }}
              >
                Join this order to the one before
              </Button>
            )}
          </Group>
          {order && (
            <Group align="flex-end" gap="xs">
              <TextInput
                label="Cover-sheet code (as printed under the barcode)"
                value={code}
                onChange={(e) => {
                  setCode(e.currentTarget.value);
                }}
                size="xs"
                w={300}
                disabled={!editable}
              />
              <Button
                size="xs"
                disabled={!editable || code.trim() === ''}
                onClick={() => {
                  onEdit({ kind: 'assign-draft', orderId: order.id, coverCode: code.trim() });
                }}
              >
                Attach to that draft
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
