/**
 * A one-consumer async queue: a producer (a child process, an HTTP loop, a folder poller) pushes
 * items as they happen, the consumer pulls them with `for await`. An error is delivered after the
 * items queued before it, so pages scanned before a jam reach the pipeline before the jam does.
 */
export class EventChannel<T> implements AsyncIterable<T> {
  #queue: T[] = [];
  #waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  #ended = false;
  #failure: { readonly error: unknown } | undefined;
  #iterated = false;

  /** Queues an item; ignored once the channel has ended. */
  push(item: T): void {
    if (this.#ended) return;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
    } else {
      this.#queue.push(item);
    }
  }

  /** No more items: the consumer's loop ends once the queue is drained. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#settleWaiter();
  }

  /** Ends with an error, thrown to the consumer after the items already queued. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#failure = { error };
    this.#ended = true;
    this.#settleWaiter();
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Items pushed and not yet pulled (the driver may prepare them, e.g. load files before cleanup). */
  get queued(): readonly T[] {
    return this.#queue;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#iterated) throw new Error('A scan job can be iterated only once.');
    this.#iterated = true;
    return {
      next: () => this.#next(),
      return: () => {
        this.#ended = true;
        this.#queue = [];
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  #next(): Promise<IteratorResult<T>> {
    const item = this.#queue.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#ended) return this.#finish();
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  #finish(): Promise<IteratorResult<T>> {
    const failure = this.#failure;
    if (failure !== undefined) {
      this.#failure = undefined; // thrown once; later pulls just see the end
      return Promise.reject(
        failure.error instanceof Error ? failure.error : new Error(String(failure.error)),
      );
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  #settleWaiter(): void {
    const waiter = this.#waiter;
    if (waiter === undefined || this.#queue.length > 0) return;
    this.#waiter = undefined;
    this.#finish().then(waiter.resolve, waiter.reject);
  }
}
