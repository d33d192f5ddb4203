/**
 * The batch runner: a driver's event stream in, orders out. Pages go to the worker pool as they
 * arrive (a small window bounds memory), each processed image is stored at once, separation runs
 * on the processed prefix so an order is named, rendered and delivered as soon as the next
 * separator closes it, and the rest is finished when the stream ends, fails or is cancelled.
 * A cancel or a scanner failure keeps everything done so far. Each page is acknowledged to the
 * driver (ScanJob.acknowledge) once its image is in the image store: give the runner a durable
 * store (BlobPageImageStore, DirectoryPageImageStore) when the driver is a hot folder.
 */
import { randomUUID } from 'node:crypto';
import type { Problem } from '../../../shared/errors';
import type { PaperSource, ScanEvent, ScanJob, ScannedPage } from '../driver';
import { PageWorkerPool } from '../worker/pool';
import { DEFAULT_PROCESSING, type PageProcessingOptions } from '../worker/page-task';
import { deliverOrder, type DeliveryContext, type RenderedOrder } from './deliver';
import type { BatchEvent } from './events';
import { MemoryPageImageStore, type PageImageStore } from './image-store';
import { listFlags, orderIssues, type FlagView } from './issues';
import type { Batch, BatchFlag, BatchOrder, BatchPage, SeparationMethod } from './model';
import type { DraftLookup, StationContext } from './naming';
import type { OrderSink } from './order-sink';
import { separate, type AnalysedPage } from './separate';

export interface BatchRunOptions {
  readonly batchId?: string;
  readonly source: PaperSource;
  readonly method: SeparationMethod;
  readonly processing?: Partial<PageProcessingOptions>;
  readonly station: StationContext;
  readonly drafts?: DraftLookup;
  readonly sink: OrderSink;
  readonly images?: PageImageStore;
  /** A shared pool; without one the run starts its own and closes it at the end. */
  readonly pool?: PageWorkerPool;
  readonly onEvent?: (event: BatchEvent) => void;
  /** Pages in the workers at once (default: twice the pool size). */
  readonly maxInFlight?: number;
  readonly startedAt?: Date;
}

export interface BatchResult {
  readonly batch: Batch;
  readonly orders: readonly RenderedOrder[];
  readonly flags: readonly FlagView[];
  /** Per-page processing wall times, in page order (ms). */
  readonly pageMs: readonly number[];
}

export interface BatchRun {
  readonly done: Promise<BatchResult>;
  /** Stops taking pages; pages already scanned are finished and their orders delivered. */
  cancel(): Promise<void>;
}

function refreshed(batch: Batch, order: BatchOrder, delivered: RenderedOrder): RenderedOrder {
  const pages = order.pages
    .map((e) => batch.pages.find((p) => p.id === e.pageId))
    .filter((p): p is BatchPage => p !== undefined);
  const derived = orderIssues(batch, order);
  // Issues found while delivering (a draft this station does not have) are kept.
  const fromDelivery = delivered.issues.filter((i) => !derived.some((d) => d.code === i.code));
  return { ...delivered, pages, issues: [...derived, ...fromDelivery] };
}

function isJob(x: AsyncIterable<ScanEvent> | ScanJob): x is ScanJob {
  return 'events' in x && 'cancel' in x;
}

export function runBatch(input: AsyncIterable<ScanEvent> | ScanJob, options: BatchRunOptions): BatchRun {
  const job = isJob(input) ? input : null;
  const events = isJob(input) ? input.events : input;
  let cancelled = false;
  let wakeCancel: () => void = () => undefined;
  const cancelSignal = new Promise<'cancel'>((resolve) => {
    wakeCancel = () => {
      resolve('cancel');
    };
  });
  const done = execute(events, options, () => cancelled, cancelSignal, job);
  return {
    done,
    async cancel() {
      cancelled = true;
      wakeCancel();
      if (job) await job.cancel();
    },
  };
}

async function execute(
  events: AsyncIterable<ScanEvent>,
  options: BatchRunOptions,
  isCancelled: () => boolean,
  cancelSignal: Promise<'cancel'>,
  job: ScanJob | null,
): Promise<BatchResult> {
  const processing: PageProcessingOptions = { ...DEFAULT_PROCESSING, ...options.processing };
  const pool = options.pool ?? new PageWorkerPool();
  const maxInFlight = options.maxInFlight ?? pool.size * 2;
  const images = options.images ?? new MemoryPageImageStore();
  const emit = options.onEvent ?? (() => undefined);
  const startedAt = (options.startedAt ?? new Date()).toISOString();
  const batchId = options.batchId ?? randomUUID();
  const duplex = options.source === 'feeder-duplex';
  const analysed = new Map<number, AnalysedPage>();
  const pageMs = new Map<number, number>();
  const inFlight = new Set<Promise<void>>();
  const delivered = new Map<string, RenderedOrder>();
  const ctx: DeliveryContext = {
    station: options.station,
    drafts: options.drafts,
    sink: options.sink,
    images,
    taken: new Set(await options.sink.takenNames()),
  };
  let deliveries = Promise.resolve();
  let scanned = 0;
  const batchFlags: BatchFlag[] = [];

  const snapshot = (pages: AnalysedPage[], status: Batch['status']): Batch => {
    const sep = separate(pages, options.method, options.source);
    return {
      id: batchId,
      startedAt,
      source: options.source,
      output: processing.output,
      method: options.method,
      pages: sep.pages,
      orders: sep.orders,
      unassigned: [],
      counts: sep.counts,
      flags: [...sep.flags, ...batchFlags],
      status,
    };
  };

  const queueDelivery = (batch: Batch, orderIds: readonly string[]): void => {
    for (const id of orderIds) {
      if (delivered.has(id)) continue;
      const order = batch.orders.find((o) => o.id === id);
      if (!order) continue;
      delivered.set(id, { orderId: id, start: order.start, pages: [], includedPages: 0, issues: [] });
      emit({ type: 'order-formed', order });
      deliveries = deliveries.then(async () => {
        const result = await deliverOrder(batch, order, ctx);
        delivered.set(id, result);
        if (result.receipt) emit({ type: 'order-stored', orderId: id, receipt: result.receipt });
        else if (result.error) emit({ type: 'order-not-stored', orderId: id, problem: result.error });
      });
    }
  };

  /** Separates the contiguous processed prefix and delivers every order a later page has closed. */
  const advance = (): void => {
    const prefix: AnalysedPage[] = [];
    for (let i = 1; analysed.has(i); i += 1) prefix.push(analysed.get(i) as AnalysedPage);
    if (prefix.length === 0) return;
    const batch = snapshot(prefix, 'scanning');
    queueDelivery(
      batch,
      batch.orders.slice(0, -1).map((o) => o.id),
    );
  };

  const record = (page: AnalysedPage, ms: number, workerMs = 0): void => {
    analysed.set(page.index, page);
    pageMs.set(page.index, ms);
    emit({ type: 'processed', page, pagesProcessed: analysed.size, ms, workerMs });
    advance();
  };

  const errorPage = (index: number, error: Problem, base?: ScannedPage): AnalysedPage => ({
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
  });

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
          record(errorPage(page.index, result.error, page), performance.now() - t0);
          return;
        }
        const ref = await images.put(result.image.bytes);
        // Stored: a hot folder may now release the original (moved to its processed folder). A page
        // that failed is not acknowledged, so its file stays where the operator can find it.
        await job?.acknowledge?.(page.origin).catch(() => undefined);
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
        record(
          errorPage(
            page.index,
            { code: 'STORE_FAILED', message: `The page image could not be kept: ${String(error)}` },
            page,
          ),
          performance.now() - t0,
        );
      })
      .finally(() => {
        inFlight.delete(work);
      });
    inFlight.add(work);
  };

  let status: Batch['status'] = 'complete';
  const iterator = events[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (isCancelled()) break;
      const next = await Promise.race([iterator.next(), cancelSignal]);
      if (next === 'cancel' || isCancelled()) break;
      if (next.done) break;
      const event = next.value;
      if (event.type === 'page') {
        scanned += 1;
        emit({ type: 'scanned', index: event.page.index, pagesScanned: scanned });
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        submit(event.page);
      } else if (event.type === 'page-error') {
        scanned += 1;
        emit({ type: 'scanned', index: event.index, pagesScanned: scanned });
        record(errorPage(event.index, { code: event.error.code, message: event.error.message }), 0);
      }
    }
  } catch (error) {
    status = 'interrupted';
    const message = error instanceof Error ? error.message : String(error);
    batchFlags.push({ code: 'SCANNER_STOPPED', message: `The scanner stopped: ${message}` });
  }
  if (isCancelled()) {
    status = 'cancelled';
    batchFlags.push({
      code: 'CANCELLED',
      message: `Scanning was cancelled after ${scanned} page(s); those pages were kept.`,
    });
    void iterator.return?.();
  }
  await Promise.all(inFlight);
  if (!options.pool) await pool.close();

  // Everything processed, in index order (gaps left by a driver are closed up).
  const all = [...analysed.values()].sort((a, b) => a.index - b.index);
  const batch = snapshot(all, status);
  queueDelivery(
    batch,
    batch.orders.map((o) => o.id),
  );
  await deliveries;
  emit({ type: 'complete', batch });
  return {
    batch,
    // Orders delivered while scanning carry the pages and issues of that moment; page flags that
    // only the whole batch decides (a missing duplex side, an empty separator) are refreshed here.
    orders: batch.orders.map((o) => refreshed(batch, o, delivered.get(o.id) as RenderedOrder)),
    flags: listFlags(batch),
    pageMs: all.map((p) => pageMs.get(p.index) ?? 0),
  };
}
