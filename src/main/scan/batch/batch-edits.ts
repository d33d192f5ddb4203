/**
 * The operator's decisions on a scanned batch: one edit applied through the scan pipeline's pure
 * functions (pipeline/edits.ts), and the whole decision log replayed over a new separation (after a
 * retry, or a restart that separates a cut-off batch again), so no decision is lost.
 */
import { assertNever, CodedError } from '../../../shared/errors';
import type { BatchEdit } from '../../../shared/ipc/scan';
import { parseCoverPayload } from '../../../shared/scan/cover-code';
import {
  assignDraft,
  mergeWithPrevious,
  movePage,
  removePage,
  rotatePage,
  setPageIncluded,
  splitBefore,
} from '../pipeline/edits';
import type { Batch } from '../pipeline/model';
import type { ScanStore } from './scan-store';

/** A scan-station refusal with a code and a message for the operator. */
export class ScanError extends CodedError {}

/** Applies one edit; throws a coded error when it does not apply (the model is unchanged). */
export function applyBatchEdit(model: Batch, edit: BatchEdit, store: Pick<ScanStore, 'drafts'>): Batch {
  switch (edit.kind) {
    case 'include':
      return setPageIncluded(model, edit.pageId, edit.included);
    case 'rotate':
      return rotatePage(model, edit.pageId, edit.rotation);
    case 'move':
      return movePage(model, edit.pageId, edit.toOrderId, edit.position);
    case 'remove':
      return removePage(model, edit.pageId);
    case 'merge-with-previous':
      return mergeWithPrevious(model, edit.orderId);
    case 'split-before':
      return splitBefore(model, edit.pageId);
    case 'assign-draft': {
      const parsed = parseCoverPayload(edit.coverCode);
      if (!parsed.ok) throw new ScanError(parsed.problem.code, parsed.problem.message, 'coverCode');
      if (!store.drafts.get(parsed.draftId)) {
        throw new ScanError(
          'NO_SUCH_DRAFT',
          'That cover sheet belongs to a draft this station does not have.',
          'coverCode',
        );
      }
      return assignDraft(model, edit.orderId, parsed.draftId);
    }
    default:
      return assertNever(edit, 'batch edit');
  }
}

/**
 * Replays a decision log over a new separation. An edit that no longer applies is left out of the
 * result and of `kept` (the caller decides whether to drop it from its log).
 */
export function replayBatchEdits(
  model: Batch,
  edits: readonly BatchEdit[],
  store: Pick<ScanStore, 'drafts'>,
): { model: Batch; kept: BatchEdit[]; failed: { edit: BatchEdit; error: unknown }[] } {
  let result = model;
  const kept: BatchEdit[] = [];
  const failed: { edit: BatchEdit; error: unknown }[] = [];
  for (const edit of edits) {
    try {
      result = applyBatchEdit(result, edit, store);
      kept.push(edit);
    } catch (error) {
      failed.push({ edit, error });
    }
  }
  return { model: result, kept, failed };
}
