/**
 * Where one draft stands with the registry, in words, kept current: re-read whenever the station's
 * sync status moves, so the entry screen never says "waiting" after the status bar says all is sent.
 */
import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SyncStateDto } from '../../shared/ipc/drafts';
import { call, useStation } from '../api/context';
import { useSession } from '../app/session-context';

export const DRAFT_SYNC_WORDS: Record<SyncStateDto, string> = {
  pending: 'Waiting to be sent to the registry.',
  synced: 'Sent: the registry has this version.',
  conflict: 'Changed on the registry too: resolve the conflict in the status bar.',
  rejected: 'Refused by the registry: see why on this screen.',
};

export function DraftSyncState({ draftId, initial }: { draftId: string; initial: SyncStateDto }) {
  const api = useStation();
  const { sync } = useSession();
  // Read back from the station; until then (and after a save changes `initial`), the draft's own word.
  const [fetched, setFetched] = useState<SyncStateDto | null>(null);
  const moved = `${sync?.pendingChanges ?? ''}|${sync?.lastSuccessAt ?? ''}|${sync?.conflicts ?? ''}|${sync?.rejected ?? ''}`;
  useEffect(() => {
    let alive = true;
    call(api, 'drafts:get', { id: draftId }).then(
      (d) => {
        if (alive) setFetched(d.syncState);
      },
      // The draft went away or the station locked: the screen itself says so; keep the last words.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [api, draftId, moved, initial]);
  const state = fetched ?? initial;
  return (
    <Text size="sm" span data-testid="draft-sync-state" data-state={state}>
      {DRAFT_SYNC_WORDS[state]}
    </Text>
  );
}
