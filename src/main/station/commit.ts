/**
 * Saving a reviewed batch: every order with pages to keep gets a draft (its cover sheet's, or a new
 * one), its PDF rendered from the edited model, named by convention and attached through the
 * store sink. An order that fails is reported on its own; the others are saved.
 */
import type { CommittedOrderDto } from '../../shared/ipc/scan';
import type { StationSettings } from '../../shared/ipc/settings';
import { parseNamingTemplate } from '../../shared/naming';
import { getForm } from '../../shared/forms';
import { deliverOrder } from '../scan/pipeline/deliver';
import { assignDraft } from '../scan/pipeline/edits';
import type { PageImageStore } from '../scan/pipeline/image-store';
import type { Batch } from '../scan/pipeline/model';
import type { StationContext } from '../scan/pipeline/naming';
import type { OrderSink } from '../scan/pipeline/order-sink';
import { includedPageCount } from '../scan/pipeline/render-order';
import type { StationStore } from '../store';

export function stationContext(settings: StationSettings): StationContext {
  return {
    courtOri: settings.court.ori,
    courtName: settings.court.name,
    county: settings.court.county,
    station: settings.stationName,
    namingTemplate: parseNamingTemplate(settings.namingTemplate),
  };
}

export interface CommitContext {
  readonly store: StationStore;
  readonly images: PageImageStore;
  readonly sink: OrderSink;
  readonly station: StationContext;
  /** Creates an empty draft for an order that came without a cover sheet; returns its id. */
  readonly newDraft: () => string;
}

export async function commitBatch(
  model: Batch,
  ctx: CommitContext,
): Promise<{ batch: Batch; orders: CommittedOrderDto[] }> {
  let batch = model;
  const results: CommittedOrderDto[] = [];
  const taken = new Set(await ctx.sink.takenNames());
  for (const original of model.orders) {
    const pageCount = includedPageCount(batch, original.id);
    if (pageCount === 0) {
      results.push({
        orderId: original.id,
        draftId: null,
        fileName: null,
        pageCount,
        problem: 'Every page of this order is left out: nothing to save.',
      });
      continue;
    }
    if (original.draftId === undefined) batch = assignDraft(batch, original.id, ctx.newDraft());
    const order = batch.orders.find((o) => o.id === original.id);
    if (!order) continue;
    const draftId = order.draftId ?? null;
    const rendered = await deliverOrder(batch, order, {
      station: ctx.station,
      drafts: (id) => {
        const draft = ctx.store.drafts.get(id);
        if (!draft) return Promise.resolve(undefined);
        const formId = draft.order.formId;
        return Promise.resolve({
          draftId: id,
          caseNumber: draft.order.caseNumber,
          formId,
          orderType: formId === undefined ? undefined : (getForm(formId)?.orderType ?? undefined),
          issueDate: draft.order.issueDate,
        });
      },
      sink: ctx.sink,
      images: ctx.images,
      taken,
    });
    results.push({
      orderId: order.id,
      draftId: rendered.receipt ? draftId : null,
      fileName: rendered.receipt?.fileName ?? null,
      pageCount,
      problem: rendered.error?.message ?? (rendered.receipt ? null : 'The order could not be saved.'),
    });
  }
  return { batch, orders: results };
}
