/** One delivery attempt of an outbox change: an order change or a scanned document. */
import type { RegistryClient } from '../registry-client/registry-client';
import type { OutboxEntry } from '../store';
import type { SyncStore } from './sync-store';
import { ImageSender } from './image-sender';
import { OrderSender } from './order-sender';
import { classifyFailure, rangeOf, type Outcome } from './outcome';
import type { Uploader } from './uploader';

export class Deliverer {
  private readonly orders: OrderSender;
  private readonly images: ImageSender;

  constructor(
    private readonly store: SyncStore,
    client: RegistryClient,
    uploader: Uploader,
  ) {
    this.orders = new OrderSender(store, client);
    this.images = new ImageSender(store, client, uploader);
  }

  /** Sends `head` and says what came of it; never throws. */
  async deliver(head: OutboxEntry, signal: AbortSignal): Promise<Outcome> {
    const draft = this.store.drafts.get(head.recordId);
    if (!draft) {
      return {
        kind: 'rejected',
        range: rangeOf(head),
        problem: { code: 'NOT_FOUND', message: 'The draft of this change no longer exists on this station.' },
      };
    }
    try {
      return head.kind === 'document.attach'
        ? await this.images.send(head, draft, signal)
        : await this.orders.send(head, draft, signal);
    } catch (error) {
      return classifyFailure(error, rangeOf(head));
    }
  }
}
