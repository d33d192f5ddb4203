/**
 * The scanner drop-down with "Refresh scanners". The station remembers the scanners it found (the
 * first look runs when it starts), so the list is here as soon as the screen opens; looking again
 * takes seconds, hence the button, the progress while it runs and the time of the last look.
 * A driver that failed is shown with what it said, never dropped silently.
 */
import { Alert, Button, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { memo, useMemo } from 'react';
import type { ScannerListDto } from '../../../shared/ipc/scan';

/** "4:31 PM": the time of day of the last look, 12-hour (it is always recent). */
function timeOfDay(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', hour12: true });
}

function found(count: number): string {
  return count === 1 ? 'one scanner found' : `${count === 0 ? 'no' : count} scanners found`;
}

function DiscoveryStatus({ list, refreshing }: { list: ScannerListDto | null; refreshing: boolean }) {
  const looking = refreshing || list === null;
  return (
    <Group gap={6} wrap="nowrap">
      {looking && <Loader size="xs" aria-hidden />}
      <Text
        size="sm"
        c="dimmed"
        role="status"
        data-testid="scanner-discovery"
        data-discoveries={list?.discoveries ?? 0}
      >
        {looking
          ? 'Looking for scanners…'
          : list.discoveredAt === null
            ? 'The station has not looked for scanners yet.'
            : `Scanners last looked for at ${timeOfDay(list.discoveredAt)}: ${found(list.devices.length)}.`}
      </Text>
    </Group>
  );
}

export const ScannerPicker = memo(function ScannerPicker({
  list,
  deviceId,
  onChange,
  onRefresh,
  refreshing,
  disabled,
}: {
  list: ScannerListDto | null;
  deviceId: string | null;
  onChange: (id: string | null) => void;
  onRefresh: () => void;
  refreshing: boolean;
  disabled: boolean;
}) {
  const data = useMemo(() => (list?.devices ?? []).map((d) => ({ value: d.id, label: d.label })), [list]);
  return (
    <Stack gap={4}>
      <Group align="flex-end" gap="xs">
        <Select
          allowDeselect={false}
          label="Scanner"
          w={280}
          data={data}
          value={deviceId}
          onChange={onChange}
          placeholder={list === null ? 'Looking for scanners…' : 'No scanner found'}
          disabled={disabled}
        />
        <Button variant="default" onClick={onRefresh} disabled={disabled || refreshing}>
          Refresh scanners
        </Button>
      </Group>
      <DiscoveryStatus list={list} refreshing={refreshing} />
      {list?.problems.map((p) => (
        <Alert key={p.driver} color="orange" role="alert" data-testid="scanner-problem">
          {p.message}
        </Alert>
      ))}
    </Stack>
  );
});
