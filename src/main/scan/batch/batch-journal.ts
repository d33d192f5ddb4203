/**
 * The scan controller's journal: the open batch written to the station's encrypted store
 * (scan-batches-repository.ts) as it changes, and read back when the station starts, so a
 * crash or a restart loses nothing a clerk scanned or decided.
 *
 * - Processed pages are queued and written together at most every 250 ms (one small transaction,
 *   not one fsync per page); the batch's state is written at once on every decision (edit, retry,
 *   the end of a run) and first flushes the queued pages.
 * - A batch found in state `scanning` was cut off by the crash: it comes back `interrupted`, with
 *   its pages and decisions, and Retry continues it like after a jam.
 * - After close() nothing is written: the cancel that closing a station causes is not a decision.
 */
import { batchEditSchema, type BatchDto, type BatchEdit } from '../../../shared/ipc/scan';
import { scanProfileSchema, type ScanProfile } from '../../../shared/ipc/settings';
import type { ScanSettings } from '../driver';
import type { Batch } from '../pipeline/model';
import type { AnalysedPage } from '../pipeline/separate';
import type { StoredScanBatch } from './scan-batches-repository';
import type { ScanStore } from './scan-store';
import { errorFields, type StationLog } from '../../log/station-log';

const FLUSH_MS = 250;

/** The part of the controller's open batch that is journalled. */
export interface JournalledBatch {
  readonly id: string;
  readonly deviceId: string;
  readonly profile: ScanProfile;
  /** The driver settings (the profile fitted to the device), kept for a retry. */
  readonly scanSettings: ScanSettings;
  readonly startedAt: Date;
  /** Every processed page of every run, renumbered across runs. */
  readonly analysed: Map<number, AnalysedPage>;
  status: BatchDto['status'];
  stopped: BatchDto['stopped'];
  scanned: number;
  /** Pages of the runs before the current one (a retry numbers its pages after them). */
  offset: number;
  /** The reviewed model once scanning ended; edits change it. */
  model: Batch | null;
  /** The operator's decisions in order (replayed over a new separation after a retry). */
  edits: BatchEdit[];
}

export const STATION_RESTARTED = {
  code: 'STATION_RESTARTED',
  message:
    'The station stopped while this batch was being scanned. Check where the stack stopped and press Retry to scan the rest.',
} as const;

export class BatchJournal {
  readonly #store: Pick<ScanStore, 'scanBatches'>;
  #pending: { batchId: string; pages: AnalysedPage[] } | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  readonly #log: StationLog;

  constructor(store: Pick<ScanStore, 'scanBatches'>, log: StationLog) {
    this.#store = store;
    this.#log = log;
  }

  begin(batch: JournalledBatch): void {
    if (this.#closed) return;
    this.#drop();
    this.#store.scanBatches.begin({
      id: batch.id,
      deviceId: batch.deviceId,
      profile: batch.profile,
      scanSettings: batch.scanSettings,
      startedAt: batch.startedAt.toISOString(),
    });
  }

  /** Queues a processed page; written within FLUSH_MS. */
  page(batchId: string, page: AnalysedPage): void {
    if (this.#closed) return;
    if (this.#pending?.batchId !== batchId) {
      this.#flushPages();
      this.#pending = { batchId, pages: [] };
    }
    this.#pending.pages.push(page);
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      try {
        this.#flushPages();
      } catch (error) {
        // The pages stay in memory and are written with the next state save; scanning goes on.
        this.#log.warn({ batchId, ...errorFields(error) }, 'could not record scanned pages');
      }
    }, FLUSH_MS);
  }

  /** Writes the batch's pages and state now. */
  save(batch: JournalledBatch): void {
    if (this.#closed) return;
    this.#flushPages();
    this.#store.scanBatches.update(batch.id, {
      status: batch.status,
      stopped: batch.stopped,
      scanned: batch.scanned,
      pageOffset: batch.offset,
      model: batch.model,
      edits: batch.edits,
    });
  }

  /** Forgets a committed or discarded batch. */
  remove(batchId: string): void {
    if (this.#closed) return;
    this.#drop();
    this.#store.scanBatches.remove(batchId);
  }

  /** The batch that was open when the station stopped, or null (also when it cannot be read back). */
  restore(): JournalledBatch | null {
    const stored = this.#store.scanBatches.open();
    if (!stored) return null;
    try {
      return fromStored(stored);
    } catch (error) {
      this.#log.error(
        { batchId: stored.id, ...errorFields(error) },
        'the open scan batch could not be read back',
      );
      return null;
    }
  }

  /** Writes what is queued and stops writing. */
  close(): void {
    if (this.#closed) return;
    try {
      this.#flushPages();
    } finally {
      this.#closed = true;
    }
  }

  #flushPages(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const pending = this.#pending;
    if (!pending || pending.pages.length === 0) return;
    this.#store.scanBatches.addPages(
      pending.batchId,
      pending.pages.map((page) => ({ index: page.index, page, imageSha256: page.image?.ref ?? null })),
    );
    this.#pending = null;
  }

  #drop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }
}

const STATUSES: readonly BatchDto['status'][] = [
  'scanning',
  'complete',
  'cancelled',
  'interrupted',
  'committed',
];

function fromStored(stored: StoredScanBatch): JournalledBatch {
  const profile = scanProfileSchema.parse(stored.profile);
  const edits = stored.edits.map((e) => batchEditSchema.parse(e));
  const status = STATUSES.find((s) => s === stored.status);
  if (!status) throw new Error(`unknown status ${stored.status}`);
  // Written by this module from these very types (the database is ours and encrypted).
  const pages = stored.pages.map((p) => p.page as AnalysedPage);
  const stopped = stored.stopped as BatchDto['stopped'];
  const cutOff = status === 'scanning';
  return {
    id: stored.id,
    deviceId: stored.deviceId,
    profile,
    scanSettings: stored.scanSettings as ScanSettings,
    startedAt: new Date(stored.startedAt),
    analysed: new Map(pages.map((p) => [p.index, p])),
    status: cutOff ? 'interrupted' : status,
    stopped: cutOff ? { ...STATION_RESTARTED } : stopped,
    scanned: cutOff ? pages.length : stored.scanned,
    offset: stored.pageOffset,
    // A batch cut off mid-scan has no reviewed model yet: it is separated again from its pages.
    model: cutOff ? null : (stored.model as Batch | null),
    edits,
  };
}
