/**
 * Operator edits to a batch, as pure functions Batch → Batch. Nothing is ever dropped: a page taken
 * out of an order goes to `unassigned`, from where it can be moved back. Every edit bumps the
 * revision of the orders it touches, so the caller knows which PDFs to render again.
 */
import { CodedError } from '../../../shared/errors';
import { type Batch, type BatchOrder, orderById, type OrderPage, pageById, type Rotation } from './model';

export class BatchEditError extends CodedError {}

function fail(code: string, message: string, field?: string): never {
  throw new BatchEditError(code, message, field);
}

function locate(batch: Batch, pageId: string): { order: BatchOrder; position: number } | null {
  for (const order of batch.orders) {
    const position = order.pages.findIndex((p) => p.pageId === pageId);
    if (position >= 0) return { order, position };
  }
  return null;
}

function requirePage(batch: Batch, pageId: string): void {
  const page = pageById(batch, pageId);
  if (!page) fail('NO_SUCH_PAGE', `There is no page ${pageId} in this batch.`, 'pageId');
  if (page.role !== 'content')
    fail('NOT_A_CONTENT_PAGE', 'A separator sheet cannot be part of an order.', 'pageId');
}

function requireOrder(batch: Batch, orderId: string): BatchOrder {
  const order = orderById(batch, orderId);
  if (!order) fail('NO_SUCH_ORDER', `There is no order ${orderId} in this batch.`, 'orderId');
  return order;
}

function replaceOrder(batch: Batch, orderId: string, change: (o: BatchOrder) => BatchOrder): Batch {
  return {
    ...batch,
    orders: batch.orders.map((o) => (o.id === orderId ? { ...change(o), revision: o.revision + 1 } : o)),
  };
}

function updatePage(batch: Batch, pageId: string, change: (p: OrderPage) => OrderPage): Batch {
  requirePage(batch, pageId);
  const at = locate(batch, pageId);
  if (!at) fail('PAGE_NOT_IN_ORDER', 'This page is not in an order; move it into one first.', 'pageId');
  return replaceOrder(batch, at.order.id, (o) => ({
    ...o,
    pages: o.pages.map((p) => (p.pageId === pageId ? change(p) : p)),
  }));
}

/** Puts a page (a blank one, typically) back into its order's PDF, or leaves it out. */
export function setPageIncluded(batch: Batch, pageId: string, included: boolean): Batch {
  const page = pageById(batch, pageId);
  if (included && page?.status === 'error') {
    fail('PAGE_UNREADABLE', 'This page could not be read; it has no image to include. Rescan it.', 'pageId');
  }
  return updatePage(batch, pageId, (p) => ({ ...p, included }));
}

export function rotatePage(batch: Batch, pageId: string, rotation: Rotation): Batch {
  if (![0, 90, 180, 270].includes(rotation))
    fail('BAD_ROTATION', 'Rotation must be 0, 90, 180 or 270.', 'rotation');
  return updatePage(batch, pageId, (p) => ({ ...p, rotation }));
}

/** Moves a page (from an order or from `unassigned`) to `position` in `toOrderId`. */
export function movePage(batch: Batch, pageId: string, toOrderId: string, position: number): Batch {
  requirePage(batch, pageId);
  const target = requireOrder(batch, toOrderId);
  const from = locate(batch, pageId);
  if (!from && !batch.unassigned.includes(pageId))
    fail('NO_SUCH_PAGE', `Page ${pageId} is nowhere in this batch.`);
  const entry: OrderPage = from
    ? (from.order.pages[from.position] as OrderPage)
    : { pageId, included: true, rotation: 0 };
  const without: Batch = from
    ? replaceOrder(batch, from.order.id, (o) => ({ ...o, pages: o.pages.filter((p) => p.pageId !== pageId) }))
    : { ...batch, unassigned: batch.unassigned.filter((id) => id !== pageId) };
  const targetPages = (orderById(without, toOrderId) ?? target).pages;
  if (!Number.isInteger(position) || position < 0 || position > targetPages.length) {
    fail('BAD_POSITION', `Position must be from 0 to ${targetPages.length}.`, 'position');
  }
  return replaceOrder(without, toOrderId, (o) => ({
    ...o,
    pages: [...o.pages.slice(0, position), entry, ...o.pages.slice(position)],
  }));
}

/** Takes a page out of its order into `unassigned` (the operator's "delete": recoverable). */
export function removePage(batch: Batch, pageId: string): Batch {
  requirePage(batch, pageId);
  const at = locate(batch, pageId);
  if (!at) fail('PAGE_NOT_IN_ORDER', 'This page is not in an order.', 'pageId');
  const next = replaceOrder(batch, at.order.id, (o) => ({
    ...o,
    pages: o.pages.filter((p) => p.pageId !== pageId),
  }));
  return { ...next, unassigned: [...next.unassigned, pageId] };
}

/** Joins an order to the one before it (an extra split, e.g. at a page wrongly taken for a separator). */
export function mergeWithPrevious(batch: Batch, orderId: string): Batch {
  const index = batch.orders.findIndex((o) => o.id === orderId);
  if (index < 0) fail('NO_SUCH_ORDER', `There is no order ${orderId} in this batch.`, 'orderId');
  if (index === 0) fail('NO_PREVIOUS_ORDER', 'The first order has no order before it to join.', 'orderId');
  const previous = batch.orders[index - 1] as BatchOrder;
  const order = batch.orders[index] as BatchOrder;
  const merged: BatchOrder = {
    ...previous,
    pages: [...previous.pages, ...order.pages],
    revision: previous.revision + 1,
  };
  return {
    ...batch,
    orders: batch.orders.flatMap((o, i) => (i === index - 1 ? [merged] : i === index ? [] : [o])),
  };
}

/** Starts a new order at `pageId` (a missing separator): the page and those after it move over. */
export function splitBefore(batch: Batch, pageId: string): Batch {
  requirePage(batch, pageId);
  const at = locate(batch, pageId);
  if (!at) fail('PAGE_NOT_IN_ORDER', 'This page is not in an order.', 'pageId');
  if (at.position === 0) fail('ALREADY_FIRST', 'This page already starts its order.', 'pageId');
  const newOrder: BatchOrder = {
    id: `o${pageId.slice(1)}s`,
    start: { kind: 'operator' },
    pages: at.order.pages.slice(at.position),
    revision: 0,
  };
  const orders = batch.orders.flatMap((o) =>
    o.id === at.order.id
      ? [{ ...o, pages: o.pages.slice(0, at.position), revision: o.revision + 1 }, newOrder]
      : [o],
  );
  return { ...batch, orders };
}

/** Attaches an order to a draft (after an unread separator, the operator types the sheet's code). */
export function assignDraft(batch: Batch, orderId: string, draftId: string | undefined): Batch {
  requireOrder(batch, orderId);
  return replaceOrder(batch, orderId, (o) => ({ ...o, draftId }));
}
