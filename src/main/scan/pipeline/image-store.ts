/**
 * Where processed page images live from the moment a page is processed: keyed by SHA-256, so
 * nothing already scanned depends on the batch finishing. The station keeps them in its encrypted
 * blob store (scans show names and addresses as typed data does); nothing else implements this.
 */
import type { BlobStore } from '../../store';

export interface PageImageStore {
  /** Stores bytes and returns their key (SHA-256, hex). Storing the same bytes twice is harmless. */
  put(bytes: Uint8Array): Promise<string>;
  get(ref: string): Promise<Uint8Array>;
}

/** Page images in the station store's encrypted blob files. */
export class BlobPageImageStore implements PageImageStore {
  constructor(private readonly blobs: BlobStore) {}

  put(bytes: Uint8Array): Promise<string> {
    return Promise.resolve(this.blobs.put(bytes).sha256);
  }

  get(ref: string): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.blobs.get(ref)));
  }
}
