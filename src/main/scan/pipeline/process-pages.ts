/**
 * The page pipeline: a driver's scan job in, processed pages out. Each page goes to the worker pool
 * as it arrives (a small window bounds memory), its processed image is stored at once in the
 * station's encrypted blob store, and only then is the page acknowledged to the driver (a hot
 * folder may release its file). A page that cannot be read becomes an error page with a clear
 * message; the batch goes on. A cancel or a scanner failure keeps every page done so far.
 *
 * Separation and PDF rendering are not done here: the scan controller separates the processed
 * pages for review and renders each order's PDF once, when the operator saves the batch.
 */
import type { Problem } from '../../../shared/errors';
import { countOf } from '../../../shared/util/count';
import { diskFailure } from '../../store';
import type { PaperSource, ScanJob, ScannedPage } from '../driver';
import type { PageWorkerPool } from '../worker/pool';
import { DEFAULT_PROCESSING, type PageProcessingOptions } from '../worker/page-task';
import type { PageImageStore } from './image-store';
import type { AnalysedPage } from './separate';

export type PageEvent =
  | { readonly type: 'scanned'; readonly index: number; readonly pagesScanned: number }
  | {
      readonly type: 'processed';
      readonly page: AnalysedPage;
      readonly pagesProcessed: number;
      /** Wall time from handing the page to the pool to having its image stored (queueing included). */
      readonly ms: number;
      /** Time the worker spent on the page (decode + analysis + encoding); 0 for a page that failed. */
      readonly workerMs: number;
    };

export interface PageRunOptions {
  readonly source: PaperSource;
  readonly processing?: Partial<PageProcessingOptions>;
  readonly images: PageImageStore;
  readonly pool: PageWorkerPool;
  readonly onEvent?: (event: PageEvent) => void;
  /** Pages in the workers at once (default: twice the pool size). */
  readonly maxInFlight?: number;
}

/** Why a run ended early, for the operator. */
export interface RunStop {
  readonly code: 'SCANNER_STOPPED' | 'CANCELLED';
  readonly message: string;
}

export interface PageRunResult {
  readonly status: 'complete' | 'cancelled' | 'interrupted';
  readonly stop: RunStop | null;
  /** Every page of the run, processed or failed, in index order. */
  readonly pages: readonly AnalysedPage[];
}

export interface PageRun {
  readonly done: Promise<PageRunResult>;
  /** Stops taking pages; pages already scanned are finished and kept. */
  cancel(): Promise<void>;
}

export function processPages(job: ScanJob, options: PageRunOptions): PageRun {
  let cancelled = false;
  let wakeCancel: () => void = () => undefined;
  const cancelSignal = new Promise<'cancel'>((resolve) => {
    wakeCancel = () => {
      resolve('cancel');
    };
  });
  const done = execute(job, options, () => cancelled, cancelSignal);
  return {
    done,
    async cancel() {
      cancelled = true;
      wakeCancel();
      await job.cancel();
    },
  };
}

function errorPage(index: number, error: Problem, duplex: boolean, base?: ScannedPage): AnalysedPage {
  return {
    id: `p${index}`,
    index,
    sheet: base?.sheet ?? (duplex ? Math.ceil(index / 2) : index),
    side: base?.side ?? (duplex && index % 2 === 0 ? 'back' : 'front'),
    origin: base?.origin ?? '',
    status: 'error',
    error,
    blankScore: 0,
    blank: false,
    separator: { kind: 'none' },
  };
}

/**
 * A page the workers could not read, from a source that keeps its originals (a hot folder: only
 * such drivers take acknowledgements): the original is not released, so the message names it, or
 * the operator is left looking for "page 7" among the files in the folder.
 */
function naming(error: Problem, origin: string): Problem {
  const name = (origin.split(/[\\/]/).pop() ?? origin).replace('#page=', ', page ');
  if (name === '') return error;
  return { ...error, message: `${error.message} Its file (${name}) was left where it was.` };
}

/**
 * Why a processed page could not be stored. A full or failing disk gets its own code and says what
 * to do. The page is not acknowledged, so a hot-folder file stays where it was.
 */
function pageNotKept(error: unknown): Problem {
  const disk = diskFailure(error, {
    full: "The station's disk is full, so this page was not kept. Free some space on the station, then scan it again.",
    failing:
      'The station could not write this page to its disk (it may be full or failing). Free some space or ask IT to check the disk, then scan it again.',
  });
  if (disk) return disk.toProblem();
  return { code: 'STORE_FAILED', message: `The page image could not be kept: ${String(error)}` };
}

async function execute(
  job: ScanJob,
  options: PageRunOptions,
  isCancelled: () => boolean,
  cancelSignal: Promise<'cancel'>,
): Promise<PageRunResult> {
  const processing: PageProcessingOptions = { ...DEFAULT_PROCESSING, ...options.processing };
  const { pool, images } = options;
  const maxInFlight = options.maxInFlight ?? pool.size * 2;
  const emit = options.onEvent ?? (() => undefined);
  const duplex = options.source === 'feeder-duplex';
  const pages = new Map<number, AnalysedPage>();
  const inFlight = new Set<Promise<void>>();
  let scanned = 0;

  const record = (page: AnalysedPage, ms: number, workerMs = 0): void => {
    pages.set(page.index, page);
    emit({ type: 'processed', page, pagesProcessed: pages.size, ms, workerMs });
  };

  const submit = (page: ScannedPage): void => {
    const t0 = performance.now();
    const work = pool
      .run({
        index: page.index,
        format: page.format,
        bytes: page.bytes,
        resolutionDpi: page.resolutionDpi,
        options: processing,
      })
      .then(async (result) => {
        if (!result.ok) {
          const error = job.acknowledge ? naming(result.error, page.origin) : result.error;
          record(errorPage(page.index, error, duplex, page), performance.now() - t0);
          return;
        }
        const ref = await images.put(result.image.bytes);
        // Stored: a hot folder may now release its file. A page that failed is not acknowledged,
        // so its file stays where the operator can find it.
        await job.acknowledge?.(page.origin).catch(() => undefined);
        const { bytes, ...meta } = result.image;
        record(
          {
            id: `p${page.index}`,
            index: page.index,
            sheet: page.sheet,
            side: page.side,
            origin: page.origin,
            status: 'ok',
            image: { ref, size: bytes.length, ...meta },
            blankScore: result.blank.score,
            blank: result.blank.blank,
            separator: result.separator,
          },
          performance.now() - t0,
          result.timings.decodeMs + result.timings.analyseMs + result.timings.encodeMs,
        );
      })
      .catch((error: unknown) => {
        const problem = pageNotKept(error);
        record(errorPage(page.index, problem, duplex, page), performance.now() - t0);
      })
      .finally(() => {
        inFlight.delete(work);
      });
    inFlight.add(work);
  };

  let status: PageRunResult['status'] = 'complete';
  let stop: RunStop | null = null;
  const iterator = job.events[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (isCancelled()) break;
      const next = await Promise.race([iterator.next(), cancelSignal]);
      if (next === 'cancel' || isCancelled() || next.done) break;
      const event = next.value;
      if (event.type === 'page') {
        scanned += 1;
        emit({ type: 'scanned', index: event.page.index, pagesScanned: scanned });
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        submit(event.page);
      } else if (event.type === 'page-error') {
        scanned += 1;
        emit({ type: 'scanned', index: event.index, pagesScanned: scanned });
        record(errorPage(event.index, { code: event.error.code, message: event.error.message }, duplex), 0);
      }
    }
  } catch (error) {
    status = 'interrupted';
    const message = error instanceof Error ? error.message : String(error);
    stop = { code: 'SCANNER_STOPPED', message: `The scanner stopped: ${message}` };
  }
  if (isCancelled()) {
    status = 'cancelled';
    stop = {
      code: 'CANCELLED',
      message: `Scanning was canceled after ${countOf(scanned, 'page')}; those pages were kept.`,
    };
    void iterator.return?.();
  }
  await Promise.all(inFlight);
  return { status, stop, pages: [...pages.values()].sort((a, b) => a.index - b.index) };
}
