/**
 * The scan station's one batch at a time: start a batch on a scanner, follow it (progress pushed as
 * `scan:batch` at most four times a second, `batch:complete` at the end), continue it after a jam,
 * let the operator edit the separation, and commit it: one PDF per order, named by convention and
 * attached to its draft (a new draft for an order that came without a cover sheet).
 *
 * One path, for every scanner: the page pipeline (pipeline/process-pages.ts) processes each page and
 * puts its image in the station's encrypted blob store as soon as it is processed, so nothing
 * scanned depends on the batch finishing; this controller separates the processed pages for review
 * (once per change, not once per view) and the commit renders each order's PDF once (commit.ts).
 * The batch itself (pages, flags, the operator's decisions) is journalled in the station store
 * (batch-journal.ts) and comes back after a restart. A retry
 * after a jam runs a second scanner job and appends its pages; separation runs again over the whole
 * batch and the operator's decisions, kept as a log, are replayed over it, so none is lost.
 */
import { randomUUID } from 'node:crypto';
import type { BatchDto, BatchEdit, CommittedOrderDto } from '../../../shared/ipc/scan';
import type { ScanProfile } from '../../../shared/ipc/settings';
import { emptyOrder } from '../../../shared/order/schema';
import type { ScannerDriver } from '../driver';
import { BlobPageImageStore, type PageImageStore } from '../pipeline/image-store';
import type { Batch } from '../pipeline/model';
import { processPages, type PageRun } from '../pipeline/process-pages';
import { separate } from '../pipeline/separate';
import type { PageWorkerPool } from '../worker/pool';
import { errorFields, type StationLog } from '../../log/station-log';
import { applyBatchEdit, replayBatchEdits, ScanError } from './batch-edits';
import { BatchJournal, type JournalledBatch } from './batch-journal';
import { batchView } from './batch-view';
import { commitBatch, savedAlready, stationContext } from './commit';
import type { StationEventSink } from '../../../shared/ipc/events';
import { scanSettingsFor, separationFor } from './scan-profile';
import type { SettingsService } from '../../settings';
import type { ScanStore } from './scan-store';
import { StoreError, type ChangeAuthor } from '../../store';
import { countOf } from '../../../shared/util/count';
import { ThumbnailCache } from './thumbnails';

export { ScanError } from './batch-edits';

const PUSH_INTERVAL_MS = 250;

const CANCELLED_FLAG = {
  code: 'CANCELLED',
  message: 'Scanning was cancelled; the pages scanned before the cancel were kept.',
} as const;

/** The open batch: what is journalled (see JournalledBatch) plus the scan run in progress. */
interface ActiveBatch extends JournalledBatch {
  run: PageRun | null;
  /** While scanning: the separation of the pages processed so far, made again only when one more is. */
  preview: { readonly pages: number; readonly model: Batch } | null;
}

export interface ScanControllerOptions {
  readonly drivers: readonly ScannerDriver[];
  readonly store: ScanStore;
  readonly settings: SettingsService;
  readonly bus: StationEventSink;
  /** The page worker pool, made on first use. */
  readonly pool: () => PageWorkerPool;
  readonly log: StationLog;
  readonly now?: () => Date;
}

export class ScanController {
  readonly #o: ScanControllerOptions;
  readonly #images: PageImageStore;
  readonly #now: () => Date;
  readonly #log: StationLog;
  readonly #thumbnails: ThumbnailCache;
  readonly #journal: BatchJournal;
  #active: ActiveBatch | null = null;
  #pushTimer: NodeJS.Timeout | null = null;

  constructor(options: ScanControllerOptions) {
    this.#o = options;
    // The encrypted blob store holds page images during review too: scans are as private as typed data.
    this.#images = new BlobPageImageStore(options.store.blobs);
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log.child({ component: 'scan' });
    this.#thumbnails = new ThumbnailCache(this.#images);
    this.#journal = new BatchJournal(options.store, this.#log);
    // The batch that was open when the station stopped comes back, with its decisions.
    const restored = this.#journal.restore();
    if (restored) {
      const active: ActiveBatch = { ...restored, run: null, preview: null };
      // A batch cut off mid-scan is separated again from its recorded pages, ready for review.
      active.model = this.#model(active);
      if (savedAlready(active.model, options.store)) {
        // Saved, but the journal could not forget it (a full disk): it must not come back to be
        // saved again.
        this.#journal.remove(active.id);
      } else {
        this.#active = active;
      }
    }
  }

  current(): BatchDto | null {
    return this.#active ? this.#view(this.#active) : null;
  }

  async start(deviceId: string, profile: ScanProfile): Promise<BatchDto> {
    if (this.#active?.status === 'scanning') {
      throw new ScanError(
        'BATCH_RUNNING',
        'A batch is being scanned: wait for it to finish or cancel it first.',
      );
    }
    const driver = this.#driverFor(deviceId);
    // A device that cannot tell its limits is given Letter; one that can gets as much of it as it takes.
    const capabilities = await driver.capabilities(deviceId).catch(() => null);
    const active: ActiveBatch = {
      id: randomUUID(),
      deviceId,
      profile,
      scanSettings: scanSettingsFor(profile, capabilities),
      startedAt: this.#now(),
      analysed: new Map(),
      status: 'scanning',
      stopped: null,
      scanned: 0,
      offset: 0,
      run: null,
      preview: null,
      model: null,
      edits: [],
    };
    this.#journal.begin(active);
    this.#active = active;
    this.#launch(active);
    return this.#view(active);
  }

  retry(batchId: string): BatchDto {
    const active = this.#require(batchId);
    if (active.status !== 'interrupted') {
      throw new ScanError(
        'NOTHING_TO_RETRY',
        'Retry continues a batch the scanner stopped on (a jam); this one did not stop.',
      );
    }
    active.offset = Math.max(0, ...active.analysed.keys());
    active.status = 'scanning';
    active.stopped = null;
    // The model is separated again with the new pages; the edit log is kept and replayed over it.
    active.model = null;
    active.preview = null;
    this.#journal.save(active);
    this.#launch(active);
    return this.#view(active);
  }

  async cancel(batchId: string): Promise<BatchDto> {
    const active = this.#require(batchId);
    await active.run?.cancel();
    return this.#view(active);
  }

  edit(batchId: string, edit: BatchEdit): BatchDto {
    const active = this.#require(batchId);
    if (!active.model || active.status === 'scanning' || active.status === 'committed') {
      throw new ScanError(
        'NOT_EDITABLE',
        'The batch can be changed once scanning has stopped and before it is saved.',
      );
    }
    const previous = active.model;
    active.model = applyBatchEdit(previous, edit, this.#o.store);
    active.edits.push(edit);
    try {
      this.#journal.save(active);
    } catch (error) {
      // A decision that cannot be recorded is not made: the operator sees the error and may try again.
      active.model = previous;
      active.edits.pop();
      throw error;
    }
    const view = this.#view(active);
    this.#o.bus.emit('scan:batch', view);
    return view;
  }

  async thumbnail(batchId: string, pageId: string): Promise<string> {
    const active = this.#require(batchId);
    const page = [...active.analysed.values()].find((p) => p.id === pageId);
    if (!page?.image)
      throw new ScanError('NO_IMAGE', `Page ${pageId} has no image (it could not be read).`, 'pageId');
    return this.#thumbnails.get(page.image);
  }

  /** Saves the reviewed batch as `author`'s work: drafts of `author`'s organisation only. */
  async commit(batchId: string, author: ChangeAuthor | null = null): Promise<CommittedOrderDto[]> {
    const active = this.#require(batchId);
    if (!active.model || active.status === 'scanning') {
      throw new ScanError('NOT_READY', 'Wait until scanning has stopped before saving the orders.');
    }
    if (active.status === 'committed')
      throw new ScanError('ALREADY_SAVED', 'These orders were saved already.');
    const settings = this.#o.settings.get();
    const result = await commitBatch(active.model, {
      store: this.#o.store,
      images: this.#images,
      station: stationContext(settings),
      author,
      newDraft: () => this.#o.store.drafts.save(emptyOrder(randomUUID(), settings.court), author).id,
    });
    active.model = result.batch;
    if (result.halted) {
      // Stays open: the drafts given so far are kept in the model, the orders stored are remembered.
      const stored = result.orders.filter((o) => o.fileName !== null);
      this.#record(active);
      this.#pushNow();
      const ids = stored.map((o) => o.draftId).filter((id): id is string => id !== null);
      if (ids.length > 0) this.#o.bus.emit('drafts:changed', { ids });
      throw new StoreError(
        result.halted.code,
        `${result.halted.code === 'DISK_FULL' ? "The station's disk is full" : 'The station could not write to its disk'}: ${countOf(stored.length, 'order')} of ${countOf(active.model.orders.length, 'order')} saved, the rest not. Free some space on the station (or ask IT to), then press Save again; the orders already saved are not saved twice.`,
      );
    }
    active.status = 'committed';
    // The orders are drafts now; the batch's page images are released by a later sweep.
    try {
      this.#journal.remove(active.id);
    } catch (error) {
      // The orders are stored and the clerk must hear so. The journal still holding the batch is
      // the station's problem (a full disk): it is removed at the next start's commit or discard.
      this.#log.error({ batchId: active.id, ...errorFields(error) }, 'could not forget the saved batch');
    }
    this.sweepBlobs();
    this.#o.bus.emit('scan:batch', this.#view(active));
    const ids = result.orders.map((o) => o.draftId).filter((id): id is string => id !== null);
    this.#o.bus.emit('drafts:changed', { ids });
    return result.orders;
  }

  discard(batchId: string): void {
    const active = this.#require(batchId);
    if (active.status === 'scanning')
      throw new ScanError('BATCH_RUNNING', 'Cancel the scan before discarding the batch.');
    this.#journal.remove(active.id);
    this.#active = null;
    this.sweepBlobs();
  }

  /**
   * Releases blobs nothing refers to (page images of discarded and committed batches); the batch on
   * screen is kept whatever its state. Never throws: a failed sweep is retried at the next one.
   */
  sweepBlobs(): void {
    try {
      const keep = [...(this.#active?.analysed.values() ?? [])].flatMap((p) =>
        p.image ? [p.image.ref] : [],
      );
      const result = this.#o.store.sweepBlobs({ keep });
      if (result.removed > 0)
        this.#log.info({ removed: result.removed }, 'blob sweep removed unreferenced files');
    } catch (error) {
      this.#log.warn(errorFields(error), 'blob sweep failed');
    }
  }

  async close(): Promise<void> {
    // Written before the cancel: closing the station is not a decision about the batch.
    this.#journal.close();
    await this.#active?.run?.cancel();
    if (this.#pushTimer) clearTimeout(this.#pushTimer);
  }

  #driverFor(deviceId: string): ScannerDriver {
    const driver = this.#o.drivers.find((d) => deviceId.startsWith(`${d.name}:`));
    if (!driver)
      throw new ScanError(
        'NO_SUCH_SCANNER',
        `There is no scanner "${deviceId}" on this station.`,
        'deviceId',
      );
    return driver;
  }

  #require(batchId: string): ActiveBatch {
    const active = this.#active;
    if (active?.id !== batchId)
      throw new ScanError('NO_SUCH_BATCH', 'That batch is no longer open on this station.', 'batchId');
    return active;
  }

  #launch(active: ActiveBatch): void {
    const driver = this.#driverFor(active.deviceId);
    const job = driver.scan(active.deviceId, active.scanSettings);
    const offset = active.offset;
    const run = processPages(job, {
      source: active.profile.duplex ? 'feeder-duplex' : 'feeder',
      processing: { output: active.profile.output },
      images: this.#images,
      pool: this.#o.pool(),
      onEvent: (event) => {
        if (event.type === 'scanned') {
          active.scanned += 1;
        } else {
          // A retry numbers its pages after the runs before it.
          const index = event.page.index + offset;
          const sheetOffset = active.profile.duplex ? offset / 2 : offset;
          const page = { ...event.page, index, id: `p${index}`, sheet: event.page.sheet + sheetOffset };
          active.analysed.set(index, page);
          this.#journal.page(active.id, page);
        }
        this.#schedulePush();
      },
    });
    active.run = run;
    const finish = (status: ActiveBatch['status'], stopped: ActiveBatch['stopped']): void => {
      active.status = status;
      active.stopped = stopped;
      active.run = null;
      active.preview = null;
      active.model = this.#model(active);
      this.#record(active);
      this.#pushNow();
      this.#o.bus.emit('batch:complete', {
        batchId: active.id,
        status: active.status,
        orders: active.model.orders.length,
      });
    };
    run.done.then(
      (result) => {
        finish(result.status, result.stop?.code === 'SCANNER_STOPPED' ? result.stop : null);
      },
      (error: unknown) => {
        this.#log.error(errorFields(error), 'scan run failed');
        finish('interrupted', { code: 'SCAN_FAILED', message: `Scanning failed: ${String(error)}` });
      },
    );
  }

  #record(active: ActiveBatch): void {
    try {
      this.#journal.save(active);
    } catch (error) {
      this.#log.error({ batchId: active.id, ...errorFields(error) }, 'could not record the scan batch');
    }
  }

  /**
   * Replays the operator's decisions over a new separation. One that no longer applies is left out
   * (and, once scanning has stopped, dropped from the log with a warning).
   */
  #replay(model: Batch, active: ActiveBatch): Batch {
    const replayed = replayBatchEdits(model, active.edits, this.#o.store);
    if (active.status !== 'scanning') {
      for (const { edit, error } of replayed.failed)
        this.#log.warn(
          { edit: edit.kind, ...errorFields(error) },
          'a scan decision no longer applies after the retry',
        );
      active.edits = replayed.kept;
    }
    return replayed.model;
  }

  /** The batch as separated now (while scanning: the processed pages so far), with the decisions. */
  #model(active: ActiveBatch): Batch {
    if (active.model) return active.model;
    if (active.preview?.pages === active.analysed.size) return active.preview.model;
    const model = this.#separate(active);
    if (active.status === 'scanning') active.preview = { pages: active.analysed.size, model };
    return model;
  }

  #separate(active: ActiveBatch): Batch {
    const pages = [...active.analysed.values()].sort((a, b) => a.index - b.index);
    const source = active.profile.duplex ? 'feeder-duplex' : 'feeder';
    const method = separationFor(active.profile);
    const sep = separate(pages, method, source);
    const status = active.status === 'committed' ? 'complete' : active.status;
    return this.#replay(
      {
        id: active.id,
        startedAt: active.startedAt.toISOString(),
        source,
        output: active.profile.output,
        method,
        pages: sep.pages,
        orders: sep.orders,
        unassigned: [],
        counts: sep.counts,
        flags: [
          ...sep.flags,
          ...(active.stopped ? [{ code: 'SCANNER_STOPPED' as const, message: active.stopped.message }] : []),
          ...(active.status === 'cancelled' ? [CANCELLED_FLAG] : []),
        ],
        status,
      },
      active,
    );
  }

  #view(active: ActiveBatch): BatchDto {
    return batchView(this.#model(active), {
      deviceId: active.deviceId,
      status: active.status,
      scanned: active.scanned,
      processed: active.analysed.size,
      stopped: active.stopped,
      knownDraft: (id) => this.#o.store.drafts.has(id),
    });
  }

  /** Progress is pushed at most every 250 ms: a fast feeder must not flood the renderer. */
  #schedulePush(): void {
    this.#pushTimer ??= setTimeout(() => {
      this.#pushTimer = null;
      if (this.#active) this.#o.bus.emit('scan:batch', this.#view(this.#active));
    }, PUSH_INTERVAL_MS);
  }

  #pushNow(): void {
    if (this.#pushTimer) clearTimeout(this.#pushTimer);
    this.#pushTimer = null;
    if (this.#active) this.#o.bus.emit('scan:batch', this.#view(this.#active));
  }
}
