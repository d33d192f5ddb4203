/**
 * A job that fails before it starts (a malformed device id): the error arrives through `events`
 * like any other, so `scan()` itself never throws.
 */
import type { ScanError, ScanEvent, ScanJob } from '../driver';

export function failedJob(error: ScanError): ScanJob {
  const events: AsyncIterable<ScanEvent> = {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.reject(error),
    }),
  };
  return { events, cancel: () => Promise.resolve() };
}
