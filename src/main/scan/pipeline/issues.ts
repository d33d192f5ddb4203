/**
 * What needs the operator's eye, derived from the model (never stored, so it is right after any
 * edit): page flags, batch flags, and per-order issues such as "no draft" or "contains a page that
 * could not be read" (which could have been a separator).
 */
import { type Batch, type BatchOrder, type BatchPage, pageById } from './model';

export type OrderIssueCode =
  'NO_DRAFT' | 'UNREAD_SEPARATOR' | 'CONTAINS_UNREADABLE_PAGE' | 'NO_PAGES_INCLUDED' | 'LAST_ORDER_CUT_SHORT';

export interface OrderIssue {
  readonly code: OrderIssueCode;
  readonly message: string;
}

export interface FlagView {
  readonly scope: 'batch' | 'order' | 'page';
  readonly code: string;
  readonly message: string;
  readonly orderId?: string;
  readonly pageId?: string;
  readonly pageIndex?: number;
}

export function orderIssues(batch: Batch, order: BatchOrder): OrderIssue[] {
  const issues: OrderIssue[] = [];
  const pages = order.pages.map((e) => pageById(batch, e.pageId)).filter((p): p is BatchPage => !!p);
  if (order.start.kind === 'unread-cover-sheet' && order.draftId === undefined) {
    issues.push({
      code: 'UNREAD_SEPARATOR',
      message: `Its cover sheet could not be read: ${order.start.reason}`,
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
      message: `Page(s) ${unreadable.map((p) => p.index).join(', ')} could not be read; if one was a separator, two orders are together here.`,
    });
  }
  if (!order.pages.some((p) => p.included)) {
    issues.push({
      code: 'NO_PAGES_INCLUDED',
      message: 'Every page of this order is left out (blank or unreadable).',
    });
  }
  if (batch.status !== 'complete' && batch.orders[batch.orders.length - 1]?.id === order.id) {
    issues.push({
      code: 'LAST_ORDER_CUT_SHORT',
      message: 'The scan stopped during this order: pages may be missing.',
    });
  }
  return issues;
}

/** Everything to review in a batch, batch flags first, then by order and page. */
export function listFlags(batch: Batch): FlagView[] {
  const out: FlagView[] = batch.flags.map((f) => ({ scope: 'batch', code: f.code, message: f.message }));
  const orderOf = new Map<string, string>();
  for (const order of batch.orders) {
    for (const e of order.pages) orderOf.set(e.pageId, order.id);
    for (const issue of orderIssues(batch, order)) out.push({ scope: 'order', orderId: order.id, ...issue });
  }
  for (const page of batch.pages) {
    for (const f of page.flags) {
      const orderId = orderOf.get(page.id);
      out.push({
        scope: 'page',
        code: f.code,
        message: f.message,
        pageId: page.id,
        pageIndex: page.index,
        ...(orderId ? { orderId } : {}),
      });
    }
  }
  return out;
}
