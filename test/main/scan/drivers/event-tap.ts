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

  /** True once the job's events have ended (normally or with `error`). */
  get finished(): boolean {
    return this.#finished;
  }

  /**
   * Resolves when `predicate` holds, checked now and after every event; rejects when the job ends
   * first. No timer: a test whose event never comes fails on the test runner's timeout.
   */
  async waitFor(predicate: (tap: EventTap) => boolean): Promise<void> {
    while (!predicate(this)) {
      if (this.#finished) throw new Error('the job ended before the awaited event');
      await new Promise<void>((resolve) => {
        this.#wake.push(resolve);
      });
    }
  }
}
