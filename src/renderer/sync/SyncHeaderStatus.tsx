/** The header's sync status: the same sentence as the status bar, from the same store. */
import { Badge } from '@mantine/core';
import { useSyncView } from './use-sync-view';

export function SyncHeaderStatus() {
  const view = useSyncView();
  return (
    <Badge
      color={view.color}
      variant="filled"
      tt="none"
      data-testid="header-sync-status"
      data-state={view.state}
    >
      {view.headline}
    </Badge>
  );
}
