/** From the scan pipeline's batch model to the plain BatchDto the renderer draws. */
import type { BatchDto, BatchOrderDto, BatchPageDto } from '../../../shared/ipc/scan';
import { orderIssues } from '../pipeline/issues';
import type { Batch, BatchPage } from '../pipeline/model';

export interface BatchViewState {
  readonly deviceId: string;
  readonly status: BatchDto['status'];
  readonly scanned: number;
  readonly processed: number;
  readonly stopped: BatchDto['stopped'];
  /** Whether the station has a draft (a cover sheet may name one it does not). */
  readonly knownDraft: (draftId: string) => boolean;
}

function pageView(page: BatchPage): BatchPageDto {
  return {
    id: page.id,
    index: page.index,
    sheet: page.sheet,
    side: page.side,
    status: page.status,
    role: page.role,
    blank: page.blank,
    flags: page.flags.map((f) => ({ code: f.code, message: f.message })),
    thumbnailKey: page.image?.ref ?? null,
  };
}

export function batchView(batch: Batch, state: BatchViewState): BatchDto {
  const orders: BatchOrderDto[] = batch.orders.map((order) => ({
    id: order.id,
    startKind: order.start.kind,
    draftId: order.draftId ?? null,
    pages: order.pages.map((p) => ({ pageId: p.pageId, included: p.included, rotation: p.rotation })),
    issues: orderIssues(batch, order, state.knownDraft).map((i) => ({ code: i.code, message: i.message })),
  }));
  return {
    id: batch.id,
    deviceId: state.deviceId,
    startedAt: batch.startedAt,
    status: state.status,
    pages: batch.pages.map(pageView),
    orders,
    unassigned: batch.unassigned,
    flags: batch.flags.map((f) => ({ code: f.code, message: f.message })),
    counts: { sheets: batch.counts.sheets, sides: batch.counts.sides },
    progress: { scanned: state.scanned, processed: state.processed },
    stopped: state.stopped,
  };
}
