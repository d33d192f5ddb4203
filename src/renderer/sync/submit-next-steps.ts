/**
 * What a person is told after submitting an order: where it is now (sent, on its way, or kept on
 * this station until the registry can take it) and what happens next with DOJ's CARPOS system, in
 * sentences. Pure, so each case is tested.
 */
import type { SessionDto } from '../../shared/ipc/session';
import type { SyncStatusDto } from '../../shared/ipc/sync';
import type { OrderStatus } from '../../shared/order/lifecycle';

/** The transitions that hand an order on (to the sheriff or towards DOJ), and so get a confirmation. */
export const SUBMIT_TRANSITIONS: ReadonlySet<string> = new Set([
  'submit',
  'submitForCompletion',
  'completeCarposData',
]);

export interface SubmitNextSteps {
  readonly title: string;
  /** Where the order is now, on the way to the registry. */
  readonly delivery: string;
  /** What DOJ (CARPOS) will do next, and the statuses the order will show. */
  readonly next: string;
}

function delivery(sync: SyncStatusDto | null, session: SessionDto | null): string {
  const offlineSession = session?.state === 'signed-in' && session.mode === 'offline';
  if (offlineSession || sync?.state === 'signed-out') {
    return 'It is saved on this station and queued: it goes to the registry once you sign in to the registry (“Sign in to send” in the status bar).';
  }
  if (sync?.state === 'offline') {
    return 'It is saved on this station and queued: the registry does not answer now, and the order goes to it as soon as it does.';
  }
  return 'It is queued and is being sent to the registry now; the status bar says when everything is sent.';
}

export function submitNextSteps(
  status: OrderStatus,
  sync: SyncStatusDto | null,
  session: SessionDto | null,
): SubmitNextSteps {
  if (status === 'awaiting_carpos_data') {
    return {
      title: 'Sent to the sheriff for completion',
      delivery: delivery(sync, session),
      next: 'Next, the sheriff’s office completes the CARPOS data. The registry then sends the order to DOJ (CARPOS); its status becomes “Sent to DOJ”, then “Acknowledged by DOJ” when DOJ gives it a file control number (FCN).',
    };
  }
  return {
    title: 'Order submitted',
    delivery: delivery(sync, session),
    next: 'Next, the registry sends it to DOJ (CARPOS): its status becomes “Sent to DOJ”, then “Acknowledged by DOJ” when DOJ gives it a file control number (FCN). If DOJ refuses it, its status becomes “Rejected by DOJ” with DOJ’s reasons, and you can correct it and submit again.',
  };
}
