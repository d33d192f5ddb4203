/**
 * What needs the operator's eye about an order, derived from the model (never stored, so it is
 * right after any edit): "no draft", "contains a page that could not be read" (which could have
 * been a separator), and the like. Page and batch flags are in the model itself.
 */
import { type Batch, type BatchOrder, type BatchPage, pageById } from './model';

export type OrderIssueCode =
  'NO_DRAFT' | 'UNREAD_SEPARATOR' | 'CONTAINS_UNREADABLE_PAGE' | 'NO_PAGES_INCLUDED' | 'LAST_ORDER_CUT_SHORT';

export interface OrderIssue {
  readonly code: OrderIssueCode;
  readonly message: string;
}

/**
 * The order's issues. `knownDraft` says whether the station has a draft: a cover sheet naming one it
 * does not have (another station's, a deleted one) is shown, never saved blindly.
 */
export function orderIssues(
  batch: Batch,
  order: BatchOrder,
  knownDraft: (draftId: string) => boolean = () => true,
): OrderIssue[] {
  const issues: OrderIssue[] = [];
  const pages = order.pages.map((e) => pageById(batch, e.pageId)).filter((p): p is BatchPage => !!p);
  if (order.start.kind === 'unread-cover-sheet' && order.draftId === undefined) {
    issues.push({
      code: 'UNREAD_SEPARATOR',
      message: `Its cover sheet could not be read: ${order.start.reason}`,
    });
  }
  if (order.draftId !== undefined && !knownDraft(order.draftId)) {
    issues.push({
      code: 'NO_DRAFT',
      message:
        'Its cover sheet names a draft this station does not have: type the cover-sheet code of one it has, or leave its pages out.',
    });
  }
  if (order.draftId === undefined && batch.method.kind === 'cover-sheet') {
    issues.push({
      code: 'NO_DRAFT',
      message: 'No draft is attached: type the cover-sheet code or pick the draft.',
    });
  }
  const unreadable = pages.filter((p) => p.status === 'error');
  if (unreadable.length > 0) {
    issues.push({
      code: 'CONTAINS_UNREADABLE_PAGE',
      message: `${unreadable.length === 1 ? 'Page' : 'Pages'} ${unreadable.map((p) => p.index).join(', ')} could not be read; if one was a separator, two orders are together here.`,
    });
  }
  if (!order.pages.some((p) => p.included)) {
    issues.push({
      code: 'NO_PAGES_INCLUDED',
      message: 'Every page of this order is left out (blank or unreadable).',
    });
  }
  // Only once the scanner has stopped short: while it is still feeding, the last order is simply
  // not finished yet, and saying it was cut short would be wrong.
  const stoppedShort = batch.status === 'interrupted' || batch.status === 'cancelled';
  if (stoppedShort && batch.orders[batch.orders.length - 1]?.id === order.id) {
    issues.push({
      code: 'LAST_ORDER_CUT_SHORT',
      message: 'The scan stopped during this order: pages may be missing.',
    });
  }
  return issues;
}
