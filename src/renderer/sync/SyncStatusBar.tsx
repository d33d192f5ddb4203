/** The status bar: what waits to be sent, when the last exchange succeeded, the current problem, conflicts. */
import { Badge, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { SyncStatusDto } from '../../shared/ipc/sync';
import { call, useStation } from '../api/context';
import { useSession } from '../app/session-context';
import { ConflictDialog } from './ConflictDialog';
import { formatBytes, formatTime } from './format';

const STATE_LABEL: Record<SyncStatusDto['state'], { text: string; color: string }> = {
  // Dark shades: white text on them stays above WCAG AA contrast.
  idle: { text: 'Up to date', color: '#1e6b34' },
  syncing: { text: 'Syncing', color: '#1864ab' },
  offline: { text: 'Offline', color: '#8a4300' },
  'signed-out': { text: 'Not signed in to the registry', color: '#343a40' },
  error: { text: 'Needs attention', color: '#a61e1e' },
};

export function SyncStatusBar() {
  const api = useStation();
  const { sync } = useSession();
  const [conflictsOpen, setConflictsOpen] = useState(false);
  if (!sync) return <Text size="sm">Sync status is loading…</Text>;
  const label = STATE_LABEL[sync.state];
  return (
    <Group
      h="100%"
      gap="md"
      wrap="nowrap"
      role="status"
      aria-label="Sync status"
      data-testid="sync-status"
      data-state={sync.state}
    >
      <Badge color={label.color} variant="filled">
        {label.text}
      </Badge>
      <Text size="sm" data-testid="sync-pending">
        {sync.pendingChanges === 0
          ? 'Nothing waiting to be sent'
          : `${sync.pendingChanges} change${sync.pendingChanges === 1 ? '' : 's'} waiting (${formatBytes(sync.pendingBytes)})`}
      </Text>
      <Text size="sm">Last synced: {formatTime(sync.lastSuccessAt)}</Text>
      {sync.problem !== null && (
        <Text
          size="sm"
          c={sync.state === 'idle' ? undefined : 'red.9'}
          truncate="end"
          style={{ flex: 1 }}
          title={sync.problem}
          data-testid="sync-problem"
        >
          {sync.problem}
        </Text>
      )}
      <Group gap="xs" ml="auto" wrap="nowrap">
        {sync.conflicts > 0 && (
          <Button
            size="xs"
            color="red"
            onClick={() => {
              setConflictsOpen(true);
            }}
          >
            Resolve {sync.conflicts} conflict{sync.conflicts === 1 ? '' : 's'}
          </Button>
        )}
        <Button
          size="xs"
          variant="default"
          onClick={() => void call(api, 'sync:now', {}).catch(() => undefined)}
        >
          Sync now
        </Button>
      </Group>
      <ConflictDialog
        opened={conflictsOpen}
        onClose={() => {
          setConflictsOpen(false);
        }}
      />
    </Group>
  );
}
