/**
 * Saving a reviewed batch, the one place an order becomes a file: every order with pages to keep
 * gets a draft (its cover sheet's, or a new one), a name by the station's convention, its PDF
 * rendered once from the edited model, and is attached to its draft in the encrypted store. An
 * order that fails is reported on its own; the others are saved.
 */
import { CodedError } from '../../../shared/errors';
import { getForm } from '../../../shared/forms';
import type { CommittedOrderDto } from '../../../shared/ipc/scan';
import type { StationSettings } from '../../../shared/ipc/settings';
import { parseNamingTemplate } from '../../../shared/naming';
import { diskFailure, StoreError, type ChangeAuthor } from '../../store';
import { assignDraft } from '../pipeline/edits';
import type { PageImageStore } from '../pipeline/image-store';
import { type Batch, type BatchOrder, orderById } from '../pipeline/model';
import { namingInputFor, pickFileName, type DraftInfo, type StationContext } from '../pipeline/naming';
import { includedPageCount, renderOrder } from '../pipeline/render-order';
import { ScanError } from './batch-edits';
import type { ScanStore } from './scan-store';

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
  readonly store: Pick<ScanStore, 'drafts' | 'documents' | 'blobs'>;
  readonly images: PageImageStore;
  readonly station: StationContext;
  /** Who saves the batch: the documents are theirs, and only their organisation's drafts are used. */
  readonly author: ChangeAuthor | null;
  /** Creates an empty draft for an order that came without a cover sheet; returns its id. */
  readonly newDraft: () => string;
}

export interface CommitResult {
  /** The batch with the drafts it was given. */
  readonly batch: Batch;
  /** One result per order handled, in order (all of them unless `halted`). */
  readonly orders: CommittedOrderDto[];
  /**
   * The disk refused a write (full or failing): the save stopped there. The orders in `orders` with
   * a file are stored; the rest were not tried, so the batch must stay open for another save.
   */
  readonly halted: StoreError | null;
}

/** Another order took the name between choosing it and attaching: the next sequence is tried. */
const NAME_ATTEMPTS = 20;

/** What the naming convention and the PDF's metadata need of a draft. */
export function draftInfo(store: Pick<ScanStore, 'drafts'>, draftId: string): DraftInfo | undefined {
  const draft = store.drafts.get(draftId);
  if (!draft) return undefined;
  const formId = draft.order.formId;
  return {
    draftId,
    caseNumber: draft.order.caseNumber,
    formId,
    orderType: formId === undefined ? undefined : (getForm(formId)?.orderType ?? undefined),
    issueDate: draft.order.issueDate,
  };
}

/** Names, renders and attaches one order; returns the name it was saved under. */
async function saveOrder(
  batch: Batch,
  order: BatchOrder,
  draft: DraftInfo,
  pageCount: number,
  taken: Set<string>,
  ctx: CommitContext,
): Promise<string> {
  const input = namingInputFor(ctx.station, draft, new Date(batch.startedAt));
  for (let attempt = 0; ; attempt += 1) {
    const fileName = pickFileName(ctx.station, input, taken, (name) =>
      ctx.store.documents.fileNameTaken(name),
    );
    taken.add(fileName.toLowerCase());
    const pdf = await renderOrder(batch, order.id, ctx.images, { fileName, station: ctx.station, draft });
    const blob = ctx.store.blobs.put(pdf);
    try {
      return ctx.store.documents.attach(
        {
          draftId: draft.draftId,
          sha256: blob.sha256,
          fileName,
          pageCount,
          scan: { batchId: batch.id, orderId: order.id },
        },
        ctx.author,
      ).fileName;
    } catch (error) {
      const nameTaken =
        error instanceof StoreError && error.code === 'INVALID_RECORD' && error.field === 'fileName';
      if (!nameTaken || attempt >= NAME_ATTEMPTS) throw error;
    }
  }
}

/**
 * Before anything is written: an order whose cover sheet names a draft the saver may not use (not on
 * this station, or another organisation's) stops the whole save, so its pages are never dropped.
 * The review shows such an order as NO_DRAFT; the operator types another code or leaves it out.
 */
function refuseUnavailableDrafts(model: Batch, ctx: CommitContext): void {
  model.orders.forEach((order, i) => {
    if (order.draftId === undefined || includedPageCount(model, order.id) === 0) return;
    const draft = ctx.store.drafts.get(order.draftId);
    if (draft && (ctx.author === null || draft.orgOri === ctx.author.orgOri)) return;
    throw new ScanError(
      'DRAFT_NOT_AVAILABLE',
      `Order ${i + 1} of the batch has a cover sheet for a draft this station does not have. Nothing was saved: type the cover-sheet code of one it has, or leave its pages out, then save again.`,
      'orderId',
    );
  });
}

/**
 * Whether every order of the batch with pages to save has its document already: the batch was
 * saved, though its journal may still hold it.
 */
export function savedAlready(model: Batch, store: Pick<ScanStore, 'documents'>): boolean {
  const saved = store.documents.savedFromScan(model.id);
  const toSave = model.orders.filter((o) => includedPageCount(model, o.id) > 0);
  return toSave.length > 0 && toSave.every((o) => saved.has(o.id));
}

export async function commitBatch(model: Batch, ctx: CommitContext): Promise<CommitResult> {
  refuseUnavailableDrafts(model, ctx);
  let batch = model;
  const savedBefore = ctx.store.documents.savedFromScan(model.id);
  const results: CommittedOrderDto[] = [];
  const taken = new Set<string>();
  for (const original of model.orders) {
    // Saved by an earlier save of this batch that the disk stopped part-way (perhaps before a
    // restart): the document row says so, in the same transaction that stored it. Not saved twice.
    const earlier = savedBefore.get(original.id);
    if (earlier) {
      if (original.draftId === undefined) batch = assignDraft(batch, original.id, earlier.draftId);
      results.push({
        orderId: original.id,
        draftId: earlier.draftId,
        fileName: earlier.fileName,
        pageCount: earlier.pageCount,
        problem: null,
      });
      continue;
    }
    const pageCount = includedPageCount(batch, original.id);
    const refused = (problem: string): void => {
      results.push({ orderId: original.id, draftId: null, fileName: null, pageCount, problem });
    };
    if (pageCount === 0) {
      refused('Every page of this order is left out: nothing to save.');
      continue;
    }
    try {
      if (original.draftId === undefined) batch = assignDraft(batch, original.id, ctx.newDraft());
      const order = orderById(batch, original.id);
      // refuseUnavailableDrafts let through only drafts the saver may use; one removed since is refused.
      const draft = order?.draftId === undefined ? undefined : draftInfo(ctx.store, order.draftId);
      if (!order || !draft) {
        refused(
          'Its draft was removed from this station while the batch was being saved: this order was not saved.',
        );
        continue;
      }
      const fileName = await saveOrder(batch, order, draft, pageCount, taken, ctx);
      results.push({ orderId: order.id, draftId: draft.draftId, fileName, pageCount, problem: null });
    } catch (error) {
      // A full or failing disk would refuse every order after this one too, and reporting them as
      // failed would close the batch with its pages in no order: stop, and keep the batch open.
      const disk = diskFailure(error);
      if (disk) return { batch, orders: results, halted: disk };
      refused(
        error instanceof CodedError
          ? error.message
          : `The order could not be saved: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { batch, orders: results, halted: null };
}
