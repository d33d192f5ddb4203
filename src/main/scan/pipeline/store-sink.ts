/**
 * The pipeline wired to the station store (src/main/store): finished orders become documents
 * attached to their drafts, page images live in the encrypted content-addressed BlobStore, and the
 * draft a cover sheet names is looked up in the drafts repository.
 *
 * An order without a draft (an unread cover sheet, pages before the first sheet, fixed-count and
 * single-order scans) cannot be attached yet: its PDF is stored as a blob, so nothing is lost, and
 * the receipt says `blob:<sha256>`; the UI attaches it once the operator names the draft.
 */
import { CodedError } from '../../../shared/errors';
import type { StationStore } from '../../store';
import { StoreError } from '../../store';
import type { PageImageStore } from './image-store';
import type { DraftLookup } from './naming';
import { OrderNameTakenError, type DeliveryReceipt, type OrderDelivery, type OrderSink } from './order-sink';

export class StoreOrderSink implements OrderSink {
  /** Orders of this session already attached, by `<batchId>/<orderId>`. */
  private readonly attached = new Map<string, string>();

  constructor(private readonly store: Pick<StationStore, 'documents' | 'blobs'>) {}

  takenNames(): Promise<ReadonlySet<string>> {
    // The documents table is asked name by name (nameTaken); there is no need to load every name.
    return Promise.resolve(new Set<string>());
  }

  nameTaken(fileName: string): boolean {
    return this.store.documents.fileNameTaken(fileName);
  }

  deliver(delivery: OrderDelivery): Promise<DeliveryReceipt> {
    const key = `${delivery.batchId}/${delivery.orderId}`;
    const blob = this.store.blobs.put(delivery.pdf);
    const receipt = { fileName: delivery.fileName, sha256: blob.sha256, size: blob.size };
    if (delivery.draftId === undefined)
      return Promise.resolve({ ...receipt, location: `blob:${blob.sha256}` });
    if (this.attached.has(key)) {
      // The repository has no "replace this document" yet; a re-rendered order is kept as a blob.
      return Promise.reject(
        new CodedError(
          'DOCUMENT_REPLACE_UNSUPPORTED',
          'This order is already attached to its draft; the station store cannot replace an attached document yet. The new PDF was kept.',
          'orderId',
        ),
      );
    }
    try {
      const doc = this.store.documents.attach({
        draftId: delivery.draftId,
        sha256: blob.sha256,
        fileName: delivery.fileName,
        pageCount: delivery.pageCount,
      });
      this.attached.set(key, doc.id);
      return Promise.resolve({ ...receipt, fileName: doc.fileName, location: `document:${doc.id}` });
    } catch (error) {
      if (error instanceof StoreError && error.code === 'INVALID_RECORD' && error.field === 'fileName') {
        return Promise.reject(new OrderNameTakenError(delivery.fileName));
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** Page images in the store's encrypted blob files (they show names and addresses too). */
export class BlobPageImageStore implements PageImageStore {
  constructor(private readonly store: Pick<StationStore, 'blobs'>) {}

  put(bytes: Uint8Array): Promise<string> {
    return Promise.resolve(this.store.blobs.put(bytes).sha256);
  }

  get(ref: string): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.store.blobs.get(ref)));
  }
}

/** Looks drafts up in the store for naming (case number, form) by the id a cover sheet carried. */
export function draftLookupFromStore(store: Pick<StationStore, 'drafts'>): DraftLookup {
  return (draftId) => {
    const record = store.drafts.get(draftId);
    if (!record) return Promise.resolve(undefined);
    const order = record.order;
    return Promise.resolve({
      draftId,
      caseNumber: order.caseNumber,
      formId: order.formId,
      issueDate: order.issueDate,
    });
  };
}
