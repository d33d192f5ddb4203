/** Drafts on this station: filters, status and sync state of each, open one, print its cover sheet. */
import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DraftSummaryDto, SyncStateDto } from '../../../shared/ipc/drafts';
import { ORDER_STATUSES, statusLabel, type OrderStatus } from '../../../shared/order/lifecycle';
import { call, problemOf, useStation, useStationEvent } from '../../api/context';
import { useNavigation } from '../../app/navigation';
import { DataTable } from '../../components/DataTable';
import { PdfModal } from '../../components/PdfModal';
import { countOf, formatDateTime } from '../../format/wording';
import { base64ToBytes } from '../../pdf/pdfjs';
import { mark } from '../../test-events';

const SYNC_LABEL: Record<SyncStateDto, string> = {
  pending: 'Waiting to send',
  synced: 'In the registry',
  conflict: 'Conflict: resolve it',
  rejected: 'Refused by the registry',
};

export function DraftsScreen() {
  const api = useStation();
  const { go } = useNavigation();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const [syncState, setSyncState] = useState<SyncStateDto | null>(null);
  const [rows, setRows] = useState<DraftSummaryDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [cover, setCover] = useState<{ bytes: Uint8Array; fileName: string } | null>(null);

  const load = useCallback(() => {
    call(api, 'drafts:list', {
      limit: 200,
      ...(text.trim() === '' ? {} : { text: text.trim() }),
      ...(status ? { status } : {}),
      ...(syncState ? { syncState } : {}),
    }).then(
      (list) => {
        setRows(list);
        setError(null);
        mark('drafts:loaded');
      },
      (e: unknown) => {
        setError(problemOf(e).message);
      },
    );
  }, [api, text, status, syncState]);
  useEffect(() => {
    const t = setTimeout(load, 200);
    return () => {
      clearTimeout(t);
    };
  }, [load]);
  useStationEvent('drafts:changed', load);
  useStationEvent('sync:status', load);

  const columns = useMemo<ColumnDef<DraftSummaryDto>[]>(
    () => [
      { header: 'Case number', accessorFn: (r) => r.caseNumber ?? '—' },
      { header: 'Form', accessorFn: (r) => r.formId ?? '—' },
      { header: 'Restrained person', accessorFn: (r) => r.restrainedName || '—' },
      { header: 'Status', accessorFn: (r) => statusLabel(r.status) },
      { header: 'Sync', accessorFn: (r) => SYNC_LABEL[r.syncState], id: 'sync' },
      { header: 'Updated', accessorFn: (r) => formatDateTime(r.updatedAt), id: 'updated' },
      {
        header: 'Actions',
        enableSorting: false,
        cell: ({ row }) => (
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-xs"
              onClick={() => {
                go({ screen: 'entry', draftId: row.original.id });
              }}
              aria-label={`Open draft ${row.original.caseNumber ?? row.original.id}`}
            >
              Open
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              aria-label={`Print the cover sheet of draft ${row.original.caseNumber ?? row.original.id}`}
              onClick={() =>
                void call(api, 'drafts:cover-sheets', { ids: [row.original.id] }).then(
                  (pdf) => {
                    setCover({ bytes: base64ToBytes(pdf.base64), fileName: pdf.fileName });
                  },
                  (e: unknown) => {
                    setError(problemOf(e).message);
                  },
                )
              }
            >
              Cover sheet
            </Button>
          </Group>
        ),
      },
    ],
    [api, go],
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Drafts</Title>
        <Button
          onClick={() =>
            void call(api, 'drafts:create', {}).then((d) => {
              go({ screen: 'entry', draftId: d.id });
            })
          }
        >
          New draft
        </Button>
      </Group>
      <Group align="flex-end" role="search" aria-label="Filter drafts">
        <TextInput
          label="Name or case number"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
          }}
          w={260}
        />
        <Select
          label="Status"
          clearable
          w={200}
          value={status}
          onChange={(v) => {
            setStatus(v ?? null);
          }}
          data={ORDER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <Select
          label="Sync state"
          clearable
          w={220}
          value={syncState}
          onChange={(v) => {
            setSyncState(v ?? null);
          }}
          data={(Object.keys(SYNC_LABEL) as SyncStateDto[]).map((s) => ({ value: s, label: SYNC_LABEL[s] }))}
        />
      </Group>
      {error && (
        <Text c="red.9" role="alert">
          {error}
        </Text>
      )}
      <DataTable
        data={rows}
        columns={columns}
        caption={`${countOf(rows.length, 'draft')} on this station`}
        rowKey={(r) => r.id}
      />
      <PdfModal
        pdf={cover}
        title="Cover sheet"
        onClose={() => {
          setCover(null);
        }}
      />
    </Stack>
  );
}
