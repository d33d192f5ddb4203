/**
 * A hot-folder batch: polls the folder, takes each file once it is complete and stable, delivers its
 * page(s), and removes the file only when the pipeline acknowledges every page of it as stored.
 *
 * Why remove rather than keep: the pages are court orders (criminal-justice information). Once the
 * pipeline has put a page in the station's encrypted blob store, a copy left in the folder would be
 * the same names and addresses in plain text, readable by anyone who can read the folder, forever.
 * The taken-journal keeps the file's name, size and hash (not its content), so the same scan dropped
 * again is recognised and removed without being taken twice.
 *
 * What stays: a file that cannot be read as an image goes to rejected/ with a page error (the
 * operator must see it and deal with it); a file whose pages were not all acknowledged (a cancel, a
 * crash) stays where it is and is offered again. A copy of a scan still being stored waits in place
 * and is removed once the first one is stored.
 */
import { join } from 'node:path';
import type { ScanError, ScanEvent, ScanJob, ScanSettings } from '../../driver';
import { EventChannel } from '../event-channel';
import { inspectImage, type ImageInfo } from '../image-check';
import { makePage } from '../pages';
import { asScanError, isScanError, ScanFailure, scanFailure } from '../scan-error';
import { extractTiffPage } from '../tiff';
import {
  listCandidates,
  moveAside,
  readWhole,
  removeIfUnchanged,
  sha256,
  type FileStamp,
} from './folder-files';
import type { PollClock } from './poll-clock';
import { StabilityTracker } from './stability';
import type { TakenJournal } from './taken-journal';

export interface FolderJobOptions {
  readonly folder: string;
  readonly settings: ScanSettings;
  readonly journal: TakenJournal;
  readonly pollIntervalMs: number;
  /** How long a stable file that does not read as a whole image is given before it is rejected. */
  readonly incompleteGraceMs: number;
  /** End the batch after this long with nothing new; undefined = watch until cancel(). */
  readonly stopWhenIdleMs: number | undefined;
  /** Pages waiting for the consumer before the folder stops taking files (memory bound). */
  readonly maxQueuedPages: number;
  /** When poll passes run, and the time the grace and idle periods are measured on. */
  readonly clock: PollClock;
}

interface TakenFile {
  readonly sha256: string;
  readonly stamp: FileStamp;
  readonly origins: Set<string>;
  readonly acknowledged: Set<string>;
}

export const REJECTED = 'rejected';
const FAILURES_BEFORE_GONE = 3;
/** How many incomplete-file grace periods an empty file is given before it is rejected. */
const EMPTY_GRACE_PERIODS = 6;

export class FolderScanJob implements ScanJob {
  readonly events: AsyncIterable<ScanEvent>;
  readonly #o: FolderJobOptions;
  readonly #channel = new EventChannel<ScanEvent>();
  readonly #tracker = new StabilityTracker();
  /** Taken in this job and not yet acknowledged, by file name. */
  readonly #taken = new Map<string, TakenFile>();
  readonly #originToName = new Map<string, string>();
  /** Stable files not yet taken (locked, or not yet a whole image), with the time we started waiting. */
  readonly #waiting = new Map<string, number>();
  /** Copies of a file taken in this job and not yet stored, already reported (reported once). */
  readonly #heldCopies = new Set<string>();
  /** Empty files, with the time they were first seen empty (see #rejectLastingEmptyFiles). */
  readonly #emptySince = new Map<string, number>();
  #lock: Promise<unknown> = Promise.resolve();
  #cancelTimer: (() => void) | undefined;
  #index = 0;
  #lastActivity: number;
  #failures = 0;
  #stopped = false;

  constructor(options: FolderJobOptions) {
    this.#o = options;
    this.#lastActivity = options.clock.now();
    this.events = this.#events();
    this.#schedule(0);
  }

  /** Poll passes and acknowledgements run one at a time, so a file is never moved mid-take. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#lock.then(work);
    this.#lock = next.catch(() => undefined);
    return next;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#cancelTimer = this.#o.clock.after(ms, () =>
      this.#exclusive(() => this.#poll()).then(
        () => {
          this.#schedule(this.#o.pollIntervalMs);
        },
        (error: unknown) => {
          this.#stop();
          this.#channel.fail(asScanError(error, 'IO_ERROR'));
        },
      ),
    );
  }

  #isStopped(): boolean {
    return this.#stopped;
  }

  #stop(): void {
    this.#stopped = true;
    this.#cancelTimer?.();
  }

  #queuedPages(): number {
    return this.#channel.queued.filter((e) => e.type === 'page').length;
  }

  #progress(message: string): void {
    this.#channel.push({ type: 'progress', pagesScanned: this.#index, message });
  }

  /** A file (or page of one) that will not become a page; its message names the file. */
  #pageError(error: ScanError): void {
    this.#index++;
    this.#channel.push({ type: 'page-error', index: this.#index, error });
  }

  async #poll(): Promise<void> {
    if (this.#stopped) return;
    let listing: Map<string, FileStamp>;
    try {
      listing = await listCandidates(this.#o.folder);
      this.#failures = 0;
    } catch (error) {
      if (++this.#failures < FAILURES_BEFORE_GONE) return; // a network share may blink
      throw scanFailure('DEVICE_GONE', `the hot folder ${this.#o.folder} cannot be read: ${String(error)}`);
    }
    for (const name of [...this.#waiting.keys()]) {
      if (!listing.has(name)) {
        this.#waiting.delete(name);
        this.#pageError(
          scanFailure('IO_ERROR', `${name} vanished from the hot folder before it could be taken`),
        );
      }
    }
    await this.#rejectLastingEmptyFiles(listing);
    for (const name of this.#tracker.update(listing)) {
      if (this.#isStopped() || this.#queuedPages() >= this.#o.maxQueuedPages) break; // cancel may land mid-pass
      if (this.#taken.has(name)) continue;
      await this.#tryTake(name);
    }
    const idleFor = this.#o.clock.now() - this.#lastActivity;
    // A copy held for a scan still being stored does not keep the batch open: it waits for the next.
    const pending = [...listing.keys()].some((n) => !this.#taken.has(n) && !this.#heldCopies.has(n));
    if (this.#o.stopWhenIdleMs !== undefined && !pending && idleFor >= this.#o.stopWhenIdleMs) {
      this.#stop();
      this.#channel.end();
    }
  }

  /**
   * An empty file is never "stable" (a writer may not have started), so without this one left by a
   * capture program that died before writing kept a batch that ends when idle open for ever, and
   * nobody was told. Empty for six grace periods (a minute by default: some capture programs create
   * the file when the scan starts and write it when the page is done): a page error, and the file
   * goes to rejected/. Not journalled by hash: every empty file has the same one.
   */
  async #rejectLastingEmptyFiles(listing: ReadonlyMap<string, FileStamp>): Promise<void> {
    const now = this.#o.clock.now();
    for (const [name, stamp] of listing) {
      if (stamp.size > 0 || this.#taken.has(name)) {
        this.#emptySince.delete(name);
        continue;
      }
      const since = this.#emptySince.get(name);
      if (since === undefined) {
        this.#emptySince.set(name, now);
      } else if (now - since >= EMPTY_GRACE_PERIODS * this.#o.incompleteGraceMs) {
        this.#emptySince.delete(name);
        this.#tracker.forget(name);
        const where = await moveAside(this.#o.folder, name, REJECTED);
        this.#pageError(
          scanFailure('CORRUPT_IMAGE', `${name} is empty: nothing was written to it. Moved to ${where}.`),
        );
      }
    }
    for (const name of [...this.#emptySince.keys()]) if (!listing.has(name)) this.#emptySince.delete(name);
  }

  async #tryTake(name: string): Promise<void> {
    const path = join(this.#o.folder, name);
    const read = await readWhole(path);
    if (read.kind === 'locked') {
      if (!this.#waiting.has(name)) this.#waiting.set(name, this.#o.clock.now());
      return;
    }
    if (read.kind === 'vanished') {
      if (this.#waiting.delete(name))
        this.#pageError(scanFailure('IO_ERROR', `${name} vanished before it could be read`));
      this.#tracker.forget(name);
      return;
    }
    this.#lastActivity = this.#o.clock.now();
    const hash = sha256(read.bytes);
    if (await this.#alreadyTaken(name, hash, read.stamp)) return;
    let info: ImageInfo;
    try {
      info = inspectImage(read.bytes, name);
    } catch (error) {
      const problem = asScanError(error, 'CORRUPT_IMAGE');
      const since = this.#waiting.get(name);
      if (
        problem.code === 'CORRUPT_IMAGE' &&
        (since === undefined || this.#o.clock.now() - since < this.#o.incompleteGraceMs)
      ) {
        // Maybe the writer only paused: give it time before calling the file damaged.
        if (since === undefined) {
          this.#waiting.set(name, this.#o.clock.now());
          this.#progress(`Waiting for ${name} to be complete`);
        }
        return;
      }
      this.#waiting.delete(name);
      await this.#reject(name, hash, problem);
      return;
    }
    this.#waiting.delete(name);
    await this.#deliver(name, path, hash, read.bytes, read.stamp, info);
  }

  /**
   * True when this content was taken before, so it is not delivered again: a copy of a stored scan
   * is removed; a copy of a scan still being stored waits in place (removed once that one is stored,
   * taken after all if that batch ends without storing it); a copy of a file that could not be read
   * joins it in rejected/.
   */
  async #alreadyTaken(name: string, hash: string, stamp: FileStamp): Promise<boolean> {
    const inThisJob = [...this.#taken.entries()].find(([, f]) => f.sha256 === hash);
    const record = await this.#o.journal.get(hash);
    if (inThisJob === undefined && (record === undefined || record.state === 'taken')) return false;
    this.#waiting.delete(name);
    if (record?.state === 'stored') {
      this.#tracker.forget(name);
      this.#heldCopies.delete(name);
      const removed = await removeIfUnchanged(this.#o.folder, name, stamp);
      // Same name: stored before a restart, and the removal did not happen then: finish it.
      const what =
        record.name === name
          ? `${name} was already stored`
          : `${name} is the same scan as ${record.name}, already stored`;
      this.#progress(`${what}; ${removed ? 'removed from the hot folder' : 'not taken again'}`);
      return true;
    }
    if (record?.state === 'rejected') {
      this.#tracker.forget(name);
      const where = await moveAside(this.#o.folder, name, REJECTED);
      this.#progress(
        `${name} is the same file as ${record.name}, which could not be read; moved to ${where}`,
      );
      return true;
    }
    if (!this.#heldCopies.has(name)) {
      this.#heldCopies.add(name);
      this.#progress(
        `${name} is the same scan as ${inThisJob?.[0] ?? '?'}, already taken; not taken again (removed once that one is stored)`,
      );
    }
    return true;
  }

  async #reject(name: string, hash: string, error: ScanError): Promise<void> {
    const where = await moveAside(this.#o.folder, name, REJECTED);
    await this.#o.journal.put({ sha256: hash, name, state: 'rejected', at: new Date().toISOString() });
    this.#pageError(new ScanFailure(error.code, `${error.message} Moved to ${where}.`));
  }

  async #deliver(
    name: string,
    path: string,
    hash: string,
    bytes: Uint8Array,
    stamp: FileStamp,
    info: ImageInfo,
  ): Promise<void> {
    await this.#o.journal.put({
      sha256: hash,
      name,
      size: stamp.size,
      state: 'taken',
      at: new Date().toISOString(),
    });
    const file: TakenFile = { sha256: hash, stamp, origins: new Set(), acknowledged: new Set() };
    this.#taken.set(name, file);
    for (let p = 0; p < info.pageCount; p++) {
      const origin = info.pageCount === 1 ? path : `${path}#page=${p + 1}`;
      let pageBytes: Uint8Array;
      try {
        pageBytes = info.pageCount === 1 || info.tiff === undefined ? bytes : extractTiffPage(info.tiff, p);
      } catch (error) {
        this.#pageError(
          isScanError(error)
            ? error
            : scanFailure('CORRUPT_IMAGE', `${name} page ${p + 1}: ${String(error)}`),
        );
        continue;
      }
      this.#index++;
      file.origins.add(origin);
      this.#originToName.set(origin, name);
      const page = makePage(
        {
          index: this.#index,
          format: info.format,
          bytes: pageBytes,
          origin,
          resolutionDpi: info.dpi ?? this.#o.settings.resolutionDpi,
        },
        this.#o.settings.source,
      );
      this.#channel.push({ type: 'page', page });
    }
    if (file.origins.size === 0) {
      this.#taken.delete(name);
      await this.#reject(name, hash, scanFailure('CORRUPT_IMAGE', `no page of ${name} could be read`));
    }
  }

  /**
   * Records the page as stored; when every page of its file is, the file is removed from the folder
   * (after the journal says 'stored', so a crash in between ends in a removal at the next start,
   * never in the file being taken twice).
   */
  acknowledge(origin: string): Promise<void> {
    return this.#exclusive(async () => {
      const name = this.#originToName.get(origin);
      const file = name === undefined ? undefined : this.#taken.get(name);
      if (name === undefined || file === undefined) {
        throw scanFailure(
          'IO_ERROR',
          `no page "${origin}" is waiting for confirmation in this hot folder batch`,
          'origin',
        );
      }
      file.acknowledged.add(origin);
      if (file.acknowledged.size < file.origins.size) return;
      await this.#o.journal.put({
        sha256: file.sha256,
        name,
        size: file.stamp.size,
        state: 'stored',
        at: new Date().toISOString(),
      });
      this.#taken.delete(name);
      this.#tracker.forget(name);
      // Only the very file we took is removed; a newer file under the same name is a new scan.
      await removeIfUnchanged(this.#o.folder, name, file.stamp);
    });
  }

  async *#events(): AsyncGenerator<ScanEvent> {
    let finished = false;
    try {
      yield* this.#channel;
      finished = true;
    } finally {
      if (!finished) await this.cancel();
    }
  }

  /** Stops watching. Pages already taken are still delivered; unacknowledged files stay in the folder. */
  async cancel(): Promise<void> {
    this.#stop();
    await this.#exclusive(() => Promise.resolve());
    this.#channel.end();
  }
}
