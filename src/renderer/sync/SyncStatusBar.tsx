/**
 * The status bar: the sync status in the same words as the header (use-sync-view.ts), what waits,
 * when the last exchange succeeded, and what the person can do about it: sign in to send, resolve
 * conflicts, or sync now (which says what it came to).
 */
import { Badge, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { call, problemOf, useStation } from '../api/context';
import { useSession } from '../app/session-context';
import { mark } from '../test-events';
import { ConflictDialog } from './ConflictDialog';
import { formatWhen } from '../format/wording';
import { RegistrySignInDialog } from './RegistrySignInDialog';
import { describeSync, syncNowResult, type SyncNowResult } from './sync-view';
import { useSyncView } from './use-sync-view';

/** "Sync now": runs an attempt (probe, send, pull) and keeps what it came to, with the headline then. */
function useSyncNow(): {
  run: () => Promise<void>;
  running: boolean;
  result: (SyncNowResult & { readonly headline: string }) | null;
} {
  const api = useStation();
  const { session, sync } = useSession();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<(SyncNowResult & { headline: string }) | null>(null);
  const run = async () => {
    setRunning(true);
    setResult(null);
    try {
      const status = await call(api, 'sync:now', {});
      setResult({ ...syncNowResult(status, session), headline: describeSync(status, session).headline });
    } catch (error) {
      setResult({
        ok: false,
        text: `Sync did not run: ${problemOf(error).message}`,
        headline: describeSync(sync, session).headline,
      });
    } finally {
      setRunning(false);
      mark('sync:now-done');
    }
  };
  return { run, running, result };
}

export function SyncStatusBar() {
  const { sync } = useSession();
  const view = useSyncView();
  const syncNow = useSyncNow();
  const [conflictsOpen, setConflictsOpen] = useState(false);
  const [signInOpen, setSignInOpen] = useState(false);
  if (!sync) return <Text size="sm">{view.headline}</Text>;
  // The answer to "Sync now" stands until the status moves on; then the status speaks again.
  const answer = syncNow.result?.headline === view.headline ? syncNow.result : null;
  const detail = answer?.text ?? view.detail;
  const alarming = answer ? !answer.ok : view.state !== 'idle';
  return (
    <Group
      h="100%"
      gap="md"
      wrap="nowrap"
      role="status"
      aria-label="Sync status"
      data-testid="sync-status"
      data-state={view.state}
    >
      <Badge color={view.color} variant="filled" tt="none" data-testid="footer-sync-status">
        {view.headline}
      </Badge>
      <Text size="sm" data-testid="sync-pending">
        {view.waiting}
      </Text>
      <Text size="sm">Last synced: {formatWhen(sync.lastSuccessAt)}</Text>
      {detail !== null && (
        <Text
          size="sm"
          c={alarming ? 'red.9' : undefined}
          truncate="end"
          style={{ flex: 1 }}
          title={detail}
          data-testid={answer === null ? 'sync-problem' : 'sync-now-result'}
        >
          {detail}
        </Text>
      )}
      <Group gap="xs" ml="auto" wrap="nowrap">
        {view.action === 'sign-in' && (
          <Button
            size="xs"
            onClick={() => {
              setSignInOpen(true);
            }}
          >
            Sign in to send
          </Button>
        )}
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
        <Button size="xs" variant="default" loading={syncNow.running} onClick={() => void syncNow.run()}>
          Sync now
        </Button>
      </Group>
      <ConflictDialog
        opened={conflictsOpen}
        onClose={() => {
          setConflictsOpen(false);
        }}
      />
      <RegistrySignInDialog
        opened={signInOpen}
        onClose={() => {
          setSignInOpen(false);
        }}
      />
    </Group>
  );
}
