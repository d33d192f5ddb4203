/**
 * The OrderSink that ends a reviewed batch in the station store: each order's PDF goes into the
 * encrypted blob store and is attached to its draft, with its outbox row, in one transaction
 * (DocumentsRepository.attach). A name some other document took meanwhile is reported as
 * OrderNameTakenError, so the pipeline picks the next sequence number.
 */
import type { StationStore } from '../store';
import { StoreError } from '../store/errors';
import {
  OrderNameTakenError,
  type DeliveryReceipt,
  type OrderDelivery,
  type OrderSink,
} from '../scan/pipeline/order-sink';
import { CodedError } from '../../shared/errors';

export class StoreOrderSink implements OrderSink {
  constructor(private readonly store: StationStore) {}

  takenNames(): Promise<ReadonlySet<string>> {
    // Read-only look at the documents table: the names the naming convention must not reuse.
    const rows = this.store.db.prepare('SELECT file_name FROM documents').all() as { file_name: string }[];
    return Promise.resolve(new Set(rows.map((r) => r.file_name.toLowerCase())));
  }

  deliver(delivery: OrderDelivery): Promise<DeliveryReceipt> {
    if (delivery.draftId === undefined) {
      return Promise.reject(new CodedError('NO_DRAFT', 'This order has no draft to attach its PDF to.'));
    }
    try {
      const doc = this.store.documents.attachBytes(
        delivery.draftId,
        delivery.pdf,
        delivery.fileName,
        delivery.pageCount,
      );
      return Promise.resolve({
        location: doc.id,
        fileName: doc.fileName,
        sha256: doc.sha256,
        size: doc.byteSize,
      });
    } catch (error) {
      if (error instanceof StoreError && error.code === 'INVALID_RECORD' && error.field === 'fileName') {
        return Promise.reject(new OrderNameTakenError(delivery.fileName));
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/**
 * While the operator reviews, orders are only formed, not stored: this sink answers the pipeline
 * without keeping anything (the commit renders again, after the operator's edits, into the store).
 */
export class ReviewSink implements OrderSink {
  constructor(private readonly taken: () => Promise<ReadonlySet<string>>) {}

  takenNames(): Promise<ReadonlySet<string>> {
    return this.taken();
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
