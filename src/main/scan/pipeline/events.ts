/**
 * Progress of a batch, for the UI: pages scanned, pages processed, orders formed and stored.
 */
import type { Problem } from '../../../shared/errors';
import type { Batch, BatchOrder, BatchPage } from './model';
import type { DeliveryReceipt } from './order-sink';

export type BatchEvent =
  | { readonly type: 'scanned'; readonly index: number; readonly pagesScanned: number }
  | {
      readonly type: 'processed';
      readonly page: Omit<BatchPage, 'role' | 'flags'>;
      readonly pagesProcessed: number;
      /** Wall time from handing the page to the pool to having its result stored (queueing included). */
      readonly ms: number;
      /** Time the worker spent on the page (decode + analysis + encoding); 0 for a page that failed. */
      readonly workerMs: number;
    }
  | { readonly type: 'order-formed'; readonly order: BatchOrder }
  | { readonly type: 'order-stored'; readonly orderId: string; readonly receipt: DeliveryReceipt }
  | { readonly type: 'order-not-stored'; readonly orderId: string; readonly problem: Problem }
  | { readonly type: 'complete'; readonly batch: Batch };
