/** Test helper: reads a job's events in the background so a test can wait for named events. */
import type { ScanError, ScanEvent, ScanJob, ScannedPage } from '../../../../src/main/scan/driver';

export class EventTap {
  readonly events: ScanEvent[] = [];
  error: ScanError | undefined;
  readonly done: Promise<void>;
  #wake: (() => void)[] = [];
  #finished = false;

  constructor(readonly job: ScanJob) {
    this.done = (async () => {
      try {
        for await (const event of job.events) {
          this.events.push(event);
          this.#notify();
        }
      } catch (e) {
        this.error = e as ScanError;
      } finally {
        this.#finished = true;
        this.#notify();
      }
    })();
  }

  #notify(): void {
    for (const wake of this.#wake.splice(0)) wake();
  }

  get pages(): ScannedPage[] {
    return this.events.flatMap((e) => (e.type === 'page' ? [e.page] : []));
  }

  get pageErrors(): ScanError[] {
    return this.events.flatMap((e) => (e.type === 'page-error' ? [e.error] : []));
  }

  get messages(): string[] {
    return this.events.flatMap((e) => (e.type === 'progress' && e.message !== undefined ? [e.message] : []));
  }

  /** Resolves when `predicate` holds (checked after every event), or rejects after `timeoutMs`. */
  async waitFor(predicate: (tap: EventTap) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (this.#finished) throw new Error('the job ended before the awaited event');
      if (Date.now() > deadline) throw new Error('timed out waiting for an event');
      await new Promise<void>((resolve) => {
        this.#wake.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
}
