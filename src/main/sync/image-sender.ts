/**
 * Sends a scanned document (document.attach) to the registry: the bytes by resumable tus upload
 * (or not at all when the registry already holds them), then the link to the order, which the
 * registry makes only after checking the SHA-256 of what it received. The upload id is stored as
 * soon as the registry creates the upload, so after a crash or a cut the upload resumes where the
 * registry's copy ends instead of starting again.
 */
import type { RegistryClient } from '../registry-client/registry-client';
import { RegistryError } from '../registry-client/errors';
import type { OutboxEntry } from '../store';
import type { DraftRecord } from '../drafts/drafts-repository';
import type { SyncStore } from './sync-store';
import type { SettledRange } from './store/sync-repository';
import { classifyFailure, rangeOf, type Outcome } from './outcome';
import type { Uploader } from './uploader';

interface AttachPayload {
  readonly documentId: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly pageCount: number;
  readonly byteSize: number;
}

/** After this many uploads that arrived damaged, the change is refused rather than retried for ever. */
const MAX_CHECKSUM_FAILURES = 3;

export class ImageSender {
  constructor(
    private readonly store: SyncStore,
    private readonly client: RegistryClient,
    private readonly uploader: Uploader,
  ) {}

  async send(head: OutboxEntry, draft: DraftRecord, signal: AbortSignal): Promise<Outcome> {
    const p = head.payload as AttachPayload;
    const range = rangeOf(head);
    if (draft.registryVersion === null) {
      return {
        kind: 'rejected',
        range,
        problem: {
          code: 'NOT_ON_REGISTRY',
          message: `The scanned document ${p.fileName} cannot be added: the order never reached the registry (its first save was refused). Correct and save the draft, then attach the document again.`,
        },
      };
    }
    try {
      const link = { sha256: p.sha256, fileName: p.fileName, pageCount: p.pageCount };
      const stored = this.store.sync.uploads.get(p.sha256);
      if (stored !== undefined && stored.bytesConfirmed >= stored.byteSize) {
        // Uploaded completely before; only the link (or its answer) was lost. A gone upload is
        // handled in failed(): the registry then holds the bytes already.
        const record = await this.client.linkImage(
          head.recordId,
          { ...link, uploadId: stored.uploadId },
          signal,
        );
        return this.done(range, record, p.sha256);
      }
      // Ask the registry first only when it may hold these bytes (another draft has the same document):
      // for a new scan the question would cost a request for nothing.
      if (
        stored === undefined &&
        this.store.sync.uploads.shared(p.sha256, head.recordId) &&
        (await this.client.blobExists(p.sha256, signal))
      ) {
        const record = await this.client.linkImage(head.recordId, link, signal);
        return this.done(range, record, p.sha256);
      }
      const uploaded = await this.uploader.upload(p.sha256, signal);
      const record = await this.client.linkImage(
        head.recordId,
        { ...link, uploadId: uploaded.uploadId },
        signal,
      );
      return this.done(range, record, p.sha256);
    } catch (error) {
      return this.failed(error, head, range, signal);
    }
  }

  /**
   * Linked. A link does not change the order's version; the record it returns may show a newer
   * version (someone else's change), which is not adopted here (the local data is still the old
   * one): the draft is marked for the next pull to fetch.
   */
  private done(range: SettledRange, record: { readonly version: number }, sha256: string): Outcome {
    const draft = this.store.drafts.get(range.recordId);
    if (draft && record.version > (draft.registryVersion ?? 0))
      this.store.sync.remote.markStale(range.recordId, record.version);
    return { kind: 'acknowledged', range, version: null, status: null, sha256 };
  }

  private async failed(
    error: unknown,
    head: OutboxEntry,
    range: SettledRange,
    signal: AbortSignal,
  ): Promise<Outcome> {
    const p = head.payload as AttachPayload;
    if (!(error instanceof RegistryError)) return classifyFailure(error, range);
    switch (error.code) {
      case 'UPLOAD_NOT_FOUND':
        // The upload is gone: linked already by an attempt whose answer was lost (the registry then
        // holds the bytes), or expired. Either way start from what the registry has.
        this.store.sync.uploads.forget(p.sha256);
        try {
          if (await this.client.blobExists(p.sha256, signal)) {
            const record = await this.client.linkImage(
              head.recordId,
              { sha256: p.sha256, fileName: p.fileName, pageCount: p.pageCount },
              signal,
            );
            return this.done(range, record, p.sha256);
          }
        } catch (inner) {
          return classifyFailure(inner, range);
        }
        return { kind: 'retry', error };
      case 'CHECKSUM_MISMATCH':
        this.store.sync.uploads.forget(p.sha256);
        if (head.attempts + 1 >= MAX_CHECKSUM_FAILURES) return classifyFailure(error, range);
        return { kind: 'retry', error };
      case 'UPLOAD_INCOMPLETE':
        return { kind: 'retry', error };
      default:
        return classifyFailure(error, range);
    }
  }
}
