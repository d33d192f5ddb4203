/** Test helpers: drain a scan job into pages, page errors, progress and the error it ended with. */
import type { ScanEvent, ScanJob, ScannedPage } from '../../../../src/main/scan/driver';
import type { ScanError } from '../../../../src/main/scan/driver';

export interface Collected {
  readonly pages: ScannedPage[];
  readonly pageErrors: { index: number; error: ScanError }[];
  readonly progress: ScanEvent[];
  readonly error: ScanError | undefined;
}

/** Iterates the job to its end; `onPage` may act mid-batch (e.g. cancel after the 2nd page). */
export async function collect(
  job: ScanJob,
  onPage?: (page: ScannedPage, soFar: number) => Promise<void> | void,
): Promise<Collected> {
  const pages: ScannedPage[] = [];
  const pageErrors: { index: number; error: ScanError }[] = [];
  const progress: ScanEvent[] = [];
  let error: ScanError | undefined;
  try {
    for await (const event of job.events) {
      if (event.type === 'page') {
        pages.push(event.page);
        await onPage?.(event.page, pages.length);
      } else if (event.type === 'page-error') pageErrors.push({ index: event.index, error: event.error });
      else progress.push(event);
    }
  } catch (e) {
    error = e as ScanError;
  }
  return { pages, pageErrors, progress, error };
}
