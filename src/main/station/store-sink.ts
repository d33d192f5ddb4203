/**
 * While the operator reviews a batch, orders are only formed, not stored: this sink answers the
 * pipeline (names are checked against the store, so the preview names are real) without keeping
 * anything. The commit renders again, after the operator's edits, into the store through the scan
 * pipeline's StoreOrderSink.
 */
import type { DeliveryReceipt, OrderDelivery, OrderSink } from '../scan/pipeline/order-sink';

export class ReviewSink implements OrderSink {
  constructor(private readonly store: OrderSink) {}

  takenNames(): Promise<ReadonlySet<string>> {
    return this.store.takenNames();
  }

  nameTaken(fileName: string): boolean {
    return this.store.nameTaken?.(fileName) ?? false;
  }

  deliver(delivery: OrderDelivery): Promise<DeliveryReceipt> {
    return Promise.resolve({
      location: 'review',
      fileName: delivery.fileName,
      sha256: '',
      size: delivery.pdf.length,
    });
  }
}
