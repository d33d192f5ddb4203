/**
 * The scan station: scanner and profile, start a batch, live thumbnails and progress, the
 * separation result, review and edits, retry after a jam, then save the orders as drafts.
 */
import {
  Alert,
  Button,
  Grid,
  Group,
  Progress,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { memo, startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from '../../../shared/errors';
import type { BatchDto, BatchEdit, CommittedOrderDto, ScannerListDto } from '../../../shared/ipc/scan';
import type { ScanProfile } from '../../../shared/ipc/settings';
import { call, problemOf, useStation, useStationEvent } from '../../api/context';
import { useNavigation } from '../../app/navigation';
import { countOf } from '../../format/wording';
import { mark } from '../../test-events';
import { PageGrid } from './PageGrid';
import { ReviewPanel } from './ReviewPanel';
import { ScannerPicker } from './ScannerPicker';

const RESOLUTIONS = ['200', '300', '400', '600'].map((v) => ({ value: v, label: `${v} dpi` }));
const OUTPUTS = [
  { value: 'bilevel', label: 'Black and white' },
  { value: 'gray', label: 'Gray' },
];
const SEPARATIONS: { value: ScanProfile['separation']; label: string }[] = [
  { value: 'cover-sheet', label: 'Cover sheets' },
  { value: 'patch-t', label: 'Patch T sheets' },
  { value: 'fixed-count', label: 'Fixed page count' },
  { value: 'single', label: 'One order' },
];

// The controls above the grid are memoised: progress arrives four times a second during a batch and
// must not re-render five comboboxes each time (bench:ui counts the renderer's long tasks).
const ProfileControls = memo(function ProfileControls({
  profile,
  onChange,
  disabled,
}: {
  profile: ScanProfile;
  onChange: (p: ScanProfile) => void;
  disabled: boolean;
}) {
  return (
    <Group align="flex-end" gap="xs">
      <Select
        allowDeselect={false}
        label="Resolution"
        w={110}
        disabled={disabled}
        data={RESOLUTIONS}
        value={String(profile.resolutionDpi)}
        onChange={(v) => {
          onChange({ ...profile, resolutionDpi: Number(v ?? '300') as ScanProfile['resolutionDpi'] });
        }}
      />
      <Select
        allowDeselect={false}
        label="Image"
        w={150}
        disabled={disabled}
        data={OUTPUTS}
        value={profile.output}
        onChange={(v) => {
          onChange({ ...profile, output: v === 'gray' ? 'gray' : 'bilevel' });
        }}
      />
      <Select
        allowDeselect={false}
        label="Separate orders by"
        w={180}
        disabled={disabled}
        data={SEPARATIONS}
        value={profile.separation}
        onChange={(v) => {
          onChange({ ...profile, separation: v ?? 'cover-sheet' });
        }}
      />
      <Switch
        label="Both sides"
        checked={profile.duplex}
        disabled={disabled}
        onChange={(e) => {
          onChange({ ...profile, duplex: e.currentTarget.checked });
        }}
        mb={8}
      />
    </Group>
  );
});

function Results({ results }: { results: CommittedOrderDto[] }) {
  const { go } = useNavigation();
  return (
    <Table withTableBorder data-testid="commit-results">
      <Table.Caption>Saved orders</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Order</Table.Th>
          <Table.Th>File</Table.Th>
          <Table.Th>Pages</Table.Th>
          <Table.Th>Next</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {results.map((r, i) => (
          <Table.Tr key={r.orderId}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>{r.fileName ?? r.problem}</Table.Td>
            <Table.Td>{r.pageCount}</Table.Td>
            <Table.Td>
              {r.draftId && (
                <Button
                  size="compact-xs"
                  onClick={() => {
                    go({ screen: 'entry', draftId: r.draftId ?? undefined });
                  }}
                  // Begins with the visible text, so "Enter data" said aloud finds it (WCAG 2.5.3).
                  aria-label={`Enter data for order ${i + 1}`}
                >
                  Enter data
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ScanScreen() {
  const api = useStation();
  const [scanners, setScanners] = useState<ScannerListDto | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [profile, setProfile] = useState<ScanProfile | null>(null);
  const [batch, setBatch] = useState<BatchDto | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [results, setResults] = useState<CommittedOrderDto[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const [list, settings, current] = await Promise.all([
          call(api, 'scan:devices', {}),
          call(api, 'settings:get', {}),
          call(api, 'scan:current', {}),
        ]);
        setScanners(list);
        setProfile(settings.scanProfile);
        setDeviceId(
          settings.scannerDeviceId && list.devices.some((d) => d.id === settings.scannerDeviceId)
            ? settings.scannerDeviceId
            : (list.devices[0]?.id ?? null),
        );
        setBatch(current);
        mark('scan:ready');
      } catch (error) {
        setProblem(problemOf(error));
      }
    })();
  }, [api]);
  // Progress renders as a transition: React yields to input between slices, so a fast feeder never
  // blocks the clerk's clicks (bench:ui measures the longest task while 100 pages arrive).
  useStationEvent('scan:batch', (next) => {
    startTransition(() => {
      setBatch(next);
    });
  });
  // `batch:complete` is marked once the finished batch is on screen (its update renders as a
  // transition, so the event can arrive before or after that render).
  const waitingFor = useRef<string | null>(null);
  const onScreen = useRef<BatchDto | null>(null);
  const finishedOnScreen = (id: string) =>
    onScreen.current?.id === id && onScreen.current.status !== 'scanning';
  useStationEvent('batch:complete', (event) => {
    if (finishedOnScreen(event.batchId)) mark('batch:complete');
    else waitingFor.current = event.batchId;
  });
  useEffect(() => {
    onScreen.current = batch;
    if (waitingFor.current !== null && finishedOnScreen(waitingFor.current)) {
      waitingFor.current = null;
      mark('batch:complete');
    }
  }, [batch]);

  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      setProblem(problemOf(error));
      return undefined;
    }
  }, []);
  const start = () =>
    void run(async () => {
      if (!deviceId || !profile) return;
      setResults(null);
      setSelected(null);
      setBatch(await call(api, 'scan:start', { deviceId, profile }));
      await call(api, 'settings:update', { patch: { scannerDeviceId: deviceId, scanProfile: profile } });
    });
  // Looking again takes seconds; the chosen scanner stays chosen if it is still there.
  const refreshScanners = useCallback(() => {
    setRefreshing(true);
    void run(async () => {
      const list = await call(api, 'scan:refresh-devices', {});
      setScanners(list);
      setDeviceId((current) =>
        current !== null && list.devices.some((d) => d.id === current)
          ? current
          : (list.devices[0]?.id ?? null),
      );
      mark('scan:scanners-refreshed');
    }).finally(() => {
      setRefreshing(false);
    });
  }, [api, run]);
  const edit = (e: BatchEdit) => {
    if (!batch) return;
    void run(async () => {
      setBatch(await call(api, 'scan:edit', { batchId: batch.id, edit: e }));
    });
  };

  const scanning = batch?.status === 'scanning';
  const editable = batch !== null && !scanning && batch.status !== 'committed';
  const percent =
    batch && batch.progress.scanned > 0 ? (batch.progress.processed / batch.progress.scanned) * 100 : 0;

  return (
    <Stack gap="sm">
      <Title order={2}>Scan</Title>
      <ScannerPicker
        list={scanners}
        deviceId={deviceId}
        onChange={setDeviceId}
        onRefresh={refreshScanners}
        refreshing={refreshing}
        disabled={scanning}
      />
      <Group align="flex-end" gap="sm">
        {profile && <ProfileControls profile={profile} onChange={setProfile} disabled={scanning} />}
        <Button onClick={start} disabled={!deviceId || scanning}>
          Start scanning
        </Button>
        {batch?.status === 'scanning' && (
          <Button
            variant="default"
            color="red"
            onClick={() => void run(() => call(api, 'scan:cancel', { batchId: batch.id }))}
          >
            Cancel
          </Button>
        )}
      </Group>
      {problem && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      {batch && (
        <>
          <Stack gap={4}>
            {/* Not `animated`: moving stripes repaint the whole screen every frame (the thumbnails
                too) and kept the renderer's main thread busy for the length of a batch. */}
            <Progress value={percent} striped={scanning} aria-label="Pages processed" />
            <Text size="sm" data-testid="batch-progress" data-status={batch.status}>
              {countOf(batch.progress.scanned, 'page')} scanned, {batch.progress.processed} processed ·{' '}
              {countOf(batch.orders.length, 'order')}
              {batch.status === 'complete'
                ? ' · scanning finished'
                : batch.status === 'committed'
                  ? ' · saved'
                  : batch.status === 'cancelled'
                    ? ' · canceled'
                    : ''}
            </Text>
          </Stack>
          {batch.stopped && (
            <Alert color="orange" title="The scanner stopped" role="alert">
              <Group justify="space-between">
                <Text size="sm">{batch.stopped.message} The pages already scanned are kept.</Text>
                <Button
                  size="xs"
                  onClick={() =>
                    void run(async () => {
                      setBatch(await call(api, 'scan:retry', { batchId: batch.id }));
                    })
                  }
                >
                  Retry: continue the batch
                </Button>
              </Group>
            </Alert>
          )}
          <Grid>
            <Grid.Col span={8}>
              <PageGrid batch={batch} selected={selected} onSelect={setSelected} />
            </Grid.Col>
            <Grid.Col span={4}>
              <ReviewPanel
                batch={batch}
                selected={selected}
                onSelect={setSelected}
                onEdit={edit}
                editable={editable}
              />
            </Grid.Col>
          </Grid>
          <Group>
            <Button
              disabled={!editable}
              onClick={() =>
                void run(async () => {
                  setResults(await call(api, 'scan:commit', { batchId: batch.id }));
                  mark('batch:saved');
                })
              }
            >
              Save {countOf(batch.orders.length, 'order')} as drafts
            </Button>
            <Button
              variant="default"
              disabled={!editable}
              onClick={() =>
                void run(async () => {
                  await call(api, 'scan:discard', { batchId: batch.id });
                  setBatch(null);
                })
              }
            >
              Discard this batch
            </Button>
          </Group>
          {results && <Results results={results} />}
        </>
      )}
    </Stack>
  );
}
