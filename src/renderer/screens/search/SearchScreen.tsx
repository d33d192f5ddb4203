/**
 * Search the registry (online only, and it says so): county or statewide, by name, date of birth,
 * case number or FCN; a results table; an order opens with its image.
 */
import { Alert, Button, Drawer, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState, type SyntheticEvent } from 'react';
import type { SearchQuery } from '../../../shared/api';
import type { PdfDto, RegistryOrderDto, SearchHitDto, SearchResultDto } from '../../../shared/ipc/registry';
import { call, problemOf, useStation } from '../../api/context';
import { isOnline, useSession } from '../../app/session-context';
import { DataTable } from '../../components/DataTable';
import { base64ToBytes } from '../../pdf/pdfjs';
import { PdfViewer } from '../../pdf/PdfViewer';
import { mark } from '../../test-events';

const name = (n: { last?: string | undefined; first?: string | undefined }) =>
  [n.last, n.first].filter(Boolean).join(', ');

function OrderDrawer({ hit, onClose }: { hit: SearchHitDto | null; onClose: () => void }) {
  const api = useStation();
  const [record, setRecord] = useState<RegistryOrderDto | null>(null);
  const [pdf, setPdf] = useState<PdfDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  if (hit && loadedFor !== hit.orderId) {
    setLoadedFor(hit.orderId);
    setRecord(null);
    setPdf(null);
    setError(null);
    void (async () => {
      try {
        const r = await call(api, 'registry:order', { id: hit.orderId });
        setRecord(r);
        const image = r.images[r.images.length - 1];
        if (image) setPdf(await call(api, 'registry:image', { orderId: hit.orderId, sha256: image.sha256 }));
        mark('search:order-opened');
      } catch (e) {
        setError(problemOf(e).message);
      }
    })();
  }
  const bytes = useMemo(() => (pdf ? base64ToBytes(pdf.base64) : null), [pdf]);
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened={hit !== null}
      onClose={onClose}
      position="right"
      size={760}
      title={hit ? `Order ${hit.caseNumber ?? hit.orderId}` : ''}
    >
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {record && (
        <Stack gap="xs" h={820}>
          <Text size="sm" data-testid="order-summary">
            {record.order.court.name} · {record.order.formId ?? 'form unknown'} · status {record.status} ·
            restrained: {name(record.order.restrainedPerson.name)} · DOB{' '}
            {record.order.restrainedPerson.dob ?? '—'} · expires {record.order.expirationDate ?? '—'}
          </Text>
          {record.images.length === 0 ? (
            <Text c="dimmed">The registry has no image for this order.</Text>
          ) : (
            <PdfViewer bytes={bytes} title={pdf?.fileName ?? 'order'} />
          )}
        </Stack>
      )}
    </Drawer>
  );
}

export function SearchScreen() {
  const api = useStation();
  const session = useSession();
  const online = isOnline(session);
  const [scope, setScope] = useState<'county' | 'statewide'>('statewide');
  const [fields, setFields] = useState({ lastName: '', firstName: '', dob: '', caseNumber: '', fcn: '' });
  const [result, setResult] = useState<SearchResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<SearchHitDto | null>(null);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const query: SearchQuery = { scope, match: 'smart', pageSize: 50 };
    let given = 0;
    for (const key of ['lastName', 'firstName', 'dob', 'caseNumber', 'fcn'] as const) {
      const value = fields[key].trim();
      if (value !== '') {
        query[key] = value;
        given += 1;
      }
    }
    if (given === 0) {
      setError('Enter a last name, a date of birth, a case number or an FCN.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await call(api, 'registry:search', { query }));
      mark('search:results');
    } catch (e) {
      setError(problemOf(e).message);
    } finally {
      setBusy(false);
    }
  };
  const columns = useMemo<ColumnDef<SearchHitDto>[]>(
    () => [
      { header: 'Restrained person', accessorFn: (h) => name(h.restrainedName) },
      { header: 'Date of birth', accessorFn: (h) => h.restrainedDob ?? '—', id: 'dob' },
      { header: 'Case number', accessorFn: (h) => h.caseNumber ?? '—', id: 'case' },
      { header: 'County', accessorKey: 'county' },
      { header: 'Form', accessorFn: (h) => h.formId ?? '—', id: 'form' },
      { header: 'Status', accessorKey: 'status' },
      { header: 'Expires', accessorFn: (h) => h.expirationDate ?? '—', id: 'expires' },
      {
        header: 'Open',
        enableSorting: false,
        cell: ({ row }) => (
          <Button
            size="compact-xs"
            onClick={() => {
              setOpen(row.original);
            }}
            aria-label={`Open order ${row.original.caseNumber ?? row.original.orderId}`}
          >
            Open
          </Button>
        ),
      },
    ],
    [],
  );
  const set = (key: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setFields({ ...fields, [key]: e.currentTarget.value });
  };

  return (
    <Stack>
      <Title order={2}>Search the registry</Title>
      {!online && (
        <Alert color="orange" title="Search is not available offline" data-testid="search-offline">
          Search asks the registry, and the station cannot reach it now
          {session.session?.state === 'signed-in' && session.session.mode === 'offline'
            ? ' (you unlocked the station offline)'
            : ''}
          . Local drafts are under Drafts.
        </Alert>
      )}
      <form onSubmit={(e) => void submit(e)} aria-label="Search orders">
        <Stack gap="xs">
          <SegmentedControl
            value={scope}
            onChange={(v) => {
              setScope(v === 'county' ? 'county' : 'statewide');
            }}
            data={[
              { value: 'county', label: 'My county' },
              { value: 'statewide', label: 'Statewide' },
            ]}
            aria-label="Where to search"
            w={260}
            disabled={!online}
          />
          <Group align="flex-end">
            <TextInput
              label="Last name"
              value={fields.lastName}
              onChange={set('lastName')}
              disabled={!online}
            />
            <TextInput
              label="First name"
              value={fields.firstName}
              onChange={set('firstName')}
              disabled={!online}
            />
            <TextInput
              label="Date of birth"
              placeholder="YYYY-MM-DD"
              value={fields.dob}
              onChange={set('dob')}
              disabled={!online}
              w={140}
            />
            <TextInput
              label="Case number"
              value={fields.caseNumber}
              onChange={set('caseNumber')}
              disabled={!online}
            />
            <TextInput
              label="FCN"
              value={fields.fcn}
              onChange={set('fcn')}
              disabled={!online}
              w={160}
              maxLength={13}
            />
            <Button type="submit" loading={busy} disabled={!online}>
              Search
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Names match exactly, by beginning, by similar spelling and by sound, best first.
          </Text>
        </Stack>
      </form>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {result && (
        <DataTable
          data={result.hits}
          columns={columns}
          caption={`${result.total} order(s) found`}
          rowKey={(h) => h.orderId}
        />
      )}
      <OrderDrawer
        hit={open}
        onClose={() => {
          setOpen(null);
        }}
      />
    </Stack>
  );
}
