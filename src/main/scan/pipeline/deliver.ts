/**
 * Finishing one order: look up its draft, name it by convention, render its PDF, hand it to the
 * sink. A failure is returned as data on that order; the batch goes on.
 */
import type { Problem } from '../../../shared/errors';
import { CodedError } from '../../../shared/errors';
import type { PageImageStore } from './image-store';
import { orderIssues, type OrderIssue } from './issues';
import type { Batch, BatchOrder, BatchPage, OrderStart } from './model';
import {
  namingInputFor,
  pickFileName,
  type DraftInfo,
  type DraftLookup,
  type StationContext,
} from './naming';
import { OrderNameTakenError, type DeliveryReceipt, type OrderSink } from './order-sink';
import { includedPageCount, renderOrder } from './render-order';

export interface RenderedOrder {
  readonly orderId: string;
  readonly start: OrderStart;
  readonly draftId?: string | undefined;
  readonly draft?: DraftInfo | undefined;
  /** The order's pages in order, with their flags (included or not). */
  readonly pages: readonly BatchPage[];
  readonly includedPages: number;
  readonly fileName?: string | undefined;
  readonly pdf?: Uint8Array | undefined;
  readonly receipt?: DeliveryReceipt | undefined;
  readonly issues: readonly OrderIssue[];
  /** Why the order was not stored, when it was not. */
  readonly error?: Problem | undefined;
}

export interface DeliveryContext {
  readonly station: StationContext;
  readonly drafts?: DraftLookup | undefined;
  readonly sink: OrderSink;
  readonly images: PageImageStore;
  /** Names taken so far (lower-cased); names this batch takes are added. */
  readonly taken: Set<string>;
}

export async function deliverOrder(
  batch: Batch,
  order: BatchOrder,
  ctx: DeliveryContext,
): Promise<RenderedOrder> {
  const pages = order.pages
    .map((e) => batch.pages.find((p) => p.id === e.pageId))
    .filter((p): p is BatchPage => !!p);
  const issues: OrderIssue[] = orderIssues(batch, order);
  const base = { orderId: order.id, start: order.start, draftId: order.draftId, pages, issues };
  let draft: DraftInfo | undefined;
  if (order.draftId !== undefined && ctx.drafts) {
    draft = await ctx.drafts(order.draftId);
    if (!draft) {
      issues.push({
        code: 'NO_DRAFT',
        message: `The cover sheet names draft ${order.draftId}, which this station does not have.`,
      });
    }
  }
  const includedPages = includedPageCount(batch, order.id);
  if (includedPages === 0) return { ...base, draft, includedPages };

  try {
    const input = namingInputFor(ctx.station, draft, new Date(batch.startedAt));
    for (let attempt = 0; ; attempt += 1) {
      const fileName = pickFileName(
        ctx.station,
        input,
        ctx.taken,
        (name) => ctx.sink.nameTaken?.(name) ?? false,
      );
      ctx.taken.add(fileName.toLowerCase());
      const pdf = await renderOrder(batch, order.id, ctx.images, { fileName, station: ctx.station, draft });
      try {
        const receipt = await ctx.sink.deliver({
          batchId: batch.id,
          orderId: order.id,
          revision: order.revision,
          fileName,
          pdf,
          draftId: order.draftId,
          pageCount: includedPages,
          caseNumber: draft?.caseNumber,
        });
        return { ...base, draft, includedPages, fileName: receipt.fileName, pdf, receipt };
      } catch (error) {
        // Someone else took the name between listing and writing: take the next one.
        if (error instanceof OrderNameTakenError && attempt < 20) continue;
        throw error;
      }
    }
  } catch (error) {
    const problem: Problem =
      error instanceof CodedError
        ? error.toProblem()
        : { code: 'DELIVERY_FAILED', message: `The order could not be stored: ${String(error)}` };
    return { ...base, draft, includedPages, error: problem };
  }
}
