/**
 * Image uploads for the sync worker: one upload per content address at a time (the head of a
 * record's queue joins an upload already running for its document), and uploads started ahead of
 * their turn: while a record's order data is still being created on the registry, its scanned
 * documents can already be on their way. Linking stays with the document's own outbox change, so an
 * order is linked to an image only once the image is complete and the order exists.
 */
import type { RegistryClient } from '../registry-client/registry-client';
import { uploadBlob, type BlobUploadResult } from '../registry-client/tus-upload';
import type { SyncStore } from './sync-store';

export class Uploader {
  private readonly running = new Map<string, Promise<BlobUploadResult>>();

  constructor(
    private readonly store: SyncStore,
    private readonly client: RegistryClient,
    private readonly chunkSize: number,
  ) {}

  get active(): number {
    return this.running.size;
  }

  /** Uploads (or resumes, or joins the upload already running for) the document `sha256`. */
  upload(sha256: string, signal: AbortSignal): Promise<BlobUploadResult> {
    const running = this.running.get(sha256);
    if (running) return running;
    let promise: Promise<BlobUploadResult>;
    try {
      const bytes = this.store.blobs.get(sha256);
      const stored = this.store.sync.uploads.get(sha256);
      promise = uploadBlob(this.client, {
        bytes,
        sha256,
        resumeUploadId: stored?.uploadId ?? null,
        onUploadId: (id) => {
          this.store.sync.uploads.save(sha256, id, bytes.length);
        },
        onProgress: (offset) => {
          this.store.sync.uploads.confirm(sha256, offset);
        },
        chunkSize: this.chunkSize,
        signal,
      });
    } catch (error) {
      promise = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const tracked = promise.finally(() => this.running.delete(sha256));
    this.running.set(sha256, tracked);
    return tracked;
  }

  /**
   * Starts uploads of queued documents ahead of their turn, up to `limit` running uploads in all.
   * Failures are left for the document's own turn (which retries with backoff); `done` is called
   * when one ends, so the worker can look again.
   */
  prefetch(limit: number, signal: AbortSignal, done: () => void): void {
    if (this.running.size >= limit) return;
    for (const pending of this.store.sync.uploads.pending(limit * 4)) {
      if (this.running.size >= limit) return;
      if (this.running.has(pending.sha256)) continue;
      // The registry may hold a document another draft shares: its own turn asks first.
      if (this.store.sync.uploads.shared(pending.sha256, pending.recordId)) continue;
      this.upload(pending.sha256, signal).then(done, done);
    }
  }

  /** Waits for the uploads running now (after an abort they end quickly). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }
}
