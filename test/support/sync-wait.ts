/** Waiting on a station's sync status (its events, no sleeping; bounded so a hang fails clearly). */
import type { SyncService } from '../../src/main/sync/contract';
import type { SyncStatusDto } from '../../src/shared/ipc';

export async function syncUntil(
  sync: SyncService,
  check: (s: SyncStatusDto) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<SyncStatusDto> {
  const now = sync.status();
  if (check(now)) return now;
  void sync.syncNow().catch(() => undefined);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`sync never reached: ${what} (last: ${JSON.stringify(sync.status())})`));
    }, timeoutMs);
    const stop = sync.onStatus((s) => {
      if (!check(s)) return;
      clearTimeout(timer);
      stop();
      resolve(s);
    });
  });
}
